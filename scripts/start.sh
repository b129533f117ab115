#!/usr/bin/env bash
# Quick start: install what is missing, build, and start Strata on http://localhost:${PORT:-8080}.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v pnpm >/dev/null 2>&1; then
  echo "==> installing pnpm 10 (npm i -g pnpm@10)"
  npm i -g pnpm@10 >/dev/null
fi
echo "==> installing the workspace's packages"
pnpm install --frozen-lockfile --reporter=silent
echo "==> building"
pnpm -r --if-present build >/dev/null
export PORT="${PORT:-8080}"
# Two malloc arenas instead of one per thread: decode and analysis workers come and go, and
# glibc keeps each ended thread's arena (hundreds of MB after a million-file image) as RSS.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
if [ -f apps/server/dist/server.mjs ]; then
  echo "==> Strata on http://localhost:${PORT}"
  exec node apps/server/dist/server.mjs
fi
# No server yet: show the CLI, which is what exists.
node apps/cli/dist/strata.mjs --help
