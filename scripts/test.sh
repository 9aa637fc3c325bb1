#!/usr/bin/env bash
# Sets everything up and runs every check: lint (ruff, buf), generated-code drift, and the
# whole test suite (unit, integration against PostgreSQL and RabbitMQ, end to end).
#   ./scripts/test.sh [pytest arguments]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"

if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing Node.js and npm (for buf)"
    apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
  else
    die "npm is needed for buf (protobuf lint): sudo apt-get install -y nodejs npm"
  fi
fi
if [ ! -x node_modules/.bin/buf ]; then
  say "installing buf"
  npm ci --no-audit --no-fund --loglevel=error
fi

say "lint"
./scripts/lint.sh
say "generated code matches the protos"
./scripts/check-protos.sh
say "tests"
exec python -m pytest "$@"
