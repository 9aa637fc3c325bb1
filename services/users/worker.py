"""Composition root of a users worker."""

from __future__ import annotations

import os

from celery import Celery

from services.platform.db import create_db_engine
from services.users.app import build_service
from services.users.config import UsersSettings
from services.users.mail import SmtpMailer
from services.users.service import UserService
from services.users.tasks import register_tasks


def install(app: Celery, settings: UsersSettings) -> None:
    """Registers the users tasks on ``app`` (used by ``essay worker --queue users``)."""
    built: dict[int, UserService] = {}

    def service() -> UserService:
        pid = os.getpid()  # forked children need their own connection pool
        if pid not in built:
            built.clear()
            built[pid] = build_service(settings, create_db_engine(settings.database_url, pool_size=1))
        return built[pid]

    register_tasks(app, service, lambda: SmtpMailer(settings.smtp), settings.email_max_retries)
