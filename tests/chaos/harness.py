"""A whole system to break on purpose, and the checks of its history afterwards.

Each scenario submits a known set of essays, injects a fault, heals it, waits for the system
to drain, and checks: every accepted essay reached exactly one terminal state; every COMPLETED
essay has exactly one result; every event log is 1..N without gaps; every stream saw strictly
increasing seq and exactly one terminal event; the queues end empty; no task was run to a
result twice. It prints one line: submitted, completed, failed, lost, duplicated, drain time.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import grpc
from sqlalchemy import create_engine, text

from essay.common.v1 import common_pb2
from essay.gateway.v1 import gateway_pb2, gateway_pb2_grpc
from tests.support import (
    Processes,
    SmtpServer,
    queue_depths,
    scratch_database,
    scratch_vhost,
    system_environ,
    wait_serving,
)

TERMINAL = {common_pb2.ESSAY_STATE_COMPLETED, common_pb2.ESSAY_STATE_FAILED, common_pb2.ESSAY_STATE_CANCELLED}
CONTENT = ("Last weekend I visited my grandparents in the countryside. We picked apples in the "
           "orchard and teh weather was lovely. In the evening my grandmother told stories.")

CHAOS_ENV = {
    # Workers are killed every few seconds here: the rules-only engine starts at once, where the
    # default engine spends seconds loading its dictionaries (the engine is not what is tested).
    "ENGINE": "simple",
    "CORRECTION_LEASE_SECONDS": "8",
    "TASK_TIME_LIMIT": "6",
    "TASK_SOFT_TIME_LIMIT": "5",
    "RECONCILE_INTERVAL_SECONDS": "1",
    "RECHECK_SECONDS": "20",
    "RETRY_BASE_SECONDS": "0.5",
    "RETRY_MAX_SECONDS": "2",
    "ENGINE_DELAY_SECONDS": "0.05",
    "OUTBOX_SWEEP_SECONDS": "0.5",
    "BACKEND_TIMEOUT_SECONDS": "5",
    "QUOTA_STUDENT": "10000",
}


def children_of(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


@dataclass
class Report:
    name: str
    submitted: int = 0
    completed: int = 0
    failed: int = 0
    cancelled: int = 0
    lost: int = 0
    duplicated: int = 0
    drain_seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"chaos {self.name}: submitted {self.submitted}, completed {self.completed}, "
                f"failed {self.failed}, cancelled {self.cancelled}, lost {self.lost}, "
                f"duplicated {self.duplicated}, drained in {self.drain_seconds:.1f}s")


class ChaosSystem:
    def __init__(self, tmp: Path, **overrides: str):
        self._stack = contextlib.ExitStack()
        self.database_url = self._stack.enter_context(scratch_database("essay_chaos"))
        self.broker_url = self._stack.enter_context(scratch_vhost())
        self.env = system_environ(self.database_url, self.broker_url, tmp)
        self.env.update(CHAOS_ENV)
        self.smtp = SmtpServer().start()  # welcome emails go somewhere real, and their queue drains
        self._stack.callback(self.smtp.stop)
        self.env.update(SMTP_HOST="127.0.0.1", SMTP_PORT=str(self.smtp.port))
        self.env.update(overrides)
        self.tmp = tmp
        self.procs = Processes(self.env, tmp)
        self.db = create_engine(self.database_url, pool_pre_ping=True)
        self.channel = grpc.insecure_channel(self.env["GATEWAY_ADDR"])
        self.stub = gateway_pb2_grpc.GatewayServiceStub(self.channel)
        self.accepted: dict[str, str] = {}  # essay_id -> request_id
        self.streams: dict[str, list] = {}
        self._watchers: list[threading.Thread] = []
        self._watched: list[str] = []
        self._lock = threading.Lock()

    # --- processes -------------------------------------------------------------

    def start(self, name: str, *args: str, env: dict[str, str] | None = None):
        if env:
            procs = Processes({**self.env, **env}, self.tmp)
            child = procs.start(name, *args)
            self.procs.children[name] = child
            return child
        return self.procs.start(name, *args)

    def start_services(self, correction_env: dict[str, str] | None = None) -> None:
        self.start("users", "serve", "users")
        self.start("correction", "serve", "correction", env=correction_env)
        self.start("notifier", "serve", "notifier")
        self.start("gateway", "serve", "gateway")
        self.start("users-worker", "worker", "--queue", "users", "--concurrency", "1")
        for key in ("USERS_ADDR", "CORRECTION_ADDR", "NOTIFIER_ADDR", "GATEWAY_ADDR"):
            wait_serving(self.env[key], timeout=60)

    def start_worker(self, name: str = "worker", concurrency: int = 2, env: dict[str, str] | None = None):
        return self.start(name, "worker", "--queue", "correction", "--concurrency", str(concurrency),
                          "--loglevel", "info", env=env)

    def wait_worker_ready(self, name: str = "worker", timeout: float = 30.0) -> None:
        """Until Celery says the worker is ready to take tasks (its log starts afresh at each start)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and " ready." not in self.procs.log(name):
            time.sleep(0.05)

    def kill(self, name: str, sig: int = signal.SIGKILL, with_children: bool = True) -> None:
        child = self.procs.children[name]
        pids = children_of(child.pid) if with_children else []
        with contextlib.suppress(ProcessLookupError):
            os.kill(child.pid, sig)
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, sig)
        if sig == signal.SIGKILL:
            child.wait(10)

    def close(self) -> None:
        self.channel.close()
        self.procs.stop(grace=20)
        self.db.dispose()
        self._stack.close()

    # --- clients ---------------------------------------------------------------

    def login(self, username: str) -> tuple:
        password = "chaos-password"
        self.call(self.stub.Register, gateway_pb2.RegisterRequest(
            username=username, email=f"{username}@example.com", password=password))
        reply = self.call(self.stub.Login, gateway_pb2.LoginRequest(username=username, password=password))
        return (("authorization", f"Bearer {reply.access_token}"),)

    @staticmethod
    def call(method, request, metadata=(), attempts: int = 60, timeout: float = 10):
        """A unary call retried while the system answers UNAVAILABLE (as a careful client does)."""
        for attempt in range(attempts):
            try:
                return method(request, metadata=metadata, timeout=timeout)
            except grpc.RpcError as error:
                if error.code() not in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED) \
                        or attempt == attempts - 1:
                    raise
                time.sleep(0.5)

    def submit(self, metadata, n: int, content: str = CONTENT, request_id: str | None = None,
               deadline: float | None = None) -> str:
        """Submits one essay; with ``deadline`` it is one call that must succeed within it."""
        request = gateway_pb2.SubmitEssayRequest(title=f"Chaos {n}", content=f"{content} ({n})", grade="7",
                                                 request_id=request_id or str(uuid.uuid4()))
        if deadline is None:
            essay = self.call(self.stub.SubmitEssay, request, metadata).essay
        else:
            essay = self.stub.SubmitEssay(request, metadata=metadata, timeout=deadline).essay
        with self._lock:
            self.accepted[essay.essay_id] = request.request_id
        return essay.essay_id

    def submit_many(self, metadata, count: int, workers: int = 16, content: str = CONTENT) -> list[str]:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(workers) as pool:
            return list(pool.map(lambda n: self.submit(metadata, n, content), range(count)))

    def watch(self, metadata, essay_id: str) -> None:
        """Follows an essay on its own thread, reconnecting with after_seq after any break."""
        def run():
            received, last, deadline = [], 0, time.monotonic() + 300
            while time.monotonic() < deadline:
                try:
                    for message in self.stub.WatchEssay(
                            gateway_pb2.WatchEssayRequest(essay_id=essay_id, after_seq=last),
                            metadata=metadata, timeout=120):
                        if message.HasField("event"):
                            received.append((message.event.seq, message.event.state))
                            last = message.event.seq
                        if message.event.state in TERMINAL:
                            self.streams[essay_id] = received
                            return
                except grpc.RpcError:
                    time.sleep(0.5)
            # No terminal event within the time: recorded as unfinished (not in self.streams).
        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        self._watchers.append(thread)
        self._watched.append(essay_id)

    # --- the verdict -------------------------------------------------------------

    def wait_drained(self, started: float, timeout: float = 180) -> float:
        deadline = time.monotonic() + timeout
        ids = list(self.accepted)
        while True:
            with self.db.connect() as conn:
                live = conn.execute(text(
                    "SELECT count(*) FROM correction.essays WHERE id = ANY(CAST(:ids AS uuid[])) "
                    "AND state NOT IN ('COMPLETED', 'FAILED', 'CANCELLED')"), {"ids": ids}).scalar()
            if live == 0:
                break
            if time.monotonic() > deadline:
                raise AssertionError(f"{live} essays still unfinished after {timeout}s")
            time.sleep(0.5)
        drained = time.monotonic() - started
        joined_by = time.monotonic() + 60
        for thread in self._watchers:
            thread.join(max(0.0, joined_by - time.monotonic()))
        deadline = time.monotonic() + 60
        while any(depth for name, depth in queue_depths(self.broker_url).items()
                  if not name.startswith("notifier.")):
            assert time.monotonic() < deadline, f"queues not empty: {queue_depths(self.broker_url)}"
            time.sleep(1)
        return drained

    def verify(self, name: str, started: float, expect_failed: int = 0) -> Report:
        report = Report(name, submitted=len(self.accepted))
        report.drain_seconds = self.wait_drained(started)
        ids = list(self.accepted)
        with self.db.connect() as conn:
            rows = conn.execute(text(
                "SELECT e.id::text AS id, e.state, e.last_seq, "
                "(SELECT count(*) FROM correction.results r WHERE r.essay_id = e.id) AS results, "
                "(SELECT array_agg(v.seq ORDER BY v.seq) FROM correction.essay_events v "
                " WHERE v.essay_id = e.id) AS seqs, "
                "(SELECT count(*) FROM correction.essay_events v WHERE v.essay_id = e.id "
                " AND v.state IN ('COMPLETED', 'FAILED', 'CANCELLED')) AS terminals "
                "FROM correction.essays e WHERE e.id = ANY(CAST(:ids AS uuid[]))"), {"ids": ids}).all()
            per_request = conn.execute(text(
                "SELECT request_id, count(*) FROM correction.essays WHERE request_id IS NOT NULL "
                "GROUP BY user_id, request_id HAVING count(*) > 1")).all()
        found = {r.id: r for r in rows}
        report.lost = len(set(ids) - set(found))
        report.duplicated = len(per_request)
        for essay_id, row in found.items():
            report.completed += row.state == "COMPLETED"
            report.failed += row.state == "FAILED"
            report.cancelled += row.state == "CANCELLED"
            if row.state not in ("COMPLETED", "FAILED", "CANCELLED"):
                report.lost += 1
            if row.terminals != 1:
                report.duplicated += 1
                report.problems.append(f"{essay_id}: {row.terminals} terminal events")
            if row.results != (1 if row.state == "COMPLETED" else 0):
                report.duplicated += 1
                report.problems.append(f"{essay_id}: {row.results} results in state {row.state}")
            if list(row.seqs) != list(range(1, row.last_seq + 1)):
                report.problems.append(f"{essay_id}: event log {row.seqs} is not 1..{row.last_seq}")
        unfinished = set(self._watched) - set(self.streams)
        if unfinished:
            report.problems.append(f"{len(unfinished)} streams never ended, e.g. {sorted(unfinished)[:3]}")
        for essay_id, received in self.streams.items():
            seqs = [seq for seq, _ in received]
            if seqs != sorted(set(seqs)):
                report.problems.append(f"stream {essay_id}: seq not strictly increasing {seqs}")
            if sum(state in TERMINAL for _, state in received) != 1:
                report.problems.append(f"stream {essay_id}: {received} has not exactly one terminal event")
            if seqs and found.get(essay_id) is not None and seqs[-1] != found[essay_id].last_seq:
                report.problems.append(f"stream {essay_id}: ended at {seqs[-1]}, log at {found[essay_id].last_seq}")
        print(report.line())
        if report.failed:
            with self.db.connect() as conn:
                for error, count in conn.execute(text(
                        "SELECT error, count(*) FROM correction.essays WHERE state = 'FAILED' "
                        "AND id = ANY(CAST(:ids AS uuid[])) GROUP BY error"), {"ids": ids}):
                    print(f"  failed {count}: {error}")
        assert report.lost == 0, report.line()
        assert report.duplicated == 0, f"{report.line()} {report.problems[:5]}"
        assert not report.problems, report.problems[:5]
        assert report.failed == expect_failed, f"{report.line()}: expected {expect_failed} failed"
        return report

    def runs_to_result(self) -> dict[str, int]:
        """How many attempts of each essay wrote a result (the results table allows one)."""
        with self.db.connect() as conn:
            return dict(conn.execute(text("SELECT essay_id::text, count(*) FROM correction.results "
                                          "GROUP BY essay_id")).all())
