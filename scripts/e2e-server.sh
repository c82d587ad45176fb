#!/usr/bin/env bash
# Starts the built app for Playwright on a fresh embedded database with the demo data.
# The data folder is recreated on every run so e2e tests never depend on an earlier run.
set -euo pipefail
cd "$(dirname "$0")/.."
export PGLITE_DIR="${E2E_PGLITE_DIR:-$PWD/.data/e2e-pglite}"
rm -rf "$PGLITE_DIR" "$PGLITE_DIR.lock"
node --conditions=react-server --import tsx scripts/seed/run.ts
# Keep-alive longer than any client idles between requests, so a reused connection is never closed under it.
exec node_modules/.bin/next start -p "${E2E_PORT:-3100}" --keepAliveTimeout 65000
