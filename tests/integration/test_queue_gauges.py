"""Queue depth and consumer gauges, read from the real RabbitMQ (a scratch vhost)."""

from __future__ import annotations

from kombu import Connection, Producer

from services.platform import metrics
from services.platform.messaging import BrokerSettings, declare_topology


def test_the_sampler_reads_depths_and_consumers_and_skips_a_missing_queue(broker_url):
    with Connection(broker_url) as conn:
        declare_topology(conn, BrokerSettings(url=broker_url))
        channel = conn.default_channel
        for n in range(3):
            Producer(channel).publish({"n": n}, exchange="", routing_key="default", serializer="json")
        listener = conn.channel()
        listener.basic_consume(queue="users", callback=lambda _message: None)  # one consumer on users
        sampler = metrics.QueueSampler(broker_url, ["default", "users", "no-such-queue", "correction.dead"])
        try:
            seen = sampler()
        finally:
            sampler.close()
            listener.close()
    assert seen == {"default": (3, 0), "users": (0, 1), "correction.dead": (0, 0)}
    assert metrics.QUEUE_MESSAGES.labels("default")._value.get() == 3
    assert metrics.QUEUE_CONSUMERS.labels("users")._value.get() == 1
