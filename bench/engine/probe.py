"""The benchmark's measuring processes: ``python -m bench.engine.probe <command> ...``.

Each runs in a process of its own, pinned to one CPU where it measures the engine, and
prints its figures as one JSON object on the last line of its standard output.

    load          constructs the engine once (``load_engine``) and says how long it took
    engine        latency of ``correct`` on each essay, then essays per second over the mix
    transactions  the worker's steps one by one on a scratch database: claim, engine, complete
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import time

from bench.engine.common import memory_kib


def _pin(cpu: int | None) -> None:
    if cpu is not None:
        os.sched_setaffinity(0, {cpu})  # only the main thread exists yet


def _load(name: str):
    from services.correction.engine import load_engine

    return load_engine(name)


def load(args: argparse.Namespace) -> dict:
    started = time.perf_counter()
    engine = _load(args.engine)
    seconds = time.perf_counter() - started
    return {"engine": f"{engine.name}/{engine.version}", "load_seconds": seconds,
            "memory_kib": memory_kib(os.getpid())}


def engine_figures(args: argparse.Namespace) -> dict:
    from bench.engine.essays import all_essays, mix

    started = time.perf_counter()
    engine = _load(args.engine)
    figures: dict = {"engine": f"{engine.name}/{engine.version}", "load_seconds": time.perf_counter() - started,
                     "latency": {}}
    if args.runs:
        for essay in all_essays():
            before = time.perf_counter()
            result = engine.correct(essay.text, essay.title, essay.grade)
            first = time.perf_counter() - before
            for _ in range(args.warmup):
                engine.correct(essay.text, essay.title, essay.grade)
            seconds, cpu_seconds = [], []
            for _ in range(args.runs):
                before, cpu_before = time.perf_counter(), time.thread_time()
                engine.correct(essay.text, essay.title, essay.grade)
                seconds.append(time.perf_counter() - before)
                cpu_seconds.append(time.thread_time() - cpu_before)
            figures["latency"][essay.name] = {
                "size": essay.size(), "errors_found": len(result.errors),
                "first_call_seconds": first, "seconds": seconds, "cpu_seconds": cpu_seconds}
    if args.essays:
        essays = mix(args.essays)
        for essay in essays[: max(args.warmup, 2)]:
            engine.correct(essay.text, essay.title, essay.grade)
        gc.collect()
        cpu_before, before = time.process_time(), time.perf_counter()
        for essay in essays:
            engine.correct(essay.text, essay.title, essay.grade)
        wall, cpu = time.perf_counter() - before, time.process_time() - cpu_before
        figures["throughput"] = {"essays": len(essays), "seconds": wall, "cpu_seconds": cpu,
                                 "essays_per_second": len(essays) / wall}
    figures["memory_kib"] = memory_kib(os.getpid())
    return figures


def transactions(args: argparse.Namespace) -> dict:
    """The worker's three steps for each essay, timed one by one, on the scratch database
    the worker used (the correction service's relay still runs beside it), in the same
    process layout as a worker child: the engine, and a database pool of 2."""
    import uuid

    from sqlalchemy import Engine, event, func, select

    from bench.engine.essays import mix
    from services.correction.grades import normalize_grade
    from services.correction.models import EssayRow
    from services.correction.service import CorrectionService
    from services.correction.states import EssayState
    from services.platform.db import UnitOfWork, create_db_engine
    from services.platform.identity import Caller

    engine = _load(args.engine)
    db = create_db_engine(args.database_url, pool_size=2)
    uow = UnitOfWork(db)
    service = CorrectionService(uow)
    caller = Caller(str(uuid.uuid4()))
    warmup = 5
    essays = mix(args.essays + warmup)
    ids = [service.create_essay(caller, e.title, e.text, e.grade, "").essay_id for e in essays]
    deadline = time.monotonic() + 60
    pending = select(func.count()).select_from(EssayRow).where(EssayRow.id.in_(ids),
                                                               EssayRow.state == EssayState.PENDING.value)
    while True:  # the relay queues them first, as it does for the worker's essays
        with uow() as session:
            if session.scalar(pending) == 0:
                break
        if time.monotonic() > deadline:
            raise TimeoutError("the relay did not queue the essays")
        time.sleep(0.05)

    statements = {"count": 0, "seconds": 0.0, "update_started": 0.0}

    # On every engine of this process: the unit of work's single statements use a pool of their own.
    @event.listens_for(Engine, "before_cursor_execute")
    def _before(conn, cursor, statement, parameters, context, executemany):
        conn.info["bench_started"] = now = time.perf_counter()
        if "UPDATE correction.essays" in statement and not statements["update_started"]:
            statements["update_started"] = now

    @event.listens_for(Engine, "after_cursor_execute")
    def _after(conn, cursor, statement, parameters, context, executemany):
        statements["count"] += 1
        statements["seconds"] += time.perf_counter() - conn.info.pop("bench_started")

    # claim_lock: from the call to the UPDATE that starts the attempt (pool checkout and its
    # ping, the row lock); claim_commit: the rest of the claim (the worker's PROCESSING event
    # time falls between the two).
    names = ("claim", "claim_lock", "claim_commit", "engine", "complete", "total")
    steps: dict[str, list[float]] = {name: [] for name in names}
    cpu: dict[str, list[float]] = {"claim": [], "engine": [], "complete": []}
    sql: dict[str, list[tuple[int, float]]] = {"claim": [], "complete": []}
    gc.collect()
    for index, essay_id in enumerate(ids):
        statements["update_started"] = 0.0
        counted = (statements["count"], statements["seconds"])
        t0, c0 = time.perf_counter(), time.process_time()
        claim = service.claim(essay_id)
        t1, c1 = time.perf_counter(), time.process_time()
        locked = statements["update_started"] or t0  # no UPDATE seen: all of the claim counts as its commit
        claim_sql = (statements["count"] - counted[0], statements["seconds"] - counted[1])
        result = engine.correct(claim.content, claim.title, normalize_grade(claim.grade) or "")
        payload = result.to_dict()
        payload["processing_seconds"] = round(time.perf_counter() - t1, 4)
        t2, c2 = time.perf_counter(), time.process_time()
        counted = (statements["count"], statements["seconds"])
        if not service.complete(essay_id, claim.attempt, payload):
            raise RuntimeError(f"essay {essay_id} was not completed")
        t3, c3 = time.perf_counter(), time.process_time()
        complete_sql = (statements["count"] - counted[0], statements["seconds"] - counted[1])
        if index < warmup:
            continue
        for name, value in (("claim", t1 - t0), ("claim_lock", locked - t0), ("claim_commit", t1 - locked),
                            ("engine", t2 - t1), ("complete", t3 - t2), ("total", t3 - t0)):
            steps[name].append(value)
        for name, value in (("claim", c1 - c0), ("engine", c2 - c1), ("complete", c3 - c2)):
            cpu[name].append(value)
        sql["claim"].append(claim_sql)
        sql["complete"].append(complete_sql)
    db.dispose()
    return {"engine": f"{engine.name}/{engine.version}", "essays": len(steps["total"]), "seconds": steps,
            "cpu_seconds": cpu,
            "statements": {name: {"per_transaction": sum(c for c, _s in values) / len(values),
                                  "seconds": [s for _c, s in values]} for name, values in sql.items()},
            "commit": _commit_cost(args.database_url)}


def _commit_cost(database_url: str, count: int = 100) -> dict:
    """What a commit alone costs here: a one-row insert into a logged table and COMMIT,
    with the WAL flushed to disk (the default) and without (synchronous_commit off), and a
    bare round trip (SELECT 1)."""
    import psycopg2
    from sqlalchemy import make_url

    url = make_url(database_url)
    conn = psycopg2.connect(dbname=url.database, user=url.username, password=url.password,
                            host=url.host, port=url.port or 5432)
    figures = {}
    try:
        with conn.cursor() as cur:
            cur.execute("CREATE TABLE public.bench_commit (n int)")
        conn.commit()
        with conn.cursor() as cur:
            seconds = []
            for _ in range(count):
                before = time.perf_counter()
                cur.execute("SELECT 1")
                seconds.append(time.perf_counter() - before)
            figures["round_trip_seconds"] = seconds
        conn.rollback()
        for mode in ("on", "off"):
            seconds = []
            with conn.cursor() as cur:
                for n in range(count):
                    before = time.perf_counter()
                    cur.execute("SET LOCAL synchronous_commit TO " + mode)
                    cur.execute("INSERT INTO public.bench_commit VALUES (%s)", (n,))
                    conn.commit()
                    seconds.append(time.perf_counter() - before)
            figures[f"synchronous_commit_{mode}_seconds"] = seconds
        with conn.cursor() as cur:
            cur.execute("DROP TABLE public.bench_commit")
        conn.commit()
    finally:
        conn.close()
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.engine.probe")
    parser.add_argument("command", choices=("load", "engine", "transactions"))
    parser.add_argument("--engine", default="offline")
    parser.add_argument("--cpu", type=int, help="the one CPU to run on")
    parser.add_argument("--runs", type=int, default=0, help="engine: timed calls per essay")
    parser.add_argument("--warmup", type=int, default=10, help="engine: untimed calls per essay first")
    parser.add_argument("--essays", type=int, default=0, help="engine: essays in the throughput loop; "
                                                              "transactions: essays to take through")
    parser.add_argument("--database-url", help="transactions: the scratch database")
    args = parser.parse_args(argv)
    _pin(args.cpu)
    figures = {"load": load, "engine": engine_figures, "transactions": transactions}[args.command](args)
    figures["cpu"] = sorted(os.sched_getaffinity(0))
    sys.stdout.write(json.dumps(figures) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
