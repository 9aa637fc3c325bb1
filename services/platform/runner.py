"""Running a process until SIGINT or SIGTERM, then stopping it cleanly."""

from __future__ import annotations

import asyncio
import signal
import threading
from collections.abc import Awaitable, Callable


def wait_for_shutdown_signal() -> None:
    """Blocks the main thread until SIGINT or SIGTERM arrives."""
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    while not stop.wait(1.0):
        pass


async def run_until_signal(stop_callback: Callable[[], Awaitable[None]]) -> None:
    """Waits (in the running loop) for SIGINT or SIGTERM, then awaits ``stop_callback``."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    await stop_callback()
