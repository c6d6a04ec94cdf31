#!/usr/bin/env bash
# The research workflow on a real Spark standalone cluster and a real HDFS, both on 127.0.0.1, with faults (issue 16):
#   bench/cluster.sh
# 1. starts an HDFS (Hadoop's MiniDFSCluster: a NameNode and a DataNode), a Spark master and two workers from jars
#    Maven resolves (bench/cluster/pom.xml; no downloaded distribution). Each worker runs with an empty HOME, its own
#    temporary folder and no affect4j installed: the executors get the jars, natives and models with the job.
# 2. builds the Aff-Wild2-format corpus of the ABAW flow test (AbawCorpus, from the real CREMA-D clips), extracts it
#    and runs 'cv --folds 5 --mix' in one process (the reference), then the same two commands on the cluster with
#    the store on HDFS, and compares store files and fold scores byte for byte;
# 3. injects faults: kill -9 a worker mid-extraction and mid-CV, kill -9 the driver mid-extraction and rerun, a
#    half-written upload left on HDFS, and the NameNode down at start;
# 4. prints one line per check and exits non-zero if any failed. Every daemon is stopped at the end, also on failure.
# Environment:
#   CLUSTER_COPIES   copies of the corpus' training videos (default 3: 11 annotation files)
#   CLUSTER_FEATURES extracted features (default fbank,mobilefacenet,vad); CV trains on fbank,mobilefacenet
#   CLUSTER_EPOCHS   epochs per CV model (default 8)
#   CLUSTER_SPEEDUP  1: also time extraction and CV on local[1], local[2] and the cluster with 1 worker (default 0)
#   CLUSTER_WORKER_MEMORY  memory a worker offers its executors (default 3g); executors take 2g
#   CLUSTER_DIR      work folder, kept (default: a temporary folder, deleted)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${AFFECT4J_DATA:-$root/../shared/data}"
copies="${CLUSTER_COPIES:-3}" features="${CLUSTER_FEATURES:-fbank,mobilefacenet,vad}" epochs="${CLUSTER_EPOCHS:-8}"
cv_features="fbank,mobilefacenet"
if [ -n "${CLUSTER_DIR:-}" ]; then work="$(mkdir -p "$CLUSTER_DIR" && cd "$CLUSTER_DIR" && pwd)"; keep=1; else work="$(mktemp -d)"; keep=0; fi
[ -d "$data/crema-d" ] || { echo "cluster.sh: needs the CREMA-D clips in $data/crema-d (AFFECT4J_DATA)" >&2; exit 2; }
export SPARK_LOCAL_IP=127.0.0.1
pids=()
stop_all() {
  # every process this script started, by id: drivers first, then workers (their executors and the executors'
  # training children are their descendants), the master, HDFS
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill_tree "${pids[$i]}" TERM; done
  sleep 2
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill_tree "${pids[$i]}" KILL; done
  if [ "$keep" = 0 ]; then rm -rf "$work"; fi
}
kill_tree() { # PID SIGNAL: the process and its descendants
  local c
  for c in $(pgrep -P "$1" 2>/dev/null || true); do kill_tree "$c" "$2"; done
  kill -s "$2" "$1" 2>/dev/null || true
}
trap stop_all EXIT
trap 'exit 130' INT TERM
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
results="$work/results.txt"; : > "$results"
check() { # NAME OK(0/1) DETAIL
  local verdict=PASS; [ "$2" = 0 ] && verdict=FAIL
  printf '%-4s %-58s %s\n' "$verdict" "$1" "$3" | tee -a "$results"
}
log() { echo "cluster.sh: $*" >&2; }

# ---- builds: affect4j, then the daemons' jars (once)
"$root/affect4j" --version > /dev/null
daemons="$root/bench/cluster/target"
if [ ! -d "$daemons/spark-home/jars" ] || [ ! -d "$daemons/hdfs-jars" ]; then
  log "resolving the Spark and Hadoop daemons' jars (once)"
  (cd "$root/bench/cluster" && mvn -q -B -Pspark package && mvn -q -B -Phdfs package) >&2
