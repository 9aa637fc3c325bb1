"""A message RabbitMQ dead-letters marks its essay FAILED."""

from __future__ import annotations

import time
import uuid

from kombu import Connection, Producer

from services.correction.dead_letters import dead_letter_consumer
from services.correction.states import EssayState
from services.platform.identity import Caller
from services.platform.messaging import BrokerSettings, dead_letter_exchange, declare_topology


def test_a_dead_lettered_correction_fails_its_essay(correction, broker_url):
    caller = Caller(str(uuid.uuid4()))
    essay = correction.create_essay(caller, "T", "Text.", "", "")
    correction.claim(essay.essay_id)
    consumer = dead_letter_consumer(broker_url, correction)
    with Connection(broker_url) as conn:
        declare_topology(conn, BrokerSettings(url=broker_url))
        Producer(conn.default_channel).publish(
            [[essay.essay_id], {}, {}], exchange=dead_letter_exchange("correction"), routing_key="correction.dead",
            serializer="json", headers={"task": "correction.process_essay", "id": essay.task_id,
                                        "x-death": [{"reason": "delivery_limit", "count": 1}]})
    consumer.start()
    try:
        deadline = time.monotonic() + 15
        while correction.get_essay(caller, essay.essay_id).state != EssayState.FAILED:
            assert time.monotonic() < deadline
            time.sleep(0.1)
        assert "kept crashing its worker" in correction.get_essay(caller, essay.essay_id).error
    finally:
        consumer.stop()
