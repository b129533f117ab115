#!/usr/bin/env bash
# Copies the static busybox into the build context ($1) at build time (no binary in the repository).
set -euo pipefail
[[ -x /bin/busybox ]] || { echo "/bin/busybox missing: apt-get install busybox-static" >&2; exit 1; }
cp /bin/busybox "$1/busybox"
# The leaked files are generated: git does not keep a nested .git, and nobody commits editor files.
app="$1/app"
mkdir -p "$app/.git/objects/pack"
echo 'echo hello' > "$app/main.sh"
echo 'ref: refs/heads/main' > "$app/.git/HEAD"
head -c 600000 /bin/busybox > "$app/.git/objects/pack/pack-1.pack"
head -c 200000 /bin/busybox | tail -c 150000 > "$app/debug.log"
head -c 12288 /bin/busybox > "$app/.main.sh.swp"