fi
spark_home="$daemons/spark-home"
hdfs_cp="$daemons/hdfs-jars/*"
mkdir -p "$work/tools"
javac -nowarn -cp "$hdfs_cp" -d "$work/tools" "$root/bench/java/HdfsFiles.java"
hdfs_files() { # COMMAND PATH [ARG]: ls, get, put, rm on the cluster's HDFS (bench/java/HdfsFiles.java)
  local cmd=$1 path=$2; shift 2
  java -Xmx256m -cp "$work/tools:$hdfs_cp" HdfsFiles "$cmd" "$hdfs$path" "$@" 2> /dev/null
}

# ---- HDFS
hdfs_port=$(free_port)
java -Xmx768m -cp "$hdfs_cp" "$root/bench/java/MiniHdfs.java" "$hdfs_port" "$work/hdfs" > "$work/hdfs.log" 2>&1 &
hdfs_pid=$!; pids+=("$hdfs_pid")
hdfs="hdfs://127.0.0.1:$hdfs_port"
for _ in $(seq 1 120); do grep -q '^ready' "$work/hdfs.log" && break; kill -0 "$hdfs_pid" 2>/dev/null || break; sleep 1; done
grep -q '^ready' "$work/hdfs.log" || { tail -20 "$work/hdfs.log"; echo "cluster.sh: HDFS did not start" >&2; exit 1; }

# ---- Spark master and workers, from a plain Spark installation (spark-core and its dependencies only)
: > "$work/master.log"; : > "$work/worker-1.log"; : > "$work/worker-2.log"
master_port=$(free_port)
master="spark://127.0.0.1:$master_port"
SPARK_HOME="$spark_home" SPARK_SCALA_VERSION=2.13 java -Xmx512m -cp "$spark_home/jars/*" \
    org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$master_port" --webui-port "$(free_port)" \
    > "$work/master.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do grep -q "Starting Spark master" "$work/master.log" && grep -q "I have been elected leader" "$work/master.log" && break; sleep 1; done
