"""Database engines, units of work, database creation and per-service migrations."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, exc, make_url, text
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

SERVICES_DIR = Path(__file__).resolve().parent.parent


# A pooled connection idle for longer than this is pinged before it is handed out.
PING_AFTER_IDLE_SECONDS = 1.0


def create_db_engine(url: str, pool_size: int = 10, ping_after_idle: float = PING_AFTER_IDLE_SECONDS) -> Engine:
    """An engine whose pool pings a connection only when it has been idle for
    ``ping_after_idle`` seconds (ADR 10): a connection back in the pool a moment ago is
    handed out as it is, so a busy worker or service saves a round trip per transaction.
    A server that went away while the connection was busy is seen by the statement itself:
    SQLAlchemy then invalidates the whole pool, and the caller's error handling retries."""
    engine = create_engine(
        url,
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_timeout=10,
        connect_args={"connect_timeout": 5, "application_name": "essay-platform"},
    )
    event.listen(engine, "checkin", _note_checkin)
    event.listen(engine, "checkout", lambda conn, record, proxy: _ping_if_idle(conn, record, ping_after_idle))
    return engine


def _note_checkin(dbapi_connection, record) -> None:
    record.info["checked_in"] = time.monotonic()


def _ping_if_idle(dbapi_connection, record, idle_seconds: float) -> None:
    checked_in = record.info.get("checked_in")
    if checked_in is None or time.monotonic() - checked_in < idle_seconds:
        return  # new, or back in the pool a moment ago
    try:
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # noqa: BLE001 - whatever the driver raises, this connection is done
        # The pool discards this connection and checks out a new one (up to three times).
        raise exc.DisconnectionError(f"pooled connection is gone: {error}") from error


class UnitOfWork:
    """Opens one transaction per use: ``with uow() as session: ...`` commits or rolls back."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self._factory = sessionmaker(engine, expire_on_commit=False)
        self._autocommit = engine.execution_options(isolation_level="AUTOCOMMIT")

    @contextmanager
    def __call__(self) -> Iterator[Session]:
        with self._factory.begin() as session:
            yield session

    @contextmanager
    def single_statement(self) -> Iterator[Connection]:
        """A connection on which each statement is its own transaction, committed as it
        returns: one round trip, for writes that are one statement (no BEGIN, no COMMIT)."""
        with self._autocommit.connect() as connection:
            yield connection


def ensure_database(url: str) -> bool:
    """Creates the database named in ``url`` if it does not exist; True if it created it."""
    target = make_url(url)
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                                  {"n": target.database}).scalar()
            if not exists:
                conn.execute(text(f'CREATE DATABASE "{target.database}"'))
                log.info("created database %s", target.database)
                return True
    finally:
        admin.dispose()
    return False


def migrate(url: str, service: str, revision: str = "head") -> None:
    """Brings one service's schema to ``revision`` with its own Alembic scripts."""
    from alembic import command  # imported here: it is heavy, and only migrate needs it
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(SERVICES_DIR / service / "migrations"))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    cfg.attributes["service"] = service
    command.upgrade(cfg, revision)
