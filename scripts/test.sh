#!/usr/bin/env bash
# The whole test suite, as CI runs it: types, lint, unit + integration (PGlite, and PostgreSQL when
# TEST_DATABASE_URL is set), then end-to-end in Debian's Chromium against the production build.
# Each step's wall time is printed when it ends, and all of them again at the end, so a CI log shows
# where the time went.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

started=$(date +%s)
timings=()
current=""
current_from=0

# step "Title" command…: runs the command under a heading and records how long it took.
step() {
  local title=$1
  shift
  printf '\n\033[1m▶ %s\033[0m\n' "$title"
  current=$title
  current_from=$(date +%s)
  "$@"
  local took=$(( $(date +%s) - current_from ))
  current=""
  timings+=("$(printf '%5d s  %s' "$took" "$title")")
  printf '\033[2m… %s: %d s\033[0m\n' "$title" "$took"
}

summary() {
  local status=$?
  echo
  echo "Step times:"
  for line in "${timings[@]}"; do echo "  $line"; done
  if [ -n "$current" ]; then printf '  %5d s  %s (failed)\n' "$(( $(date +%s) - current_from ))" "$current"; fi
  if [ "$status" -eq 0 ]; then
    echo "All checks passed in $(( $(date +%s) - started )) s."
  else
    echo "Failed after $(( $(date +%s) - started )) s (exit $status)."
  fi
}
trap summary EXIT

step "System packages (chromium, Thai fonts, poppler, PostgreSQL client)" bash scripts/install-system-deps.sh
step "Typecheck" npx tsc --noEmit
step "Lint" npx eslint . --max-warnings=0
step "Unit and integration tests${TEST_DATABASE_URL:+ (PGlite + PostgreSQL)}" npx vitest run
step "Production build" npx next build
step "End-to-end tests (Chromium)" npx playwright test