worker_pid=()
start_worker() { # N: a node with Java and Spark only: empty HOME (also Java's user.home, which it takes from the
  # account, not from $HOME), own temporary and work folders, no AFFECT4J_*
  local n=$1
  mkdir -p "$work/node-$n/home" "$work/node-$n/tmp" "$work/node-$n/work" "$work/node-$n/local"
  env -i PATH="$PATH" HOME="$work/node-$n/home" SPARK_HOME="$spark_home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 \
      SPARK_LOCAL_DIRS="$work/node-$n/local" JAVA_TOOL_OPTIONS="-Djava.io.tmpdir=$work/node-$n/tmp -Duser.home=$work/node-$n/home" \
      java -Xmx256m -cp "$spark_home/jars/*" org.apache.spark.deploy.worker.Worker "$master" --host 127.0.0.1 \
      --cores 1 --memory "${CLUSTER_WORKER_MEMORY:-3g}" --work-dir "$work/node-$n/work" --webui-port "$(free_port)" \
      >> "$work/worker-$n.log" 2>&1 &
  worker_pid[$n]=$!; pids+=($!)
  for _ in $(seq 1 60); do grep -q "Successfully registered with master" "$work/worker-$n.log" && return 0; sleep 1; done
  echo "cluster.sh: worker $n did not register" >&2; exit 1
}
kill_worker() { # N: kill -9 the worker and (as a dying machine) its executors
  local n=$1 c
  for c in $(pgrep -P "${worker_pid[$n]}" || true); do kill_tree "$c" KILL; done
  kill -9 "${worker_pid[$n]}" 2>/dev/null || true
  wait "${worker_pid[$n]}" 2>/dev/null || true # (no "Killed" notice from bash)
  : > "$work/worker-$n.log"
}
start_worker 1
start_worker 2
# executors: 2 GB heap, 1 core each (Spark's accounting: one task per core); no web UI ports
cluster_opts=(--master "$master" --conf spark.executor.memory=2g --conf spark.executor.cores=1 --conf spark.ui.enabled=false)
log "HDFS at $hdfs, Spark master at $master, 2 workers (1 core, executors of 2 GB)"

# ---- the corpus (AbawCorpus, real CREMA-D clips) and the experiment
[ -d "$work/corpus" ] || java -cp "$root/affect4j-cli/target/lib/*" "$root/affect4j-cli/src/test/java/org/affect4j/cli/AbawCorpus.java" \
    "$data/crema-d" "$work/corpus" "$copies" > /dev/null 2>&1
ann="$work/corpus/annotations"; sets="$ann/EXPR_Classification_Challenge"
videos_n=$(find "$sets" -name '*.txt' | wc -l)
experiment() { # STORE FILE
  python3 - "$1" "$2" "$sets" "$cv_features" "$epochs" <<'EOF'
import json, sys
store, out, sets, feats, epochs = sys.argv[1:]
json.dump({"name": "cluster", "seed": 7,
  "data": {"store": store, "train": sets + "/Train_Set", "validation": sets + "/Validation_Set"},
  "features": feats.split(","),
  "model": {"type": "lstm", "segmentLength": 64, "fusionDim": 128, "dropout": 0.3, "head": [128],
            "encoder": {"hidden": 128, "layers": 1}},
  "training": {"epochs": int(epochs), "batchSize": 4, "learningRate": 0.0003}}, open(out, "w"), indent=1)
EOF
}
# one engine thread per task everywhere (Spark's accounting), so the in-process reference computes the same way
export AFFECT4J_THREADS=1
export JAVA_OPTS="${JAVA_OPTS:-} -Daffect4j.taskThreads=1"
extract() { # LOG STORE [OPTIONS...]: the README's extract command; prints the wall seconds
  local logf=$1 store=$2; shift 2
  local t0; t0=$(date +%s.%N)
  "$root/affect4j" extract --corpus "$ann" --videos "$work/corpus/videos" --store "$store" --features "$features" "$@" \
      > "$logf" 2>&1 || { tail -5 "$logf" >&2; return 1; }
  python3 -c "import sys; print('%.1f' % ($(date +%s.%N) - $t0))"
}
cv() { # LOG STORE OUT [OPTIONS...]: the README's cv command; prints the wall seconds
  local logf=$1 store=$2 out=$3; shift 3
  experiment "$store" "$out.json"
  local t0; t0=$(date +%s.%N)
  "$root/affect4j" cv --config "$out.json" --folds 5 --mix --out "$out" "$@" > "$logf" 2>&1 || { tail -5 "$logf" >&2; return 1; }
  python3 -c "import sys; print('%.1f' % ($(date +%s.%N) - $t0))"
}
tidy_apps() { rm -rf "$work"/node-*/work/app-* 2>/dev/null || true; } # a finished application's jar copies
get_store() { # HDFS-PATH LOCAL-DIR
  rm -rf "$2"; hdfs_files get "$1" "$2"
}
# the same files, byte for byte (matrices, masks, video records); a feature descriptor the same JSON but for the
# model file's path in its provenance (the driver's cache against the executor's copy); prints "same N files" or what differs
same_store() {
  python3 - "$1" "$2" <<'EOF'
import filecmp, json, os, sys
a, b = sys.argv[1:]
def same(f):
    pa, pb = os.path.join(a, f), os.path.join(b, f)
    if os.path.basename(f) != 'feature.json': return filecmp.cmp(pa, pb, shallow=False)
    ja, jb = (json.load(open(p)) for p in (pa, pb))
    for j in (ja, jb): j.get('provenance', {}).pop('model', None)
    return ja == jb
def files(r):
    return sorted(os.path.relpath(os.path.join(d, f), r) for d, _, fs in os.walk(r) for f in fs
                  if not f.startswith('.') and '.tmp' not in f and not f.endswith('.crc'))
fa, fb = files(a), files(b)
diff = sorted(set(fa) ^ set(fb)) + [f for f in fa if f in set(fb) and not same(f)]
print(f"same {len(fa)} files" if not diff else f"DIFFER in {len(diff)}: {', '.join(diff[:4])}")
EOF
}
scores() { python3 -c "import sys; print(open(sys.argv[1]).read().strip().splitlines()[-1])" "$1/cv.csv"; }
same_scores() { cmp -s "$1/cv.csv" "$2/cv.csv" && echo "same cv.csv: $(scores "$1")" || echo "DIFFER: $(scores "$1") vs $(scores "$2")"; }

