#!/usr/bin/env bash
# The default model (or MODEL) measured the way a user meets it: `affect4j predict FILE` run on one file at a time,
# each file's label taken from the frames.csv predict writes (the most frequent label over its labelled frames,
# lowest class index on a tie; a file with no labelled frame counts as a miss), macro-F1 over the classes present.
#   bench/predict-accuracy.sh fer [PER_CLASS] [MODEL]       FER2013 test pictures (first PER_CLASS of each class, default 15)
#   bench/predict-accuracy.sh ravdess [PER_CLASS] [MODEL]   RAVDESS actors 17-20 speech (default: all 240)
#   bench/predict-accuracy.sh crema [0] [MODEL]             the six CREMA-D clips (face and voice)
# Each file costs a JVM start; FER 15 per class takes about 5 minutes on 2 cores.
# PREDICTED=DIR scores a batch run instead (`./affect4j predict FILE... --out DIR`, one JVM: DIR/NAME/frames.csv per
# file) with the same rule; ACTORS=FIRST-LAST picks other RAVDESS actors than 17-20 (e.g. validation actors 13-16).
# CROP=FRACTION (fer only) predicts the centre FRACTION of each picture scaled back to its size, the tighter framing
# of other labs' face crops (bench/java/CentreCrop.java); BATCH=1 runs all files in one `predict` (one JVM, faster,
# the same labels as one file at a time).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${AFFECT4J_DATA:-$root/../shared/data}"
set_name="${1:?usage: bench/predict-accuracy.sh fer|ravdess|crema [PER_CLASS] [MODEL]}"
per_class="${2:-0}"
model="${3:-default}"
predicted="${PREDICTED:-}"; [ -n "$predicted" ] && [ -z "${3:-}" ] && model="batch output $predicted"
first="${ACTORS:-17-20}"; last="${first#*-}"; first="${first%-*}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
list="$out/list.csv"   # file,gold
case "$set_name" in
  fer)
    [ -d "$data/fer2013/test" ] || { echo "FER2013 not found under $data (set AFFECT4J_DATA)" >&2; exit 3; }
    n="${per_class:-15}"; [ "$n" = 0 ] && n=15
    awk -F, -v n="$n" 'NR > 1 && $3 == "test" && c[$2]++ < n { print $1 "," $2 }' "$data/fer2013/labels.csv" \
      | sed "s|^|$data/fer2013/|" > "$list" ;;
  ravdess)
    [ -f "$data/ravdess/labels.csv" ] || { echo "RAVDESS not found under $data (set AFFECT4J_DATA)" >&2; exit 3; }
    awk -F, -v n="$per_class" -v a="$first" -v b="$last" 'NR > 1 && $2 >= a && $2 <= b && (n == 0 || c[$4]++ < n) { print $1 "," $4 }' \
      "$data/ravdess/labels.csv" | sed "s|^|$data/ravdess/|" > "$list" ;;
  crema)
    [ -f "$data/crema-d/labels.csv" ] || { echo "CREMA-D not found under $data (set AFFECT4J_DATA)" >&2; exit 3; }
    awk -F, 'NR > 1 { print $1 "," $3 }' "$data/crema-d/labels.csv" | sed "s|^|$data/crema-d/|" > "$list" ;;
  *) echo "unknown set '$set_name': fer, ravdess or crema" >&2; exit 2 ;;
esac
if [ -n "${CROP:-}" ]; then
  [ "$set_name" = fer ] || { echo "CROP applies to the fer set only" >&2; exit 2; }
  java -cp "$root/affect4j-cli/target/lib/*" "$root/bench/java/CentreCrop.java" "$CROP" "$list" "$out/crops" > "$out/cropped.csv"
  mv "$out/cropped.csv" "$list"
  set_name="fer (centre $CROP)"
fi
if [ "${BATCH:-0}" = 1 ] && [ -z "$predicted" ]; then
  predicted="$out/batch"
  cut -d, -f1 "$list" | tr '\n' '\0' | xargs -0 "$root/affect4j" predict --model "$model" --out "$predicted" > "$out/batch.log" 2>&1 || tail -n 3 "$out/batch.log" >&2
fi
results="$out/results.csv"
k=0; total=$(wc -l < "$list")
while IFS=, read -r file gold; do
  k=$((k+1))
  dir="$out/p$k"
  if [ -n "$predicted" ]; then
    name="$(basename "$file")"; dir="$predicted/${name%.*}"
    [ -f "$dir/frames.csv" ] || echo "no frames.csv for $name" > "$out/p$k.log"
  elif ! "$root/affect4j" predict "$file" --model "$model" --out "$dir" < /dev/null > "$dir.log" 2>&1; then
    rm -f "$dir/frames.csv"
  fi
  if [ -f "$dir/frames.csv" ]; then
    pred=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "label") col = i; next }
                    $col >= 0 { c[$col]++ } END { best = -1; for (k = 0; k < 8; k++) if (c[k] > 0 && (best < 0 || c[k] > c[best])) best = k; print best }' \
           "$dir/frames.csv")
  else
    pred=-1; echo "  $(basename "$file"): predict failed: $(tail -n 1 "$out/p$k.log")" >&2
  fi
  echo "$(basename "$file"),$gold,$pred" >> "$results"
  printf "\r%d / %d" "$k" "$total" >&2
  [ -n "$predicted" ] || rm -rf "$dir"
done < "$list"
echo >&2
awk -F, -v model="$model" -v set="$set_name" '
  { g = $2; p = $3; n++; if (g == p) ok++; gold[g]++; if (p >= 0) pred[p]++; if (g == p) tp[g]++; seen[g] = 1; if (p >= 0) other[p] += (g != p) }
  END {
    names = "Neutral Anger Disgust Fear Happiness Sadness Surprise Other"; split(names, nm, " ")
    for (c in seen) { prec = pred[c] ? tp[c] / pred[c] : 0; rec = tp[c] / gold[c]; f = prec + rec > 0 ? 2 * prec * rec / (prec + rec) : 0
                      sum += f; classes++; printf "  %-9s F1 %.3f (%d files, predicted %d times)\n", nm[c + 1], f, gold[c], pred[c] }
    printf "  labelled Other: %d of %d files\n", pred[7], n
    printf "%s through predict, model %s: %d files, macro-F1 %.4f over the %d classes present, accuracy %.4f\n", set, model, n, sum / classes, classes, ok / n
  }' "$results"
