#!/usr/bin/env bash
# The paper's recipe step by step on real recordings (issue 15, item 4): RAVDESS speech arranged as an Aff-Wild2-format
# corpus of 40 long multi-utterance videos (bench/java/RavdessCorpus.java: actors 1-12 train, 13-16 validation,
# 17-20 held out), extracted and trained with the commands a researcher types, each step scored on the held-out actors:
#   1 single LSTM on fbank alone            (no fusion, no R-Drop)
#   2 single LSTM on fbank+eGeMAPS+ComParE  (fusion, no R-Drop)
#   3 the same with R-Drop (alpha 5)        (the paper's single model)
#   4 single Transformer, fusion + R-Drop
#   5 cv --folds 5 --mix --test, LSTM       (fold models' vote)
#   6 cv --folds 5 --mix --test, Transformer
#   7 vote over every fold and mix model of both encoders
# Usage: bench/ravdess-proxy.sh            (resumes: finished runs and extracted videos are kept in PROXY_DIR)
# Environment: AFFECT4J_DATA (data folder with ravdess/), PROXY_DIR (work folder, default ./work/ravdess-proxy),
#   PROXY_EPOCHS (default 25, the paper's), PROXY_STEPS (default 1,2,3,4,5,6,7), AFFECT4J_THREADS (default 2),
#   PROXY_PERTURB (1: allocations filled with a huge value, see below), PROXY_PRECISION (training.precision of the
#   Transformer steps: float32, the default, or bfloat16; a bfloat16 model's folders and table rows carry the suffix
#   -bfloat16 so both can sit in one PROXY_DIR).
# Prints one table row per step (also appended to PROXY_DIR/results.md): macro-F1 over the 7 classes present, over
# ABAW's 8 (score's figure) and accuracy, on every frame of actors 17-20.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${AFFECT4J_DATA:-$root/../shared/data}"
work="$(mkdir -p "${PROXY_DIR:-$root/work/ravdess-proxy}" && cd "${PROXY_DIR:-$root/work/ravdess-proxy}" && pwd)"
# PROXY_PERTURB=1: glibc fills fresh allocations with a huge value (3.4e38 as float32), so a read of memory nobody
# wrote, or of a freed and reused block, shows as a non-finite gradient and stops training (the freed-constant bug of
# session 45 stopped step 4 at epoch 2 this way); slower, for checking, not for figures
# (the launcher adds its own tunables to this one)
[ "${PROXY_PERTURB:-0}" = 1 ] && export GLIBC_TUNABLES="${GLIBC_TUNABLES:+$GLIBC_TUNABLES:}glibc.malloc.perturb=128"
epochs="${PROXY_EPOCHS:-25}" steps=",${PROXY_STEPS:-1,2,3,4,5,6,7}," precision="${PROXY_PRECISION:-float32}"
suffix="" && [ "$precision" != float32 ] && suffix="-$precision"
[ -f "$data/ravdess/labels.csv" ] || { echo "ravdess-proxy.sh: needs RAVDESS in $data/ravdess (set AFFECT4J_DATA)" >&2; exit 2; }
a4j="$root/affect4j"
"$a4j" --version > /dev/null # builds on first use

corpus="$work/corpus" ann="$work/corpus/annotations/EXPR_Classification_Challenge" gold="$work/corpus/test/annotations"
if [ ! -f "$corpus/test/test.csv" ]; then
  java -cp "$root/affect4j-cli/target/lib/*" "$root/bench/java/RavdessCorpus.java" "$data/ravdess" "$corpus"
fi
echo "ravdess-proxy: extract" >&2
features=fbank,egemaps,compare,vad
"$a4j" extract --corpus "$corpus/annotations" --videos "$corpus/videos" --store "$work/store" --features $features > /dev/null
# the held-out actors' videos too (by name: training never sees a list that holds them)
"$a4j" extract --names "$corpus/test/test.csv" --videos "$corpus/videos" --store "$work/store" --features $features > /dev/null

