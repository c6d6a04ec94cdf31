#!/usr/bin/env bash
# Spark cross-validation speed-up (issue 7): the same 5-fold CV trained with 1 Spark worker (local[1]) and with 2
# (local[2]) in the same run, wall time of each and the ratio. Each worker trains its models one after another in
# a child JVM it keeps, with spark.task.cpus (1) engine threads: Spark's accounting, a worker is a core.
#   bench/spark-cv.sh
# Environment (the model defaults are the paper's LSTM of configs/lstm.json: width 512, segments of 128 frames,
# batches of 8, head 512-256; BENCH_EPOCHS=40 BENCH_COPIES=6, the figure in affect4j-spark/RESULTS.md, took 11
# minutes on the idle machine, ~70 s per model on one core):
#   BENCH_COPIES  copies of the corpus' 3 training videos (default 3 -> 9 videos, 4 training folds of 2-3 videos)
#   BENCH_EPOCHS  epochs per fold model (default 15)         BENCH_MODEL   lstm or transformer (default lstm)
#   BENCH_HIDDEN  encoder and fusion width (default 512)      BENCH_SEGMENT segment length in frames (default 128)
#   BENCH_BATCH   segments per batch (default 8)              BENCH_FEATURES features (default fbank,mobilefacenet)
#   BENCH_FOLDS   folds (default 5)
#   BENCH_MIX     1 (default): also the train+validation model, as the README's 'cv --mix' (6 models: 3 rounds of 2
#                 on local[2]); 0: the 5 fold models only (3 rounds, the last with one model on 1 thread)
#   BENCH_LONE_THREADS  engine threads of the local[1] run's models (default: 1 like every Spark task; 2 gives the
#                 lone worker both cores, the fairest single-worker baseline on this 2-core machine)
#   AFFECT4J_CLI  the command line to time (default: ./affect4j, which builds first when sources changed)
#   BENCH_DIR     work folder, kept (default: a temporary folder, deleted)
# Corpus: the Aff-Wild2-format corpus of the ABAW flow test (affect4j-cli/src/test/.../AbawCorpus.java) built from
# the real CREMA-D clips in ../shared/data/crema-d; extracted once, not timed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${AFFECT4J_DATA:-$root/../shared/data}"
copies="${BENCH_COPIES:-3}" epochs="${BENCH_EPOCHS:-15}" model="${BENCH_MODEL:-lstm}" hidden="${BENCH_HIDDEN:-512}"
segment="${BENCH_SEGMENT:-128}" batch="${BENCH_BATCH:-8}" features="${BENCH_FEATURES:-fbank,mobilefacenet}" folds="${BENCH_FOLDS:-5}"
mix=""; [ "${BENCH_MIX:-1}" = 1 ] && mix="--mix"
cli="${AFFECT4J_CLI:-$root/affect4j}"
if [ -n "${BENCH_DIR:-}" ]; then work="$BENCH_DIR"; mkdir -p "$work"; else work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT; fi
export SPARK_LOCAL_IP=127.0.0.1
$cli --version >/dev/null

if [ ! -f "$work/store/.corpus-done" ]; then
  rm -rf "$work/corpus" "$work/store"
  java -cp "$root/affect4j-cli/target/lib/*" "$root/affect4j-cli/src/test/java/org/affect4j/cli/AbawCorpus.java" \
      "$data/crema-d" "$work/corpus" "$copies" 2>/dev/null
  $cli extract --corpus "$work/corpus/annotations" --videos "$work/corpus/videos" --store "$work/store" \
      --features "$features" > "$work/extract.log" 2>&1 || { tail -5 "$work/extract.log"; exit 1; }
  touch "$work/store/.corpus-done"
fi
sets="$work/corpus/annotations/EXPR_Classification_Challenge"
if [ "$model" = transformer ]; then encoder="{\"width\": $hidden, \"feedForward\": $hidden, \"heads\": 4, \"layers\": 2}"
else encoder="{\"hidden\": $hidden, \"layers\": 1}"; fi
python3 - "$work/bench.json" <<EOF
import json, sys
json.dump({"name": "bench-cv", "seed": 7,
  "data": {"store": "$work/store", "train": "$sets/Train_Set", "validation": "$sets/Validation_Set"},
  "features": "$features".split(","),
  "model": {"type": "$model", "segmentLength": $segment, "fusionDim": $hidden, "dropout": 0.3, "head": [$hidden, 256],
            "encoder": json.loads('$encoder')},
  "training": {"epochs": $epochs, "batchSize": $batch, "learningRate": 0.0003}}, open(sys.argv[1], "w"), indent=1)
EOF
echo "local[1] model threads: ${BENCH_LONE_THREADS:-1}; $folds-fold CV${mix:+ + mix model}, $(ls "$sets/Train_Set" | wc -l) training + $(ls "$sets/Validation_Set" | wc -l) validation files," \
     "$model width $hidden, $epochs epochs, batches of $batch segments of $segment frames, features $features; load: $(cut -d' ' -f1-3 /proc/loadavg)"
for workers in 1 2; do
  rm -rf "$work/cv-$workers"
  opts="${JAVA_OPTS:-}"
  [ "$workers" = 1 ] && [ -n "${BENCH_LONE_THREADS:-}" ] && opts="$opts -Daffect4j.taskThreads=$BENCH_LONE_THREADS"
  # wall, user and system seconds of the whole command, child JVMs included
  JAVA_OPTS="$opts" /usr/bin/time -f '%e %U %S' -o "$work/t-$workers" \
      $cli cv --config "$work/bench.json" --folds "$folds" $mix --out "$work/cv-$workers" --master "local[$workers]" \
      > "$work/cv-$workers.log" 2>&1 || { tail -5 "$work/cv-$workers.log"; exit 1; }
done
python3 - "$work" <<'EOF'
import sys
w = sys.argv[1]
(a, ua, sa), (b, ub, sb) = ([float(x) for x in open(f"{w}/t-{n}").read().split()[-3:]] for n in (1, 2))
print(f"local[1]: {a:.1f} s   local[2]: {b:.1f} s   speed-up: {a / b:.2f}x   (JVM, Spark and engine start included)")
print(f"CPU time (user+system): local[1] {ua + sa:.1f} s ({(ua + sa) / a:.2f} cores busy)   "
      f"local[2] {ub + sb:.1f} s ({(ub + sb) / b:.2f} cores busy)")
same = open(f"{w}/cv-1/cv.csv").read() == open(f"{w}/cv-2/cv.csv").read()
print("fold scores identical on 1 and 2 workers (same seed): " + ("yes" if same else "NO"))
EOF
