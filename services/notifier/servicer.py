"""NotifierService: gap-free streams of essay events and user notifications.

Both streams follow the same protocol: subscribe to live items first, then read what is
stored after the client's cursor from the correction service, so nothing committed in
between can be missed; live items already sent are dropped by their number, and a jump in
numbers is filled from the stored log. While nothing happens a heartbeat carries the latest
number, so idle connections stay open and clients know where they are.
"""

from __future__ import annotations

import asyncio
import logging
import os
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable

import grpc
from google.protobuf import duration_pb2
from google.rpc import error_details_pb2

from essay.correction.v1 import correction_pb2, correction_pb2_grpc
from essay.notifier.v1 import notifier_pb2, notifier_pb2_grpc
from services.notifier.bus import RESYNC, EventBus
from services.notifier.convert import TERMINAL, heartbeat
from services.platform.errors import DOMAIN, InvalidArgument, OutOfRange, ServiceError
from services.platform.identity import caller_from_metadata

log = logging.getLogger(__name__)


class TooManyStreams(ServiceError):
    def __init__(self, limit: int, user_id: str = ""):
        description = f"at most {limit} open streams per user; close one, or retry after others end"
        delay = duration_pb2.Duration(seconds=1)
        super().__init__(description, grpc.StatusCode.RESOURCE_EXHAUSTED, [
            error_details_pb2.QuotaFailure(violations=[error_details_pb2.QuotaFailure.Violation(
                subject=f"user:{user_id}", description=description)]),
            error_details_pb2.ErrorInfo(reason="TOO_MANY_STREAMS", domain=DOMAIN, metadata={"limit": str(limit)}),
            error_details_pb2.RetryInfo(retry_delay=delay),
        ])


async def follow(queue: asyncio.Queue, last: int,
                 number: Callable[[object], int], stored_after: Callable[[int], Awaitable[list]],
                 heartbeat_seconds: float, is_final: Callable[[object], bool] = lambda item: False,
                 resync_seconds: float = 30.0) -> AsyncIterator[tuple[str, object]]:
    """Yields ("item", x) for each item numbered after ``last``, in order and without gaps,
    and ("heartbeat", last) after ``heartbeat_seconds`` of silence; ends after a final item.

    Live items come from ``queue``. The stored log (``stored_after``) fills any jump in
    numbers, answers a RESYNC (the live feed may have lost items), and is asked again after
    ``resync_seconds`` of silence, so a lost last item cannot leave a stream waiting forever."""
    idle = 0.0
    while True:
        try:
            item = await asyncio.wait_for(queue.get(), heartbeat_seconds)
        except TimeoutError:
            idle += heartbeat_seconds
            if idle < resync_seconds:
                yield "heartbeat", last
                continue
            item = RESYNC
        idle = 0.0
        if item is RESYNC:
            pending = await stored_after(last)
        elif number(item) <= last:
            continue
        elif number(item) > last + 1:  # a gap: read what is missing from the stored log
            pending = [x for x in await stored_after(last) if number(x) <= number(item)] or [item]
        else:
            pending = [item]
        for x in pending:
            if number(x) <= last:
                continue
            yield "item", x
            last = number(x)
            if is_final(x):
                return
        if item is RESYNC and not pending:
            yield "heartbeat", last


