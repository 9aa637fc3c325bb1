"""The two servers under test, behind one interface the benchmarks drive.

``open_watches`` gives (essay id, owner's metadata) pairs for essays that stay open,
``fresh_essay`` one such pair ready to be watched (QUEUED), and ``advance`` makes the next
state change of an essay happen and returns the ``time.perf_counter()`` just before and
just after the call that caused it.

The notifier limits the streams one user may hold (``MAX_STREAMS_PER_USER``), so the
essays are spread over users, ``ESSAYS_PER_USER`` each, and each stream is its owner's.
"""

from __future__ import annotations

import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import grpc
from google.protobuf import json_format
from kombu import Queue
from sqlalchemy import func, select

from bench.streams.common import PUBLISH_METHOD, SNAPSHOT_SEQ, essay_event
from essay.common.v1 import common_pb2
from essay.notifier.v1 import notifier_pb2, notifier_pb2_grpc
from services.correction.models import EssayRow, outbox
from services.correction.service import CorrectionService, Policy
from services.correction.states import EssayState
from services.platform.consumer import ConsumerThread
from services.platform.db import UnitOfWork
from services.platform.identity import Caller
from services.platform.messaging import EVENTS_EXCHANGE

ESSAYS_PER_USER = 20
CONTENT = ("Last summer I visited my grandmother in the country. Every morning we walked to the "
           "river and watched the fishermen. I has learned a lot about patience there.")


class BareTarget:
    """The bare server: essays are just ids, state changes are Publish calls."""

    name = "bare"

    def __init__(self, address: str, pid: int):
        self.address, self.pid = address, pid
        self.helpers: dict[str, int] = {}  # other processes that work for it: none
        self._channel = grpc.insecure_channel(address)
        self._publish = self._channel.unary_unary(
            PUBLISH_METHOD, request_serializer=common_pb2.EssayEvent.SerializeToString)
        self._seq: dict[str, int] = {}
        grpc.channel_ready_future(self._channel).result(timeout=10)
        self.advance(str(uuid.uuid4()), "QUEUED")  # the first call on a channel costs more

    def stream_stats(self) -> dict | None:
        return stream_stats(self._channel)

    def open_watches(self, count: int) -> list[tuple[str, tuple]]:
        return [(str(uuid.uuid4()), caller.metadata()) for caller in _owners(count)]

    def fresh_essay(self) -> tuple[str, tuple]:
        return str(uuid.uuid4()), Caller(str(uuid.uuid4())).metadata()

    def advance(self, essay_id: str, state: str) -> tuple[float, float]:
        seq = self._seq.get(essay_id, SNAPSHOT_SEQ) + 1
        self._seq[essay_id] = seq
        event = essay_event(essay_id, seq, state)
        before = time.perf_counter()
        self._publish(event, timeout=10)
        return before, time.perf_counter()

    def close(self) -> None:
        self._channel.close()


