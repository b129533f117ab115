#!/usr/bin/env bash
# Copies Debian's static busybox into the build context ($1) at build time, so the repository
# holds no binary; the recipe hash covers the copy, so a busybox upgrade rebuilds the image.
set -euo pipefail
if [[ ! -x /bin/busybox ]]; then
  echo "/bin/busybox missing: apt-get install busybox-static (or run scripts/setup.sh)" >&2
  exit 1
fi
cp /bin/busybox "$1/busybox"
