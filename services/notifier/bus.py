"""In-process fan-out of essay events and user notifications to open streams (one asyncio loop)."""

from __future__ import annotations

import asyncio
from collections import defaultdict


class _Topic:
    def __init__(self, max_queue: int):
        self._max_queue = max_queue
        self._queues: dict[str, set[asyncio.Queue]] = defaultdict(set)

    def subscribe(self, key: str) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue(self._max_queue)
        self._queues[key].add(queue)
        return queue

    def unsubscribe(self, key: str, queue: asyncio.Queue) -> None:
        queues = self._queues.get(key)
        if queues is not None:
            queues.discard(queue)
            if not queues:
                del self._queues[key]

    def put(self, key: str, item: dict) -> None:
        for queue in self._queues.get(key, ()):
            try:
                queue.put_nowait(item)
            except asyncio.QueueFull:
                pass  # a stream this far behind fills the gap from the stored log

    def __len__(self) -> int:
        return len(self._queues)


class EventBus:
    def __init__(self, loop: asyncio.AbstractEventLoop, max_queue: int = 1000):
        self._loop = loop
        self.essays = _Topic(max_queue)
        self.users = _Topic(max_queue)

    def publish(self, event: dict) -> None:
        """Delivers an event to its essay's watchers, and its notification to its user's
        subscribers; call on the loop's thread."""
        self.essays.put(event.get("essay_id", ""), event)
        notification = event.get("notification")
        if notification:
            self.users.put(notification.get("user_id", ""), notification)

    def publish_threadsafe(self, event: dict) -> None:
        self._loop.call_soon_threadsafe(self.publish, event)