class NotifierTarget:
    """The notifier: essays live in PostgreSQL and change through CorrectionService, whose
    commits the correction process's relay publishes to RabbitMQ."""

    name = "notifier"

    def __init__(self, address: str, pid: int, uow: UnitOfWork, correction_pid: int):
        self.address, self.pid = address, pid
        self.helpers = {"correction": correction_pid}  # answers each stream's snapshot read
        self._channel = grpc.insecure_channel(address)
        self._uow = uow
        # Enough attempts for every fan-out round (claim, retry, claim, ...).
        self._service = CorrectionService(uow, Policy(max_attempts=1000))
        self._attempt: dict[str, int] = {}

    def _create(self, caller: Caller) -> tuple[str, tuple]:
        essay = self._service.create_essay(caller, "Benchmark essay", CONTENT, "8", "")
        return essay.essay_id, caller.metadata()

    def open_watches(self, count: int, threads: int = 8) -> list[tuple[str, tuple]]:
        """``count`` new essays, returned once the relay has queued every one of them."""
        with ThreadPoolExecutor(threads) as pool:
            watches = list(pool.map(self._create, _owners(count), chunksize=64))
        self._wait_no_pending(timeout=120 + count / 50)
        self._wait_outbox_sent(timeout=60)
        return watches

    def fresh_essay(self) -> tuple[str, tuple]:
        watch = self._create(Caller(str(uuid.uuid4())))
        self._wait_no_pending(timeout=10)
        return watch

    def _wait_no_pending(self, timeout: float) -> None:
        """Waits until the relay has sent every essay (the database holds only the benchmark's)."""
        deadline = time.monotonic() + timeout
        query = select(func.count()).select_from(EssayRow).where(EssayRow.state == EssayState.PENDING.value)
        while True:
            with self._uow() as session:
                if session.scalar(query) == 0:
                    return
            if time.monotonic() > deadline:
                raise TimeoutError("the relay did not queue the benchmark's essays in time")
            time.sleep(0.002)

    def _wait_outbox_sent(self, timeout: float) -> None:
        """Waits until the relay has published everything (the QUEUED events come last)."""
        deadline = time.monotonic() + timeout
        query = select(func.count()).select_from(outbox).where(outbox.c.sent_at.is_(None))
        while True:
            with self._uow() as session:
                if session.scalar(query) == 0:
                    return
            if time.monotonic() > deadline:
                raise TimeoutError("the relay did not publish the benchmark's events in time")
            time.sleep(0.05)

    def advance(self, essay_id: str, state: str) -> tuple[float, float]:
        service = self._service
        before = time.perf_counter()
        if state == "PROCESSING":
            claim = service.claim(essay_id)
            done = claim is not None
            if done:
                self._attempt[essay_id] = claim.attempt
        elif state == "RETRYING":
            done = service.retry_later(essay_id, self._attempt[essay_id], "benchmark", 0.0)
        elif state == "COMPLETED":
            done = service.complete(essay_id, self._attempt[essay_id], {"score": {"total": 1.0}})
        else:
            raise ValueError(f"cannot move an essay to {state}")
        after = time.perf_counter()
        if not done:
            raise RuntimeError(f"essay {essay_id} did not move to {state}")
        return before, after

    def stream_stats(self) -> dict | None:
        return stream_stats(self._channel)

    def close(self) -> None:
        self._channel.close()


def stream_stats(channel: grpc.Channel) -> dict | None:
    """What the server says it holds (GetStreamStats), if the API has that RPC."""
    stub = notifier_pb2_grpc.NotifierServiceStub(channel)
    if not hasattr(stub, "GetStreamStats"):
        return None
    reply = stub.GetStreamStats(notifier_pb2.GetStreamStatsRequest(), timeout=10)
    return json_format.MessageToDict(reply, always_print_fields_with_no_presence=True,
                                     preserving_proto_field_name=True)


def _owners(count: int) -> list[Caller]:
    """The owner of each of ``count`` essays: a new user every ``ESSAYS_PER_USER`` essays."""
    users = [Caller(str(uuid.uuid4())) for _ in range(-(-count // ESSAYS_PER_USER))]
    return [users[index // ESSAYS_PER_USER] for index in range(count)]


class BrokerProbe:
    """Times each essay event's arrival at a RabbitMQ consumer bound like the notifier's own,
    which splits commit-to-receipt into relay + broker, and notifier + gRPC."""

    def __init__(self, broker_url: str):
        self.arrivals: dict[tuple[str, int], float] = {}
        self._lock = threading.Lock()
        queue = Queue(f"bench.probe.{uuid.uuid4().hex[:8]}", EVENTS_EXCHANGE, routing_key="#",
                      exclusive=True, auto_delete=True, durable=False)
        self._consumer = ConsumerThread("bench-probe", broker_url, queue, self._on_message, no_ack=True)

    def _on_message(self, body, message) -> None:
        now = time.perf_counter()
        if isinstance(body, dict):
            with self._lock:
                self.arrivals[(body.get("essay_id", ""), int(body.get("seq", 0)))] = now

    def start(self, timeout: float = 30.0) -> None:
        self._consumer.start()
        if not self._consumer.connected.wait(timeout):
            raise TimeoutError("the probe could not reach RabbitMQ")

    def arrival(self, essay_id: str, seq: int) -> float | None:
        with self._lock:
            return self.arrivals.get((essay_id, seq))

    def stop(self) -> None:
        self._consumer.stop()
