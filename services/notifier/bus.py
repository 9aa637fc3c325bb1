"""In-process fan-out of essay events to the streams watching them (one asyncio loop)."""

from __future__ import annotations

import asyncio
from collections import defaultdict


class EventBus:
    def __init__(self, loop: asyncio.AbstractEventLoop, max_queue: int = 1000):
        self._loop = loop
        self._max_queue = max_queue
        self._by_essay: dict[str, set[asyncio.Queue]] = defaultdict(set)

    def subscribe(self, essay_id: str) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue(self._max_queue)
        self._by_essay[essay_id].add(queue)
        return queue

    def unsubscribe(self, essay_id: str, queue: asyncio.Queue) -> None:
        watchers = self._by_essay.get(essay_id)
        if watchers is not None:
            watchers.discard(queue)
            if not watchers:
                del self._by_essay[essay_id]

    def publish(self, event: dict) -> None:
        """Delivers ``event`` to its essay's watchers; call on the loop's thread."""
        for queue in self._by_essay.get(event.get("essay_id", ""), ()):
            try:
                queue.put_nowait(event)
            except asyncio.QueueFull:
                # A watcher this far behind re-reads the gap from the event log.
                pass

    def publish_threadsafe(self, event: dict) -> None:
        self._loop.call_soon_threadsafe(self.publish, event)

    @property
    def watched_essays(self) -> int:
        return len(self._by_essay)
