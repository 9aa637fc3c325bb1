"""Celery tasks of the users queue."""

from __future__ import annotations

from collections.abc import Callable

from celery import Celery

RESET_MONTHLY_QUOTA = "users.reset_monthly_quota"


def register_tasks(app: Celery, service: Callable[[], object]) -> None:
    @app.task(name=RESET_MONTHLY_QUOTA, queue="users", acks_late=True, ignore_result=True)
    def reset_monthly_quota() -> int:
        """Run daily by beat: resets users whose 30-day period has ended (seed §4.2)."""
        return service().reset_monthly_quota()
