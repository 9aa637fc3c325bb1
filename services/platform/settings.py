"""Reading settings from the environment, once, at start-up.

Each service has a frozen settings object built by ``from_env(environ)``; only entry
points call it, and nothing else reads ``os.environ``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DATABASE_URL = "postgresql+psycopg2://postgres@localhost:5432/essay"
DEFAULT_BROKER_URL = "amqp://guest:guest@localhost:5672//"


class SettingsError(ValueError):
    """A setting has a value that cannot be used."""


def load_environ(dotenv: Path | None = None) -> dict[str, str]:
    """The process environment, with a ``.env`` file's values beneath it (development)."""
    values: dict[str, str] = {}
    path = dotenv if dotenv is not None else Path.cwd() / ".env"
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if not line or line.startswith("#") or "=" not in line:
                continue
            key, _, value = line.partition("=")
            values[key.strip().removeprefix("export ").strip()] = value.strip().strip("'\"")
    values.update(os.environ)
    return values


def env_str(environ: Mapping[str, str], key: str, default: str) -> str:
    value = environ.get(key, "")
    return value if value != "" else default


def env_int(environ: Mapping[str, str], key: str, default: int) -> int:
    raw = environ.get(key, "")
    if raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise SettingsError(f"{key} must be an integer, not {raw!r}") from exc


def env_float(environ: Mapping[str, str], key: str, default: float) -> float:
    raw = environ.get(key, "")
    if raw == "":
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise SettingsError(f"{key} must be a number, not {raw!r}") from exc


def env_bool(environ: Mapping[str, str], key: str, default: bool) -> bool:
    raw = environ.get(key, "").strip().lower()
    if raw == "":
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise SettingsError(f"{key} must be true or false, not {raw!r}")


@dataclass(frozen=True)
class Endpoints:
    """Where each service listens, and where the others find it. ``listen_host``, when set, is
    the interface every server binds (LISTEN_HOST: "0.0.0.0", "10.0.0.5", "::")."""

    gateway: str = "localhost:50051"
    users: str = "localhost:50052"
    correction: str = "localhost:50053"
    notifier: str = "localhost:50054"
    listen_host: str = ""
    internal_token: str = ""  # INTERNAL_TOKEN: services/platform/internal.py

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> Endpoints:
        return cls(
            gateway=env_str(environ, "GATEWAY_ADDR", cls.gateway),
            users=env_str(environ, "USERS_ADDR", cls.users),
            correction=env_str(environ, "CORRECTION_ADDR", cls.correction),
            notifier=env_str(environ, "NOTIFIER_ADDR", cls.notifier),
            listen_host=env_str(environ, "LISTEN_HOST", cls.listen_host),
            internal_token=env_str(environ, "INTERNAL_TOKEN", cls.internal_token),
        )


_LOOPBACK = ("localhost", "127.0.0.1", "::1")


def listen_address(addr: str, listen_host: str = "", public: bool = False) -> str:
    """The address a server binds for a service reached at ``addr`` (host:port).

    ``listen_host`` wins when set. Otherwise the public gateway binds every interface, and an
    internal service binds every interface only when the others reach it by a name or an
    address that is not loopback (docker-compose's "users:50052"): one reached at
    "localhost:50052" listens on loopback only, so no other machine can call it."""
    host, _, port = addr.rpartition(":")
    host = host.strip("[]")
    if listen_host:
        bound = listen_host.strip("[]")
        return f"[{bound}]:{port}" if ":" in bound else f"{bound}:{port}"
    if public or host not in _LOOPBACK:
        return f"[::]:{port}"
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
