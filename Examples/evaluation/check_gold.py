#!/usr/bin/env python3
"""Sanity checks for the hand-made gold alignments in Examples/evaluation.

Usage: python3 check_gold.py [DIR ...]   (default: every NN-* folder next to this script)

For each pair folder (a.txt, b.txt, gold.yml) it checks that:
  * every fragment (in pairs and in kinds) occurs exactly once in its text,
    lies inside one sentence, and is 3-8 words long (a shorter sentence
    is named by its whole text);
  * every sentence of A and of B is named by exactly one pair;
  * relations are consistent (identical = same text, reworded = no changes,
    changed = at least one change, added/removed = one side empty);
  * every change has a known type, and its non-empty from/to occurs in the
    A-side/B-side sentences of that pair;
  * boilerplate/credit kinds are set on added/removed pairs as expected.
It then prints counts of change types, relations and kinds across the set.

The sentence splitter here is a simple reference one (blank lines separate
paragraphs; the first line is the headline; a sentence ends at . ! or ?,
optionally followed by a closing quote, then whitespace and an upper-case
letter, digit or opening quote). The texts avoid abbreviations on purpose so
that any reasonable splitter agrees with it.
"""
import os
import re
import sys
from collections import Counter

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
TYPES = {"quantity", "hedge", "attribution", "certainty", "entity", "detail"}
RELATIONS = {"identical", "reworded", "changed", "added", "removed"}
PAIR_KINDS = {"boilerplate", "credit"}
SENT_KINDS = {"headline", "dateline", "credit", "boilerplate"}
PAIR_SET_KINDS = {"rewrite", "update", "partial", "reordered", "unrelated"}
SPLIT = re.compile(r'(?<=[.!?])(["\u201d\u2019]?)\s+(?=["\u201c]?[A-Z0-9])')


def sentences(text):
    out = []  # (start, end, text)
    pos = 0
    for para in re.split(r"\n\s*\n", text):
        start = text.index(para, pos)
        pos = start + len(para)
        if not para.strip():
            continue
        cur = start
        for m in SPLIT.finditer(para):
            end = start + m.start() + len(m.group(1))
            out.append((cur, end, text[cur:end].strip()))
            cur = start + m.end()
        out.append((cur, start + len(para), text[cur:start + len(para)].strip()))
    return [s for s in out if s[2]]


class Side:
    def __init__(self, path):
        self.path = path
        with open(path, encoding="utf-8") as f:
            self.text = f.read()
        self.sents = sentences(self.text)

    def locate(self, frag, errors, where):
        n = self.text.count(frag)
        if n != 1:
            errors.append(f"{where}: fragment {frag!r} occurs {n} times in {os.path.basename(self.path)}")
            return None
        i = self.text.index(frag)
        for k, (s, e, _) in enumerate(self.sents):
            if s <= i and i + len(frag) <= e:
                w = len(frag.split())
                whole = frag.strip() == self.sents[k][2]
                if not (3 <= w <= 8 or (w < 3 and whole)):
                    errors.append(f"{where}: fragment {frag!r} has {w} words (want 3-8, or the whole sentence)")
                return k
        errors.append(f"{where}: fragment {frag!r} spans a sentence/paragraph boundary")
        return None


