#!/usr/bin/env bash
# Fine-tunes face-api's expression net on FER2013's aligned face crops (bench/java/FaceNetFineTune.java) and prints
# val and test macro-F1 / accuracy of the net's own arg-max (7 classes, face rows) before and after, the epoch chosen
# on validation macro-F1; writes the tuned net as ONNX and its 256-d features per view to OUT.
# Usage: bench/face-finetune.sh CROPS OUT [--views train,mirror,aug1,aug2] [--lr 1e-4] [--wd 1e-4] [--epochs 1] [--frozen 0]
#        [--batch 32] [--shift 0] [--seed 1] [--limit 0] [--features yes] [--threads 2]
# CROPS: NAME.npy / NAME.mask.npy / NAME.labels.npy for the FER2013 train views, val, test (and their mirrors),
# written from the aligned crops predict computes. Environment: FINETUNE_HEAP (default 3g).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -ge 2 ] || { echo "usage: bench/face-finetune.sh CROPS OUT [options]" >&2; exit 2; }
[ -f "$1/fer2013-val.npy" ] || { echo "face-finetune.sh: no crops in $1 (fer2013-val.npy missing)" >&2; exit 2; }
"$root/affect4j" --version > /dev/null # builds on first use
exec java -Xmx"${FINETUNE_HEAP:-3g}" -Dai.djl.offline=true -cp "$root/affect4j-cli/target/lib/*" \
  "$root/bench/java/FaceNetFineTune.java" "$@"