config() { # name type features rdrop
  local model arithmetic=""
  if [ "$2" = lstm ]; then model='{"type": "lstm", "segmentLength": 128, "fusionDim": 512, "dropout": 0.3, "head": [512, 256]}'
  else model='{"type": "transformer", "segmentLength": 128, "fusionDim": 512, "dropout": 0.3, "head": [512, 256]}'
    arithmetic=", \"precision\": \"$precision\""; fi
  cat > "$work/$1.json" <<EOF
{
  "name": "$1", "seed": 42,
  "data": {"store": "$work/store", "train": "$ann/Train_Set", "validation": "$ann/Validation_Set", "nearestFill": true},
  "features": [$3],
  "model": $model,
  "training": {"epochs": $epochs, "batchSize": 8, "learningRate": 1.0e-4, "weightDecay": 1.0e-5, "lrStepEpochs": 20,
               "lrGamma": 0.1, "rdropAlpha": $4${arithmetic:-}}
}
EOF
  echo "$work/$1.json"
}
fusion='"fbank", "egemaps", "compare"'
score() { # label prediction-folder
  "$a4j" score --gold "$gold" --pred "$2" --json > "$2.score.json"
  # the corpus has no Other: macro-F1 over the 7 classes present, beside score's own over ABAW's 8
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); f=d['per_class_f1']; seven=sum(v for k,v in f.items() if k!='Other')/7; print('| %s | %.3f | %.3f | %.3f |' % (sys.argv[2], seven, d['macro_f1'], d['accuracy']))" "$2.score.json" "$1" \
    | tee -a "$work/results.md"
}
single() { # step name type features rdrop label
  case "$steps" in *",$1,"*) ;; *) return 0 ;; esac
  echo "ravdess-proxy: step $1: train $2" >&2
  "$a4j" train --config "$(config "$2" "$3" "$4" "$5")" --out "$work/runs/$2" > "$work/runs-$2.log" 2>&1 || true
  # a finished run is kept (train refuses to overwrite it); anything else that stopped is a failure, not a score
  python3 -c "import json,sys; sys.exit(json.load(open(sys.argv[1])).get('status') != 'finished')" "$work/runs/$2/run.json" \
    2>/dev/null || { echo "ravdess-proxy: training $2 stopped: $(tail -c 300 "$work/runs-$2.log" | tr '\r' '\n' | tail -1)" >&2; exit 1; }
  "$a4j" evaluate --run "$work/runs/$2" --items "$gold" --pred "$work/pred/$2" > /dev/null
  score "$6" "$work/pred/$2"
}
cv() { # step name type
  case "$steps" in *",$1,"*) ;; *) return 0 ;; esac
  echo "ravdess-proxy: step $1: cv $2" >&2
  "$a4j" cv --config "$(config "$2" "$3" "$fusion" 5.0)" --folds 5 --mix --test "$corpus/test/test.csv" --rule vote \
      --out "$work/cv/$2" > "$work/cv-$2.log" 2>&1
  score "cv --folds 5 --mix, $3, vote of the fold models" "$work/cv/$2/ensemble"
}
mkdir -p "$work/runs" "$work/pred" "$work/cv"
echo "| step (epochs $epochs), scored on actors 17-20 | macro-F1, 7 classes | macro-F1, ABAW's 8 | accuracy |" | tee -a "$work/results.md"
echo "|---|---|---|---|" | tee -a "$work/results.md"
single 1 lstm-fbank lstm '"fbank"' 0.0 "LSTM, fbank only, no R-Drop"
single 2 lstm-fusion-plain lstm "$fusion" 0.0 "LSTM, fbank + eGeMAPS + ComParE, no R-Drop"
single 3 lstm-fusion lstm "$fusion" 5.0 "LSTM, fusion, R-Drop 5"
single 4 "transformer-fusion$suffix" transformer "$fusion" 5.0 "Transformer, fusion, R-Drop 5${suffix:+, $precision}"
cv 5 cv-lstm lstm
cv 6 "cv-transformer$suffix" transformer
case "$steps" in *",7,"*)
  members=()
  for r in $(find "$work/cv/cv-lstm" "$work/cv/cv-transformer" -name run.json -printf '%h\n' | sort); do members+=(--run "$r"); done
  "$a4j" ensemble --rule vote --items "$gold" "${members[@]}" --out "$work/pred/both-encoders" > /dev/null
  score "vote over both encoders' $(( ${#members[@]} / 2 )) fold and mix models" "$work/pred/both-encoders"
  ;;
esac
