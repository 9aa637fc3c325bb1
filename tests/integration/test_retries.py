"""Retries through the real broker: a real Celery worker (in a thread) on the real RabbitMQ,
with an engine that fails on purpose. Celery's countdown on quorum queues travels through
RabbitMQ's native delayed delivery."""

from __future__ import annotations

import logging
import time
import uuid
from dataclasses import replace

import pytest
from celery.contrib.testing.worker import start_worker
from sqlalchemy import select

from services.correction.config import CorrectionSettings
from services.correction.engine import PermanentEngineError, TransientEngineError, load_engine
from services.correction.models import EventRow, outbox
from services.correction.service import CorrectionService
from services.correction.states import EssayState
from services.correction.tasks import register_tasks
from services.correction.worker import CorrectionRuntime
from services.platform.identity import Caller
from services.platform.messaging import BrokerSettings, RabbitPublisher, create_celery
from services.platform.outbox import OutboxRelay


class FailingEngine:
    """Raises ``error`` on the first ``times`` calls, then corrects for real."""

    name, version = "failing", "0"

    def __init__(self, error: Exception, times: int):
        self._real = load_engine("simple")
        self._error = error
        self._left = times

    def correct(self, text, title, grade):
        if self._left > 0:
            self._left -= 1
            raise self._error
        return self._real.correct(text, title, grade)


class EngineSlot:
    """The engine the worker's runtime uses; each test puts its own in."""

    name, version = "slot", "0"

    def __init__(self):
        self.engine = None

    def correct(self, text, title, grade):
        return self.engine.correct(text, title, grade)


@pytest.fixture(scope="module")
def worker(uow, database_url, broker_url):
    """One real worker for the module (Celery keeps one callable per task name per process)."""
    broker = BrokerSettings(url=broker_url)
    settings = replace(CorrectionSettings.from_env({"DATABASE_URL": database_url, "BROKER_URL": broker_url}),
                       retry_base_seconds=1.0, retry_max_seconds=2.0)
    app = create_celery(broker)
    service = CorrectionService(uow)
    slot = EngineSlot()
    runtime = CorrectionRuntime(service, slot, settings)
    register_tasks(app, lambda: runtime, settings.max_retries, 60, 50)
    relay = OutboxRelay(uow, outbox, lambda: RabbitPublisher(app, broker),
                        on_sent=service.on_published, sweep_seconds=0.1)
    with start_worker(app, queues=["correction"], pool="solo", perform_ping_check=False, shutdown_timeout=10):
        relay.start()
        try:
            yield slot, service
        finally:
            relay.stop()


@pytest.fixture()
def run_with_engine(worker):
    slot, service = worker

    def run(engine) -> tuple[str, CorrectionService]:
        slot.engine = engine
        caller = Caller(str(uuid.uuid4()))
        essay = service.create_essay(caller, "T", "I has a apple. teh end.", "", "")
        deadline = time.monotonic() + 45
        while not service.get_essay(caller, essay.essay_id).state.terminal:
            assert time.monotonic() < deadline, "the essay did not finish"
            time.sleep(0.1)
        return essay.essay_id, service

    return run


def history(uow, essay_id):
    with uow() as session:
        return [e.state for e in session.scalars(select(EventRow).where(EventRow.essay_id == essay_id)
                                                 .order_by(EventRow.seq))]


def test_transient_failures_retry_with_backoff_then_complete(run_with_engine, uow):
    essay_id, service = run_with_engine(FailingEngine(TransientEngineError("model overloaded"), times=2))
    essay = service.get_essay(Caller("x", "admin"), essay_id)
    assert essay.state == EssayState.COMPLETED and essay.attempt == 3
    assert history(uow, essay_id) == ["PENDING", "QUEUED", "PROCESSING", "RETRYING", "PROCESSING",
                                      "RETRYING", "PROCESSING", "COMPLETED"]


def test_at_most_three_retries_then_failed(run_with_engine, uow, caplog):
    caplog.set_level(logging.INFO, logger="services.correction.worker")
    essay_id, service = run_with_engine(FailingEngine(TimeoutError("engine timed out"), times=99))
    essay = service.get_essay(Caller("x", "admin"), essay_id)
    assert essay.state == EssayState.FAILED and essay.attempt == 4
    assert "engine timed out" in essay.error
    assert history(uow, essay_id).count("RETRYING") == 3
    assert service.get_task(Caller("x", "admin"), essay.task_id).status == "FAILURE"
    # Each failed attempt logs its traceback (an unexpected error); the last one an ERROR line.
    mine = [r for r in caplog.records if essay_id in r.getMessage()]
    failed = [r for r in mine if "failed: engine timed out" in r.getMessage()]
    assert len(failed) == 4 and all(r.exc_info and r.exc_info[0] is TimeoutError for r in failed)
    assert [r.levelname for r in mine if "FAILED" in r.getMessage()] == ["ERROR"]


def test_permanent_failure_fails_at_once(run_with_engine, uow):
    essay_id, service = run_with_engine(FailingEngine(PermanentEngineError("not an essay"), times=99))
    essay = service.get_essay(Caller("x", "admin"), essay_id)
    assert essay.state == EssayState.FAILED and essay.attempt == 1
    assert "not an essay" in essay.error
    assert "RETRYING" not in history(uow, essay_id)
