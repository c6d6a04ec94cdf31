#!/usr/bin/env bash
# What the default model's video stand-ins cost (issue 19's rule for a deliberately approximate step: the FER2013 and
# RAVDESS figures within 0.005 macro-F1). predict computes video frames' `faceres` with `faceres-int8`
# (ExpressionModel.videoStandIns); pictures keep `faceres`. This runs every FER2013 test picture through predict twice
# in one batch each: with the shipped model as it is (its own nets) and with the shipped model told to read
# `faceres-int8` rows outright (the stand-in applied to every picture), scores both the way bench/predict-accuracy.sh
# does, and fails (exit 1) unless the two macro-F1 are within 0.005. The voice branch has no stand-in, so RAVDESS is
# unchanged by construction. About 10 minutes on 2 cores.
#   bench/standin-accuracy.sh [PER_CLASS (default: all 3,589 pictures)]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${AFFECT4J_DATA:-$root/../shared/data}"
per_class="${1:-100000}"
[ -d "$data/fer2013/test" ] || { echo "FER2013 not found under $data (set AFFECT4J_DATA)" >&2; exit 3; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
shipped="$root/affect4j-predict/src/main/resources/org/affect4j/predict/default-model.json"
python3 - "$shipped" "$work/int8-model.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
f = m['visual']['features']
assert 'faceres' in f, f
m['visual']['features'] = ['faceres-int8' if x == 'faceres' else x for x in f]
json.dump(m, open(sys.argv[2], 'w'))
PY
own=$(BATCH=1 "$root/bench/predict-accuracy.sh" fer "$per_class" default 2>/dev/null | tail -n 1)
int8=$(BATCH=1 "$root/bench/predict-accuracy.sh" fer "$per_class" "$work/int8-model.json" 2>/dev/null | tail -n 1)
echo "own nets:            $own"
echo "faceres-int8 rows:   $int8"
python3 "$root/bench/python/f1-within.py" "$own" "$int8"
