#!/usr/bin/env bash
# Copies the static busybox and stand-in credentials into the build context ($1). The values are
# derived from fixed seeds (a stable recipe hash, no literal token in the repository) and are not
# real credentials: only their shapes matter to the scanner.
set -euo pipefail
[[ -x /bin/busybox ]] || { echo "/bin/busybox missing: apt-get install busybox-static" >&2; exit 1; }
cp /bin/busybox "$1/busybox"
hex() { printf '%s' "$1" | sha256sum | cut -c1-"$2"; }
# A PEM private key under an innocuous name (its body is not a key; the armor is what is found).
{ echo 'meeting notes'; echo '-----BEGIN RSA PRIVATE KEY-----'
  for i in 1 2 3 4; do hex "strata-key-$i" 64; done; echo '-----END RSA PRIVATE KEY-----'; } > "$1/notes.txt"
# A GitHub token inside a config file.
printf 'server:\n  port: 8080\n  github_token: ghp_%s\n' "$(hex strata-gh 36)" > "$1/config.yaml"
# An AWS access key in a setup script that a later layer deletes.
printf '#!/bin/sh\nexport AWS_ACCESS_KEY_ID=AKIA%s\n' "$(hex strata-aws 16 | tr 'a-f0-9' 'A-P')" > "$1/setup.sh"
# The host's public CA bundle: certificates, not secrets.
cp /etc/ssl/certs/ca-certificates.crt "$1/ca-certificates.crt"
