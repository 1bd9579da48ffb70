#!/usr/bin/env python3
"""The imports of src/ drawn as module -> module edges (`crate::`, `super::`, `self::` paths and
the names `use` brings in), and a failure when they hold a circle or an arrow from the core
back up into the daemon. `.ci/run` runs it: imports point down.

    python3 contrib/imports.py [REPO]
"""
import collections
import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..')
files = {}
for d, _, fs in os.walk(os.path.join(root, 'src')):
    for f in fs:
        if f.endswith('.rs'):
            p = os.path.join(d, f)
            rel = os.path.relpath(p, os.path.join(root, 'src'))[:-3]
            parts = rel.split('/')
            if parts[-1] in ('mod', 'lib', 'main'):
                parts = parts[:-1]
            files['::'.join(parts)] = p
mods = set(files)
def resolve(cur, path):
    segs = path.split('::')
    if segs[0] == 'crate':
        base = []
        segs = segs[1:]
    elif segs[0] in ('super', 'self'):
        base = cur.split('::') if cur else []
        while segs and segs[0] == 'super':
            base = base[:-1]; segs = segs[1:]
        if segs and segs[0] == 'self':
            segs = segs[1:]
    else:
        return None
    best = None
    for i in range(len(segs), -1, -1):
        m = '::'.join(base + segs[:i])
        if m in mods:
            best = m; break
    return best
edges = set()
for m, p in files.items():
    src = open(p).read()
    src = re.sub(r'#\[cfg\(test\)\]\s*mod tests\s*\{.*', '', src, flags=re.S)
    for mt in re.finditer(r'\b((?:crate|super|self)(?:::[A-Za-z_][A-Za-z0-9_]*)+)', src):
        t = resolve(m, mt.group(1))
        if t is not None and t != m and not m.startswith(t + '::') and t != '':
            edges.add((m, t))
        # braces: use super::{a, b}
    for mt in re.finditer(r'\b((?:crate|super)(?:::[A-Za-z_][A-Za-z0-9_]*)*)::\{([^}]*)\}', src):
        for item in mt.group(2).split(','):
            item = item.strip().split(' ')[0].split('::')[0]
            if not item or item == 'self': continue
            t = resolve(m, mt.group(1) + '::' + item)
            if t is not None and t != m and not m.startswith(t + '::') and t != '':
                edges.add((m, t))
    # names brought in by `use` (a module alias): their paths count too
    aliases = {}
    for mt in re.finditer(r'use\s+((?:crate|super|self)(?:::[A-Za-z_][A-Za-z0-9_]*)*)(?:::\{([^}]*)\})?\s*;', src):
        base = mt.group(1)
        names = [base.split('::')[-1]] if mt.group(2) is None else [x.strip().split(' ')[0] for x in mt.group(2).split(',')]
        for n in names:
            if not n or n == 'self': continue
            full = base if mt.group(2) is None else base + '::' + n
            aliases[n.split('::')[0]] = full if mt.group(2) is None else base + '::' + n.split('::')[0]
    for n, full in aliases.items():
        for mt in re.finditer(r'(?<![:\w])' + re.escape(n) + r'((?:::[A-Za-z_][A-Za-z0-9_]*)+)', src):
            t = resolve(m, full + mt.group(1))
            if t is not None and t != m and not m.startswith(t + '::') and t != '':
                edges.add((m, t))
# cycles between files (2-cycles and longer via SCC)
g = collections.defaultdict(set)
for a, b in edges: g[a].add(b)
index = {}; low = {}; st = []; on = set(); sccs = []; i = [0]
sys.setrecursionlimit(10000)
def sc(v):
    index[v] = low[v] = i[0]; i[0] += 1; st.append(v); on.add(v)
    for w in g[v]:
        if w not in index: sc(w); low[v] = min(low[v], low[w])
        elif w in on: low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = st.pop(); on.discard(w); comp.append(w)
            if w == v: break
        if len(comp) > 1: sccs.append(comp)
for v in list(mods):
    if v not in index: sc(v)
up = sorted((a, b) for a, b in edges if a.startswith('core') and b.startswith('daemon'))
print(f"imports: {len(edges)} edges between {len(mods)} modules, {len(sccs)} circles, {len(up)} arrows from core up to daemon")
for c in sccs:
    print("  circle:", " <-> ".join(sorted(c)))
for a, b in up:
    print(f"  up: {a} -> {b}")
sys.exit(1 if sccs or up else 0)
