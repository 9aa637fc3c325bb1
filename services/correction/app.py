"""Composition root of the correction service: database, service, servicer, server, relay."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import timedelta

import grpc
from grpc_health.v1 import health

from essay.correction.v1 import correction_pb2, correction_pb2_grpc
from essay.users.v1 import users_pb2_grpc
from services.correction.config import CorrectionSettings
from services.correction.dead_letters import dead_letter_consumer
from services.correction.models import outbox
from services.correction.quota import UsersServiceQuota
from services.correction.service import CorrectionService
from services.correction.servicer import CorrectionServicer
from services.platform.consumer import ConsumerThread
from services.platform.db import UnitOfWork, create_db_engine
from services.platform.grpc_server import (
    CHANNEL_OPTIONS,
    build_sync_server,
    enable_reflection,
    health_reporter,
)
from services.platform.health import HealthMonitor, database_check
from services.platform.internal import sync_channel
from services.platform.messaging import QUEUES, RabbitPublisher, create_celery
from services.platform.metrics import QueueSampler
from services.platform.outbox import OutboxRelay
from services.platform.periodic import Periodic
from services.platform.settings import listen_address

log = logging.getLogger(__name__)

QUEUE_SAMPLE_SECONDS = 15.0  # Prometheus scrapes every 15 s (deploy/prometheus/prometheus.yml)
SERVICE_NAME = correction_pb2.DESCRIPTOR.services_by_name["CorrectionService"].full_name


@dataclass
class CorrectionApp:
    server: grpc.Server
    health: health.HealthServicer
    monitor: HealthMonitor
    relay: OutboxRelay
    dead_letters: ConsumerThread
    reconciler: Periodic
    purger: Periodic
    port: int
    queue_gauges: Periodic
    holds: Periodic

    def start(self) -> None:
        self.server.start()
        for part in (self.monitor, self.relay, self.dead_letters, self.reconciler, self.purger, self.queue_gauges,
                     self.holds):
            part.start()
        log.info("correction service listening on port %d", self.port)

    def stop(self, grace: float = 5.0) -> None:
        self.health.enter_graceful_shutdown()
        for part in (self.holds, self.queue_gauges, self.purger, self.reconciler, self.dead_letters, self.relay,
                     self.monitor):
            part.stop()
        self.server.stop(grace).wait()


def build(settings: CorrectionSettings) -> CorrectionApp:
    engine = create_db_engine(settings.database_url, pool_size=settings.grpc_workers)
    uow = UnitOfWork(engine)
    users_channel = sync_channel(settings.endpoints.users, CHANNEL_OPTIONS, settings.endpoints.internal_token)
    quota = UsersServiceQuota(users_pb2_grpc.UserServiceStub(users_channel))
    service = CorrectionService(uow, settings.policy(), settings.failpoints, quota)

    server, health_servicer = build_sync_server(settings.grpc_workers, settings.endpoints.internal_token)
    correction_pb2_grpc.add_CorrectionServiceServicer_to_server(CorrectionServicer(service), server)
    enable_reflection(server, [SERVICE_NAME])
    port = server.add_insecure_port(listen_address(settings.endpoints.correction, settings.endpoints.listen_host))

    report = health_reporter(health_servicer, SERVICE_NAME)
    broker_up = threading.Event()
    celery = create_celery(settings.broker)
    relay = OutboxRelay(uow, outbox, lambda: RabbitPublisher(celery, settings.broker),
                        on_sent=service.on_published, sweep_seconds=settings.relay_sweep_seconds,
                        failpoints=settings.failpoints)
    # The dead-letter consumer's connection (with heartbeats) tells whether the broker is there.
    dead_letters = dead_letter_consumer(settings.broker.url, service,
                                        on_health=lambda ok: broker_up.set() if ok else broker_up.clear())
    reconciler = Periodic("reconciler", settings.reconcile_interval_seconds, service.reconcile)
    # Queue depths and consumers for Prometheus (deploy/prometheus/alerts.yml).
    sampler = QueueSampler(settings.broker.url, [*QUEUES, *(f"{name}.dead" for name in QUEUES)])
    queue_gauges = Periodic("queue-gauges", QUEUE_SAMPLE_SECONDS, sampler)
    history = timedelta(days=settings.history_days)
    purger = Periodic("history-purge", 3600.0, lambda: service.purge_history(history))
    # Quota charged for essays that were never written (a crash or a timeout mid-submit).
    holds = Periodic("quota-holds", 60.0, service.release_abandoned_holds)
    # Submissions need only the database; NOT_SERVING still tells operators the broker is away.
    monitor = HealthMonitor({"database": database_check(engine), "broker": broker_up.is_set}, report)
    report(False)
    return CorrectionApp(server, health_servicer, monitor, relay, dead_letters, reconciler, purger, port,
                         queue_gauges, holds)
