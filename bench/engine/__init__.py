"""Benchmarks of the correction engine: load time, latency, essays per second per core, and a
real worker's throughput against the bare engine on the same core.

``python -m bench.engine`` (from the repository root) runs them all and writes
``bench/engine/results.json``; ``docs/benchmarks.md`` explains what each one measures.
"""
