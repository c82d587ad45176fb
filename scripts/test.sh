#!/usr/bin/env bash
# The whole test suite, as CI runs it: types, lint, unit + integration (PGlite, and PostgreSQL when
# TEST_DATABASE_URL is set), then end-to-end in Debian's Chromium against the production build.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n\033[1m▶ %s\033[0m\n' "$1"; }
started=$(date +%s)

step "System packages (chromium, Thai fonts, poppler, PostgreSQL client)"
bash scripts/install-system-deps.sh

step "Typecheck"
npx tsc --noEmit

step "Lint"
npx eslint . --max-warnings=0

step "Unit and integration tests${TEST_DATABASE_URL:+ (PGlite + PostgreSQL)}"
npx vitest run

step "Production build"
npx next build

step "End-to-end tests (Chromium)"
npx playwright test

echo
echo "All checks passed in $(( $(date +%s) - started )) s."
