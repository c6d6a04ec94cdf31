#!/usr/bin/env bash
# Fine-tunes face-api's expression net on FER2013's aligned face crops (bench/java/FaceNetFineTune.java) and prints
# val and test macro-F1 / accuracy of the net's own arg-max (7 classes, face rows) before and after, the epoch chosen
# on validation macro-F1; writes the tuned net as ONNX and its 256-d features per view to OUT.
# Usage: bench/face-finetune.sh CROPS OUT [--views train,mirror,aug1,aug2] [--lr 3e-4] [--wd 1e-4] [--epochs 2] [--frozen 2]
#        [--batch 32] [--shift 4] [--seed 1] [--limit 0] [--features yes] [--threads 2]
# Measured (2 cores shared; face rows; 7-class macro-F1 of the net's own arg-max; as shipped: val 0.4403,
# test 0.4488, test+mirror 0.4650):
#   --frozen 2 --lr 3e-4 --epochs 1 --shift 4 (all 37,395 train crops): val 0.5146, test 0.5255, test+mirror 0.5431
#   (1134 s); --limit 2000 --epochs 2, same otherwise: val 0.4934, test 0.5072, test+mirror 0.5178 (703 s);
#   the same with --lr 1e-4: val 0.4667, test 0.4819, test+mirror 0.4926.
# Training runs on DJL (about 1.2 s per step of 32 with two blocks frozen on an idle machine, 3 s when shared).
# CROPS: NAME.npy / NAME.mask.npy / NAME.labels.npy for the FER2013 train views, val, test (and their mirrors),
# written from the aligned crops predict computes. Environment: FINETUNE_HEAP (default 3g).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -ge 2 ] || { echo "usage: bench/face-finetune.sh CROPS OUT [options]" >&2; exit 2; }
[ -f "$1/fer2013-val.npy" ] || { echo "face-finetune.sh: no crops in $1 (fer2013-val.npy missing)" >&2; exit 2; }
"$root/affect4j" --version > /dev/null # builds on first use
exec java -Xmx"${FINETUNE_HEAP:-3g}" -Dai.djl.offline=true -cp "$root/affect4j-cli/target/lib/*" \
  "$root/bench/java/FaceNetFineTune.java" "$@"
