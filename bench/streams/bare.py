"""The baseline: a bare grpc.aio NotifierService with no database and no broker.

WatchEssay sends the same snapshot a fresh watch of a QUEUED essay gets from the notifier,
then every event pushed for its essay, until a terminal state, as the notifier's streams do
(one asyncio.Queue per stream, a set of queues per essay), with a heartbeat after
``--heartbeat-seconds`` of silence when the API has one (the notifier's default: 5 s).
Events come from the unary ``Publish`` RPC (a serialized EssayEvent), so a trigger reaches
it over gRPC too.

    python -m bench.streams.bare --port 50099
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
from collections import defaultdict
from datetime import UTC, datetime

import grpc
from grpc_health.v1 import health, health_pb2_grpc

from bench.streams.common import PUBLISH_METHOD, SNAPSHOT_SEQ, essay_event, rss_kib, snapshot_essay
from essay.common.v1 import common_pb2
from essay.notifier.v1 import notifier_pb2, notifier_pb2_grpc
from services.platform.grpc_server import SERVER_OPTIONS
from services.platform.timestamps import timestamp

TERMINAL = frozenset({common_pb2.ESSAY_STATE_COMPLETED, common_pb2.ESSAY_STATE_FAILED,
                      common_pb2.ESSAY_STATE_CANCELLED})
HAS_HEARTBEAT = "heartbeat" in notifier_pb2.WatchEssayResponse.DESCRIPTOR.fields_by_name


class BareNotifier(notifier_pb2_grpc.NotifierServiceServicer):
    def __init__(self, heartbeat_seconds: float) -> None:
        self._watchers: dict[str, set[asyncio.Queue]] = defaultdict(set)
        self._heartbeat = heartbeat_seconds if HAS_HEARTBEAT and heartbeat_seconds > 0 else None

    async def WatchEssay(self, request: notifier_pb2.WatchEssayRequest, context: grpc.aio.ServicerContext):
        queue: asyncio.Queue = asyncio.Queue(1000)
        watchers = self._watchers[request.essay_id]
        watchers.add(queue)
        try:
            user_id = dict(context.invocation_metadata() or ()).get("x-user-id", "")
            yield notifier_pb2.WatchEssayResponse(
                essay=snapshot_essay(request.essay_id, user_id),
                event=essay_event(request.essay_id, SNAPSHOT_SEQ, "QUEUED", attempt=0))
            last = SNAPSHOT_SEQ
            while True:
                try:
                    event = await asyncio.wait_for(queue.get(), self._heartbeat)
                except TimeoutError:
                    yield notifier_pb2.WatchEssayResponse(heartbeat=common_pb2.StreamHeartbeat(
                        latest_seq=last, time=timestamp(datetime.now(UTC))))
                    continue
                yield notifier_pb2.WatchEssayResponse(event=event)
                last = event.seq
                if event.state in TERMINAL:
                    return
        finally:
            watchers.discard(queue)
            if not watchers:
                self._watchers.pop(request.essay_id, None)

    async def GetStreamStats(self, request, context):
        return notifier_pb2.GetStreamStatsResponse(
            open_streams=sum(len(w) for w in self._watchers.values()), watched_essays=len(self._watchers),
            asyncio_tasks=len(asyncio.all_tasks()), rss_bytes=rss_kib(os.getpid()) * 1024)

    async def publish(self, event: common_pb2.EssayEvent, context) -> bytes:
        for queue in self._watchers.get(event.essay_id, ()):
            try:
                queue.put_nowait(event)
            except asyncio.QueueFull:
                pass  # as the notifier: a stream this far behind misses it
        return b""


async def serve(port: int, heartbeat_seconds: float) -> None:
    server = grpc.aio.server(options=SERVER_OPTIONS)
    servicer = BareNotifier(heartbeat_seconds)
    notifier_pb2_grpc.add_NotifierServiceServicer_to_server(servicer, server)
    service, method = PUBLISH_METHOD.strip("/").split("/")
    server.add_generic_rpc_handlers([grpc.method_handlers_generic_handler(service, {
        method: grpc.unary_unary_rpc_method_handler(
            servicer.publish, request_deserializer=common_pb2.EssayEvent.FromString),
    })])
    health_pb2_grpc.add_HealthServicer_to_server(health.aio.HealthServicer(), server)
    server.add_insecure_port(f"127.0.0.1:{port}")
    await server.start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    await server.stop(1.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--heartbeat-seconds", type=float, default=5.0, help="0: none")
    args = parser.parse_args()
    asyncio.run(serve(args.port, args.heartbeat_seconds))


if __name__ == "__main__":
    main()