# ---- 1. the reference: both commands in one process
log "in-process reference: extract ($videos_n annotation files, $features) and cv --folds 5 --mix"
if [ -f "$work/ref-cv/cv.csv" ] && [ -f "$work/ref.times" ]; then read -r t_ref_x t_ref_cv < "$work/ref.times" # a kept CLUSTER_DIR
else
  t_ref_x=$(extract "$work/ref-extract.log" "$work/ref-store")
  t_ref_cv=$(cv "$work/ref-cv.log" "$work/ref-store" "$work/ref-cv")
  echo "$t_ref_x $t_ref_cv" > "$work/ref.times"
fi

# ---- 2. the same on the cluster, store on HDFS
log "cluster: extract to $hdfs/store"
t_x=$(extract "$work/extract.log" "$hdfs/store" "${cluster_opts[@]}")
get_store /store "$work/store-copy"
r=$(same_store "$work/ref-store" "$work/store-copy")
check "extract on the cluster = in-process store" "$([[ $r == same* ]] && echo 1 || echo 0)" "$r; $t_x s (in-process $t_ref_x s)"
modes=$(hdfs_files ls /store | awk '{print $1}' | sort | uniq -c | tr -s ' ' | xargs)
check "store files readable by others on HDFS" "$([[ $modes == *-rw-r--r--* && $modes != *-rw-------* ]] && echo 1 || echo 0)" "$modes"
# the nodes' HOMEs were empty and no AFFECT4J_MODELS was set there: the models came with the job
shipped=$(find "$work"/node-*/work -maxdepth 3 -name affect4j-models -type d | wc -l)
cached=$(find "$work"/node-*/home -path '*/.cache/affect4j*' | wc -l)
check "models reached the executors with the job" "$([ "$shipped" -ge 1 ] && [ "$cached" = 0 ] && echo 1 || echo 0)" \
    "executors that unpacked the shipped model cache: $shipped; model files in the nodes' HOME: $cached"
tidy_apps
log "cluster: cv --folds 5 --mix reading $hdfs/store"
t_cv=$(cv "$work/cv.log" "$hdfs/store" "$work/cv" "${cluster_opts[@]}")
tidy_apps
r=$(same_scores "$work/ref-cv" "$work/cv")
check "cv on the cluster = in-process fold scores" "$([[ $r == same* ]] && echo 1 || echo 0)" "$r; $t_cv s (in-process $t_ref_cv s)"

# ---- 3a. kill -9 a worker mid-extraction, then mid-CV
published() { hdfs_files ls "$1/videos" | grep -c '\.json$' || true; }
log "fault: kill -9 worker 2 mid-extraction"
"$root/affect4j" extract --corpus "$ann" --videos "$work/corpus/videos" --store "$hdfs/store-a" --features "$features" \
    "${cluster_opts[@]}" > "$work/extract-a.log" 2>&1 &
driver=$!; pids+=("$driver")
for _ in $(seq 1 300); do [ "$(published /store-a)" -ge 2 ] && break; kill -0 "$driver" 2>/dev/null || break; sleep 1; done
before=$(published /store-a)
kill_worker 2
code=0; wait "$driver" || code=$?
tidy_apps
get_store /store-a "$work/store-a-copy"
r=$(same_store "$work/ref-store" "$work/store-a-copy")
leftovers=$(hdfs_files ls /store-a | grep -c 'tmp' || true)
lost=$(grep -c -i -e "lost executor" -e "worker lost" -e "executor lost" "$work/extract-a.log" || true)
check "worker killed mid-extraction: job done, store = reference" "$([ "$code" = 0 ] && [[ $r == same* ]] && [ "$leftovers" = 0 ] && echo 1 || echo 0)" \
    "exit $code; killed after $before of $videos_n published; $r; temporary files $leftovers; driver saw the loss: $lost lines; $(tail -1 "$work/extract-a.log")"
