#!/usr/bin/env bash
# The Debian minbase rootfs, shared with the bench-debian recipe (its prepare.sh keeps its cache key).
set -euo pipefail
: "${STRATA_RECIPES_DIR:?set STRATA_RECIPES_DIR to packages/testkit/recipes}"
exec bash "$STRATA_RECIPES_DIR/bench-debian/prepare.sh" "$1"
