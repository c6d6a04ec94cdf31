#!/usr/bin/env bash
# Start-up of `affect4j predict` on the example clip (issue 19: < 2 s wall), as CPU-seconds (user + system, what a
# loaded machine cannot inflate much) beside the load average, and wall seconds. With a baseline (a kept copy of an
# earlier build's affect4j-cli/target, run as it was: no class-data archive, no unpacked natives), runs alternate
# between the two and the script checks their frames.csv give the same answers (bench/python/same-frames.py: every
# label equal, probabilities within 1e-4).
# With BASELINE_LAUNCHER too (that build's launcher script, e.g. `git show REV:affect4j` saved beside this one), the
# baseline runs as that launcher runs it, class-data archive included.
# With AFFECT4J_PHASES=1 every run of this build also prints its start-up breakdown (-Daffect4j.phases=true).
#   bench/startup.sh [RUNS] [BASELINE_CLI_TARGET [BASELINE_LAUNCHER]]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
base="${2:-}"
base_launcher="${3:-}"
work="${AFFECT4J_BENCH_DIR:-/tmp/affect4j-bench}/startup"
mkdir -p "$work"
clip="$root/examples/1001_DFA_ANG_XX.flv"
phases=""
[ "${AFFECT4J_PHASES:-0}" = 1 ] && phases="-Daffect4j.phases=true"
# the first predict of a build writes the class-data archive (a slower run): not measured
JAVA_OPTS="$phases" "$root/affect4j" predict "$clip" --out "$work/warm" >/dev/null 2>&1
[ -n "$base_launcher" ] && AFFECT4J_CLI_TARGET="$base" "$base_launcher" predict "$clip" --out "$work/warm-baseline" >/dev/null 2>&1
one() { # label, launcher, then the environment to run with
  local label="$1" launcher="$2"; shift 2
  env "$@" /usr/bin/time -f "%e %U %S" -o "$work/time.txt" "$launcher" predict "$clip" --out "$work/$label" \
    >/dev/null 2>"$work/stderr.txt"
  read -r w u s < "$work/time.txt"
  python3 -c "print('%-9s %5.2f s wall, %5.2f CPU-s (user %s, sys %s), load %s' % ('$label', $w, $u + $s, '$u', '$s', '$(cut -d' ' -f1 /proc/loadavg)'))"
  grep 'affect4j: phase' "$work/stderr.txt" || true
}
for _ in $(seq "$runs"); do
  if [ -n "$base_launcher" ]; then
    one baseline "$base_launcher" AFFECT4J_CLI_TARGET="$base"
  elif [ -n "$base" ]; then
    one baseline "$root/affect4j" AFFECT4J_CLI_TARGET="$base" AFFECT4J_CDS=0
  fi
  one this "$root/affect4j" AFFECT4J_CDS=1 JAVA_OPTS="$phases"
done
if [ -n "$base" ]; then
  python3 "$root/bench/python/same-frames.py" "$work/baseline/frames.csv" "$work/this/frames.csv"
fi