def check(folder, totals):
    errors, warnings = [], []
    name = os.path.basename(folder.rstrip("/"))
    a = Side(os.path.join(folder, "a.txt"))
    b = Side(os.path.join(folder, "b.txt"))
    with open(os.path.join(folder, "gold.yml"), encoding="utf-8") as f:
        gold = yaml.safe_load(f)
    if gold.get("kind") not in PAIR_SET_KINDS:
        errors.append(f"kind {gold.get('kind')!r} unknown")
    if not gold.get("description"):
        errors.append("missing description")
    for side in (a, b):
        w = len(side.text.split())
        if not 200 <= w <= 650:
            warnings.append(f"{os.path.basename(side.path)} has {w} words")

    used = {"a": Counter(), "b": Counter()}
    kinds = {"a": {}, "b": {}}
    for label, side in (("a", a), ("b", b)):
        for frag, kind in ((gold.get("kinds") or {}).get(label) or {}).items():
            if kind not in SENT_KINDS:
                errors.append(f"kinds.{label}: {kind!r} unknown")
            k = side.locate(frag, errors, f"kinds.{label}")
            if k is not None:
                kinds[label][k] = kind
        if kinds[label].get(0) != "headline":
            warnings.append(f"first line of {label} is not marked as headline")

    for n, p in enumerate(gold.get("pairs") or []):
        where = f"pair {n + 1}"
        idx = {}
        for label, side in (("a", a), ("b", b)):
            idx[label] = []
            for frag in p.get(label) or []:
                k = side.locate(frag, errors, f"{where}.{label}")
                if k is not None:
                    idx[label].append(k)
                    used[label][k] += 1
        rel = p.get("relation")
        changes = p.get("changes") or []
        totals["relation"][rel] += 1
        if rel not in RELATIONS:
            errors.append(f"{where}: relation {rel!r} unknown")
        if rel == "added" and (idx["a"] or not idx["b"]):
            errors.append(f"{where}: added pair must have empty a and non-empty b")
        if rel == "removed" and (idx["b"] or not idx["a"]):
            errors.append(f"{where}: removed pair must have non-empty a and empty b")
        if rel in ("identical", "reworded", "changed") and not (idx["a"] and idx["b"]):
            errors.append(f"{where}: {rel} pair needs sentences on both sides")
        if rel == "identical":
            ta = " ".join(a.sents[k][2] for k in idx["a"])
            tb = " ".join(b.sents[k][2] for k in idx["b"])
            if ta != tb:
                errors.append(f"{where}: identical but texts differ:\n   A: {ta}\n   B: {tb}")
        if rel in ("identical", "reworded", "added", "removed") and changes:
            errors.append(f"{where}: {rel} pair must have no changes")
        if rel == "changed" and not changes:
            errors.append(f"{where}: changed pair without changes")
        if rel in ("reworded", "changed"):
            ta = " ".join(a.sents[k][2] for k in idx["a"])
            tb = " ".join(b.sents[k][2] for k in idx["b"])
            if ta == tb:
                errors.append(f"{where}: {rel} but texts are identical")
        if len(idx["a"]) > 1 or len(idx["b"]) > 1:
            totals["split/merge"][f"{len(idx['a'])}:{len(idx['b'])}"] += 1
        pk = p.get("kind")
        if pk is not None:
            if pk not in PAIR_KINDS or rel not in ("added", "removed"):
                errors.append(f"{where}: kind {pk!r} only allowed on added/removed boilerplate/credit")
            totals["pair kind"][f"{rel} {pk}"] += 1
        if rel in ("added", "removed"):
            label = "b" if rel == "added" else "a"
            sk = {kinds[label].get(k) for k in idx[label]}
            want = sk & PAIR_KINDS
            if want and pk not in want:
                errors.append(f"{where}: {rel} {label}-sentence is {want} in kinds but pair kind is {pk!r}")
            if pk and pk not in sk:
                errors.append(f"{where}: pair kind {pk!r} but sentence not marked {pk} in kinds")
        ta = " ".join(a.sents[k][2] for k in idx["a"])
        tb = " ".join(b.sents[k][2] for k in idx["b"])
        for c in changes:
            t = c.get("type")
            if t not in TYPES:
                errors.append(f"{where}: change type {t!r} unknown")
            totals["change"][t] += 1
            totals["per pair"][(name, t)] += 1
            fr, to = c.get("from", ""), c.get("to", "")
            if fr is None or to is None:
                errors.append(f"{where}: from/to must be strings (use \"\")")
                continue
            if not fr and not to:
                errors.append(f"{where}: change with empty from and to")
            if fr and fr not in ta:
                errors.append(f"{where}: change from {fr!r} not in A sentences")
            if to and to not in tb:
                errors.append(f"{where}: change to {to!r} not in B sentences")
            for s in (fr, to):
                if s and len(s.split()) > 6:
                    warnings.append(f"{where}: change phrase {s!r} longer than 6 words")

    for label, side in (("a", a), ("b", b)):
        for k, (_, _, s) in enumerate(side.sents):
            if used[label][k] != 1:
                errors.append(f"{label} sentence {k} used {used[label][k]} times: {s[:70]!r}")
    for label in ("a", "b"):
        for k, kd in kinds[label].items():
            totals["sentence kind"][kd] += 1
    totals["sentences"]["a"] += len(a.sents)
    totals["sentences"]["b"] += len(b.sents)
    return name, len(a.sents), len(b.sents), errors, warnings


def main():
    dirs = sys.argv[1:] or sorted(
        os.path.join(HERE, d) for d in os.listdir(HERE)
        if os.path.isfile(os.path.join(HERE, d, "gold.yml")))
    totals = {k: Counter() for k in ("change", "relation", "pair kind", "sentence kind",
                                     "split/merge", "sentences", "per pair")}
    bad = 0
    for d in dirs:
        name, na, nb, errors, warnings = check(d, totals)
        status = "ok" if not errors else f"{len(errors)} error(s)"
        print(f"{name}: {na} / {nb} sentences, {status}")
        for e in errors:
            print("  ERROR", e)
        for w in warnings:
            print("  warn ", w)
        bad += bool(errors)
    ferry = os.path.join(HERE, "..", "ferry")
    for pair, fa, fb in (("01-ferry-rewrite", "wire-v1.txt", "rewrite.txt"),
                         ("02-ferry-update", "wire-v1.txt", "wire-v2.txt")):
        for mine, theirs in (("a.txt", fa), ("b.txt", fb)):
            p, q = os.path.join(HERE, pair, mine), os.path.join(ferry, theirs)
            if os.path.exists(p) and os.path.exists(q) and open(p, "rb").read() != open(q, "rb").read():
                print(f"ERROR {pair}/{mine} differs from ferry/{theirs}")
                bad += 1
    print()
    for key in ("change", "relation", "pair kind", "sentence kind", "split/merge", "sentences"):
        print(f"{key}: " + ", ".join(f"{k}={v}" for k, v in sorted(totals[key].items(), key=str)))
    print("\nchange types per pair:")
    names = sorted({n for n, _ in totals["per pair"]})
    for n in names:
        print(f"  {n}: " + ", ".join(f"{t}={totals['per pair'][(n, t)]}" for t in sorted(TYPES)
                                    if totals["per pair"][(n, t)]))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
