"""A RabbitMQ consumer on its own thread that reconnects by itself after any broker failure."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from kombu import Connection, Consumer, Queue

log = logging.getLogger(__name__)


class ConsumerThread:
    """Consumes ``queue`` and calls ``on_message(body, message)`` for each message.

    With ``no_ack=False`` the handler acks (or rejects) each message itself."""

    def __init__(self, name: str, broker_url: str, queue: Queue,
                 on_message: Callable[[object, object], None], no_ack: bool = False,
                 on_health: Callable[[bool], None] | None = None, prefetch: int = 10):
        self.name = name
        self._url = broker_url
        self._queue = queue
        self._on_message = on_message
        self._no_ack = no_ack
        self._on_health = on_health or (lambda ok: None)
        self._prefetch = prefetch
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self.connected = threading.Event()

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        backoff = 0.2
        while not self._stop.is_set():
            try:
                with Connection(self._url, heartbeat=20, connect_timeout=5) as conn:
                    conn.ensure_connection(max_retries=1)
                    channel = conn.channel()
                    if not self._no_ack:
                        channel.basic_qos(0, self._prefetch, False)
                    with Consumer(channel, queues=[self._queue], callbacks=[self._on_message],
                                  no_ack=self._no_ack, accept=["json"]):
                        self.connected.set()
                        self._on_health(True)
                        backoff = 0.2
                        log.info("%s: consuming %s", self.name, self._queue.name)
                        while not self._stop.is_set():
                            try:
                                conn.drain_events(timeout=1.0)
                            except TimeoutError:
                                conn.heartbeat_check()
            except Exception as error:  # noqa: BLE001 - reconnect after any broker failure
                self.connected.clear()
                self._on_health(False)
                log.warning("%s: %s; reconnecting in %.1fs", self.name, error, backoff)
                self._stop.wait(backoff)
                backoff = min(backoff * 2, 5.0)
