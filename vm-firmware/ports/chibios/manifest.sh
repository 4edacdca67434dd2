#!/bin/sh
# Puts one board's firmware image in a firmware folder and rewrites the folder's manifest.json
# in the format main/flash/firmware.ts reads:
#   { "images": [ { "board", "vmVersion", "file", "sha256" } ] }
# Entries of other boards stay. Usage: manifest.sh IMAGE.bin BOARD VM_VERSION FOLDER
set -eu
bin=$1 board=$2 version=$3 dir=$4
file="viper-$board.bin"
mkdir -p "$dir"
cp "$bin" "$dir/$file.tmp"
mv "$dir/$file.tmp" "$dir/$file"
sha=$(sha256sum "$dir/$file" | cut -d' ' -f1)
entry="    { \"board\": \"$board\", \"vmVersion\": \"$version\", \"file\": \"$file\", \"sha256\": \"$sha\" }"
# This script writes one entry per line; keep those of other boards.
others=""
if [ -f "$dir/manifest.json" ]; then
  others=$(grep '^    { "board": ' "$dir/manifest.json" | grep -v "^    { \"board\": \"$board\"," | sed 's/,$//' || true)
fi
{
  echo '{'
  echo '  "images": ['
  if [ -n "$others" ]; then printf '%s\n' "$others" | sed 's/$/,/'; fi
  echo "$entry"
  echo '  ]'
  echo '}'
} > "$dir/manifest.json.tmp"
mv "$dir/manifest.json.tmp" "$dir/manifest.json"
echo "firmware: $dir/$file (sha256 $sha), listed in $dir/manifest.json"
