#!/usr/bin/env bash
# Extraction chain benchmark (issue 4): decode + detect + track + align + all three face embeddings on a 640x360
# clip, frames per second beside decode-only speed measured in the same run; then peak RSS on a long video made
# by looping the example clip, to show memory stays flat whatever the length.
#   bench/extract-chain.sh [LONG_SECONDS]     (default 600; the issue's figure is for 3600)
# AFFECT4J_BENCH_BASELINE=DIR (a kept copy of affect4j-cli/target: the CLI jar and lib/) also times the chain with
# those jars, alternating with the current build (AFFECT4J_BENCH_ROUNDS rounds, default 2), for a before/after under
# the same load. CPU ms/frame (user + system) is printed too: it depends much less on the load than frames/s.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
long="${1:-600}"
work="${AFFECT4J_BENCH_DIR:-/tmp/affect4j-bench}"
baseline="${AFFECT4J_BENCH_BASELINE:-}"
rounds="${AFFECT4J_BENCH_ROUNDS:-2}"
mkdir -p "$work"
"$root/affect4j" --version >/dev/null   # builds if needed
cp="$root/affect4j-cli/target/lib/*"
clip="$root/examples/1001_DFA_HAP_XX.flv"
short="$work/clip-640x360-60s.mp4"
longv="$work/clip-640x360-${long}s.mp4"
[ -f "$short" ] || java -cp "$cp" "$root/bench/java/VideoTools.java" loop "$clip" "$short" 60 640 360
[ "$long" = 0 ] || [ -f "$longv" ] || java -cp "$cp" "$root/bench/java/VideoTools.java" loop "$clip" "$longv" "$long" 640 360
features="${AFFECT4J_BENCH_FEATURES:-faceapi-expr,faceres,mobilefacenet}"
alt="${AFFECT4J_BENCH_ALT_FEATURES:-}"

# chain LABEL CLI_TARGET VIDEO STORE [FEATURES]: one extraction through the launcher (CLI_TARGET empty: the current
# build)
chain() {
  rm -rf "$4"
  AFFECT4J_CLI_TARGET="$2" /usr/bin/time -f "%e %M %U %S" -o "$work/time.txt" \
    "$root/affect4j" extract --input "$3" --store "$4" --features "${5:-$features}" --threads 2 >/dev/null 2>"$work/err.txt" \
    || { tail -5 "$work/err.txt" >&2; exit 1; }
  python3 - "$1" "$3" "$4" "$work/time.txt" <<'PY'
import glob, json, os, sys
label, video, store, timing = sys.argv[1:]
frames = json.load(open(glob.glob(store + '/videos/*.json')[0]))['frames']
wall, rss, usr, sys_ = map(float, open(timing).read().split()[-4:])
print('%s: %d frames of %s in %.1f s = %.1f frames/s, CPU %.1f ms/frame, peak RSS %d MB (load %s)' % (
    label, frames, os.path.basename(video), wall, frames / wall, 1000 * (usr + sys_) / frames, rss / 1024,
    open('/proc/loadavg').read().split()[0]))
PY
}

echo "== 640x360, 60 s clip, 2 threads, chain: decode + detect + track + align + $features (JVM start included)"
java -cp "$cp" "$root/bench/java/VideoTools.java" decode "$short"
for r in $(seq "$rounds"); do
  [ -n "$baseline" ] && chain "baseline $baseline" "$baseline" "$short" "$work/store-short"
  chain "current build" "" "$short" "$work/store-short"
  [ -n "$alt" ] && chain "current build, $alt" "" "$short" "$work/store-short" "$alt"
  [ -n "$baseline$alt" ] || break
done
[ "$long" = 0 ] && exit 0
echo "== peak RSS on ${long} s of video (same chain)"
chain "current build" "" "$longv" "$work/store-long"
[ -n "$baseline" ] && chain "baseline $baseline" "$baseline" "$longv" "$work/store-long"
true
