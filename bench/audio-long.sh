#!/usr/bin/env bash
# Long-recording audio benchmark (issue 5): fbank + egemaps + compare + vad extracted from the soundtrack of a long
# video made by looping an example clip, streamed in 60 s chunks; peak RSS and real-time factor for a 60 s and a
# LONG_SECONDS video, beside FFmpeg's decode-only speed of the same track measured in the same run. Memory should
# not grow with the length. CPU seconds (user + sys, all threads) are printed beside the wall clock, with the load
# average, so a figure taken on a busy machine still says something; `affect4j --version` is timed alone first,
# so the JVM's start-up share of each run is visible.
# With COPIES, a folder of that many links to the long video is then extracted in one command, as a corpus is: the
# JVM's start and JIT are paid once, and each video after the first is timed from the progress lines.
#   bench/audio-long.sh [LONG_SECONDS [COPIES]]     (default 3600, no copies)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
long="${1:-3600}"
copies="${2:-0}"
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
if [ "$copies" -gt 0 ]; then
  corpus="$work/audio-corpus-$long"
  rm -rf "$corpus" "$work/store-audio-corpus"
  mkdir -p "$corpus"
  for i in $(seq "$copies"); do ln -s "$work/audio-loop-${long}s.mp4" "$corpus/copy$i.mp4"; done
  echo "== $copies copies of the ${long} s video in one command"
  load="$(cut -d' ' -f1 /proc/loadavg)"
  /usr/bin/time -f "%M %e %U %S" -o "$work/audio-time-corpus" "$root/affect4j" extract --input "$corpus" \
    --store "$work/store-audio-corpus" --features "$features" 2>&1 >/dev/null \
    | while IFS= read -r line; do printf '%s %s\n' "$(date +%s.%N)" "$line"; done > "$work/audio-corpus-progress"
  printf '%s end\n' "$(date +%s.%N)" >> "$work/audio-corpus-progress"
  read -r rss wall user sys < "$work/audio-time-corpus"
  python3 - "$work/audio-corpus-progress" "$long" "$copies" "$wall" "$user" "$sys" "$rss" "$load" <<'PY'
import sys
progress, secs, copies, wall, user, sys_, rss, load = sys.argv[1:]
secs, copies = int(secs), int(copies)
# a video's time runs from the line that starts it to the line that starts the next (the last: to the command's end)
lines = open(progress).read().splitlines()
starts = [float(l.split()[0]) for l in lines if ': started,' in l] + [float(lines[-1].split()[0])]
later = [b - a for a, b in zip(starts[1:], starts[2:])]
total = copies * secs
print('corpus: %d x %d s in %.1f s = %.0fx real time (one JVM start), %.1f CPU-s, peak RSS %.0f MB, load %s-%s'
      % (copies, secs, float(wall), total / float(wall), float(user) + float(sys_), int(rss) / 1024, load,
         open('/proc/loadavg').read().split()[0]))
if later:
    print('  the videos after the first: %s s each, %.0f-%.0fx real time' % (', '.join('%.1f' % t for t in later),
          secs / max(later), secs / min(later)))
PY
fi
