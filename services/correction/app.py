"""Composition root of the correction service: database, service, servicer, server, relay."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import grpc
from grpc_health.v1 import health

from essay.correction.v1 import correction_pb2, correction_pb2_grpc
from services.correction.config import CorrectionSettings
from services.correction.models import outbox
from services.correction.service import CorrectionService
from services.correction.servicer import CorrectionServicer
from services.platform.db import UnitOfWork, create_db_engine
from services.platform.grpc_server import NOT_SERVING, SERVING, build_sync_server, enable_reflection
from services.platform.health import HealthMonitor, database_check
from services.platform.messaging import RabbitPublisher, create_celery
from services.platform.outbox import OutboxRelay
from services.platform.settings import listen_address

log = logging.getLogger(__name__)

SERVICE_NAME = correction_pb2.DESCRIPTOR.services_by_name["CorrectionService"].full_name


@dataclass
class CorrectionApp:
    server: grpc.Server
    health: health.HealthServicer
    monitor: HealthMonitor
    relay: OutboxRelay
    port: int

    def start(self) -> None:
        self.server.start()
        self.monitor.start()
        self.relay.start()
        log.info("correction service listening on port %d", self.port)

    def stop(self, grace: float = 5.0) -> None:
        self.health.enter_graceful_shutdown()
        self.relay.stop()
        self.monitor.stop()
        self.server.stop(grace).wait()


def build(settings: CorrectionSettings) -> CorrectionApp:
    engine = create_db_engine(settings.database_url, pool_size=settings.grpc_workers)
    uow = UnitOfWork(engine)
    service = CorrectionService(uow, max_content_chars=settings.max_content_chars)

    server, health_servicer = build_sync_server(settings.grpc_workers)
    correction_pb2_grpc.add_CorrectionServiceServicer_to_server(CorrectionServicer(service), server)
    enable_reflection(server, [SERVICE_NAME])
    port = server.add_insecure_port(listen_address(settings.endpoints.correction))

    def report(ok: bool) -> None:
        for name in ("", SERVICE_NAME):
            health_servicer.set(name, SERVING if ok else NOT_SERVING)

    celery = create_celery(settings.broker)
    relay = OutboxRelay(uow, outbox, lambda: RabbitPublisher(celery, settings.broker),
                        on_sent=service.on_published, sweep_seconds=settings.relay_sweep_seconds)
    monitor = HealthMonitor({"database": database_check(engine)}, report)
    report(False)
    return CorrectionApp(server, health_servicer, monitor, relay, port)
