"""Composition root of the gateway: channels to the backends, authenticator, servicer, server."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from essay.correction.v1 import correction_pb2_grpc
from essay.gateway.v1 import gateway_pb2, gateway_pb2_grpc
from essay.notifier.v1 import notifier_pb2_grpc
from essay.users.v1 import users_pb2_grpc
from services.gateway.auth import Authenticator
from services.gateway.config import GatewaySettings
from services.gateway.limits import LoginLimiter
from services.gateway.servicer import GatewayServicer
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

SERVICE_NAME = gateway_pb2.DESCRIPTOR.services_by_name["GatewayService"].full_name


@dataclass
class GatewayApp:
    server: grpc.aio.Server
    health: object
    channels: dict[str, grpc.aio.Channel]
    port: int
    _watch: asyncio.Task | None = None

    async def start(self) -> None:
        for service in ("", SERVICE_NAME):  # until the backends answer
            await self.health.set(service, NOT_SERVING)
        await self.server.start()
        self._watch = asyncio.create_task(self._track_backends())
        log.info("gateway listening on port %d", self.port)

    async def stop(self, grace: float = 3.0) -> None:
        if self._watch:
            self._watch.cancel()
        await self.health.enter_graceful_shutdown()
        await self.server.stop(grace)
        for channel in self.channels.values():
            await channel.close()

    async def _track_backends(self) -> None:
        """SERVING while every backend answers its own health check as SERVING."""
        last = None
        while True:
            healthy = True
            for name, channel in self.channels.items():
                try:
                    reply = await health_pb2_grpc.HealthStub(channel).Check(
                        health_pb2.HealthCheckRequest(), timeout=2)
                    healthy &= reply.status == health_pb2.HealthCheckResponse.SERVING
                except grpc.aio.AioRpcError:
                    healthy = False
                    if last is not False:
                        log.warning("backend %s unreachable", name)
            if healthy != last:
                for service in ("", SERVICE_NAME):
                    await self.health.set(service, SERVING if healthy else NOT_SERVING)
                last = healthy
            await asyncio.sleep(2.0)


def build(settings: GatewaySettings) -> GatewayApp:
    endpoints = settings.endpoints
    channels = {name: aio_channel(getattr(endpoints, name), CHANNEL_OPTIONS, endpoints.internal_token)
                for name in ("users", "correction", "notifier")}
    users = users_pb2_grpc.UserServiceStub(channels["users"])
    servicer = GatewayServicer(
        Authenticator(users, cache_seconds=settings.token_cache_seconds), users,
        correction_pb2_grpc.CorrectionServiceStub(channels["correction"]),
        notifier_pb2_grpc.NotifierServiceStub(channels["notifier"]),
        backend_timeout=settings.backend_timeout_seconds,
        sync_wait_max=settings.sync_wait_max_seconds,
        logins=LoginLimiter(settings.login_failures_per_account, settings.login_failures_per_address,
                            settings.login_window_seconds),
        trusted_proxies=settings.trusted_proxies, silence_limit=3 * settings.heartbeat_seconds + 1.0)
    server, health_servicer = build_aio_server()
    gateway_pb2_grpc.add_GatewayServiceServicer_to_server(servicer, server)
    enable_reflection(server, [SERVICE_NAME])
    port = server.add_insecure_port(listen_address(endpoints.gateway, endpoints.listen_host, public=True))
    return GatewayApp(server, health_servicer, channels, port)
