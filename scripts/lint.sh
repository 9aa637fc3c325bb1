#!/usr/bin/env bash
# ruff over the Python code, buf over the protos.
set -euo pipefail
cd "$(dirname "$0")/.."
ruff check services tests bench eval
node_modules/.bin/buf lint
echo "lint: clean"
