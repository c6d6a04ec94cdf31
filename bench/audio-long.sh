#!/usr/bin/env bash
# Long-recording audio benchmark (issue 5): fbank + egemaps + compare + vad extracted from the soundtrack of a long
# video made by looping an example clip, streamed in 60 s chunks; peak RSS and real-time factor for a 60 s and a
# LONG_SECONDS video, beside FFmpeg's decode-only speed of the same track measured in the same run. Memory should
# not grow with the length. CPU seconds (user + sys, all threads) are printed beside the wall clock, with the load
# average, so a figure taken on a busy machine still says something; `affect4j --version` is timed alone first,
# so the JVM's start-up share of each run is visible.
# With COPIES, a folder of that many links to the long video is then extracted in one command, as a corpus is: the
# JVM's start and JIT are paid once, and each video after the first is timed from the progress lines.
# With a baseline (a kept copy of an earlier build's affect4j-cli/target), every step runs RUNS times alternating
# with it, and the script fails unless every stored matrix equals the baseline's byte for byte (issue 19: the same
# answers); AFFECT4J_BENCH_ANSWERS=changed reports differences without failing, for a build that changes them on
# purpose. Each build's first `extract` (which records the launcher's class-data archive) is run once unmeasured.
# With BASELINE_LAUNCHER too (that build's launcher script, e.g. `git show REV:affect4j` saved beside this one), the
# baseline runs as that launcher runs it (a change of the launcher's JVM options is then measured).
#   bench/audio-long.sh [LONG_SECONDS [COPIES [BASELINE_CLI_TARGET [RUNS [BASELINE_LAUNCHER]]]]]
#   (default 3600, no copies, no baseline, 1, this launcher)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
long="${1:-3600}"
copies="${2:-0}"
base="${3:-}"
runs="${4:-1}"
base_launcher="${5:-$root/affect4j}"
work="${AFFECT4J_BENCH_DIR:-/tmp/affect4j-bench}"
mkdir -p "$work"
"$root/affect4j" --version >/dev/null   # builds if needed
[ -z "$base" ] || [ -d "$base" ] || { echo "no baseline target at $base" >&2; exit 2; }
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

# the command that runs a build: this one, or the baseline's target through AFFECT4J_CLI_TARGET (and its launcher)
runner() { # who -> the array run
  if [ "$1" = baseline ]; then run=(env "AFFECT4J_CLI_TARGET=$base" "$base_launcher"); else run=("$root/affect4j"); fi
}
for who in ${base:+baseline} build; do # class-data archives recorded outside the measured runs
  rm -rf "$work/store-audio-warm"
  runner "$who"
  "${run[@]}" extract --input "$work/audio-loop-60s.mp4" --store "$work/store-audio-warm" --features "$features" >/dev/null 2>&1
done
label() { [ "$1" = baseline ] && echo "baseline: " || true; }

one() { # who secs: one video, timed
  local who="$1" secs="$2" v="$work/audio-loop-$2s.mp4" store="$work/store-audio-$2-$1"
  rm -rf "$store"
  local load; load="$(cut -d' ' -f1 /proc/loadavg)"
  runner "$who"
  /usr/bin/time -f "%M %e %U %S" -o "$work/audio-time-$secs" \
    "${run[@]}" extract --input "$v" --store "$store" --features "$features" >/dev/null 2>&1
  read -r rss wall user sys < "$work/audio-time-$secs"
  python3 -c "print('%sextraction: %d s of audio in %.1f s = %.0fx real time (JVM start included), %.1f CPU-s = %.0fx real time per CPU-second, peak RSS %.0f MB, load %s-%s' % ('$(label "$who")', $secs, $wall, $secs/$wall, $user + $sys, $secs/($user + $sys), $rss/1024, '$load', open('/proc/loadavg').read().split()[0]))"
}

