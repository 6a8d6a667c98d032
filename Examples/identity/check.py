#!/usr/bin/env python3
"""Consistency check for Examples/identity (python3 + PyYAML). Exits non-zero on an error."""
import collections, os, re, sys
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
SLOTS = {"place", "person", "organisation", "date", "round", "actor", "action", "figure", "object", "outcome"}
errors = []

def err(msg):
    errors.append(msg)

# ---- pairs.yml -------------------------------------------------------------
pairs = yaml.safe_load(open(os.path.join(HERE, "pairs.yml"), encoding="utf-8"))
seen = set()
slot_count = collections.Counter()
cells = collections.Counter()
for p in pairs:
    pid = p.get("id")
    if set(p) != {"id", "a", "b", "same", "reason", "set"}:
        err(f"{pid}: fields {sorted(p)}")
    if pid in seen:
        err(f"{pid}: duplicate id")
    seen.add(pid)
    if not isinstance(p.get("same"), bool):
        err(f"{pid}: same must be true or false")
    if p.get("set") not in ("tune", "held-out"):
        err(f"{pid}: set must be tune or held-out")
    if p.get("a") == p.get("b"):
        err(f"{pid}: a and b are identical")
    cells[(p.get("same"), p.get("set"))] += 1
    reason = p.get("reason", "")
    if p.get("same") is False:
        m = re.match(r"slot: ([a-z]+(?:, [a-z]+)*);", reason)
        if not m:
            err(f"{pid}: a false pair's reason must start with 'slot: <name>;'")
            continue
        for s in m.group(1).split(", "):
            if s not in SLOTS:
                err(f"{pid}: unknown slot {s}")
            slot_count[s] += 1
    elif reason.startswith("slot:"):
        err(f"{pid}: a true pair's reason must not start with 'slot:'")

n = len(pairs)
same = sum(1 for p in pairs if p.get("same") is True)
held = sum(1 for p in pairs if p.get("set") == "held-out")
if same * 2 != n:
    err(f"pairs are not half same / half different: {same} of {n}")
print(f"pairs: {n} (same {same}, different {n - same}); tune {n - held}, held-out {held} ({100 * held / n:.0f}%)")
print("  same/tune {} same/held-out {} different/tune {} different/held-out {}".format(
    cells[(True, "tune")], cells[(True, "held-out")], cells[(False, "tune")], cells[(False, "held-out")]))
print("  slots: " + ", ".join(f"{s} {slot_count[s]}" for s in sorted(SLOTS)))

# ---- articles/cases.yml ----------------------------------------------------
ARTS = os.path.join(HERE, "articles")
cases = yaml.safe_load(open(os.path.join(ARTS, "cases.yml"), encoding="utf-8"))

def sentences(text):
    out = []
    for para in re.split(r"\n\s*\n", text.strip()):
        para = " ".join(para.split())
        out += [s for s in re.split(r"(?<=[.?!])\s+", para) if s]
    return out

def resolve(folder, fname, frag, where):
    path = os.path.join(ARTS, folder, fname)
    text = " ".join(open(path, encoding="utf-8").read().split())
    if text.count(frag) != 1:
        err(f"{where}: fragment {frag!r} occurs {text.count(frag)} times in {fname}")
        return None
    for s in sentences(open(path, encoding="utf-8").read()):
        if frag in s:
            return s
    err(f"{where}: fragment {frag!r} spans a sentence boundary in {fname}")
    return None

for c in cases:
    cid = c["id"]
    src, oth = c["files"]["source"], c["files"]["other"]
    covered = {src: set(), oth: set()}
    for fname, kinds in (c.get("not_claims") or {}).items():
        for frag in kinds:
            s = resolve(cid, fname, frag, cid)
            if s: covered[fname].add(s)
    n_links = 0
    if c["links"] == "twins":
        for frag in c["claims"] + c.get("claim_or_context", []):
            s = resolve(cid, src, frag, cid)
            if s: covered[src].add(s)
        n_links = len(c["claims"])
    else:
        ka, kb = os.path.splitext(src)[0], os.path.splitext(oth)[0]
        for link in c["links"]:
            s = resolve(cid, src, link[ka], cid)
            if s: covered[src].add(s)
            for frag in link[kb]:
                t = resolve(cid, oth, frag, cid)
                if t: covered[oth].add(t)
                n_links += 1
        for fname, frags in (c.get("unlinked") or {}).items():
            for frag in frags:
                s = resolve(cid, fname, frag, cid)
                if s: covered[fname].add(s)
        for t in c.get("traps", []):
            for key, val in t.items():
                if key in ("a", "b", "v1", "v2"):
                    s = resolve(cid, key + ".txt", val, cid)
                    if s: covered[key + ".txt"].add(s)
                elif key == "looks_like_v1":
                    resolve(cid, "v1.txt", val, cid)
    if n_links != c["expected_links"]:
        err(f"{cid}: expected_links {c['expected_links']} but {n_links} listed")
    for fname in {src, oth}:
        for s in sentences(open(os.path.join(ARTS, cid, fname), encoding="utf-8").read()):
            if s not in covered[fname]:
                err(f"{cid}/{fname}: sentence not covered: {s[:60]!r}")
    print(f"case {cid}: {n_links} expected links")

for e in errors:
    print("ERROR:", e, file=sys.stderr)
sys.exit(1 if errors else 0)
