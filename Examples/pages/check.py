#!/usr/bin/env python3
"""Sanity checker for the labelled extraction corpus in this folder.

For every NN-name/ folder it:
  * parses meta.yml and checks the required keys and the `set` value;
  * decodes page.html with the charset named in meta.yml (labels mapped the way
    browsers do: iso-8859-1 / latin1 / us-ascii decode as windows-1252) and checks
    that the page declares the same charset near its start;
  * flattens the page to its visible text (standard-library html.parser; text in
    <head>, <script>, <style>, <noscript>, <template> is ignored, entities are
    decoded, block-level tags become line breaks, inline tags add nothing) and
    reports every expected.txt line that does not occur in that text, or does
    not occur after the line before it.

Usage: python3 check.py [folder ...]      exit status 1 if anything failed
"""
import codecs, os, re, sys
from html.parser import HTMLParser

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
KEYS = ['headline', 'byline', 'published', 'modified', 'charset', 'layout', 'set']
# WHATWG Encoding Standard: these labels all mean windows-1252 in a browser.
WHATWG_1252 = {'iso-8859-1', 'iso8859-1', 'latin1', 'latin-1', 'l1', 'us-ascii', 'ascii',
               'windows-1252', 'cp1252', 'x-cp1252'}
HIDDEN = {'head', 'script', 'style', 'noscript', 'template', 'title'}
BLOCK = {'address', 'article', 'aside', 'blockquote', 'body', 'br', 'caption', 'dd', 'div', 'dl',
         'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5',
         'h6', 'header', 'hr', 'html', 'iframe', 'img', 'li', 'main', 'nav', 'ol', 'option', 'p',
         'pre', 'section', 'select', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
         'button', 'input', 'textarea', 'center'}
VOID = {'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param',
        'source', 'track', 'wbr'}


class Visible(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.hidden = [], []

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN and tag not in VOID:
            self.hidden.append(tag)
        if tag in BLOCK:
            self.parts.append('\n')

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK:
            self.parts.append('\n')

    def handle_endtag(self, tag):
        if tag in HIDDEN and tag in self.hidden:
            while self.hidden and self.hidden.pop() != tag:
                pass
        if tag in BLOCK:
            self.parts.append('\n')

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def norm(s):
    return re.sub(r'\s+', ' ', s).strip()


def python_codec(label):
    label = label.strip().lower()
    if label in WHATWG_1252:
        return 'cp1252'
    return codecs.lookup(label).name


def declared_charset(raw):
    head = raw[:2048].decode('ascii', 'replace')
    m = re.search(r'''<meta[^>]+charset\s*=\s*["']?([\w-]+)''', head, re.I)
    return m.group(1).lower() if m else None


def check(folder):
    problems = []
    path = os.path.join(HERE, folder)
    for f in ('page.html', 'expected.txt', 'meta.yml'):
        if not os.path.isfile(os.path.join(path, f)):
            return [f'missing {f}']
    with open(os.path.join(path, 'meta.yml'), encoding='utf-8') as f:
        meta = yaml.safe_load(f)
    if not isinstance(meta, dict):
        return ['meta.yml is not a mapping']
    for k in KEYS:
        if k not in meta:
            problems.append(f'meta.yml lacks {k}')
    if meta.get('set') not in ('tune', 'held-out'):
        problems.append(f"meta.yml set is {meta.get('set')!r}")
    raw = open(os.path.join(path, 'page.html'), 'rb').read()
    label = str(meta.get('charset') or 'utf-8')
    codec = python_codec(label)
    bom = raw.startswith(codecs.BOM_UTF8)
    if bom and codec != 'utf-8':
        problems.append('page has a UTF-8 BOM but meta.yml says ' + label)
    declared = declared_charset(raw)
    if declared is None:
        problems.append('page.html declares no charset')
    elif python_codec(declared) != codec:
        problems.append(f'page declares {declared}, meta.yml says {label}')
    try:
        text = raw.decode('utf-8-sig' if codec == 'utf-8' else codec)
    except UnicodeDecodeError as e:
        return problems + [f'cannot decode as {label}: {e}']
    p = Visible()
    p.feed(text)
    p.close()
    visible = norm(''.join(p.parts))
    with open(os.path.join(path, 'expected.txt'), encoding='utf-8') as f:
        lines = f.read().split('\n')
    if lines and lines[-1] == '':
        lines.pop()
    pos = 0  # body lines must also appear in page order
    for n, line in enumerate(lines, 1):
        if line != norm(line) or not line:
            problems.append(f'expected.txt line {n} is empty or has extra whitespace')
        elif line not in visible:
            problems.append(f'expected.txt line {n} not found in page: {line[:80]!r}')
        elif visible.find(line, pos) < 0:
            problems.append(f'expected.txt line {n} found only before line {n - 1}: {line[:80]!r}')
        else:
            pos = visible.find(line, pos) + len(line)
    not_article = 'not an article' in str(meta.get('layout', '')).lower()
    if not lines and not not_article:
        problems.append('expected.txt is empty but layout does not say NOT AN ARTICLE')
    if lines and not_article:
        problems.append('layout says NOT AN ARTICLE but expected.txt has lines')
    if meta.get('headline') and not not_article and norm(str(meta['headline'])) not in visible:
        problems.append('headline not found in visible text')
    return problems


def main(argv):
    folders = argv or sorted(d for d in os.listdir(HERE)
                             if os.path.isdir(os.path.join(HERE, d)) and re.match(r'\d\d-', d))
    failed = 0
    for d in folders:
        probs = check(d)
        print(('FAIL ' if probs else 'ok   ') + d)
        for pr in probs:
            print('     - ' + pr)
        failed += bool(probs)
    print(f'{len(folders) - failed}/{len(folders)} folders pass')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
