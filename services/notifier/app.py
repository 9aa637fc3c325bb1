"""Composition root of the notifier: event consumer, bus, servicer, grpc.aio server."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

import grpc

from essay.correction.v1 import correction_pb2_grpc
from essay.notifier.v1 import notifier_pb2, notifier_pb2_grpc
from services.notifier.bus import EventBus
from services.notifier.config import NotifierSettings
from services.notifier.consumer import event_consumer
from services.notifier.convert import event_from_message, notification_from_message
from services.notifier.servicer import NotifierServicer
from services.platform.consumer import ConsumerThread
from services.platform.grpc_server import (
    CHANNEL_OPTIONS,
    NOT_SERVING,
    SERVING,
    build_aio_server,
    enable_reflection,
)
from services.platform.internal import aio_channel
from services.platform.settings import listen_address

log = logging.getLogger(__name__)

SERVICE_NAME = notifier_pb2.DESCRIPTOR.services_by_name["NotifierService"].full_name


@dataclass
class NotifierApp:
    server: grpc.aio.Server
    consumer: ConsumerThread
    channel: grpc.aio.Channel
    servicer: NotifierServicer
    port: int

    async def start(self) -> None:
        await self.server.start()
        self.consumer.start()
        log.info("notifier listening on port %d", self.port)

    async def stop(self, grace: float = 3.0) -> None:
        await self.server.stop(grace)
        await asyncio.to_thread(self.consumer.stop)
        await self.channel.close()


async def build(settings: NotifierSettings) -> NotifierApp:
    loop = asyncio.get_running_loop()
    bus = EventBus(loop, to_event=event_from_message, to_notification=notification_from_message)
    server, health_servicer = build_aio_server(settings.endpoints.internal_token)

    def report(ok: bool) -> None:
        status = SERVING if ok else NOT_SERVING
        for name in ("", SERVICE_NAME):
            asyncio.run_coroutine_threadsafe(health_servicer.set(name, status), loop)
        if ok:  # (re)connected: events published while the feed was away reach no one
            bus.resync_threadsafe()

    consumer = event_consumer(settings.broker_url, bus.publish_threadsafe, on_health=report)
    channel = aio_channel(settings.endpoints.correction, CHANNEL_OPTIONS, settings.endpoints.internal_token)
    servicer = NotifierServicer(bus, correction_pb2_grpc.CorrectionServiceStub(channel),
                                settings.backend_timeout_seconds, settings.heartbeat_seconds,
                                settings.max_streams_per_user)
    notifier_pb2_grpc.add_NotifierServiceServicer_to_server(servicer, server)
    enable_reflection(server, [SERVICE_NAME])
    port = server.add_insecure_port(listen_address(settings.endpoints.notifier, settings.endpoints.listen_host))
    for name in ("", SERVICE_NAME):
        await health_servicer.set(name, NOT_SERVING)
    return NotifierApp(server, consumer, channel, servicer, port)
