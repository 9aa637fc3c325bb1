#!/usr/bin/env bash
# Regenerates gen/python from protos/ (messages, .pyi stubs and gRPC stubs).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python}
[ -x .venv/bin/python ] && [ -z "${PYTHON:-}" ] && PY=$PWD/.venv/bin/python
rm -rf gen/python/essay
mkdir -p gen/python
protos=$(cd protos && find essay -name '*.proto' | LC_ALL=C sort)
(cd protos && "$PY" -m grpc_tools.protoc -I. \
  --python_out=../gen/python --pyi_out=../gen/python --grpc_python_out=../gen/python $protos)
# The same files with their comments, for server reflection: grpcurl describe shows them.
(cd protos && "$PY" -m grpc_tools.protoc -I. --include_imports --include_source_info \
  --descriptor_set_out=../gen/python/essay/descriptors.binpb $protos)
# Make every generated folder a regular package so one install ships them.
find gen/python/essay -type d -exec touch {}/__init__.py \;
