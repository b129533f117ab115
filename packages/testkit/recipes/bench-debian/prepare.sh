#!/usr/bin/env bash
# Puts rootfs.tar (debootstrap --variant=minbase bookworm) into the build context ($1).
# debootstrap takes ~30 s and needs the network, so the tarball is cached outside the clone,
# keyed by this script, debootstrap's version and the mirror, and reused by every later build.
set -euo pipefail
stage=$1
cache=${STRATA_CACHE_DIR:-$HOME/.cache/strata}/rootfs
suite=bookworm

# Debian's mirror as apt is configured here (the only one reachable from CI); deb822 first.
mirror=${STRATA_DEBIAN_MIRROR:-}
if [[ -z $mirror ]]; then
  mirror=$(awk -v s="$suite" '
    /^URIs:/ { u = $2 } /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == s) print u }
    /^deb / { for (i = 2; i <= NF; i++) if ($i !~ /^\[/ && $i ~ /:\/\//) { if ($(i + 1) == s) print $i; break } }
  ' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null | head -n1 || true)
  mirror=${mirror:-http://deb.debian.org/debian}
fi

version=$(dpkg-query -W -f='${Version}' debootstrap 2>/dev/null || echo none)
key=$( { cat "$0"; echo "$version $mirror $suite"; } | sha256sum | cut -c1-16)
tarball=$cache/rootfs-$suite-$key.tar
mkdir -p "$cache"

# flock: parallel builds wait for one debootstrap instead of running two.
exec 9>"$cache/.lock"
flock -x 9
if [[ ! -f $tarball ]]; then
  [[ $(id -u) == 0 ]] || { echo "debootstrap needs root" >&2; exit 1; }
  command -v debootstrap >/dev/null || { echo "debootstrap missing: run scripts/setup.sh" >&2; exit 1; }
  echo "strata testkit: debootstrap $suite from $mirror (once, ~30 s)" >&2
  work=$(mktemp -d "$cache/work.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  debootstrap --variant=minbase "$suite" "$work/rootfs" "$mirror" >"$work/log" 2>&1 ||
    { tail -n 20 "$work/log" >&2; exit 1; }
  # No device nodes or kernel mounts in an image layer; names sorted for a stable tar.
  tar --numeric-owner --sort=name -C "$work/rootfs" \
    --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' -cf "$work/rootfs.tar" .
  mv "$work/rootfs.tar" "$tarball"
  find "$cache" -maxdepth 1 -name "rootfs-$suite-*.tar" ! -path "$tarball" -mtime +1 -delete
fi
# Same filesystem as the stage: a hard link costs nothing; fall back to a copy.
ln -f "$tarball" "$stage/rootfs.tar" 2>/dev/null || cp "$tarball" "$stage/rootfs.tar"
