"""The real pipeline: essays submitted through ``CorrectionService.create_essay``, published by
the correction service's outbox relay, corrected by a real ``essay worker`` (concurrency 1 unless asked)
whose pool process is pinned to one CPU, results written to PostgreSQL.

All essays of a batch are queued before the worker starts, so it never waits for work: the
figure is its throughput over a full queue. The first ``warmup`` essays (the first one pays
the engine's one-time lazy loading) are left out; the batch is timed from the completion of
the last warm-up essay to the completion of the last essay, with the times the worker wrote
on the COMPLETED events.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select, text

from bench.engine.common import children_of, memory_kib, pin
from bench.engine.essays import mix
from bench.streams.common import cpu_seconds
from bench.streams.run import BenchProcesses
from services.correction.models import EssayRow, outbox
from services.correction.service import CorrectionService
from services.correction.states import EssayState
from services.platform.db import UnitOfWork, create_db_engine
from services.platform.identity import Caller
from tests.support import system_environ, wait_serving

ESSAYS_PER_USER = 20


def worker_args(concurrency: int) -> tuple[str, ...]:
    return ("worker", "--queue", "correction", "--concurrency", str(concurrency), "--loglevel", "info")


class Pipeline:
    """The correction service (its relay) on the scratch database and vhost, and a way to
    run a worker over a queued batch. ``cleanup`` registers what must run at the end."""

    def __init__(self, database_url: str, broker_url: str, tmp: Path, engine_name: str, worker_cpu: int,
                 others: set[int], cleanup: Callable[[Callable[[], None]], None]):
        self.database_url, self.tmp = database_url, tmp
        self.worker_cpu, self.others = worker_cpu, others
        self.cleanup = cleanup
        self.env = system_environ(database_url, broker_url, tmp)
        self.env["ENGINE"] = engine_name
        db = create_db_engine(database_url, pool_size=4)
        cleanup(db.dispose)
        self.uow = UnitOfWork(db)
        self.service = CorrectionService(self.uow)
        self.services = BenchProcesses(self.env, tmp)
        cleanup(self.services.stop)
        self.correction_pid = 0
        self._runs = 0

    def start(self) -> None:
        self.correction_pid = self.services.start("correction", "serve", "correction").pid  # with the relay
        wait_serving(self.env["CORRECTION_ADDR"])

    def queue(self, count: int) -> tuple[list[str], dict]:
        """Submits ``count`` essays (the mix), and waits until the relay has queued them all."""
        users = [Caller(str(uuid.uuid4())) for _ in range(-(-count // ESSAYS_PER_USER))]
        started = time.perf_counter()
        ids = [self.service.create_essay(users[index // ESSAYS_PER_USER], essay.title, essay.text, essay.grade,
                                         "").essay_id
               for index, essay in enumerate(mix(count))]
        submitted = time.perf_counter() - started
        _wait_queued(self.uow, timeout=60)
        return ids, {"submit_seconds": submitted, "queued_seconds": time.perf_counter() - started}

    def run_worker(self, ids: list[str], warmup: int, timeout: float, spans: Path | None = None,
                   concurrency: int = 1) -> dict:
        """Starts a worker (under ``bench.engine.spans`` if ``spans``), waits until it has
        corrected ``ids``, stops it, and returns what it measured. Every pool process runs on
        the measured CPU, however many there are."""
        self._runs += 1
        procs = BenchProcesses(self.env, self.tmp)
        name = f"worker-{self._runs}"
        # The worker starts on the measured CPU, so its pool process is forked there; its main
        # process then moves to the other CPUs with the relay, the driver and the services.
        os.sched_setaffinity(0, {self.worker_cpu})
        try:
            if spans is None:
                worker = procs.start(name, *worker_args(concurrency))
            else:
                worker = procs.start_module(name, "bench.engine.spans", str(spans), "--", *worker_args(concurrency))
        finally:
            os.sched_setaffinity(0, self.others)
        pool_pids: set[int] = set()

        def stop() -> None:
            procs.stop()
            for pid in pool_pids:  # a pool process its parent left behind
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)

        self.cleanup(stop)
        deadline = time.monotonic() + timeout
        while not children_of(worker.pid):
            if worker.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the worker did not start its pool process:\n" + procs.log(name)[-3000:])
            time.sleep(0.05)
        pin(worker.pid, self.others)

        def follow_pool() -> list[int]:
            pids = children_of(worker.pid)
            for pid in set(pids) - pool_pids:
                pin(pid, {self.worker_cpu})
                pool_pids.add(pid)
            return pids

        figures: dict = {"essays_submitted": len(ids), "warmup": warmup, "concurrency": concurrency,
                         "worker_pid": worker.pid,
                         "pool_pids_at_start": follow_pool()}
        # Poll: completed count and the CPU time of every process in the path, sampled together.
        helpers = {"worker_main": worker.pid, "correction_service": self.correction_pid}
        rabbit = _rabbit_pid()
        if rabbit:
            helpers["rabbitmq_node"] = rabbit
        completed_query = select(func.count()).select_from(EssayRow).where(
            EssayRow.id.in_(ids), EssayRow.state == EssayState.COMPLETED.value)
        first_sample = None
        while True:
            pids = follow_pool()
            with self.uow() as session:
                done = session.scalar(completed_query)
                backends = _backend_pids(session, self.database_url)
            sample = _cpu_sample(pids, helpers, backends, done)
            if first_sample is None and done >= warmup:
                first_sample = sample
            if done >= len(ids):
                break
            if worker.poll() is not None:
                raise RuntimeError("the worker stopped:\n" + procs.log(name)[-3000:])
            if time.monotonic() > deadline:
                raise TimeoutError(f"{done} of {len(ids)} essays corrected in {timeout}s")
            time.sleep(0.1)
        figures["pool_pids_at_end"] = children_of(worker.pid)
        figures["memory_kib"] = {"pool_process": {pid: memory_kib(pid) for pid in figures["pool_pids_at_end"]},
                                 "worker_main": memory_kib(worker.pid)}
        figures["cpu"] = _cpu_per_essay(first_sample, sample)
        figures.update(_timeline(self.uow, ids, warmup))
        stop()
        figures["worker_log_tail"] = procs.log(name).splitlines()[-3:]
        if spans is not None:
            lines = [json.loads(line) for line in spans.read_text().splitlines() if line.strip()]
            figures["spans"] = lines[warmup:]
        return figures


def _wait_queued(uow: UnitOfWork, timeout: float) -> None:
    """Until the relay has queued every essay and published every outbox row."""
    deadline = time.monotonic() + timeout
    pending = select(func.count()).select_from(EssayRow).where(EssayRow.state == EssayState.PENDING.value)
    unsent = select(func.count()).select_from(outbox).where(outbox.c.sent_at.is_(None))
    while True:
        with uow() as session:
            if session.scalar(pending) == 0 and session.scalar(unsent) == 0:
                return
        if time.monotonic() > deadline:
            raise TimeoutError("the relay did not queue the essays in time")
        time.sleep(0.05)


def _rabbit_pid() -> int | None:
    """The RabbitMQ node (beam.smp) on this machine, to read its CPU time."""
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if (entry / "comm").read_text().strip() == "beam.smp":
                    return int(entry.name)
    return None


def _backend_pids(session, database_url: str) -> list[int]:
    """The PostgreSQL backends serving the scratch database (the worker's, the relay's, ours)."""
    name = database_url.rsplit("/", 1)[-1].split("?")[0]
    return list(session.scalars(text("SELECT pid FROM pg_stat_activity WHERE datname = :d"), {"d": name}))


def _cpu_sample(pool: list[int], helpers: dict[str, int], backends: list[int], done: int) -> dict:
    cpu = {"pool_process": sum(_cpu(pid) for pid in pool)}
    cpu.update({name: _cpu(pid) for name, pid in helpers.items()})
    return {"time": time.perf_counter(), "done": done, "cpu": cpu,
            "backends": {pid: _cpu(pid) for pid in backends}}


def _cpu(pid: int) -> float:
    try:
        return cpu_seconds(pid)
    except (OSError, IndexError):
        return 0.0


def _cpu_per_essay(first: dict, last: dict) -> dict:
    """CPU milliseconds per essay of each process in the path, between two samples (/proc
    counts in 10 ms ticks: good to a few percent over a batch of a few hundred essays)."""
    essays = last["done"] - first["done"]
    wall = last["time"] - first["time"]
    if essays <= 0:
        return {}
    per = {name: (last["cpu"][name] - first["cpu"].get(name, 0.0)) * 1000 / essays for name in last["cpu"]}
    per["postgresql_backends"] = sum(cpu - first["backends"].get(pid, 0.0)
                                     for pid, cpu in last["backends"].items()) * 1000 / essays
    return {"essays": essays, "wall_seconds": wall, "ms_per_essay": per,
            "pool_process_busy": (last["cpu"]["pool_process"] - first["cpu"]["pool_process"]) / wall}


def _timeline(uow: UnitOfWork, ids: list[str], warmup: int) -> dict:
    """From the worker's own timestamps: when each attempt started (its PROCESSING event,
    written in the claim after the row lock) and when it completed (the COMPLETED event,
    the first statement of the complete), and the engine's time (``processing_seconds``)."""
    with uow() as session:
        events = session.execute(text(
            "SELECT essay_id::text, state, extract(epoch FROM time) FROM correction.essay_events "
            "WHERE essay_id = ANY(CAST(:ids AS uuid[])) AND state IN ('PROCESSING', 'COMPLETED')"),
            {"ids": ids}).all()
        engine_seconds = dict(session.execute(text(
            "SELECT essay_id::text, (result->>'processing_seconds')::float FROM correction.results "
            "WHERE essay_id = ANY(CAST(:ids AS uuid[]))"), {"ids": ids}).all())
        attempts = dict(session.execute(text(
            "SELECT id::text, attempt FROM correction.essays WHERE id = ANY(CAST(:ids AS uuid[]))"),
            {"ids": ids}).all())
    started, completed = {}, {}
    for essay_id, state, epoch in events:
        (started if state == "PROCESSING" else completed)[essay_id] = float(epoch)
    order = sorted(ids, key=lambda i: completed[i])
    timed = order[warmup:]
    origin = completed[order[warmup - 1]] if warmup else completed[timed[0]]
    counted = len(timed) if warmup else len(timed) - 1
    span = completed[timed[-1]] - origin
    # Per essay, in the order the worker took them: claim→complete minus the engine, and
    # complete→next claim (the complete's transaction, Celery's ack and next delivery, the claim's lock).
    in_task, between, engine, cycle = [], [], [], []
    for current, following in zip(timed, timed[1:], strict=False):
        engine.append(engine_seconds[current])
        in_task.append(completed[current] - started[current] - engine_seconds[current])
        between.append(started[following] - completed[current])
        cycle.append(started[following] - started[current])
    return {"throughput": {"essays": counted, "seconds": span, "essays_per_second": counted / span},
            "attempts_above_one": sum(1 for i in ids if attempts[i] != 1),
            "per_essay_seconds": {"cycle": cycle, "engine": engine, "claim_to_complete_minus_engine": in_task,
                                  "complete_to_next_claim": between}}
