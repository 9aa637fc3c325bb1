"""Composition root of the users service: database, service, servicer, server."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

import grpc
from grpc_health.v1 import health
from sqlalchemy import Engine

from essay.users.v1 import users_pb2, users_pb2_grpc
from services.platform.db import UnitOfWork, create_db_engine
from services.platform.grpc_server import build_sync_server, enable_reflection, health_reporter
from services.platform.health import HealthMonitor, database_check
from services.platform.messaging import RabbitPublisher, create_celery
from services.platform.outbox import OutboxRelay
from services.platform.settings import listen_address
from services.users.config import UsersSettings
from services.users.models import outbox
from services.users.service import UserService
from services.users.servicer import UserServicer

log = logging.getLogger(__name__)

SERVICE_NAME = users_pb2.DESCRIPTOR.services_by_name["UserService"].full_name


def build_service(settings: UsersSettings, engine: Engine) -> UserService:
    return UserService(UnitOfWork(engine), timedelta(seconds=settings.token_ttl_seconds),
                       settings.monthly_limits)


@dataclass
class UsersApp:
    server: grpc.Server
    health: health.HealthServicer
    monitor: HealthMonitor
    relay: OutboxRelay
    port: int

    def start(self) -> None:
        self.server.start()
        self.monitor.start()
        self.relay.start()
        log.info("users service listening on port %d", self.port)

    def stop(self, grace: float = 5.0) -> None:
        self.health.enter_graceful_shutdown()
        self.relay.stop()
        self.monitor.stop()
        self.server.stop(grace).wait()


def build(settings: UsersSettings) -> UsersApp:
    engine = create_db_engine(settings.database_url, pool_size=settings.grpc_workers)
    service = build_service(settings, engine)
    server, health_servicer = build_sync_server(settings.grpc_workers, settings.endpoints.internal_token)
    users_pb2_grpc.add_UserServiceServicer_to_server(UserServicer(service), server)
    enable_reflection(server, [SERVICE_NAME])
    port = server.add_insecure_port(listen_address(settings.endpoints.users, settings.endpoints.listen_host))

    report = health_reporter(health_servicer, SERVICE_NAME)
    report(False)
    monitor = HealthMonitor({"database": database_check(engine)}, report)
    celery = create_celery(settings.broker)
    relay = OutboxRelay(UnitOfWork(engine), outbox, lambda: RabbitPublisher(celery, settings.broker),
                        sweep_seconds=settings.relay_sweep_seconds)
    return UsersApp(server, health_servicer, monitor, relay, port)
