#!/usr/bin/env bash
# Installs the Node tools the checks and tests need (Redocly CLI to lint the contract, Prism to validate requests
# against it) into build/npm/node_modules, from the pinned versions in build/npm/package.json. Idempotent.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if ! command -v npm >/dev/null 2>&1; then
  echo "install-tools: npm not found; installing Node.js from Debian packages" >&2
  if command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm) >/dev/null
  else
    echo "install-tools: no npm and no apt-get; install Node.js 20+ and npm" >&2; exit 1
  fi
fi
if [ -x "$here/npm/node_modules/.bin/prism" ] && [ -x "$here/npm/node_modules/.bin/redocly" ]; then
  exit 0
fi
echo "install-tools: installing Redocly CLI and Prism into build/npm/node_modules" >&2
(cd "$here/npm" && npm ci --no-audit --no-fund --loglevel=error 2>/dev/null || npm install --no-audit --no-fund --loglevel=error)
