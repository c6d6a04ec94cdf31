#!/usr/bin/env python3
"""How closely one batch of `affect4j predict` outputs follows another, frame by frame: the share of frames with the
same label, and the mean total-variation distance between their probabilities (half the sum of absolute
differences; 0 = identical, 1 = disjoint), over frames both label. Each DIR holds one folder per input with its
frames.csv (what `predict A B C --out DIR` writes); folders named hh_* (bench/face-every.sh's hand-held clips) are
also reported apart from the others.
   bench/python/frame-agreement.py REFERENCE_DIR OTHER_DIR [LABEL]"""
import csv
import os
import sys

ref, other = sys.argv[1:3]
label = sys.argv[3] if len(sys.argv) > 3 else os.path.basename(other.rstrip('/'))
groups = {}
for name in sorted(os.listdir(ref)):
    a_path, b_path = os.path.join(ref, name, 'frames.csv'), os.path.join(other, name, 'frames.csv')
    if not os.path.isfile(a_path):
        continue
    if not os.path.isfile(b_path):
        sys.exit(print('%s: no frames.csv for %s' % (other, name)) or 1)
    a, b = (list(csv.DictReader(open(p))) for p in (a_path, b_path))
    if len(a) != len(b):
        sys.exit(print('%s: %d frames against %d' % (name, len(b), len(a))) or 1)
    probs = [k for k in a[0] if k.startswith('p_')]
    g = groups.setdefault('hand-held' if name.startswith('hh_') else 'as filmed', [0, 0, 0.0])
    for x, y in zip(a, b):
        if x[probs[0]] == '' or y[probs[0]] == '':
            continue
        g[0] += 1
        g[1] += x['label'] == y['label']
        g[2] += sum(abs(float(x[k]) - float(y[k])) for k in probs) / 2
total = [sum(g[i] for g in groups.values()) for i in range(3)]
parts = ['%s %d frames: %.1f %% same label, distance %.4f' % (n, g[0], 100 * g[1] / g[0], g[2] / g[0]) for n, g in groups.items()]
print('%-28s all %d frames: %.1f %% same label, mean distance %.4f (%s)' % (
    label, total[0], 100 * total[1] / total[0], total[2] / total[0], '; '.join(parts)))
