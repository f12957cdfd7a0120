#!/usr/bin/env bash
# Measures indexing the library: N copies (default 5,000) of the committed samples in a temporary folder, in folders of
# 100, indexed into a fresh database with `meurs library scan` (every file read: tags, duration, cover), then scanned
# again (nothing changed: no file is opened), then again after touching 1% of them. Prints each scan's own line.
#
# Usage:  bench/library/run.sh [N] [configuration]      e.g. bench/library/run.sh 5000 Release
# Needs a built Meurs.Web (dotnet build -c <configuration> Meurs.Web). Writes only under a mktemp folder, removed after.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
count="${1:-5000}"
configuration="${2:-Release}"
app="$here/Meurs.Web/bin/$configuration/net10.0/meurs.dll"
[[ -f "$app" ]] || { echo "build first: dotnet build -c $configuration Meurs.Web" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mapfile -t samples < <(find "$here/media" -type f \( -name '*.mp3' -o -name '*.ogg' -o -name '*.opus' -o -name '*.flac' \
  -o -name '*.wav' -o -name '*.m4a' -o -name '*.mp4' -o -name '*.webm' \) | sort)
for ((i = 0; i < count; i++)); do
  sample="${samples[i % ${#samples[@]}]}"
  folder="$work/media/$((i / 100))"
  mkdir -p "$folder"
  cp "$sample" "$folder/$i-${sample##*/}"
done
echo "$count files, $(du -sh "$work/media" | cut -f1), from ${#samples[@]} samples; $(nproc) cores"

scan() { dotnet "$app" library scan --Library:Path="$work/media" --Data:Path="$work/data"; }
echo "first scan (empty index):"; scan
echo "rescan (nothing changed):"; scan
find "$work/media" -type f | sort | awk 'NR % 100 == 0' | xargs touch
echo "rescan (1% touched):"; scan
