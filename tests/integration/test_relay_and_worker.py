"""The outbox relay against the real RabbitMQ, and a real Celery worker process on its queue."""

from __future__ import annotations

import time
import uuid

import pytest
from kombu import Connection, Queue

from services.correction.models import outbox
from services.correction.states import EssayState
from services.platform.identity import Caller
from services.platform.messaging import (
    EVENTS_EXCHANGE,
    QUEUES,
    BrokerSettings,
    RabbitPublisher,
    create_celery,
)
from services.platform.outbox import OutboxRelay, enqueue_task
from tests.support import Processes, queue_depths, system_environ


@pytest.fixture()
def relay(uow, broker_url, correction):
    settings = BrokerSettings(url=broker_url)
    app = create_celery(settings)
    relay = OutboxRelay(uow, outbox, lambda: RabbitPublisher(app, settings),
                        on_sent=correction.on_published, sweep_seconds=0.2)
    yield relay
    relay.stop()


def drain_outbox(relay, uow):
    relay.relay_once()
    with uow() as session:
        assert session.execute(outbox.select().where(outbox.c.sent_at.is_(None))).first() is None


def test_relay_publishes_celery_messages_and_events_then_marks_queued(uow, relay, broker_url, correction):
    with Connection(broker_url) as conn:
        events_queue = Queue(f"test.{uuid.uuid4().hex}", EVENTS_EXCHANGE, routing_key="#", exclusive=True)
        events_queue(conn.default_channel).declare()
        drain_outbox(relay, uow)  # earlier tests' rows
        while events_queue(conn.default_channel).get(no_ack=True):
            pass
        essay = correction.create_essay(Caller(str(uuid.uuid4())), "T", "Text.", "", "")
        drain_outbox(relay, uow)
        assert correction.get_essay(Caller(essay.user_id), essay.essay_id).state == EssayState.QUEUED

        tasks = Queue("correction")(conn.default_channel)
        found = None
        while (message := tasks.get(no_ack=True)) is not None:
            if message.headers.get("id") == essay.task_id:
                found = message
        assert found is not None, "the Celery message carries the stored task id"
        assert found.headers["task"] == "correction.process_essay"
        assert found.decode()[0] == [essay.essay_id]
        assert found.properties["delivery_mode"] == 2

        bodies = []
        for _ in range(20):
            message = events_queue(conn.default_channel).get(no_ack=True)
            if message is None:
                break
            bodies.append(message.decode())
        mine = [(b["seq"], b["state"]) for b in bodies if b["essay_id"] == essay.essay_id]
        assert mine == [(1, "PENDING"), (2, "QUEUED")]


def test_after_a_slow_publish_a_row_that_fell_due_meanwhile_is_due_now(uow, broker_url, correction):
    settings = BrokerSettings(url=broker_url)
    app = create_celery(settings)

    class SlowPublisher(RabbitPublisher):
        def publish(self, rows):
            time.sleep(0.6)
            super().publish(rows)

    relay = OutboxRelay(uow, outbox, lambda: SlowPublisher(app, settings), on_sent=correction.on_published)
    try:
        drain_outbox(relay, uow)
        with uow() as session:  # a message due at once, and a retry's message due 0.3 s from now
            enqueue_task(session, outbox, "default.debug_task", str(uuid.uuid4()), [], queue="default")
            enqueue_task(session, outbox, "correction.process_essay", str(uuid.uuid4()), [str(uuid.uuid4())],
                         queue="correction", delay_seconds=0.3)
        relay._relay_batch()  # publishes the first, taking 0.6 s
        assert relay._next_due == 0.0, "the delayed row fell due during the publish"
        relay.relay_once()
        with uow() as session:
            assert session.execute(outbox.select().where(outbox.c.sent_at.is_(None))).first() is None
    finally:
        relay.stop()  # closes the publisher's broker connection even when an assertion fails


def test_relay_wakes_on_commit_without_waiting_for_the_sweep(uow, broker_url, correction):
    settings = BrokerSettings(url=broker_url)
    app = create_celery(settings)
    relay = OutboxRelay(uow, outbox, lambda: RabbitPublisher(app, settings),
                        on_sent=correction.on_published, sweep_seconds=30)
    relay.start()
    try:
        time.sleep(0.5)  # the first pass and LISTEN are in place
        essay = correction.create_essay(Caller(str(uuid.uuid4())), "T", "Text.", "", "")
        deadline = time.monotonic() + 5
        while correction.get_essay(Caller(essay.user_id), essay.essay_id).state != EssayState.QUEUED:
            assert time.monotonic() < deadline, "NOTIFY did not wake the relay"
            time.sleep(0.02)
    finally:
        relay.stop()


