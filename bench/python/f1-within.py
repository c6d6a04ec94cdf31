"""Two score lines of bench/predict-accuracy.sh (BEFORE, AFTER): prints the macro-F1 difference and exits 1 when it
is beyond LIMIT (default 0.005, issue 19's allowance for a deliberately approximate step)."""
import re
import sys

before, after = (float(re.search(r'macro-F1 ([0-9.]+)', s).group(1)) for s in sys.argv[1:3])
limit = float(sys.argv[3]) if len(sys.argv) > 3 else 0.005
print('difference %+.4f (allowed: %g)' % (after - before, limit))
sys.exit(0 if abs(after - before) <= limit else 1)