start_worker 2
log "fault: kill -9 worker 2 mid-CV"
experiment "$hdfs/store" "$work/cv-a.json"
"$root/affect4j" cv --config "$work/cv-a.json" --folds 5 --mix --out "$work/cv-a" "${cluster_opts[@]}" > "$work/cv-a.log" 2>&1 &
driver=$!; pids+=("$driver")
# kill worker 2 mid-training: once it runs a training JVM and the first epoch of a model is written (the first two
# models start together, so both are under way)
for _ in $(seq 1 1200); do
  exe=$(pgrep -P "${worker_pid[2]}" | head -1 || true)
  [ -n "$exe" ] && [ -n "$(pgrep -P "$exe" || true)" ] && [ -n "$(find "$work/cv-a" -name metrics.csv 2>/dev/null)" ] && break
  kill -0 "$driver" 2>/dev/null || break; sleep 0.2
done
busy=$(pgrep -P "$(pgrep -P "${worker_pid[2]}" | head -1)" 2>/dev/null | wc -l || true)
kill_worker 2
code=0; wait "$driver" || code=$?
tidy_apps
r=$(same_scores "$work/ref-cv" "$work/cv-a")
resumed=$(for f in "$work"/cv-a/*/run/run.json; do
  e=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1])).get('resumedAtEpoch'); print(r[0] if r else '')" "$f")
  if [ -n "$e" ]; then echo "$(basename "$(dirname "$(dirname "$f")")") at epoch $e of $epochs"; fi; done | paste -sd, -)
# every model's learning curve (metrics.csv without its wall-time column) equals the reference's, resumed ones included
curves=$(python3 - "$work/ref-cv" "$work/cv-a" <<'EOF'
import csv, glob, os, sys
ref, got = sys.argv[1:]
def rows(p):
    r = list(csv.reader(open(p))); keep = [i for i, c in enumerate(r[0]) if c != 'seconds']
    return [[x[i] for i in keep] for x in r]
runs = sorted(os.path.relpath(p, ref) for p in glob.glob(f"{ref}/*/run/metrics.csv"))
bad = [r.split('/')[0] for r in runs if not os.path.exists(f"{got}/{r}") or rows(f"{ref}/{r}") != rows(f"{got}/{r}")]
print(f"same learning curves of {len(runs)} models" if not bad else "learning curves DIFFER: " + ",".join(bad))
EOF
)
r="$r; $curves"
check "worker killed mid-CV: job done, fold scores = reference" "$([ "$code" = 0 ] && [[ $r == same* ]] && [[ $curves == same* ]] && echo 1 || echo 0)" \
    "exit $code; worker 2 had $busy training JVM(s) when killed; resumed on worker 1: ${resumed:-none}; $r; $(grep ' items: ' "$work/cv-a.log" | tail -1)"
start_worker 2

# ---- 3b. kill -9 the driver mid-extraction; the rerun skips what was published and redoes the rest
log "fault: kill -9 the driver mid-extraction, then rerun"
"$root/affect4j" extract --corpus "$ann" --videos "$work/corpus/videos" --store "$hdfs/store-b" --features "$features" \
    "${cluster_opts[@]}" > "$work/extract-b.log" 2>&1 &
driver=$!; pids+=("$driver")
for _ in $(seq 1 300); do [ "$(published /store-b)" -ge 3 ] && break; kill -0 "$driver" 2>/dev/null || break; sleep 1; done
kill -9 "$driver" 2>/dev/null || true; wait "$driver" 2>/dev/null || true
sleep 3 # the master ends the driver's executors
before=$(published /store-b)
extract "$work/extract-b2.log" "$hdfs/store-b" "${cluster_opts[@]}" > /dev/null
tidy_apps
summary=$(grep -m1 ' items: ' "$work/extract-b2.log" || true)
skipped=$(sed -E 's/.* ([0-9]+) already done.*/\1/' <<< "$summary")
get_store /store-b "$work/store-b-copy"
r=$(same_store "$work/ref-store" "$work/store-b-copy")
check "driver killed: rerun skips the published, redoes the rest" "$([ "$skipped" -ge "$before" ] && [[ $r == same* ]] && echo 1 || echo 0)" \
    "$before of $videos_n published when killed; rerun: $summary; $r"

