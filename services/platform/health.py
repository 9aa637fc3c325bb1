"""Keeps a server's grpc.health.v1 status true: NOT_SERVING while a dependency is down."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from sqlalchemy import Engine, text

log = logging.getLogger(__name__)

Check = Callable[[], bool]


def database_check(engine: Engine) -> Check:
    def check() -> bool:
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            return True
        except Exception:  # noqa: BLE001 - any failure means "not reachable"
            return False
    return check


class HealthMonitor:
    """Runs ``checks`` every ``interval`` seconds and reports the conjunction to ``report``."""

    def __init__(self, checks: dict[str, Check], report: Callable[[bool], None], interval: float = 2.0):
        self._checks = checks
        self._report = report
        self._interval = interval
        self._stop = threading.Event()
        self._last: bool | None = None
        self._thread = threading.Thread(target=self._run, name="health", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def check_now(self) -> bool:
        failed = [name for name, check in self._checks.items() if not check()]
        healthy = not failed
        if healthy != self._last:
            if failed:
                log.warning("NOT_SERVING: %s unreachable", ", ".join(failed))
            else:
                log.info("SERVING")
            self._last = healthy
            self._report(healthy)
        return healthy

    def _run(self) -> None:
        while not self._stop.is_set():
            self.check_now()
            self._stop.wait(self._interval)
