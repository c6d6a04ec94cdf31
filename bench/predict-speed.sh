#!/usr/bin/env bash
# End-to-end speed of `affect4j predict` (issue 8): decode, faces, embeddings, audio features, the default model,
# plot and report, in frames per second and as a multiple of real time. JVM start is included in the first
# figure (what a user waits for) and excluded in the second (the chain itself, on a 60 s clip made by looping the
# example). Decode-only speed of the same clip is printed beside it as the reference.
#   bench/predict-speed.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${AFFECT4J_BENCH_DIR:-/tmp/affect4j-bench}"
mkdir -p "$work"
"$root/affect4j" --version >/dev/null
# the first predict of a build writes the launcher's class-data archive (a slower run): not measured
"$root/affect4j" predict "$root/examples/1001_DFA_HAP_XX.flv" --out "$work/predict-warm" >/dev/null 2>&1
cp="$root/affect4j-cli/target/lib/*"
clip="$root/examples/1001_DFA_HAP_XX.flv"
long="$work/example-60s.mp4"
[ -f "$long" ] || java -cp "$cp" "$root/bench/java/VideoTools.java" loop "$clip" "$long" 60 480 360
measure() { # file label
  local frames dur
  /usr/bin/time -f "%e %U %S" -o "$work/time.txt" "$root/affect4j" predict "$1" --out "$work/predict-out" >/dev/null 2>&1
  frames=$(($(wc -l < "$work/predict-out/frames.csv") - 1))
  dur=$(python3 -c "import csv;r=list(csv.DictReader(open('$work/predict-out/frames.csv')));print(float(r[-1]['time_s'])+float(r[1]['time_s'])-float(r[0]['time_s']))")
  # CPU seconds (user + system) depend far less on other load than the wall clock: 2 cores give at most 2 CPU-s a second
  read -r w u s < "$work/time.txt"
  python3 -c "w=$w; c=$u+$s; print('%-34s %5d frames (%.1f s of video) in %.1f s: %.1f frames/s, %.2fx real time; %.1f CPU-s, %.2f CPU-s per video second (load %s)' % ('$2', $frames, $dur, w, $frames/w, $dur/w, c, c/$dur, '$(cut -d' ' -f1 /proc/loadavg)'))"
}
echo "== decode-only reference"
java -cp "$cp" "$root/bench/java/VideoTools.java" decode "$long"
echo "== predict, default model, 2 threads"
measure "$clip" "example clip (1.9 s, with JVM start)"
measure "$long" "60 s clip (with JVM start)"
