#!/usr/bin/env bash
# Spark extraction throughput (issue 7): the same short videos extracted with 1 Spark worker and with 2, same run.
#   bench/spark-extract.sh [COPIES]    (COPIES of each CREMA-D clip, default 4 -> 24 videos)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${AFFECT4J_DATA:-$root/../shared/data}"
copies="${1:-4}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export SPARK_LOCAL_IP=127.0.0.1
"$root/affect4j" --version >/dev/null
mkdir -p "$work/in"
for c in $(seq 1 "$copies"); do for f in "$data"/crema-d/*.flv; do cp "$f" "$work/in/c${c}_$(basename "$f")"; done; done
n=$(ls "$work/in" | wc -l)
features=faceapi-expr,fbank,vad
for workers in 1 2; do
  s=$(date +%s.%N)
  AFFECT4J_THREADS=2 "$root/affect4j" extract --input "$work/in" --store "$work/store-$workers" --features "$features" \
      --master "local[$workers]" > "$work/log-$workers" 2>&1
  e=$(date +%s.%N)
  python3 -c "print('local[$workers]: $n videos in %.1f s = %.2f videos/s' % ($e-$s, $n/($e-$s)))" | tee "$work/t-$workers"
done
python3 -c "
a=float(open('$work/t-1').read().split(' in ')[1].split(' s')[0]); b=float(open('$work/t-2').read().split(' in ')[1].split(' s')[0])
print('speed-up with 2 workers: %.2fx (JVM and Spark start included in both)' % (a/b))"
