"""``python -m bench.engine.spans OUTPUT -- <essay worker arguments>``: the project's correction
worker (``services.cli.processes.worker``), with timers around its steps, for the
benchmark's instrumented batch.

In the pool process, each task appends one JSON line to OUTPUT: wall and CPU time of the
whole task (Celery's task_prerun to task_postrun), of ``CorrectionService.claim``, of the
engine's ``correct`` and of ``CorrectionService.complete``, and the wall and CPU time since
the previous task ended (Celery handing the pool process its next message). Nothing in the
project changes: the timers wrap its functions from the outside, in this process only.
"""

from __future__ import annotations

import json
import os
import sys
import time
from functools import wraps

from celery import signals


class _Spans:
    def __init__(self, path: str):
        self.path = path
        self.current: dict = {}
        self.last_end: tuple[float, float] | None = None
        self._fd: int | None = None

    def timed(self, name: str, func):
        @wraps(func)
        def wrapper(*args, **kwargs):
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                return func(*args, **kwargs)
            finally:
                self.current[name] = (time.perf_counter() - wall, time.process_time() - cpu)
        return wrapper

    def prerun(self, **_kwargs) -> None:
        now = (time.perf_counter(), time.process_time())
        self.current = {"start": now}
        if self.last_end is not None:
            self.current["between"] = (now[0] - self.last_end[0], now[1] - self.last_end[1])

    def postrun(self, **_kwargs) -> None:
        end = (time.perf_counter(), time.process_time())
        start = self.current.pop("start", end)
        self.current["task"] = (end[0] - start[0], end[1] - start[1])
        self.current["pid"] = os.getpid()
        self.last_end = end
        if self._fd is None:
            self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        os.write(self._fd, (json.dumps(self.current) + "\n").encode())


class _TimedEngine:
    def __init__(self, engine, spans: _Spans):
        self.name, self.version = engine.name, engine.version
        self.correct = spans.timed("engine", engine.correct)


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    output, rest = argv[0], argv[argv.index("--") + 1:]
    spans = _Spans(output)

    from services.correction import worker as worker_module
    from services.correction.service import CorrectionService

    CorrectionService.claim = spans.timed("claim", CorrectionService.claim)
    CorrectionService.complete = spans.timed("complete", CorrectionService.complete)
    load_engine = worker_module.load_engine
    worker_module.load_engine = lambda *args, **kwargs: _TimedEngine(load_engine(*args, **kwargs), spans)
    signals.task_prerun.connect(spans.prerun, weak=False)
    signals.task_postrun.connect(spans.postrun, weak=False)

    from services.cli.__main__ import main as cli_main

    sys.exit(cli_main(rest))


if __name__ == "__main__":
    main()
