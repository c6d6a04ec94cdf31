#!/usr/bin/env bash
# Long-recording audio benchmark (issue 5): fbank + egemaps + compare + vad extracted from the soundtrack of a long
# video made by looping an example clip, streamed in 60 s chunks; peak RSS and real-time factor for a 60 s and a
# LONG_SECONDS video, beside FFmpeg's decode-only speed of the same track measured in the same run. Memory should
# not grow with the length. CPU seconds (user + sys, all threads) are printed beside the wall clock, with the load
# average, so a figure taken on a busy machine still says something; `affect4j --version` is timed alone first,
# so the JVM's start-up share of each run is visible.
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
/usr/bin/time -f "%e %U %S" -o "$work/version-time" "$root/affect4j" --version >/dev/null
read -r vwall vuser vsys < "$work/version-time"
python3 -c "print('start-up alone (affect4j --version): %.2f s wall, %.2f CPU-s' % ($vwall, $vuser + $vsys))"
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
  load="$(cut -d' ' -f1 /proc/loadavg)"
  /usr/bin/time -f "%M %e %U %S" -o "$work/audio-time-$secs" \
    "$root/affect4j" extract --input "$v" --store "$work/store-audio-$secs" --features "$features" >/dev/null 2>&1
  read -r rss wall user sys < "$work/audio-time-$secs"
  python3 -c "print('extraction: %d s of audio in %.1f s = %.0fx real time (JVM start included), %.1f CPU-s = %.0fx real time per CPU-second, peak RSS %.0f MB, load %s-%s' % ($secs, $wall, $secs/$wall, $user + $sys, $secs/($user + $sys), $rss/1024, '$load', open('/proc/loadavg').read().split()[0]))"
done
