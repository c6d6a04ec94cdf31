#!/usr/bin/env bash
# End-to-end speed of `affect4j predict` (issue 8): decode, faces, embeddings, audio features, the default model,
# plot and report, in frames per second and as a multiple of real time. JVM start is included in the first
# figure (what a user waits for) and excluded in the second (the chain itself, on a 60 s clip made by looping the
# example). Decode-only speed of the same clip is printed beside it as the reference.
# With a baseline (a kept copy of an earlier build's affect4j-cli/target, and optionally that build's launcher script,
# default this one), each clip runs RUNS times alternating with the baseline, and the script fails unless every
# frames.csv gives the baseline's answers (bench/python/same-frames.py: every label equal, probabilities within 1e-4).
# AFFECT4J_BENCH_ANSWERS=changed times a build whose answers differ from the baseline's on purpose (an approximate
# step, checked by its own bench, e.g. bench/face-every.sh): the runs still alternate, the differences are reported,
# and the script does not fail on them.
#   bench/predict-speed.sh [RUNS] [BASELINE_CLI_TARGET [BASELINE_LAUNCHER]]   (the argument order of bench/startup.sh)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${AFFECT4J_BENCH_DIR:-/tmp/affect4j-bench}"
runs="${1:-1}"
base="${2:-}"
base_launcher="${3:-$root/affect4j}"
mkdir -p "$work"
"$root/affect4j" --version >/dev/null
# the first predict of a build writes the launcher's class-data archive (a slower run): not measured
"$root/affect4j" predict "$root/examples/1001_DFA_HAP_XX.flv" --out "$work/predict-warm" >/dev/null 2>&1
[ -z "$base" ] || AFFECT4J_CLI_TARGET="$base" "$base_launcher" predict "$root/examples/1001_DFA_HAP_XX.flv" \
  --out "$work/predict-warm-baseline" >/dev/null 2>&1
cp="$root/affect4j-cli/target/lib/*"
clip="$root/examples/1001_DFA_HAP_XX.flv"
long="$work/example-60s.mp4"
[ -f "$long" ] || java -cp "$cp" "$root/bench/java/VideoTools.java" loop "$clip" "$long" 60 480 360
measure() { # file label [launcher out env...]
  local frames dur file="$1" label="$2" launcher="${3:-$root/affect4j}" out="${4:-$work/predict-out}"
  shift 2; shift $(($# < 2 ? $# : 2))
  env "$@" /usr/bin/time -f "%e %U %S" -o "$work/time.txt" "$launcher" predict "$file" --out "$out" >/dev/null 2>&1
  frames=$(($(wc -l < "$out/frames.csv") - 1))
  dur=$(python3 -c "import csv;r=list(csv.DictReader(open('$out/frames.csv')));print(float(r[-1]['time_s'])+float(r[1]['time_s'])-float(r[0]['time_s']))")
  # CPU seconds (user + system) depend far less on other load than the wall clock: 2 cores give at most 2 CPU-s a second
  read -r w u s < "$work/time.txt"
  python3 -c "w=$w; c=$u+$s; print('%-44s %5d frames (%.1f s of video) in %.1f s: %.1f frames/s, %.2fx real time; %.1f CPU-s, %.2f CPU-s per video second (load %s)' % ('$label', $frames, $dur, w, $frames/w, $dur/w, c, c/$dur, '$(cut -d' ' -f1 /proc/loadavg)'))"
  python3 -c "print('$label' + '\t%.3f' % ($dur / $w))" >> "$work/factors.tsv"
}
echo "== decode-only reference"
java -cp "$cp" "$root/bench/java/VideoTools.java" decode "$long"
echo "== predict, default model, 2 threads"
same=1
: > "$work/factors.tsv"
for file in "$clip" "$long"; do
  label="example clip (1.9 s, with JVM start)"
  [ "$file" = "$long" ] && label="60 s clip (with JVM start)"
  for _ in $(seq "$runs"); do
    [ -z "$base" ] || measure "$file" "baseline: $label" "$base_launcher" "$work/predict-baseline" AFFECT4J_CLI_TARGET="$base"
    measure "$file" "$label"
    if [ -n "$base" ] && ! python3 "$root/bench/python/same-frames.py" "$work/predict-baseline/frames.csv" "$work/predict-out/frames.csv"; then
      echo "frames.csv of $(basename "$file") differs from the baseline's"; same=0
    fi
  done
done
# issue 19's goal, over this invocation's runs: 12x real time on the 60 s clip
python3 - "$work/factors.tsv" <<'PY'
import statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if "60 s clip" in l]
for who in ("this build", "baseline"):
    f = sorted(float(x) for label, x in rows if label.startswith("baseline") == (who == "baseline"))
    if f:
        print("60 s clip, %s: %.2f-%.2fx real time (median %.2f), %d of %d runs at 12x or more"
              % (who, f[0], f[-1], statistics.median(f), sum(x >= 12 for x in f), len(f)))
PY
if [ -n "$base" ]; then
  if [ "$same" = 1 ]; then echo "frames.csv the same as the baseline's for both clips"
  elif [ "${AFFECT4J_BENCH_ANSWERS:-same}" = changed ]; then echo "answers differ from the baseline's, as AFFECT4J_BENCH_ANSWERS=changed allows"
  else exit 1
  fi
fi
