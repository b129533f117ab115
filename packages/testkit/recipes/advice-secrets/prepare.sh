#!/usr/bin/env bash
# Copies the static busybox into the build context ($1) at build time (no binary in the repository).
set -euo pipefail
[[ -x /bin/busybox ]] || { echo "/bin/busybox missing: apt-get install busybox-static" >&2; exit 1; }
cp /bin/busybox "$1/busybox"
# Stand-ins for credentials (not real ones): only the names matter to the rule.
printf -- '-----BEGIN OPENSSH PRIVATE KEY-----\nnot-a-real-key\n-----END OPENSSH PRIVATE KEY-----\n' > "$1/id_rsa"
printf 'API_TOKEN=not-a-real-token\n' > "$1/app.env"
