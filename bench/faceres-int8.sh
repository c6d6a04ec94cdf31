#!/usr/bin/env bash
# faceres against faceres-int8 (issue 19; bench/java/FaceresInt8.java): CPU-ms per crop of each on the same aligned
# FER2013 crops (2 threads, lists of 32, rounds alternating), cosine similarity of the two embeddings of every
# FER2013 picture, and FER2013 val/test macro-F1 of a softmax regression on each (L2 chosen on val), every picture
# once through VideoExtraction.stillImages (predict's path for a picture).
# Usage: bench/faceres-int8.sh [WORK] [--speed-crops 256] [--rounds 5] [--limit 0]
#   WORK (default /tmp/affect4j-faceres-int8) keeps the extracted features; a rerun only times and scores.
# Environment: AFFECT4J_DATA (the data folder; default ../shared/data), BENCH_HEAP (default 3g).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-/tmp/affect4j-faceres-int8}"
[ $# -gt 0 ] && shift
"$root/affect4j" --version > /dev/null # builds on first use
exec java -Xmx"${BENCH_HEAP:-3g}" -Daffect4j.root="$root" -cp "$root/affect4j-cli/target/lib/*" \
  "$root/bench/java/FaceresInt8.java" "$work" "$@"
