"""Settings of the gateway."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from services.gateway.limits import parse_networks
from services.platform.settings import Endpoints, SettingsError, env_float, env_int, env_str


@dataclass(frozen=True)
class GatewaySettings:
    endpoints: Endpoints
    log_level: str = "INFO"
    # Deadline of each call to a backend service (capped by the caller's own deadline).
    backend_timeout_seconds: float = 10.0
    # How long SubmitEssay(wait=true) waits at most when the caller set no deadline.
    sync_wait_max_seconds: float = 120.0
    # How long a validated token is trusted before the users service is asked again.
    token_cache_seconds: float = 2.0
    # Failed logins allowed per account and per client address within the window.
    login_failures_per_account: int = 5
    login_failures_per_address: int = 30
    login_window_seconds: float = 300.0
    # Front-end services whose "x-forwarded-for" names the real client (addresses or networks).
    trusted_proxies: tuple = ()
    # The notifier's heartbeat interval (the same HEARTBEAT_SECONDS): a stream that stays silent
    # for three of them is ended UNAVAILABLE, so that its client reconnects instead of hanging
    # on a notifier that froze.
    heartbeat_seconds: float = 5.0

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> GatewaySettings:
        return cls(
            endpoints=Endpoints.from_env(environ),
            log_level=env_str(environ, "LOG_LEVEL", "INFO"),
            backend_timeout_seconds=env_float(environ, "BACKEND_TIMEOUT_SECONDS", 10.0),
            sync_wait_max_seconds=env_float(environ, "SYNC_WAIT_MAX_SECONDS", 120.0),
            token_cache_seconds=env_float(environ, "TOKEN_CACHE_SECONDS", 2.0),
            login_failures_per_account=env_int(environ, "LOGIN_FAILURES_PER_ACCOUNT", 5),
            login_failures_per_address=env_int(environ, "LOGIN_FAILURES_PER_ADDRESS", 30),
            login_window_seconds=env_float(environ, "LOGIN_WINDOW_SECONDS", 300.0),
            trusted_proxies=_networks(environ),
            heartbeat_seconds=env_float(environ, "HEARTBEAT_SECONDS", 5.0),
        )


def _networks(environ: Mapping[str, str]) -> tuple:
    raw = env_str(environ, "TRUSTED_PROXIES", "")
    try:
        return parse_networks(raw)
    except ValueError as error:
        raise SettingsError(f"TRUSTED_PROXIES must list IP addresses or networks, not {raw[:80]!r}") from error
