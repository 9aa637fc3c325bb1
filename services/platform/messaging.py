"""RabbitMQ topology, the Celery app factory, and the outbox's RabbitMQ publisher.

Queues are durable quorum queues with an explicit delivery limit and a dead-letter
exchange; exchanges are topic exchanges (kombu's native delayed delivery, used by Celery's
countdown on quorum queues, needs them). Routing follows the seed: ``correction.*`` tasks
to ``correction``, ``users.*`` to ``users``, everything else to ``default``.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from celery import Celery
from kombu import Connection, Exchange, Producer, Queue

from services.platform.outbox import KIND_EVENT, KIND_TASK, OutboxRow, Publisher
from services.platform.settings import DEFAULT_BROKER_URL, env_float, env_int, env_str

log = logging.getLogger(__name__)

EVENTS_EXCHANGE = Exchange("essay.events", type="topic", durable=True)

# queue name -> (exchange, routing key), as in the seed's task_queues.
QUEUES = {
    "default": ("default", "default"),
    "correction": ("correction", "correction.tasks"),
    "users": ("users", "user.tasks"),
}


@dataclass(frozen=True)
class BrokerSettings:
    url: str = "amqp://guest:guest@localhost:5672//"
    # RabbitMQ redeliveries (crashes, lost connections) before a message is dead-lettered.
    delivery_limit: int = 5
    # Hard and soft time limits of a task: well below RabbitMQ's 30 min consumer timeout.
    task_time_limit: int = 300
    task_soft_time_limit: int = 240
    beat_schedule_file: str = "/tmp/essay-celerybeat-schedule"
    quota_reset_interval_seconds: float = 86400.0

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> BrokerSettings:
        return cls(
            url=env_str(environ, "BROKER_URL", DEFAULT_BROKER_URL),
            delivery_limit=env_int(environ, "DELIVERY_LIMIT", 5),
            task_time_limit=env_int(environ, "TASK_TIME_LIMIT", 300),
            task_soft_time_limit=env_int(environ, "TASK_SOFT_TIME_LIMIT", 240),
            beat_schedule_file=env_str(environ, "BEAT_SCHEDULE_FILE", _schedule_file_for(
                env_str(environ, "BROKER_URL", DEFAULT_BROKER_URL))),
            quota_reset_interval_seconds=env_float(environ, "QUOTA_RESET_INTERVAL_SECONDS", 86400.0),
        )


def _schedule_file_for(broker_url: str) -> str:
    """Beat's default schedule file, one per broker (host and vhost), so that two deployments
    on one machine never share their last-run times."""
    digest = hashlib.sha256(broker_url.encode()).hexdigest()[:12]
    return os.path.join(tempfile.gettempdir(), f"essay-celerybeat-schedule-{digest}")


def task_queue(name: str, delivery_limit: int) -> Queue:
    exchange, routing_key = QUEUES[name]
    return Queue(
        name,
        Exchange(exchange, type="topic", durable=True),
        routing_key=routing_key,
        durable=True,
        queue_arguments={
            "x-queue-type": "quorum",
            "x-delivery-limit": delivery_limit,
            "x-dead-letter-exchange": dead_letter_exchange(name).name,
            "x-dead-letter-routing-key": f"{name}.dead",
        },
    )


def dead_letter_exchange(name: str) -> Exchange:
    """Each task queue has its own dead-letter exchange, feeding its own ``<name>.dead`` queue."""
    return Exchange(f"{name}.dlx", type="topic", durable=True)


def dead_letter_queue(name: str) -> Queue:
    return Queue(f"{name}.dead", dead_letter_exchange(name), routing_key=f"{name}.dead", durable=True,
                 queue_arguments={"x-queue-type": "quorum"})


def all_queues(settings: BrokerSettings) -> list[Queue]:
    return [task_queue(name, settings.delivery_limit) for name in QUEUES]


def declare_topology(connection: Connection, settings: BrokerSettings) -> None:
    """Declares every exchange and queue (idempotent): producers declare before publishing."""
    channel = connection.default_channel
    EVENTS_EXCHANGE(channel).declare()
    for queue in all_queues(settings) + [dead_letter_queue(n) for n in QUEUES]:
        queue(channel).declare()


def route_for(task_name: str) -> str:
    prefix = task_name.split(".", 1)[0]
    return prefix if prefix in ("correction", "users") else "default"


def create_celery(settings: BrokerSettings, name: str = "essay") -> Celery:
    """The one Celery app factory. Tasks are registered by each worker's composition root."""
    app = Celery(name, set_as_current=False)
    app.conf.update(
        broker_url=settings.url,
        broker_transport_options={"confirm_publish": True},
        broker_connection_retry_on_startup=True,
        broker_connection_max_retries=None,
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        timezone="Asia/Shanghai",
        enable_utc=True,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_acks_on_failure_or_timeout=True,
        worker_prefetch_multiplier=1,
        worker_max_tasks_per_child=500,
        worker_max_memory_per_child=600_000,  # KiB
        worker_cancel_long_running_tasks_on_connection_loss=False,
        worker_detect_quorum_queues=True,
        task_time_limit=settings.task_time_limit,
        task_soft_time_limit=settings.task_soft_time_limit,
        # PostgreSQL holds states and results; the rpc backend only answers debug_task pings.
        result_backend="rpc://",
        task_ignore_result=True,
        result_expires=86400,
        task_queues=all_queues(settings),
        task_default_queue="default",
        task_default_exchange="default",
        task_default_exchange_type="topic",
        task_default_routing_key="default",
        task_routes={
            "correction.*": {"queue": "correction", "routing_key": "correction.tasks"},
            "users.*": {"queue": "users", "routing_key": "user.tasks"},
        },
        task_create_missing_queues=False,
        beat_schedule={
            "reset-monthly-quota": {
                "task": "users.reset_monthly_quota",
                "schedule": settings.quota_reset_interval_seconds,
                "options": {"queue": "users"},
            },
        },
        beat_schedule_filename=settings.beat_schedule_file,
        worker_hijack_root_logger=False,
        worker_send_task_events=False,
    )
    register_debug_task(app)
    return app


