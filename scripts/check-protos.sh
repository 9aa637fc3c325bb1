#!/usr/bin/env bash
# Regenerates the code from protos/ into a scratch folder and fails on any difference
# from the committed gen/python.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
[ -x .venv/bin/python ] || { echo "run scripts/bootstrap.sh first" >&2; exit 1; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp -r protos scripts "$scratch"/
(cd "$scratch" && PYTHON="$repo/.venv/bin/python" ./scripts/gen-protos.sh)
if ! diff -r "$scratch/gen/python/essay" gen/python/essay; then
  echo "gen/python is out of date: run 'make protos' and commit the result" >&2
  exit 1
fi
echo "generated code: up to date"
