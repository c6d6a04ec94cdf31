#!/usr/bin/env bash
# Streaming a long video (issue 17, issue 19's "memory flat with length"): a 60 s clip streamed gives exactly the
# frames of the whole computation (StreamingTest with -Daffect4j.stream.clip), and a MINUTES-minute clip goes through
# ExpressionRecognizer.frames() in a small heap where holding every feature row, as predict did before, runs out;
# then `affect4j predict` on it, streamed and whole, with its peak RSS from /usr/bin/time -v.
#   bench/stream-memory.sh [MINUTES]   (default 10; HEAP, default 128m, is the small heap)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${AFFECT4J_BENCH_DIR:-/tmp/affect4j-bench}"
minutes="${1:-10}"
heap="${HEAP:-128m}"
mkdir -p "$work"
"$root/affect4j" --version >/dev/null
cp="$root/affect4j-cli/target/lib/*"
clip="$root/examples/1001_DFA_HAP_XX.flv"
sixty="$work/example-60s.mp4"
long="$work/example-${minutes}min.mp4"
[ -f "$sixty" ] || java -cp "$cp" "$root/bench/java/VideoTools.java" loop "$clip" "$sixty" 60 480 360
[ -f "$long" ] || java -cp "$cp" "$root/bench/java/VideoTools.java" loop "$clip" "$long" $((minutes * 60)) 480 360

echo "== every frame of the 60 s clip, streamed and whole (StreamingTest)"
(cd "$root" && mvn -q -B -o verify -pl affect4j-predict -am -Dtest='StreamingTest#streamedFramesAreTheWholeComputation' \
  -Dsurefire.failIfNoSpecifiedTests=false -Daffect4j.stream.clip="$sixty" && echo "identical: every frame of $sixty")

echo "== $minutes min clip through the library in -Xmx$heap"
java -Xmx"$heap" -XX:+UseSerialGC -cp "$cp" "$root/bench/java/StreamHeap.java" frames "$long"
java -Xmx"$heap" -XX:+UseSerialGC -cp "$cp" "$root/bench/java/StreamHeap.java" whole "$long" >"$work/whole.log" 2>&1 \
  && cat "$work/whole.log" \
  || echo "whole: failed in -Xmx$heap: $(grep -m1 -E 'Error|Exception' "$work/whole.log")"

echo "== affect4j predict on the $minutes min clip: peak RSS"
for mode in streamed whole; do
  opts=""
  [ "$mode" = whole ] && opts="-Daffect4j.predict.whole=true"
  JAVA_OPTS="$opts" /usr/bin/time -v -o "$work/time-$mode.txt" "$root/affect4j" predict "$long" --out "$work/stream-out-$mode" \
    >/dev/null 2>"$work/predict-$mode.err" || echo "predict ($mode) failed: $(tail -1 "$work/predict-$mode.err")"
  printf '%-8s %s, %s\n' "$mode" "$(grep 'Maximum resident' "$work/time-$mode.txt" | sed 's/^\s*//')" \
    "$(grep 'Elapsed (wall' "$work/time-$mode.txt" | sed 's/^\s*//')"
done
cmp -s "$work/stream-out-streamed/frames.csv" "$work/stream-out-whole/frames.csv" \
  && echo "frames.csv identical, streamed and whole" || echo "frames.csv DIFFERS between streamed and whole"
