#!/usr/bin/env bash
# Installs what Strata's build, tests and bench need, and only what is missing, so running it
# again costs a few seconds. Used by the README's commands, scripts/test-all.sh and CI (which may
# start from a bare Debian 12 + Node 20 machine).
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf 'setup: %s\n' "$*"; }

# Debian packages, each for a reason:
#   buildah crun skopeo      build/push real test images without a daemon (crun: buildah only
#                            recommends a runtime, and --no-install-recommends would drop it)
#   debootstrap debian-archive-keyring   the bench image's rootfs (keyring verifies the mirror)
#   busybox-static           the static shell inside the FROM-scratch test images
#   docker-registry apache2-utils openssl   real registry + htpasswd + TLS/JWT keys in tests
#   chromium                 Playwright drives Debian's browser (no `playwright install` here)
#   docker-compose           validates the compose file without an engine
#   zstd jq time ca-certificates   zstd layers, JSON in scripts, peak RSS in the bench, HTTPS
APT_PACKAGES=(
  buildah crun skopeo debootstrap debian-archive-keyring busybox-static
  docker-registry apache2-utils openssl chromium docker-compose
  zstd jq time ca-certificates
)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${APT_PACKAGES[@]}"; do
    # "ii" = installed; anything else (absent, half-configured, removed) counts as missing.
    status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
    [[ $status == ii* ]] || missing+=("$p")
  done
else
  log "no dpkg here: install by hand: ${APT_PACKAGES[*]}"
fi

if ((${#missing[@]})); then
  if [[ $(id -u) == 0 ]]; then
    log "apt-get install ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt_log=$(mktemp)
    if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
      >"$apt_log" 2>&1; then
      cat "$apt_log" >&2
      rm -f "$apt_log"
      log "apt-get failed" >&2
      exit 1
    fi
    rm -f "$apt_log"
  else
    # Not fatal: unit tests run without them; the tests that need them say what is missing.
    log "not root, cannot install: ${missing[*]} (run: sudo bash scripts/setup.sh)" >&2
  fi
else
  log "Debian packages present"
fi

# corepack fails on this network, and pnpm 11+ needs Node 22: pin the major that works.
if ! command -v pnpm >/dev/null 2>&1; then
  log "npm i -g pnpm@10"
  npm i -g pnpm@10 --silent --no-fund --no-audit >/dev/null
fi

# Frozen on purpose: a lockfile that does not match package.json is a bug to fix, not to paper
# over. confirmModulesPurge=false: with no TTY (CI) pnpm would otherwise abort instead of
# rebuilding node_modules after a pnpm/settings change.
log "pnpm install --frozen-lockfile"
pnpm_log=$(mktemp)
if ! pnpm install --frozen-lockfile --config.confirmModulesPurge=false >"$pnpm_log" 2>&1; then
  cat "$pnpm_log" >&2
  rm -f "$pnpm_log"
  exit 1
fi
rm -f "$pnpm_log"
