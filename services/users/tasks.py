"""Celery tasks of the users queue."""

from __future__ import annotations

import logging
import math
import random
from collections.abc import Callable

from celery import Celery
from celery.exceptions import Reject

from services.platform.backoff import retry_delay
from services.platform.errors import NotFound
from services.users.mail import is_transient

log = logging.getLogger(__name__)

RESET_MONTHLY_QUOTA = "users.reset_monthly_quota"
SEND_WELCOME_EMAIL = "users.send_welcome_email"
DEAD_LETTERS = "users.dead"
EMAIL_RETRY_CAP_SECONDS = 300.0  # 10 retries span about 14 minutes


def register_tasks(app: Celery, service: Callable[[], object], mailer: Callable[[], object],
                   email_max_retries: int = 10) -> None:
    @app.task(name=RESET_MONTHLY_QUOTA, queue="users", acks_late=True, ignore_result=True)
    def reset_monthly_quota() -> int:
        """Run daily by beat: resets users whose 30-day period has ended (seed §4.2)."""
        return service().reset_monthly_quota()

    @app.task(name=SEND_WELCOME_EMAIL, bind=True, queue="users", acks_late=True, ignore_result=True,
              max_retries=email_max_retries)
    def send_welcome_email(self, user_id: str) -> bool:
        """Sends the welcome email once; retries while the SMTP server is away (seed §4.2), with
        backoff and jitter so that queued emails do not all come back at once. When the retries
        run out, the message is rejected into the ``users.dead`` queue, where an operator finds
        it (and can move it back): an email is never dropped silently."""
        try:
            return service().send_welcome_email(user_id, mailer())
        except NotFound:
            log.warning("welcome email for %s dropped: there is no such user", user_id)
            return False
        except Exception as error:
            if not is_transient(error):
                raise
            attempts = self.request.retries + 1
            if self.request.retries >= self.max_retries:
                log.error("welcome email for %s not sent after %d attempts (%s); its message goes to %s",
                          user_id, attempts, error, DEAD_LETTERS)
                raise Reject(error, requeue=False) from error
            delay = max(1, math.ceil(retry_delay(self.request.retries, 1.0, EMAIL_RETRY_CAP_SECONDS,
                                                 random.random() * 0.5)))
            log.warning("welcome email for %s: %s; attempt %d failed, retry in %ss", user_id, error, attempts, delay)
            raise self.retry(countdown=delay, exc=error) from error