def register_debug_task(app: Celery) -> None:
    @app.task(name="default.debug_task", bind=True, ignore_result=False, queue="default")
    def debug_task(self):
        """Answers a ping: shows a worker on the default queue is alive (seed §3.2)."""
        log.info("debug_task request: %r", self.request.id)
        return "Celery worker is alive!"


class RabbitPublisher(Publisher):
    """Publishes outbox rows to RabbitMQ with publisher confirms on one connection."""

    def __init__(self, app: Celery, settings: BrokerSettings):
        self._app = app
        self._connection = app.connection_for_write()
        self._connection.ensure_connection(max_retries=1, timeout=5)
        declare_topology(self._connection, settings)
        self._producer = Producer(self._connection.default_channel)

    def publish(self, rows: Sequence[OutboxRow]) -> None:
        for row in rows:
            if row.kind == KIND_TASK:
                p = row.payload
                queue = p["queue"]
                exchange, routing_key = QUEUES[queue]
                self._app.send_task(
                    p["name"], args=p["args"], task_id=p["task_id"], queue=queue,
                    exchange=exchange, routing_key=routing_key, countdown=p.get("countdown"),
                    producer=self._producer, retry=False,
                )
            elif row.kind == KIND_EVENT:
                self._producer.publish(
                    row.payload["body"], exchange=EVENTS_EXCHANGE,
                    routing_key=row.payload["routing_key"], serializer="json",
                    delivery_mode=2, retry=False,
                )
            else:
                log.error("outbox row %s has unknown kind %r; skipped", row.id, row.kind)

    def close(self) -> None:
        self._connection.release()
