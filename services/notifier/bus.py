"""In-process fan-out of essay events and user notifications to open streams (one asyncio loop)."""

from __future__ import annotations

import asyncio
from collections import defaultdict

# Put in a stream's queue when live events may have been missed (the feed reconnected, or the
# stream fell too far behind): the stream then reads what it lacks from the stored log.
RESYNC = object()


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

    def wanted(self, key: str) -> bool:
        return key in self._queues

    def put(self, key: str, item) -> None:
        for queue in self._queues.get(key, ()):
            _offer(queue, item)

    def resync_all(self) -> None:
        for queues in self._queues.values():
            for queue in queues:
                _offer(queue, RESYNC)

    def __len__(self) -> int:
        return len(self._queues)


def _offer(queue: asyncio.Queue, item) -> None:
    try:
        queue.put_nowait(item)
    except asyncio.QueueFull:
        # Too far behind: drop what is queued and have the stream re-read the stored log.
        while not queue.empty():
            queue.get_nowait()
        queue.put_nowait(RESYNC)


class EventBus:
    """Converts each message once (``to_event``, ``to_notification``) and hands the same
    object to every stream that wants it."""

    def __init__(self, loop: asyncio.AbstractEventLoop, max_queue: int = 1000,
                 to_event=lambda body: body, to_notification=lambda body: body):
        self._loop = loop
        self._to_event = to_event
        self._to_notification = to_notification
        self.essays = _Topic(max_queue)
        self.users = _Topic(max_queue)

    def publish(self, event: dict) -> None:
        """Delivers an event to its essay's watchers, and its notification to its user's
        subscribers; call on the loop's thread."""
        essay_id = event.get("essay_id", "")
        if self.essays.wanted(essay_id):
            self.essays.put(essay_id, self._to_event(event))
        notification = event.get("notification")
        if notification and self.users.wanted(notification.get("user_id", "")):
            self.users.put(notification["user_id"], self._to_notification(notification))

    def publish_threadsafe(self, event: dict) -> None:
        self._loop.call_soon_threadsafe(self.publish, event)

    def resync_threadsafe(self) -> None:
        """Every open stream re-reads the stored log (the live feed may have had a gap)."""
        self._loop.call_soon_threadsafe(self._resync)

    def _resync(self) -> None:
        self.essays.resync_all()
        self.users.resync_all()
