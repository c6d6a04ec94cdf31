#!/usr/bin/env bash
# Extraction chain benchmark (issue 4): decode + detect + track + align + all three face embeddings on a 640x360
# clip, frames per second beside decode-only speed measured in the same run; then peak RSS on a long video made
# by looping the example clip, to show memory stays flat whatever the length.
#   bench/extract-chain.sh [LONG_SECONDS]     (default 600; the issue's figure is for 3600)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
long="${1:-600}"
work="${AFFECT4J_BENCH_DIR:-/tmp/affect4j-bench}"
mkdir -p "$work"
"$root/affect4j" --version >/dev/null   # builds if needed
cp="$root/affect4j-cli/target/lib/*"
clip="$root/examples/1001_DFA_HAP_XX.flv"
short="$work/clip-640x360-60s.mp4"
longv="$work/clip-640x360-${long}s.mp4"
[ -f "$short" ] || java -cp "$cp" "$root/bench/java/VideoTools.java" loop "$clip" "$short" 60 640 360
[ -f "$longv" ] || java -cp "$cp" "$root/bench/java/VideoTools.java" loop "$clip" "$longv" "$long" 640 360
features=faceapi-expr,faceres,mobilefacenet
echo "== 640x360, 60 s clip, 2 threads"
java -cp "$cp" "$root/bench/java/VideoTools.java" decode "$short"
rm -rf "$work/store-short"
start=$(date +%s.%N)
"$root/affect4j" extract --input "$short" --store "$work/store-short" --features "$features" --threads 2 2>/dev/null
end=$(date +%s.%N)
frames=$(python3 -c "import json;print(json.load(open('$work/store-short/videos/clip-640x360-60s.json'))['frames'])")
python3 -c "print('full chain (decode+detect+track+align+%s): %d frames in %.1f s = %.1f frames/s' % ('$features', $frames, $end-$start, $frames/($end-$start)))"
echo "== peak RSS on ${long} s of video (same chain)"
rm -rf "$work/store-long"
/usr/bin/time -f "peak RSS %M KB, wall %e s" "$root/affect4j" extract --input "$longv" --store "$work/store-long" --features "$features" --threads 2 2>&1 >/dev/null | grep "peak RSS"
rm -rf "$work/store-60"
/usr/bin/time -f "peak RSS %M KB on the 60 s clip, wall %e s" "$root/affect4j" extract --input "$short" --store "$work/store-60" --features "$features" --threads 2 2>&1 >/dev/null | grep "peak RSS"