corpus() { # who: COPIES links to the long video in one command, each video after the first timed
  local who="$1" dir="$work/audio-corpus-$long" store="$work/store-audio-corpus-$1"
  rm -rf "$dir" "$store"
  mkdir -p "$dir"
  for i in $(seq "$copies"); do ln -s "$work/audio-loop-${long}s.mp4" "$dir/copy$i.mp4"; done
  local load; load="$(cut -d' ' -f1 /proc/loadavg)"
  runner "$who"
  /usr/bin/time -f "%M %e %U %S" -o "$work/audio-time-corpus" \
    "${run[@]}" extract --input "$dir" --store "$store" --features "$features" 2>&1 >/dev/null \
    | while IFS= read -r line; do printf '%s %s\n' "$(date +%s.%N)" "$line"; done > "$work/audio-corpus-progress"
  printf '%s end\n' "$(date +%s.%N)" >> "$work/audio-corpus-progress"
  read -r rss wall user sys < "$work/audio-time-corpus"
  python3 - "$work/audio-corpus-progress" "$long" "$copies" "$wall" "$user" "$sys" "$rss" "$load" "$(label "$who")" <<'PY'
import sys
progress, secs, copies, wall, user, sys_, rss, load, label = sys.argv[1:]
secs, copies = int(secs), int(copies)
# a video's time runs from the line that starts it to the line that starts the next (the last: to the command's end)
lines = open(progress).read().splitlines()
starts = [float(l.split()[0]) for l in lines if ': started,' in l] + [float(lines[-1].split()[0])]
later = [b - a for a, b in zip(starts[1:], starts[2:])]
total = copies * secs
print('%scorpus: %d x %d s in %.1f s = %.0fx real time (one JVM start), %.1f CPU-s, peak RSS %.0f MB, load %s-%s'
      % (label, copies, secs, float(wall), total / float(wall), float(user) + float(sys_), int(rss) / 1024, load,
         open('/proc/loadavg').read().split()[0]))
if later:
    print('%s  the videos after the first: %s s each, %.0f-%.0fx real time' % (label, ', '.join('%.1f' % t for t in later),
          secs / max(later), secs / min(later)))
PY
}

same=1
compare() { # what: the baseline's and this build's stores, matrix by matrix (feature.json's text aside: older builds
            # wrote its keys in an order that changed from run to run)
  local a="$work/store-audio-$1-baseline" b="$work/store-audio-$1-build" diffs
  diffs="$( (cd "$a" && find . -name '*.npy' | sort) | while read -r f; do cmp -s "$a/$f" "$b/$f" || echo "$f"; done)"
  [ "$(cd "$a" && find . -name '*.npy' | wc -l)" = "$(cd "$b" && find . -name '*.npy' | wc -l)" ] || diffs="$diffs (matrix counts differ)"
  if [ -z "$diffs" ]; then echo "  stores the same as the baseline's, every matrix byte for byte"
  else echo "  stores differ from the baseline's: $(echo $diffs)"; same=0; fi
}

for secs in 60 "$long"; do
  echo "== ${secs} s video, features $features"
  java -cp "$cp" "$root/bench/java/AudioDecode.java" "$work/audio-loop-${secs}s.mp4"
  for _ in $(seq "$runs"); do
    [ -z "$base" ] || one baseline "$secs"
    one build "$secs"
    [ -z "$base" ] || compare "$secs"
  done
done
if [ "$copies" -gt 0 ]; then
  echo "== $copies copies of the ${long} s video in one command"
  for _ in $(seq "$runs"); do
    [ -z "$base" ] || corpus baseline
    corpus build
    [ -z "$base" ] || compare corpus
  done
fi
if [ -n "$base" ] && [ "$same" = 0 ]; then
  if [ "${AFFECT4J_BENCH_ANSWERS:-same}" = changed ]; then echo "answers differ from the baseline's, as AFFECT4J_BENCH_ANSWERS=changed allows"
  else exit 1
  fi
fi
