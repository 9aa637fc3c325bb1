"""Stream benchmarks of the notifier, each side by side with a bare grpc.aio baseline.

``python -m bench.streams`` (from the repository root) runs all three and writes
``bench/streams/results.json``; ``docs/benchmarks.md`` explains what each one measures.
"""
