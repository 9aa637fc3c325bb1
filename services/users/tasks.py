"""Celery tasks of the users queue."""

from __future__ import annotations

import logging
import math
from collections.abc import Callable

from celery import Celery

from services.platform.backoff import retry_delay
from services.users.mail import is_transient

log = logging.getLogger(__name__)

RESET_MONTHLY_QUOTA = "users.reset_monthly_quota"
SEND_WELCOME_EMAIL = "users.send_welcome_email"


def register_tasks(app: Celery, service: Callable[[], object], mailer: Callable[[], object],
                   email_max_retries: int = 10) -> None:
    @app.task(name=RESET_MONTHLY_QUOTA, queue="users", acks_late=True, ignore_result=True)
    def reset_monthly_quota() -> int:
        """Run daily by beat: resets users whose 30-day period has ended (seed §4.2)."""
        return service().reset_monthly_quota()

    @app.task(name=SEND_WELCOME_EMAIL, bind=True, queue="users", acks_late=True, ignore_result=True,
              max_retries=email_max_retries)
    def send_welcome_email(self, user_id: str) -> bool:
        """Sends the welcome email once; retries while the SMTP server is away (seed §4.2)."""
        try:
            return service().send_welcome_email(user_id, mailer())
        except Exception as error:
            if not is_transient(error):
                raise
            delay = max(1, math.ceil(retry_delay(self.request.retries, 1.0, 60.0, 0.0)))
            log.warning("welcome email for %s: %s; retry in %ss", user_id, error, delay)
            raise self.retry(countdown=delay, exc=error) from error
