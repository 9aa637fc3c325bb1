"""Settings of the correction service and its workers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from services.correction.engine.llm import LlmSettings
from services.correction.service import Policy
from services.platform.failpoints import NO_FAILPOINTS, Failpoints
from services.platform.messaging import BrokerSettings
from services.platform.settings import DEFAULT_DATABASE_URL, Endpoints, env_float, env_int, env_str


@dataclass(frozen=True)
class CorrectionSettings:
    database_url: str
    broker: BrokerSettings
    endpoints: Endpoints
    log_level: str = "INFO"
    grpc_workers: int = 16
    max_content_chars: int = 20_000
    relay_sweep_seconds: float = 1.0
    engine: str = "simple"
    llm: LlmSettings | None = None
    # How long a worker's claim on an essay lasts before the essay counts as stuck.
    lease_seconds: float = 330.0
    # How long a QUEUED or RETRYING essay may wait before its message is sent again.
    recheck_seconds: float = 900.0
    reconcile_interval_seconds: float = 10.0
    # How long the events of finished essays are kept for replay (their last event stays).
    history_days: float = 30.0
    retry_base_seconds: float = 2.0
    retry_max_seconds: float = 60.0
    max_retries: int = 3
    failpoints: Failpoints = NO_FAILPOINTS
    # Simulates a slow engine (an LLM takes seconds) for load and fault tests; 0 in production.
    engine_delay_seconds: float = 0.0

    def policy(self) -> Policy:
        return Policy(max_content_chars=self.max_content_chars, lease_seconds=self.lease_seconds,
                      recheck_seconds=self.recheck_seconds, max_attempts=self.max_retries + 1)

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> CorrectionSettings:
        return cls(
            database_url=env_str(environ, "CORRECTION_DATABASE_URL",
                                 env_str(environ, "DATABASE_URL", DEFAULT_DATABASE_URL)),
            broker=BrokerSettings.from_env(environ),
            endpoints=Endpoints.from_env(environ),
            log_level=env_str(environ, "LOG_LEVEL", "INFO"),
            grpc_workers=env_int(environ, "CORRECTION_GRPC_WORKERS", 16),
            max_content_chars=env_int(environ, "MAX_CONTENT_CHARS", 20_000),
            relay_sweep_seconds=env_float(environ, "OUTBOX_SWEEP_SECONDS", 1.0),
            engine=env_str(environ, "ENGINE", "offline"),
            llm=LlmSettings(base_url=env_str(environ, "LLM_BASE_URL", ""), model=env_str(environ, "LLM_MODEL", ""),
                            api_key=env_str(environ, "LLM_API_KEY", ""),
                            timeout_seconds=env_float(environ, "LLM_TIMEOUT_SECONDS", 30.0)),
            lease_seconds=env_float(environ, "CORRECTION_LEASE_SECONDS", 330.0),
            recheck_seconds=env_float(environ, "RECHECK_SECONDS", 900.0),
            reconcile_interval_seconds=env_float(environ, "RECONCILE_INTERVAL_SECONDS", 10.0),
            history_days=env_float(environ, "HISTORY_DAYS", 30.0),
            retry_base_seconds=env_float(environ, "RETRY_BASE_SECONDS", 2.0),
            retry_max_seconds=env_float(environ, "RETRY_MAX_SECONDS", 60.0),
            max_retries=env_int(environ, "MAX_RETRIES", 3),
            failpoints=Failpoints.from_env(environ),
            engine_delay_seconds=env_float(environ, "ENGINE_DELAY_SECONDS", 0.0),
        )

