"""Database engines, units of work, database creation and per-service migrations."""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import URL, Connection, Engine, create_engine, event, exc, make_url, text
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

SERVICES_DIR = Path(__file__).resolve().parent.parent


# A pooled connection idle for longer than this is pinged before it is handed out.
PING_AFTER_IDLE_SECONDS = 1.0

# How each engine was made, so that a unit of work can make its autocommit twin alike.
_MADE: weakref.WeakKeyDictionary[Engine, tuple[URL, int, float]] = weakref.WeakKeyDictionary()


def create_db_engine(url: str | URL, pool_size: int = 10, ping_after_idle: float = PING_AFTER_IDLE_SECONDS,
                     autocommit: bool = False) -> Engine:
    """An engine whose pool pings a connection only when it has been idle for
    ``ping_after_idle`` seconds (ADR 10): a connection back in the pool a moment ago is
    handed out as it is, so a busy worker or service saves a round trip per transaction.
    A server that went away while the connection was busy is seen by the statement itself:
    SQLAlchemy then invalidates the whole pool, and the caller's error handling retries.
    With ``autocommit`` every statement commits as it returns."""
    engine = create_engine(
        url,
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_timeout=10,
        connect_args={"connect_timeout": 5, "application_name": "essay-platform"},
        **({"isolation_level": "AUTOCOMMIT"} if autocommit else {}),
    )
    dialect = engine.dialect
    event.listen(engine, "checkin", _note_checkin)
    event.listen(engine, "checkout",
                 lambda conn, record, _proxy: _ping_if_idle(dialect, conn, record, ping_after_idle))
    _MADE[engine] = (engine.url, pool_size, ping_after_idle)
    return engine


def _note_checkin(dbapi_connection, record) -> None:
    record.info["checked_in"] = time.monotonic()


def _ping_if_idle(dialect, dbapi_connection, record, idle_seconds: float) -> None:
    checked_in = record.info.get("checked_in")
    if checked_in is None or time.monotonic() - checked_in < idle_seconds:
        return  # new, or back in the pool a moment ago
    try:
        dialect.do_ping(dbapi_connection)  # one SELECT 1 in autocommit: no transaction left open
    except Exception as error:  # noqa: BLE001 - whatever the driver raises, this connection is done
        # The pool discards this connection and checks out a new one.
        raise exc.DisconnectionError(f"pooled connection is gone: {error}") from error


class UnitOfWork:
    """Opens one transaction per use: ``with uow() as session: ...`` commits or rolls back."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self._factory = sessionmaker(engine, expire_on_commit=False)
        self._twin: Engine | None = None
        self._twin_lock = threading.Lock()

    @contextmanager
    def __call__(self) -> Iterator[Session]:
        with self._factory.begin() as session:
            yield session

    @contextmanager
    def snapshot(self) -> Iterator[Session]:
        """A read-only transaction whose statements all see the database as it was at its first
        one (REPEATABLE READ): a row and the rows that go with it, read in several statements,
        agree even while writers commit in between."""
        with self._factory.begin() as session:
            session.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"))
            yield session

    @contextmanager
    def single_statement(self) -> Iterator[Connection]:
        """A connection on which each statement is its own transaction, committed as it
        returns: one round trip, for writes that are one statement (no BEGIN, no COMMIT).
        It comes from a pool of autocommit connections of its own, made like the engine's on
        first use and disposed of with it, so that no connection switches modes."""
        with self._autocommit_engine().connect() as connection:
            yield connection

    def _autocommit_engine(self) -> Engine:
        with self._twin_lock:
            if self._twin is None:
                url, pool_size, ping_after_idle = _MADE.get(self.engine, (self.engine.url, 2, PING_AFTER_IDLE_SECONDS))
                twin = create_db_engine(url, pool_size, ping_after_idle, autocommit=True)
                event.listen(self.engine, "engine_disposed", lambda _engine: twin.dispose())
                self._twin = twin
            return self._twin


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
