"""Settings of the users service and its worker."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from services.platform.messaging import BrokerSettings
from services.platform.settings import DEFAULT_DATABASE_URL, Endpoints, env_float, env_int, env_str
from services.users.mail import SmtpSettings


@dataclass(frozen=True)
class UsersSettings:
    database_url: str
    broker: BrokerSettings
    endpoints: Endpoints
    log_level: str = "INFO"
    grpc_workers: int = 8
    token_ttl_seconds: float = 86_400.0
    monthly_limits: dict[str, int] = field(default_factory=lambda: {
        "student": 100, "teacher": 1000, "admin": 100_000})
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    email_max_retries: int = 10
    relay_sweep_seconds: float = 1.0

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> UsersSettings:
        return cls(
            database_url=env_str(environ, "USERS_DATABASE_URL",
                                 env_str(environ, "DATABASE_URL", DEFAULT_DATABASE_URL)),
            broker=BrokerSettings.from_env(environ),
            endpoints=Endpoints.from_env(environ),
            log_level=env_str(environ, "LOG_LEVEL", "INFO"),
            grpc_workers=env_int(environ, "USERS_GRPC_WORKERS", 8),
            token_ttl_seconds=env_float(environ, "TOKEN_TTL_SECONDS", 86_400.0),
            monthly_limits={
                "student": env_int(environ, "QUOTA_STUDENT", 100),
                "teacher": env_int(environ, "QUOTA_TEACHER", 1000),
                "admin": env_int(environ, "QUOTA_ADMIN", 100_000),
            },
            smtp=SmtpSettings(
                host=env_str(environ, "SMTP_HOST", "localhost"),
                port=env_int(environ, "SMTP_PORT", 25),
                security=env_str(environ, "SMTP_SECURITY", "none"),
                username=env_str(environ, "SMTP_USERNAME", ""),
                password=env_str(environ, "SMTP_PASSWORD", ""),
                sender=env_str(environ, "MAIL_FROM", SmtpSettings.sender),
                timeout=env_float(environ, "SMTP_TIMEOUT_SECONDS", 10.0),
            ),
            email_max_retries=env_int(environ, "EMAIL_MAX_RETRIES", 10),
            relay_sweep_seconds=env_float(environ, "OUTBOX_SWEEP_SECONDS", 1.0),
        )
