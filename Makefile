# Everyday tasks. Each target uses .venv (scripts/bootstrap.sh builds it).
.PHONY: setup protos migrate run test unit lint e2e chaos eval bench bench-streams bench-engine

setup:
	./scripts/bootstrap.sh

protos:
	./scripts/gen-protos.sh

migrate: setup
	.venv/bin/essay migrate

run:
	./scripts/run.sh

test:
	./scripts/test.sh

unit:
	.venv/bin/python -m pytest tests/unit -q

e2e:
	.venv/bin/python -m pytest tests/e2e -q

lint:
	./scripts/lint.sh
	./scripts/check-protos.sh

# The whole fault-injection suite at full size (CI runs a bounded subset as part of `make test`).
chaos:
	CHAOS=full .venv/bin/python -m pytest tests/chaos -v -s

# The engines on the committed dev sets (precision, recall, F0.5, false alarms, latency).
eval:
	.venv/bin/python -m eval.run

# Both benchmarks, one after the other (docs/benchmarks.md): they must not share the machine.
bench:
	$(MAKE) bench-streams
	$(MAKE) bench-engine

# Stream benchmarks beside a bare grpc.aio server.
bench-streams:
	.venv/bin/python -m bench.streams

# The correction engine: load time, latency, essays/s per core, a real worker against the bare engine.
bench-engine:
	.venv/bin/python -m bench.engine
