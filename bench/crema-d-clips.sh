#!/usr/bin/env bash
# Runs `affect4j predict` on the six CREMA-D clips and compares each clip's majority label with its emotion.
#   bench/crema-d-clips.sh [MODEL]      (MODEL: default, a run directory or a model file)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${AFFECT4J_DATA:-$root/../shared/data}"
model="${1:-default}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
[ -f "$data/crema-d/labels.csv" ] || { echo "CREMA-D clips not found under $data (set AFFECT4J_DATA)" >&2; exit 3; }
printf "%-18s %-10s %-10s %s\n" clip truth majority "shares"
correct=0; total=0
while IFS=, read -r file label idx; do
  [ "$file" = file ] && continue
  name="${file%.*}"
  "$root/affect4j" predict "$data/crema-d/$file" --model "$model" --out "$out/$name" < /dev/null > "$out/$name.log" 2>/dev/null
  major=$(grep '^dominant expression' "$out/$name.log" | sed 's/dominant expression: \([A-Za-z]*\).*/\1/')
  shares=$(grep '^shares' "$out/$name.log" | sed 's/^shares: //')
  printf "%-18s %-10s %-10s %s\n" "$name" "$label" "$major" "$shares"
  total=$((total+1)); [ "$major" = "$label" ] && correct=$((correct+1))
done < "$data/crema-d/labels.csv"
echo "clips whose majority label matches their emotion: $correct / $total (model: $model)"
