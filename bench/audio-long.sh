#!/usr/bin/env bash
# Long-recording audio benchmark (issue 5): fbank + egemaps + compare + vad extracted from the soundtrack of a long
# video made by looping an example clip, streamed in 60 s chunks; peak RSS and real-time factor for a 60 s and a
# LONG_SECONDS video, beside FFmpeg's decode-only speed of the same track measured in the same run. Memory should
# not grow with the length.
#   bench/audio-long.sh [LONG_SECONDS]     (default 3600)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
long="${1:-3600}"
work="${AFFECT4J_BENCH_DIR:-/tmp/affect4j-bench}"
mkdir -p "$work"
"$root/affect4j" --version >/dev/null   # builds if needed
cp="$root/affect4j-cli/target/lib/*"
clip="$root/examples/1001_DFA_HAP_XX.flv"
features=fbank,egemaps,compare,vad
# a tiny picture keeps the looped files quick to make; only their sound is analysed
for secs in 60 "$long"; do
  v="$work/audio-loop-${secs}s.mp4"
  [ -f "$v" ] || java -cp "$cp" "$root/bench/java/VideoTools.java" loop "$clip" "$v" "$secs" 64 48
done
for secs in 60 "$long"; do
  v="$work/audio-loop-${secs}s.mp4"
  echo "== ${secs} s video, features $features"
  java -cp "$cp" "$root/bench/java/AudioDecode.java" "$v"
  rm -rf "$work/store-audio-$secs"
  /usr/bin/time -f "%M %e" -o "$work/audio-time-$secs" \
    "$root/affect4j" extract --input "$v" --store "$work/store-audio-$secs" --features "$features" >/dev/null 2>&1
  read -r rss wall < "$work/audio-time-$secs"
  python3 -c "print('extraction: %d s of audio in %.1f s = %.0fx real time (JVM start included), peak RSS %.0f MB' % ($secs, $wall, $secs/$wall, $rss/1024))"
done
