"""The notifier's feed: a private queue bound to every essay event.

Each notifier process has its own exclusive, auto-deleted queue, so every replica sees every
event. Delivery here is best effort: a stream that notices a gap in seq reads the missing
events from the correction service's log.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Callable

from kombu import Queue

from services.platform.consumer import ConsumerThread
from services.platform.messaging import EVENTS_EXCHANGE


def event_consumer(broker_url: str, deliver: Callable[[dict], None],
                   on_health: Callable[[bool], None] | None = None) -> ConsumerThread:
    name = f"notifier.{socket.gethostname()}.{os.getpid()}.{uuid.uuid4().hex[:8]}"
    queue = Queue(name, EVENTS_EXCHANGE, routing_key="#", exclusive=True, auto_delete=True, durable=False)

    def on_message(body, message) -> None:
        if isinstance(body, dict):
            deliver(body)

    return ConsumerThread("events-consumer", broker_url, queue, on_message, no_ack=True, on_health=on_health)