# ---- 3c. a half-written upload (what a task killed mid-copy leaves) is never read as complete
log "fault: a half-written matrix on HDFS"
victim=$(ls "$work/ref-store/fbank" | grep -v -e mask -e feature.json | head -1); victim=${victim%.npy}
half="$work/half.npy"; head -c $(( $(stat -c %s "$work/ref-store/fbank/$victim.npy") / 2 )) "$work/ref-store/fbank/$victim.npy" > "$half"
hdfs_files rm "/store-b/fbank/$victim.npy"
hdfs_files put "/store-b/fbank/$victim.npy.tmp-0e0e0e0e-dead-4bad-8bad-0123456789ab" "$half"
extract "$work/extract-c.log" "$hdfs/store-b" "${cluster_opts[@]}" > /dev/null
tidy_apps
summary=$(grep -m1 ' items: ' "$work/extract-c.log" || true)
get_store /store-b "$work/store-c-copy"
r=$(same_store "$work/ref-store" "$work/store-c-copy")
leftovers=$(hdfs_files ls /store-b | grep -c 'tmp' || true)
check "half-written file: video redone, leftover removed" "$([[ $summary == *"1 done"* ]] && [[ $r == same* ]] && [ "$leftovers" = 0 ] && echo 1 || echo 0)" \
    "$victim: $summary; $r; temporary files left $leftovers"

# ---- speed: 2 workers against 1 on the cluster, beside local[1] and local[2] (CLUSTER_SPEEDUP=1)
if [ "${CLUSTER_SPEEDUP:-0}" = 1 ]; then
  for m in "local[1]" "local[2]"; do
    tx=$(extract "$work/x-$m.log" "$work/store-$m" --master "$m")
    tc=$(cv "$work/cv-$m.log" "$work/store-$m" "$work/cv-$m" --master "$m")
    echo "speed $m extract $tx s, cv $tc s" | tee -a "$results"
  done
  kill_worker 2
  sleep 5
  tx=$(extract "$work/x-1w.log" "$hdfs/store-1w" "${cluster_opts[@]}"); tidy_apps
  tc=$(cv "$work/cv-1w.log" "$hdfs/store-1w" "$work/cv-1w" "${cluster_opts[@]}"); tidy_apps
  echo "speed cluster, 1 worker: extract $tx s, cv $tc s" | tee -a "$results"
  echo "speed cluster, 2 workers: extract $t_x s, cv $t_cv s" | tee -a "$results"
  python3 -c "print('speed-up of 2 workers over 1 on the cluster: extract %.2fx, cv %.2fx' % ($tx / $t_x, $tc / $t_cv))" | tee -a "$results"
fi

# ---- 3d. the NameNode down at start: one line, non-zero exit
log "fault: the NameNode down"
kill_tree "$hdfs_pid" KILL; wait "$hdfs_pid" 2>/dev/null || true
code=0; "$root/affect4j" extract --corpus "$ann" --videos "$work/corpus/videos" --store "$hdfs/store-d" --features "$features" \
    "${cluster_opts[@]}" > "$work/extract-d.out" 2> "$work/extract-d.err" || code=$?
check "NameNode down: one error line, exit 3" "$([ "$code" = 3 ] && [ "$(wc -l < "$work/extract-d.err")" = 1 ] && echo 1 || echo 0)" \
    "exit $code: $(head -1 "$work/extract-d.err")"

echo
echo "cluster.sh: $(grep -c '^PASS' "$results") passed, $(grep -c '^FAIL' "$results") failed ($videos_n annotation files, features $features; work folder $work)"
! grep -q '^FAIL' "$results"
