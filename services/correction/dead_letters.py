"""The dead-letter consumer: a correction message RabbitMQ gave up on (it kept killing its
worker past the queue's delivery limit) marks its essay FAILED, so every stream ends."""

from __future__ import annotations

import logging
from collections.abc import Callable

from prometheus_client import Counter
from sqlalchemy.exc import DBAPIError

from services.correction.service import CorrectionService
from services.platform.consumer import ConsumerThread
from services.platform.messaging import dead_letter_queue
from services.platform.metrics import DEAD_LETTERS as DEAD_LETTERS_NAME

log = logging.getLogger(__name__)
DEAD_LETTERS = Counter(DEAD_LETTERS_NAME, "Correction messages RabbitMQ gave up on (their essay is FAILED)")


def essay_id_of(body) -> str | None:
    """The essay id in a Celery (protocol 2) message body: [args, kwargs, embed]."""
    if isinstance(body, list | tuple) and body and isinstance(body[0], list | tuple) and body[0]:
        return str(body[0][0])
    return None


def death_reason(headers: dict | None) -> str:
    deaths = (headers or {}).get("x-death") or []
    if deaths and isinstance(deaths[0], dict):
        death = deaths[0]
        return f"{death.get('reason', 'dead-lettered')} after {death.get('count', '?')} death(s)"
    return "dead-lettered"


def dead_letter_consumer(broker_url: str, service: CorrectionService,
                         on_health: Callable[[bool], None] | None = None) -> ConsumerThread:
    def on_message(body, message) -> None:
        essay_id = essay_id_of(body)
        reason = (f"the correction kept crashing its worker; RabbitMQ gave up on it "
                  f"({death_reason(message.headers)})")
        try:
            if essay_id and service.fail(essay_id, None, reason):
                log.error("essay %s: %s", essay_id, reason)
                DEAD_LETTERS.inc()
            message.ack()
        except DBAPIError as error:
            log.warning("dead letter for %s not recorded yet (%s); it will come back", essay_id, error)
            message.requeue()

    return ConsumerThread("dead-letters", broker_url, dead_letter_queue("correction"), on_message,
                          on_health=on_health)
