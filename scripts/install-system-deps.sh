#!/usr/bin/env bash
# Installs the Debian packages Lamnam's tests and reports need, only when missing (idempotent):
#   chromium         headless browser for the e2e tests and PDF rendering
#   fonts-thai-tlwg  Thai fonts, so Thai text renders instead of boxes
#   poppler-utils    pdftoppm/pdftotext, to look at and check generated PDFs
#   postgresql-client pg_dump/pg_restore/psql for `npm run db:backup` / `db:restore` on PostgreSQL
#                    (counted as present when pg_dump is, e.g. from a versioned postgresql-client-NN)
#   openssl          a throwaway certificate for the e2e test behind a TLS-ending proxy
set -euo pipefail

packages=(chromium fonts-thai-tlwg poppler-utils postgresql-client openssl)
missing=()
for p in "${packages[@]}"; do
  if [ "$p" = postgresql-client ] && command -v pg_dump >/dev/null 2>&1 && command -v pg_restore >/dev/null 2>&1 && command -v psql >/dev/null 2>&1; then
    continue
  fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "System packages present: ${packages[*]}"
  exit 0
fi

echo "Installing missing system packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "✖ Need root (or sudo) to install: ${missing[*]}. Install them with apt-get and run again." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "Installed: ${missing[*]}"