def test_a_real_worker_corrects_essays_and_ignores_duplicates(uow, relay, database_url, broker_url, correction,
                                                              tmp_path):
    env = system_environ(database_url, broker_url, tmp_path)
    workers = Processes(env, tmp_path)
    workers.start("worker", "worker", "--queue", "correction", "--concurrency", "2")
    try:
        caller = Caller(str(uuid.uuid4()))
        essays = [correction.create_essay(caller, f"T{n}", "I has a apple. teh end.", "5", "")
                  for n in range(6)]
        # A duplicate message for the first essay, as a redelivery would produce.
        with uow() as session:
            from services.platform.outbox import enqueue_task
            enqueue_task(session, outbox, "correction.process_essay", essays[0].task_id,
                         [essays[0].essay_id], queue="correction")
        # And a message from elsewhere that names no essay: dropped at once, not retried.
        exchange, routing_key = QUEUES["correction"]
        create_celery(BrokerSettings(url=broker_url)).send_task(
            "correction.process_essay", args=["not-an-essay"], queue="correction", exchange=exchange,
            routing_key=routing_key)
        drain_outbox(relay, uow)
        deadline = time.monotonic() + 60
        while True:
            views = [correction.get_essay(caller, e.essay_id) for e in essays]
            if all(v.state == EssayState.COMPLETED for v in views):
                break
            assert time.monotonic() < deadline, workers.log("worker")[-3000:]
            time.sleep(0.2)
        for view in views:
            assert view.attempt == 1
            assert view.result["engine"] and view.result["score"]["total"] > 0
            assert view.result["processing_seconds"] >= 0
        deadline = time.monotonic() + 20
        while queue_depths(broker_url).get("correction", 0) != 0:
            assert time.monotonic() < deadline
            time.sleep(0.5)
        log = workers.log("worker")
        assert "nothing to do" in log, "the duplicate was seen and skipped"
        assert "names no essay ('not-an-essay'): dropped" in log
        assert "Retry in" not in log and "database unreachable" not in log
    finally:
        workers.stop()


def test_a_worker_on_the_llm_engine_falls_back_when_the_endpoint_is_down(uow, relay, database_url, broker_url,
                                                                        correction, tmp_path):
    from tests.support import free_port

    env = system_environ(database_url, broker_url, tmp_path)
    env.update(ENGINE="llm", LLM_BASE_URL=f"http://127.0.0.1:{free_port()}/v1", LLM_MODEL="any", LLM_API_KEY="k",
               LLM_TIMEOUT_SECONDS="2")
    workers = Processes(env, tmp_path)
    workers.start("llm-worker", "worker", "--queue", "correction", "--concurrency", "1")
    try:
        caller = Caller(str(uuid.uuid4()))
        essay = correction.create_essay(caller, "T", "I has a apple. teh end.", "5", "")
        drain_outbox(relay, uow)
        deadline = time.monotonic() + 60
        while (view := correction.get_essay(caller, essay.essay_id)).state != EssayState.COMPLETED:
            assert time.monotonic() < deadline, workers.log("llm-worker")[-3000:]
            time.sleep(0.2)
        assert view.result["engine"].startswith("offline/") and "fallback from llm" in view.result["engine"]
        assert any("LLM engine unavailable" in a for a in view.result["advisories"])
        assert view.result["errors"], "the offline engine still corrected it"
    finally:
        workers.stop()


def test_a_worker_on_the_offline_engine_corrects_spelling_from_its_dictionary(uow, relay, database_url,
                                                                             broker_url, correction, tmp_path):
    env = system_environ(database_url, broker_url, tmp_path)
    env.update(ENGINE="offline")
    workers = Processes(env, tmp_path)
    workers.start("offline-worker", "worker", "--queue", "correction", "--concurrency", "1")
    try:
        caller = Caller(str(uuid.uuid4()))
        essay = correction.create_essay(caller, "A letter", "I will recieve your letter tomorow.", "8", "")
        drain_outbox(relay, uow)
        deadline = time.monotonic() + 90
        while (view := correction.get_essay(caller, essay.essay_id)).state != EssayState.COMPLETED:
            assert time.monotonic() < deadline, workers.log("offline-worker")[-3000:]
            time.sleep(0.2)
        assert view.result["engine"].startswith("offline/")
        assert "receive" in view.result["corrected_text"] and "tomorrow" in view.result["corrected_text"]
    finally:
        workers.stop()
