#!/usr/bin/env python3
"""How closely one batch of `affect4j predict` outputs follows another, frame by frame: the share of frames with the
same label, and the mean total-variation distance between their probabilities (half the sum of absolute
differences; 0 = identical, 1 = disjoint), over frames both label. Each DIR holds one folder per input with its
frames.csv (what `predict A B C --out DIR` writes); folders named hh_* (bench/face-every.sh's hand-held clips) are
also reported apart from the others. With --not-below SHARE,DISTANCE (e.g. another build's figures) it fails
(exit 1) when OTHER keeps more than one point fewer labels or its distance is more than 0.005 larger.
   bench/python/frame-agreement.py REFERENCE_DIR OTHER_DIR [LABEL] [--not-below SHARE,DISTANCE] [--numbers FILE]"""
import csv
import os
import sys

args = sys.argv[1:]
options = {}
for flag in ('--not-below', '--numbers'):
    if flag in args:
        i = args.index(flag)
        options[flag] = args[i + 1]
        del args[i:i + 2]
ref, other = args[:2]
label = args[2] if len(args) > 2 else os.path.basename(other.rstrip('/'))
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
share, distance = 100 * total[1] / total[0], total[2] / total[0]
if '--numbers' in options:
    with open(options['--numbers'], 'w') as f:
        f.write('%.4f,%.6f\n' % (share, distance))
if '--not-below' in options:
    base_share, base_distance = (float(v) for v in options['--not-below'].split(','))
    if share < base_share - 1.0 or distance > base_distance + 0.005:
        sys.exit(print('FAILS: %.1f %% same label and distance %.4f against %.1f %% and %.4f (allowed: 1 point, 0.005)' % (
            share, distance, base_share, base_distance)) or 1)
    print('holds: within 1 point and 0.005 of %.1f %% / %.4f' % (base_share, base_distance))
