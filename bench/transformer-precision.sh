#!/usr/bin/env bash
# Transformer runs at --precision bfloat16 and int8 against float32, through the command a researcher types (issue
# 19's allowance for a deliberately approximate step: macro-F1 within 0.005). For every run it runs
#   affect4j evaluate --run RUN [--items ITEMS] --precision float32 --json   (the network as trained, DJL)
#   affect4j evaluate --run RUN [--items ITEMS] --precision bfloat16 --json  (DJL, bfloat16 products on AMX / BF16)
#   affect4j evaluate --run RUN [--items ITEMS] --precision int8 --json      (ONNX Runtime, 8-bit products)
# and prints macro-F1, accuracy, wall and CPU seconds of each (JVM start included), and each difference to float32;
# exits 1 when any run's macro-F1 moves by more than LIMIT.
# Usage: bench/transformer-precision.sh RUN [RUN ...]
# Environment: BENCH_ITEMS (labelled items to score, default each run's validation list), LIMIT (default 0.005).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -ge 1 ] || { echo "usage: bench/transformer-precision.sh RUN [RUN ...]" >&2; exit 2; }
items=()
[ -n "${BENCH_ITEMS:-}" ] && items=(--items "$BENCH_ITEMS")
"$root/affect4j" --version > /dev/null # builds on first use
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
failed=0
printf '%-40s %-8s %9s %9s %8s %8s\n' run precision macro-F1 accuracy wall-s cpu-s
for run in "$@"; do
  for p in float32 bfloat16 int8; do
    /usr/bin/time -f '%e %U %S' -o "$tmp/time" "$root/affect4j" evaluate --run "$run" "${items[@]}" --precision $p --json \
        > "$tmp/$p.json"
    read -r wall user sys < "$tmp/time"
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("%-40s %-8s %9.4f %9.4f %8.2f %8.2f" % (sys.argv[2][-40:], sys.argv[3], d["macro_f1"], d["accuracy"], float(sys.argv[4]), float(sys.argv[5]) + float(sys.argv[6])))' \
        "$tmp/$p.json" "$run" $p "$wall" "$user" "$sys"
  done
  f1() { python3 -c 'import json,sys; print("macro-F1 %.6f" % json.load(open(sys.argv[1]))["macro_f1"])' "$1"; }
  for p in bfloat16 int8; do
    printf '  %s against float32: ' $p
    python3 "$root/bench/python/f1-within.py" "$(f1 "$tmp/float32.json")" "$(f1 "$tmp/$p.json")" "${LIMIT:-0.005}" || failed=1
  done
done
exit $failed
