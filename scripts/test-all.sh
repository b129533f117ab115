#!/usr/bin/env bash
# THE test command (README "## Tests", .ci/run): installs what is missing, builds, then runs every
# check, going on after a failure so one run shows every problem, and ends with the one line CI
# reads, "N passed, N failed[, N skipped]", counted from the test runners' JSON reports.
# Exits non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."

if ! bash scripts/setup.sh; then
  echo 'test-all: setup failed'
  echo '0 passed, 1 failed'
  exit 1
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
failed_steps=()
step() {
  local name=$1
  shift
  printf '\n== %s: %s\n' "$name" "$*"
  "$@" || failed_steps+=("$name")
}

step build pnpm -r --if-present build
step typecheck pnpm typecheck
step lint pnpm lint
step unit pnpm test --reporter=default --reporter=json --outputFile="$out/vitest.json"
# Playwright writes its JSON here when its config uses the json reporter; counted if present.
PLAYWRIGHT_JSON_OUTPUT_NAME="$out/e2e.json" step e2e pnpm test:e2e

# Counts: vitest's tests (+ Playwright's, if any). A failed step that produced no failing test
# (typecheck, lint, build, a runner that crashed or a suite that did not load) counts as one
# failure, so the line never reads "0 failed" when the exit status says otherwise.
read -r passed failed skipped < <(
  node - "$out/vitest.json" "$out/e2e.json" "${failed_steps[@]}" <<'EOF'
const fs = require('node:fs');
const [vitestFile, e2eFile, ...failedSteps] = process.argv.slice(2);
const load = (f) => { try { return JSON.parse(fs.readFileSync(f, 'utf8')); } catch { return undefined; } };
const v = load(vitestFile);
const e = load(e2eFile)?.stats;
const passed = (v?.numPassedTests ?? 0) + (e ? e.expected + e.flaky : 0);
let failed = (v?.numFailedTests ?? 0) + (e?.unexpected ?? 0);
const skipped = (v ? v.numPendingTests + v.numTodoTests : 0) + (e?.skipped ?? 0);
for (const s of failedSteps) {
  if (s === 'unit' && v?.numFailedTests) continue;
  if (s === 'unit' && v?.numFailedTestSuites) failed += v.numFailedTestSuites;
  else if (s === 'e2e' && e?.unexpected) continue;
  else failed += 1;
}
console.log(passed, failed, skipped);
EOF
)

if ((${#failed_steps[@]})); then
  printf '\ntest-all: failed: %s\n' "${failed_steps[*]}"
fi
printf '%d passed, %d failed, %d skipped\n' "${passed:-0}" "${failed:-1}" "${skipped:-0}"
((${#failed_steps[@]} == 0 && ${failed:-1} == 0))
