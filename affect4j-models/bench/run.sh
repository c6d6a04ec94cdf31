#!/bin/sh
# Runs a benchmark or real-training main of affect4j-models outside the Maven build, in its own JVM, from a private
# copy of the classes (so concurrent builds of the module cannot swap classes under a long run).
# Usage (from the repository root):
#   affect4j-models/bench/run.sh org.affect4j.models.bench.RavdessTraining /tmp/affect4j-ravdess [lstm] [transformer]
#   affect4j-models/bench/run.sh org.affect4j.training.Throughput 10 64
# Environment: THREADS (default 2), BENCH_HEAP (maximum heap, default 6g), AFFECT4J_DATA (default ../shared/data).
set -e
cd "$(dirname "$0")/.."
THREADS=${THREADS:-2}
OUT=${BENCH_DIR:-/tmp/affect4j-models-bench}
mkdir -p "$OUT"
mvn -q -B -Pbench dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >/dev/null
rm -rf "$OUT/classes" && mkdir -p "$OUT/classes"
cp -r target/classes/. "$OUT/classes/"
# snapshot jars of the other modules are reinstalled by concurrent builds: run from private copies
mkdir -p "$OUT/lib" && rm -f "$OUT/lib/"*.jar
CP=""
for j in $(tr ':' ' ' < "$OUT/cp.txt"); do
  case "$j" in */org/affect4j/*) cp "$j" "$OUT/lib/" && j="$OUT/lib/$(basename "$j")" ;; esac
  CP="$CP:$j"
done
javac -nowarn -d "$OUT/classes" -cp "$OUT/classes$CP" $(find bench/java -name '*.java')
MAIN=$1; shift
# Throughput's reference is Debian's PyTorch (python3-torch): installed here when a fresh machine lacks it
if [ "$MAIN" = org.affect4j.training.Throughput ] && ! /usr/bin/python3 -c "import torch" 2>/dev/null; then
  echo "run.sh: installing Debian's python3-torch, the PyTorch reference..." >&2
  apt-get install -y -q python3-torch >/dev/null \
    || { echo "run.sh: error: the reference needs Debian's python3-torch (apt-get install python3-torch failed)" >&2; exit 3; }
fi
# OpenMP threads sleep instead of spinning between parallel regions: on a shared machine spinning burned up to
# twice the CPU per training step and slowed the wall clock (RESULTS.md §3); the torch reference inherits it
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
# glibc's malloc keeps blocks up to 32 MB on its heap, as the launcher sets it for training; the reference gets it too
. ../scripts/malloc-tunables.sh
export GLIBC_TUNABLES="$(affect4j_tunables "$AFFECT4J_TRAINING_TUNABLES")"
exec java -Xmx"${BENCH_HEAP:-6g}" -Dai.djl.offline=true -DOPT_OUT_TRACKING=true \
  -Dai.djl.pytorch.num_threads="$THREADS" -Dai.djl.pytorch.num_interop_threads=1 -Djava.awt.headless=true \
  -Daffect4j.data="${AFFECT4J_DATA:-$(cd ../.. && pwd)/shared/data}" \
  -cp "$OUT/classes$CP" "$MAIN" "$@"
