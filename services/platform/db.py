"""Database engines, units of work, database creation and per-service migrations."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, make_url, text
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

SERVICES_DIR = Path(__file__).resolve().parent.parent


def create_db_engine(url: str, pool_size: int = 10) -> Engine:
    return create_engine(
        url,
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_pre_ping=True,
        pool_timeout=10,
        connect_args={"connect_timeout": 5, "application_name": "essay-platform"},
    )


class UnitOfWork:
    """Opens one transaction per use: ``with uow() as session: ...`` commits or rolls back."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self._factory = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def __call__(self) -> Iterator[Session]:
        with self._factory.begin() as session:
            yield session


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
