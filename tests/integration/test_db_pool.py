"""The pool pings a connection only after it has been idle (ADR 10), against the real PostgreSQL."""

from __future__ import annotations

import time

import psycopg2
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from services.platform.db import UnitOfWork, create_db_engine
from tests.support import PG_ADMIN_URL


def backend_pid(uow: UnitOfWork) -> int:
    with uow() as session:
        return session.scalar(text("SELECT pg_backend_pid()"))


def terminate(pid: int) -> None:
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            assert conn.scalar(text("SELECT pg_terminate_backend(:p)"), {"p": pid})
    finally:
        admin.dispose()
    time.sleep(0.1)


@pytest.fixture()
def make_uow(database_url):
    engines = []

    def make(ping_after_idle: float) -> UnitOfWork:
        engine = create_db_engine(database_url, pool_size=1, ping_after_idle=ping_after_idle)
        engines.append(engine)
        return UnitOfWork(engine)

    yield make
    for engine in engines:
        engine.dispose()


def single_statement_pid(uow: UnitOfWork) -> int:
    with uow.single_statement() as conn:
        return conn.scalar(text("SELECT pg_backend_pid()"))


@pytest.mark.parametrize("pid_of", [backend_pid, single_statement_pid], ids=["session", "single statement"])
def test_a_connection_lost_while_idle_is_replaced_unseen(make_uow, pid_of):
    uow = make_uow(ping_after_idle=0.2)
    first = pid_of(uow)
    terminate(first)
    time.sleep(0.3)
    assert pid_of(uow) != first, "the ping found the connection gone and the pool made a new one"


def test_a_busy_connection_is_not_pinged_and_a_loss_surfaces_once(make_uow):
    uow = make_uow(ping_after_idle=60)
    pid = single_statement_pid(uow)
    terminate(pid)
    with pytest.raises(DBAPIError) as raised, uow.single_statement() as conn:  # back a moment ago: no ping
        conn.execute(text("SELECT 1"))
    assert raised.value.connection_invalidated
    assert single_statement_pid(uow) != pid, "the pool was invalidated: the next use connects anew"


def test_the_ping_leaves_no_transaction_open(make_uow):
    uow = make_uow(ping_after_idle=0.0)  # every checkout pings
    with uow() as session:
        session.execute(text("SELECT 1"))
    raw = uow.engine.raw_connection()  # pinged as it is checked out
    try:
        assert raw.dbapi_connection.get_transaction_status() == psycopg2.extensions.TRANSACTION_STATUS_IDLE
    finally:
        raw.close()


def test_single_statements_have_a_pool_of_their_own(make_uow):
    uow = make_uow(ping_after_idle=1.0)
    with uow.single_statement() as conn:
        assert conn.engine is not uow.engine
        assert conn.connection.dbapi_connection.autocommit
    with uow() as session:  # the engine's connections never switch modes
        assert not session.connection().connection.dbapi_connection.autocommit
    twin = conn.engine
    assert twin.pool.checkedin() == 1
    uow.engine.dispose()
    assert twin.pool.checkedin() == 0, "disposed of with the engine"


def test_single_statement_commits_each_statement(make_uow):
    uow, other = make_uow(ping_after_idle=1.0), make_uow(ping_after_idle=1.0)
    table = f"single_statement_{time.monotonic_ns()}"
    with uow() as session:
        session.execute(text(f"CREATE TABLE {table} (x int)"))
    try:
        with uow.single_statement() as conn:
            conn.execute(text(f"INSERT INTO {table} VALUES (1)"))
            with other() as session:  # while the first connection is still out of the pool
                assert session.scalar(text(f"SELECT count(*) FROM {table}")) == 1, "committed as it returned"
        with uow() as session:  # the same pooled connection, back to transactions
            session.execute(text(f"INSERT INTO {table} VALUES (2)"))
            with other() as peek:
                assert peek.scalar(text(f"SELECT count(*) FROM {table}")) == 1, "not before the commit"
        with other() as session:
            assert session.scalar(text(f"SELECT count(*) FROM {table}")) == 2
    finally:
        with uow() as session:
            session.execute(text(f"DROP TABLE {table}"))


def test_a_snapshot_reads_every_statement_as_of_its_first(uow):
    # GetEssay reads the essay, then its result: a completion committed in between must not
    # show a PROCESSING essay with a result (or a last_seq behind the events read with it).
    with uow() as session:
        session.execute(text("CREATE TABLE IF NOT EXISTS snapshot_probe (n int)"))
        session.execute(text("DELETE FROM snapshot_probe"))
        session.execute(text("INSERT INTO snapshot_probe VALUES (1)"))
    try:
        with uow.snapshot() as reader:
            first = reader.execute(text("SELECT n FROM snapshot_probe")).scalar_one()
            with uow() as writer:
                writer.execute(text("UPDATE snapshot_probe SET n = 2"))
            assert reader.execute(text("SELECT n FROM snapshot_probe")).scalar_one() == first == 1
            with pytest.raises(DBAPIError):  # read only
                reader.execute(text("UPDATE snapshot_probe SET n = 3"))
        with uow() as session:
            assert session.execute(text("SELECT n FROM snapshot_probe")).scalar_one() == 2
    finally:
        with uow() as session:
            session.execute(text("DROP TABLE snapshot_probe"))