class NotifierServicer(notifier_pb2_grpc.NotifierServiceServicer):
    def __init__(self, bus: EventBus, correction: correction_pb2_grpc.CorrectionServiceStub,
                 backend_timeout: float = 10.0, heartbeat_seconds: float = 5.0, max_streams_per_user: int = 100):
        self._bus = bus
        self._correction = correction
        self._timeout = backend_timeout
        self._heartbeat = heartbeat_seconds
        self._max_streams = max_streams_per_user
        self._per_user: Counter[str] = Counter()

    @property
    def open_streams(self) -> int:
        return sum(self._per_user.values())

    def _open(self, user_id: str) -> None:
        if self._per_user[user_id] >= self._max_streams:
            raise TooManyStreams(self._max_streams, user_id)
        self._per_user[user_id] += 1

    def _close(self, user_id: str) -> None:
        self._per_user[user_id] -= 1
        if self._per_user[user_id] <= 0:
            del self._per_user[user_id]

    # --- WatchEssay ------------------------------------------------------------------

    async def _events_after(self, essay_id: str, after_seq: int, metadata):
        return await self._correction.ListEssayEvents(
            correction_pb2.ListEssayEventsRequest(essay_id=essay_id, after_seq=after_seq),
            metadata=metadata, timeout=self._timeout)

    async def WatchEssay(self, request: notifier_pb2.WatchEssayRequest, context: grpc.aio.ServicerContext):
        caller = caller_from_metadata(context.invocation_metadata())
        if request.after_seq < 0:
            raise InvalidArgument({"after_seq": "must not be negative"})
        self._open(caller.user_id)
        key = _canonical_id(request.essay_id)
        queue = self._bus.essays.subscribe(key)
        try:
            async for message in self._watch(request, caller.metadata(), queue):
                yield message
        finally:
            self._bus.essays.unsubscribe(key, queue)
            self._close(caller.user_id)

    async def _watch(self, request, metadata, queue: asyncio.Queue):
        stored = await self._events_after(request.essay_id, request.after_seq, metadata)
        essay = stored.essay
        if request.after_seq > essay.last_seq:
            raise OutOfRange(f"after_seq {request.after_seq} is beyond the latest seq {essay.last_seq}",
                             reason="AFTER_SEQ_AHEAD")
        events = list(stored.events)
        if request.after_seq and (not events or events[0].seq != request.after_seq + 1) \
                and request.after_seq < essay.last_seq:
            raise OutOfRange(f"events after seq {request.after_seq} are no longer kept; read the essay "
                             "again and watch from its last_seq", reason="HISTORY_EXPIRED")
        if request.after_seq == 0:
            events = events[-1:]  # a fresh watch starts at the snapshot's own event
        first = notifier_pb2.WatchEssayResponse(essay=essay)
        if events:
            first.event.CopyFrom(events.pop(0))
        yield first
        last, final = request.after_seq, essay.state in TERMINAL and request.after_seq >= essay.last_seq
        if first.HasField("event"):
            last, final = first.event.seq, first.event.state in TERMINAL
        for event in events:
            yield notifier_pb2.WatchEssayResponse(event=event)
            last, final = event.seq, event.state in TERMINAL
        if final:  # the events may be newer than the snapshot: their state decides
            return

        async def stored_after(seq: int) -> list:
            return list((await self._events_after(request.essay_id, seq, metadata)).events)

        async for kind, item in follow(queue, last, lambda e: e.seq, stored_after,
                                       self._heartbeat, is_final=lambda e: e.state in TERMINAL):
            if kind == "heartbeat":
                yield notifier_pb2.WatchEssayResponse(heartbeat=heartbeat(item))
            else:
                yield notifier_pb2.WatchEssayResponse(event=item)

    # --- SubscribeNotifications ---------------------------------------------------------

    async def _notifications_after(self, after_id: int, metadata) -> correction_pb2.ListNotificationsResponse:
        return await self._correction.ListNotifications(
            correction_pb2.ListNotificationsRequest(after_id=after_id, page_size=500), metadata=metadata,
            timeout=self._timeout)

    async def SubscribeNotifications(self, request, context: grpc.aio.ServicerContext):
        caller = caller_from_metadata(context.invocation_metadata())
        if request.after_id < 0:
            raise InvalidArgument({"after_id": "must not be negative"})
        self._open(caller.user_id)
        queue = self._bus.users.subscribe(caller.user_id)
        metadata = caller.metadata()
        try:
            stored = await self._notifications_after(request.after_id, metadata)
            if request.after_id > stored.latest_id:
                raise OutOfRange(f"after_id {request.after_id} is beyond the latest {stored.latest_id}",
                                 reason="AFTER_ID_AHEAD")
            replay = request.after_id > 0 or request.resume  # resume: a last-seen id of 0 too
            last = request.after_id if replay else stored.latest_id
            while replay and last < stored.latest_id:  # replay what was missed, page by page
                page = [n for n in stored.notifications if n.notification_id > last]
                for notification in page:
                    yield notifier_pb2.SubscribeNotificationsResponse(notification=notification)
                    last = notification.notification_id
                if not page:
                    break
                stored = await self._notifications_after(last, metadata)
            yield notifier_pb2.SubscribeNotificationsResponse(heartbeat=heartbeat(last))

            async def stored_after(after: int) -> list:
                return list((await self._notifications_after(after, metadata)).notifications)

            async for kind, item in follow(queue, last, lambda n: n.notification_id, stored_after,
                                           self._heartbeat):
                if kind == "heartbeat":
                    yield notifier_pb2.SubscribeNotificationsResponse(heartbeat=heartbeat(item))
                else:
                    yield notifier_pb2.SubscribeNotificationsResponse(notification=item)
        finally:
            self._bus.users.unsubscribe(caller.user_id, queue)
            self._close(caller.user_id)

    async def GetStreamStats(self, request, context) -> notifier_pb2.GetStreamStatsResponse:
        return notifier_pb2.GetStreamStatsResponse(
            open_streams=self.open_streams, watched_essays=len(self._bus.essays),
            subscribed_users=len(self._bus.users), asyncio_tasks=len(asyncio.all_tasks()), rss_bytes=_rss())


def _rss() -> int:
    try:
        with open(f"/proc/{os.getpid()}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _canonical_id(raw: str) -> str:
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        return raw  # the correction service answers NOT_FOUND for it
