#!/usr/bin/env bash
# Sets everything up and runs the whole platform in the foreground: four gRPC services,
# a Celery worker per queue and beat. Ctrl-C stops every process.
#   ./scripts/run.sh [--concurrency N] [--loglevel debug|info|warning] [--web-only|--workers-only]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
say "creating the database if needed and applying migrations"
essay migrate
say "starting the platform (Ctrl-C to stop)"
exec essay up "$@"
