#!/usr/bin/env python3
"""Whether two frames.csv files give the same answers (issue 19's rule for a faster build): the same rows, every
label the same and every probability within TOLERANCE (default 1e-4; ONNX Runtime and plain Java round floats
differently). Prints one line saying which; exit status 1 when they are not the same.
   bench/python/same-frames.py BASELINE/frames.csv NEW/frames.csv [TOLERANCE]"""
import csv
import sys

a, b = (list(csv.DictReader(open(p))) for p in sys.argv[1:3])
tolerance = float(sys.argv[3]) if len(sys.argv) > 3 else 1e-4
if len(a) != len(b):
    sys.exit(print('frames.csv DIFFERS: %d rows against %d' % (len(a), len(b))) or 1)
probs = [k for k in a[0] if k.startswith('p_')]
labels = sum(x['label'] != y['label'] for x, y in zip(a, b))
worst, changed = 0.0, 0
for x, y in zip(a, b):
    if (x[probs[0]] == '') != (y[probs[0]] == ''):
        labels += 1
        continue
    if x[probs[0]] == '':
        continue
    d = max(abs(float(x[k]) - float(y[k])) for k in probs)
    worst, changed = max(worst, d), changed + (d > 0)
if labels or worst > tolerance:
    sys.exit(print('frames.csv DIFFERS: %d of %d labels, probabilities up to %.6f apart' % (labels, len(a), worst)) or 1)
print('frames.csv the same: all %d labels equal, %d rows with a probability changed, by at most %.6f' % (len(a), changed, worst))
