#!/usr/bin/env bash
# How much of embedding every frame `predict --face-every N` keeps (issue 19: detecting and embedding the face on
# every N-th frame only, the frames between interpolated, is a deliberately approximate step). Runs predict on the six
# CREMA-D clips as filmed and on hand-held versions of them (bench/java/VideoTools.java handheld: the picture shifted,
# zoomed and turned by a smooth random walk, seeds 1-6, so the face moves as in a hand-held or in-the-wild video),
# once with --face-every 1 (the reference) and once per stride, and prints for each stride the share of frames with
# the reference's label and the mean distance of their probabilities (bench/python/frame-agreement.py). With a
# baseline build (a kept copy of an earlier build's affect4j-cli/target, and optionally its launcher), that build's
# default run is compared to the same reference too, and the script fails (exit 1) unless this build's default keeps
# within 1 point of its labels and 0.005 of its probability distance (issue 19's rule for an approximate step); the
# reference is then the baseline's --face-every 1 (the networks themselves on every frame: this build's video frames
# read faceres through its int8 stand-in, so its own --face-every 1 is approximate too).
#   bench/face-every.sh [STRIDES (default "2 3 4 5 6")] [BASELINE_CLI_TARGET [BASELINE_LAUNCHER]]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${AFFECT4J_DATA:-$root/../shared/data}"
work="${AFFECT4J_BENCH_DIR:-/tmp/affect4j-bench}/face-every"
strides="${1:-2 3 4 5 6}"
base="${2:-}"
base_launcher="${3:-$root/affect4j}"
[ -f "$data/crema-d/labels.csv" ] || { echo "CREMA-D clips not found under $data (set AFFECT4J_DATA)" >&2; exit 3; }
mkdir -p "$work/clips"
"$root/affect4j" --version >/dev/null
clips=()
seed=1
for c in ANG DIS FEA HAP NEU SAD; do
  clip="$data/crema-d/1001_DFA_${c}_XX.flv"
  held="$work/clips/hh_${c}.mp4"
  [ -f "$held" ] || java -cp "$root/affect4j-cli/target/lib/*" "$root/bench/java/VideoTools.java" handheld "$clip" "$held" "$seed" >/dev/null
  clips+=("$clip" "$held")
  seed=$((seed + 1))
done
predict_all() { # OUT CLI_TARGET LAUNCHER [predict options]: every clip in one run (CLI_TARGET empty: this build)
  local out="$1" target="$2" launcher="$3"
  shift 3
  rm -rf "$out"
  if [ -n "$target" ]; then
    AFFECT4J_CLI_TARGET="$target" "$launcher" predict "${clips[@]}" "$@" --out "$out" >/dev/null 2>&1
  else
    "$launcher" predict "${clips[@]}" "$@" --out "$out" >/dev/null 2>&1
  fi
}
agreement() { python3 "$root/bench/python/frame-agreement.py" "$work/every-1" "$@"; }
# the reference: every frame detected and embedded by the networks themselves; this build reads video frames' faceres
# through faceres-int8 (the default model's stand-in), so with a baseline build the baseline's --face-every 1 is it
if [ -n "$base" ]; then
  echo "== against the baseline build's --face-every 1 (every frame detected and embedded), ${#clips[@]} clips"
  predict_all "$work/every-1" "$base" "$base_launcher" --face-every 1
else
  echo "== against --face-every 1 (every frame detected and embedded), ${#clips[@]} clips"
  predict_all "$work/every-1" "" "$root/affect4j" --face-every 1
fi
for n in $strides; do
  predict_all "$work/every-$n" "" "$root/affect4j" --face-every "$n"
  agreement "$work/every-$n" "--face-every $n"
done
predict_all "$work/default" "" "$root/affect4j"
if [ -n "$base" ]; then
  # the assertion: this build's default keeps the baseline default's fidelity (1 point of labels, 0.005 of distance)
  predict_all "$work/baseline" "$base" "$base_launcher"
  agreement "$work/baseline" "baseline build's default" --numbers "$work/baseline.numbers"
  agreement "$work/default" "this build's default" --not-below "$(cat "$work/baseline.numbers")"
else
  agreement "$work/default" "this build's default"
fi
