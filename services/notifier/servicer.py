"""NotifierService: gap-free essay streams from the event log plus the live exchange.

WatchEssay subscribes to live events first, then reads the snapshot and stored events
from the correction service, so nothing committed in between can be missed; live events
already sent are dropped by seq, and a jump in seq is filled from the log.
"""

from __future__ import annotations

import asyncio
import logging
import uuid

import grpc

from essay.correction.v1 import correction_pb2, correction_pb2_grpc
from essay.notifier.v1 import notifier_pb2, notifier_pb2_grpc
from services.notifier.bus import EventBus
from services.notifier.convert import TERMINAL, event_from_message
from services.platform.errors import InvalidArgument, OutOfRange
from services.platform.identity import caller_from_metadata

log = logging.getLogger(__name__)


class NotifierServicer(notifier_pb2_grpc.NotifierServiceServicer):
    def __init__(self, bus: EventBus, correction: correction_pb2_grpc.CorrectionServiceStub,
                 backend_timeout: float = 10.0):
        self._bus = bus
        self._correction = correction
        self._timeout = backend_timeout
        self.open_streams = 0

    async def _events_after(self, essay_id: str, after_seq: int, metadata):
        return await self._correction.ListEssayEvents(
            correction_pb2.ListEssayEventsRequest(essay_id=essay_id, after_seq=after_seq),
            metadata=metadata, timeout=self._timeout)

    async def WatchEssay(self, request: notifier_pb2.WatchEssayRequest, context: grpc.aio.ServicerContext):
        caller = caller_from_metadata(context.invocation_metadata())
        if request.after_seq < 0:
            raise InvalidArgument({"after_seq": "must not be negative"})
        key = _canonical_id(request.essay_id)
        queue = self._bus.subscribe(key)
        self.open_streams += 1
        try:
            async for message in self._watch(request, caller.metadata(), queue):
                yield message
        finally:
            self.open_streams -= 1
            self._bus.unsubscribe(key, queue)

    async def _watch(self, request, metadata, queue: asyncio.Queue):
        stored = await self._events_after(request.essay_id, 0 if request.after_seq == 0
                                          else request.after_seq, metadata)
        essay = stored.essay
        if request.after_seq > essay.last_seq:
            raise OutOfRange(f"after_seq {request.after_seq} is beyond the latest seq {essay.last_seq}",
                             reason="AFTER_SEQ_AHEAD")
        events = list(stored.events)
        if request.after_seq == 0:
            events = events[-1:]  # a fresh watch starts at the snapshot's own event
        first = notifier_pb2.WatchEssayResponse(essay=essay)
        if events:
            first.event.CopyFrom(events.pop(0))
        yield first
        last = first.event.seq if first.HasField("event") else request.after_seq
        for event in events:
            yield notifier_pb2.WatchEssayResponse(event=event)
            last = event.seq
        if essay.state in TERMINAL and last >= essay.last_seq:
            return
        while True:
            body = await queue.get()
            event = event_from_message(body)
            if event.seq <= last:
                continue
            pending = [event]
            if event.seq > last + 1:  # a gap: read what is missing from the log
                fill = await self._events_after(request.essay_id, last, metadata)
                pending = [e for e in fill.events if e.seq <= event.seq] or [event]
            for item in pending:
                if item.seq <= last:
                    continue
                yield notifier_pb2.WatchEssayResponse(event=item)
                last = item.seq
                if item.state in TERMINAL:
                    return




def _canonical_id(raw: str) -> str:
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        return raw  # the correction service answers NOT_FOUND for it
