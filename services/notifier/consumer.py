"""Consumes the essay.events exchange on a private queue and hands events to the bus.

Each notifier process has its own exclusive, auto-deleted queue bound to every event, so
every replica sees every event. Delivery here is best effort: a stream that notices a gap
in seq reads the missing events from the correction service's log.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable

from kombu import Connection, Consumer, Queue

from services.platform.messaging import EVENTS_EXCHANGE

log = logging.getLogger(__name__)


class EventConsumer:
    def __init__(self, broker_url: str, deliver: Callable[[dict], None],
                 on_health: Callable[[bool], None] | None = None):
        self._url = broker_url
        self._deliver = deliver
        self._on_health = on_health or (lambda ok: None)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="events-consumer", daemon=True)
        self._queue_name = f"notifier.{socket.gethostname()}.{os.getpid()}.{uuid.uuid4().hex[:8]}"
        self.connected = threading.Event()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)

    def _queue(self) -> Queue:
        return Queue(self._queue_name, EVENTS_EXCHANGE, routing_key="#", exclusive=True,
                     auto_delete=True, durable=False)

    def _on_message(self, body, message) -> None:
        if isinstance(body, dict):
            self._deliver(body)

    def _run(self) -> None:
        backoff = 0.2
        while not self._stop.is_set():
            try:
                with Connection(self._url, heartbeat=20, connect_timeout=5) as conn:
                    conn.ensure_connection(max_retries=1)
                    with Consumer(conn, queues=[self._queue()], callbacks=[self._on_message],
                                  no_ack=True, accept=["json"]):
                        self.connected.set()
                        self._on_health(True)
                        backoff = 0.2
                        log.info("consuming essay events on %s", self._queue_name)
                        while not self._stop.is_set():
                            try:
                                conn.drain_events(timeout=1.0)
                            except TimeoutError:
                                conn.heartbeat_check()
            except Exception as error:  # noqa: BLE001 - reconnect after any broker failure
                self.connected.clear()
                self._on_health(False)
                log.warning("event consumer: %s; reconnecting in %.1fs", error, backoff)
                self._stop.wait(backoff)
                backoff = min(backoff * 2, 5.0)
