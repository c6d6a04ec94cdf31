#!/usr/bin/env bash
# The research path at Aff-Wild2's full size (issue 15): makes the full-size synthetic store (bench/java/AffWild2Store.java:
# 248 + 70 annotation files, ~1.5 M frames, the six features at the paper's widths, 1,707 values a frame, 10.5 GB),
# then trains the LSTM and the Transformer at the paper's settings (configs/*.json, all six features) on it through
# the real training code, reading the store memory-mapped, and prints per model: time to open the store and fit the
# standardisation, time and CPU time per step, the data loader's segments/s beside the model's, validation time,
# the projected epoch, peak RSS split into anonymous memory (heap, engine) and mapped file pages, and the projected
# wall time of the paper's whole recipe (5 folds + mix, both models, 25 epochs) on 2 cores and on N cores.
#   bench/full-size.sh
# Environment: BENCH_DIR (default /tmp/affect4j-full-size; the store is kept there for reruns, ~11 GB: delete it
# after), BENCH_STEPS_LSTM (default 12) / BENCH_STEPS_TRANSFORMER (default 5) timed training steps (a number above
# the epoch's ~1,300 steps, e.g. 100000, trains one whole epoch; with BENCH_VAL_FILES=0 too, the line's process_cpu_s
# is the measured epoch (its projected_epoch_* still multiplies the step time by the loader plan's step count); ~20 min
# for the LSTM, ~1 h for the Transformer on an idle 2-core machine), BENCH_VAL_FILES
# (default 10 of the 70 validation files validated; 0 for all), BENCH_HEAP (default 1g: the heap the training JVM
# may use), BENCH_LOADER (default 300 batches through the loader alone), BENCH_CORES (default 16, the N of the
# projection), THREADS (default 2).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${BENCH_DIR:-/tmp/affect4j-full-size}"
mkdir -p "$work"
"$root/affect4j" --version >/dev/null   # builds when sources changed
if [ ! -f "$work/.store-done" ]; then
  /usr/bin/time -f 'store written: %e s wall, %U s user, %S s system, peak RSS %M KB' \
    java -Xmx1g -cp "$root/affect4j-cli/target/lib/*" "$root/bench/java/AffWild2Store.java" "$work" 1 2
  touch "$work/.store-done"
fi
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for model in lstm transformer; do
  steps=$([ "$model" = lstm ] && echo "${BENCH_STEPS_LSTM:-12}" || echo "${BENCH_STEPS_TRANSFORMER:-5}")
  BENCH_HEAP="${BENCH_HEAP:-1g}" BENCH_DIR="$work/classes" "$root/affect4j-models/bench/run.sh" \
    org.affect4j.training.FullSize "$work" "$model" "$steps" "${BENCH_LOADER:-300}" "${BENCH_VAL_FILES:-10}" \
    2>"$work/$model.err" | tee "$work/$model.txt"
  echo "load after $model: $(cut -d' ' -f1-3 /proc/loadavg)"
done
python3 - "$work" "${BENCH_CORES:-16}" <<'PY'
import sys
work, cores = sys.argv[1], int(sys.argv[2])
m = {}
for model in ("lstm", "transformer"):
    m[model] = dict(kv.split("=") for kv in open(f"{work}/{model}.txt").read().split())
# 5-fold CV (4 folds of the training videos + the validation set as the 5th, METHOD §5) and the mix model: the fold
# models train on what their fold leaves and validate on it; the mix model trains on train + validation and
# validates on the validation set. Per model: steps = segments / batch, each costing the measured step.
total_wall = total_cpu = 0.0
for model, f in m.items():
    train, val = int(f["train_frames"]), int(f["validation_frames"])
    step_s, step_cpu = float(f["step_s"]), float(f["step_cpu_s"])
    per_val = float(f["validation_s"]) / int(f["validated_frames"])
    per_val_cpu = float(f["validation_cpu_s"]) / int(f["validated_frames"])
    steps_per_frame = int(f["steps_per_epoch"]) / train
    folds = [(train + val - train / 4, train / 4)] * 4 + [(train, val)] + [(train + val, val)]
    wall = sum(25 * (t * steps_per_frame * step_s + v * per_val) for t, v in folds)
    cpu = sum(25 * (t * steps_per_frame * step_cpu + v * per_val_cpu) for t, v in folds)
    print(f"{model}: 6 models x 25 epochs: {wall / 3600:.0f} h wall as measured, {cpu / 3600:.0f} CPU-hours")
    total_wall += wall; total_cpu += cpu
print(f"paper recipe (5 folds + mix, LSTM and Transformer, 25 epochs): {total_cpu / 3600:.0f} CPU-hours;"
      f" on 2 cores (2 one-core Spark workers) ~{total_cpu / 2 / 3600:.0f} h, on {cores} cores ~{total_cpu / cores / 3600:.0f} h"
      f" (12 models, so at most 12 workers help; CPU time / cores, the 1.98x of 2 workers in bench/spark-cv.sh);"
      f" wall as measured on this shared machine: {total_wall / 3600:.0f} h")
PY
