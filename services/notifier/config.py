"""Settings of the notifier service."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from services.platform.settings import DEFAULT_BROKER_URL, Endpoints, env_float, env_int, env_str


@dataclass(frozen=True)
class NotifierSettings:
    broker_url: str
    endpoints: Endpoints
    log_level: str = "INFO"
    backend_timeout_seconds: float = 10.0
    heartbeat_seconds: float = 5.0
    max_streams_per_user: int = 100

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> NotifierSettings:
        return cls(
            broker_url=env_str(environ, "BROKER_URL", DEFAULT_BROKER_URL),
            endpoints=Endpoints.from_env(environ),
            log_level=env_str(environ, "LOG_LEVEL", "INFO"),
            backend_timeout_seconds=env_float(environ, "BACKEND_TIMEOUT_SECONDS", 10.0),
            heartbeat_seconds=env_float(environ, "HEARTBEAT_SECONDS", 5.0),
            max_streams_per_user=env_int(environ, "MAX_STREAMS_PER_USER", 100),
        )
