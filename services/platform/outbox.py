"""The transactional outbox and its relay.

A service writes an outbox row in the same transaction as its business change
(``enqueue_task``; the correction service's state changes write their event rows, kind
``event``, in the same statement) and ``pg_notify`` wakes the relay at commit. The
relay takes unsent rows with ``FOR UPDATE SKIP LOCKED`` (several relays may run), publishes
each with publisher confirms, then marks them sent in the same transaction; a crash in
between leaves the rows to be sent again, and consumers are idempotent.
"""

from __future__ import annotations

import logging
import select as io_select
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import psycopg2
from sqlalchemy import BigInteger, DateTime, Index, MetaData, String, Table, func, text
from sqlalchemy import Column as _Column
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from services.platform.failpoints import NO_FAILPOINTS, Failpoints

log = logging.getLogger(__name__)

KIND_TASK = "task"
KIND_EVENT = "event"


def outbox_table(metadata: MetaData, schema: str) -> Table:
    return Table(
        "outbox", metadata,
        _Column("id", BigInteger, primary_key=True, autoincrement=True),
        _Column("kind", String(16), nullable=False),
        _Column("payload", JSONB, nullable=False),
        _Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        # Not published before this time (a retry's backoff); now() for everything else.
        _Column("available_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        _Column("sent_at", DateTime(timezone=True), nullable=True),
        Index(f"ix_{schema}_outbox_unsent", "available_at", "id", postgresql_where=text("sent_at IS NULL")),
        schema=schema,
    )


def channel_name(schema: str) -> str:
    return f"{schema}_outbox"


@dataclass(frozen=True)
class OutboxRow:
    id: int
    kind: str
    payload: dict


def enqueue_task(session: Session, table: Table, name: str, task_id: str, args: Sequence,
                 queue: str, delay_seconds: float = 0.0) -> None:
    """Schedules Celery task ``name`` to be published after this transaction commits, and
    not before ``delay_seconds`` have passed."""
    payload = {"name": name, "task_id": task_id, "args": list(args), "queue": queue}
    _insert(session, table, KIND_TASK, payload, delay_seconds)


def _insert(session: Session, table: Table, kind: str, payload: dict, delay_seconds: float = 0.0) -> None:
    values = {"kind": kind, "payload": payload}
    if delay_seconds > 0:
        values["available_at"] = func.now() + timedelta(seconds=delay_seconds)
    session.execute(table.insert().values(**values))
    session.execute(text("SELECT pg_notify(:c, '')"), {"c": channel_name(table.schema)})


class Publisher:
    """What the relay publishes through (RabbitMQ in production)."""

    def publish(self, rows: Sequence[OutboxRow]) -> None: ...
    def close(self) -> None: ...


# Runs in the relay's transaction after rows were published; returns whether it wrote outbox
# rows of its own (the events of the changes it made).
SentHook = Callable[[Session, Sequence[OutboxRow]], bool]


class OutboxRelay:
    """Publishes a service's outbox rows; runs in a thread of the owning service."""

    def __init__(self, uow, table: Table, publisher_factory: Callable[[], Publisher],
                 on_sent: SentHook | None = None, sweep_seconds: float = 1.0, batch: int = 200,
                 on_health: Callable[[bool], None] | None = None, failpoints: Failpoints = NO_FAILPOINTS):
        self._uow = uow
        self._table = table
        self._publisher_factory = publisher_factory
        self._on_sent = on_sent
        self._sweep = sweep_seconds
        self._batch = batch
        self._on_health = on_health or (lambda ok: None)
        self._failpoints = failpoints
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._publisher: Publisher | None = None
        self._next_due: float | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="outbox-relay", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        try:  # wake the LISTEN wait at once
            with self._uow() as session:
                session.execute(text("SELECT pg_notify(:c, '')"), {"c": channel_name(self._table.schema)})
        except Exception:  # noqa: BLE001 - the database may be the thing that is down
            pass
        if self._thread:
            self._thread.join(timeout)
        self._close_publisher()

    def relay_once(self) -> int:
        """Publishes every unsent row that is due; returns how many were sent."""
        total = 0
        while not self._stop.is_set():
            sent = self._relay_batch()
            total += sent
            # Again only if rows are due now: a full batch, or rows the hooks added (the
            # events of the changes they made). Rows another relay holds are not waited for.
            if sent == 0 or self._next_due != 0.0:
                return total
        return total

    def _relay_batch(self) -> int:
        """One transaction: take due rows, publish them, mark them sent, run the hook, and
        note when the earliest unsent row is due (``_next_due``: 0 if now, None if none).

        Three round trips besides the publish: BEGIN, the locking SELECT, and one statement
        that marks the rows sent, turns off the commit's wait for the disk and reads the next
        due time (then the hook's, if any, and COMMIT)."""
        table = self._table
        with self._uow() as session:
            result = session.execute(
                table.select()
                .where(table.c.sent_at.is_(None), table.c.available_at <= func.now())
                .order_by(table.c.id)
                .limit(self._batch)
                .with_for_update(skip_locked=True)
            )
            rows = [OutboxRow(r.id, r.kind, r.payload) for r in result]
            if rows:
                if self._publisher is None:
                    self._publisher = self._publisher_factory()
                self._publisher.publish(rows)
                self._failpoints.hit("relay.after_publish")
            due = session.execute(self._mark_sent_sql, {"ids": [r.id for r in rows]}).scalar()
            self._next_due = None if due is None else max(0.0, float(due))
            if rows and self._on_sent and self._on_sent(session, rows):
                self._next_due = 0.0  # the hook wrote rows of its own: they are due now
            return len(rows)

    @property
    def _mark_sent_sql(self):
        """Marks ``:ids`` sent and returns the seconds until the earliest other unsent row is
        due. The relay's own bookkeeping need not wait for the disk (``synchronous_commit``
        off for this transaction): if a crash loses the marks, the rows are sent again, and
        every consumer is idempotent. ``clock_timestamp()``, not ``now()``: the transaction
        began before the publish, which took a while."""
        name = f'"{self._table.schema}"."{self._table.name}"'
        return text(
            f"WITH sent AS (UPDATE {name} SET sent_at = now() WHERE id = ANY(:ids) RETURNING id) "
            "SELECT extract(epoch FROM min(o.available_at) - clock_timestamp()), "
            "set_config('synchronous_commit', 'off', true) "
            f"FROM {name} o WHERE o.sent_at IS NULL AND o.id NOT IN (SELECT id FROM sent)")

    def _close_publisher(self) -> None:
        if self._publisher is not None:
            try:
                self._publisher.close()
            except Exception:  # noqa: BLE001 - closing a broken connection
                pass
            self._publisher = None

    def _run(self) -> None:
        listener = None
        backoff = 0.2
        while not self._stop.is_set():
            try:
                if listener is None:
                    listener = _Listener(self._uow.engine.url, channel_name(self._table.schema))
                self.relay_once()
                self._on_health(True)
                backoff = 0.2
                due = self._next_due
                listener.wait(self._sweep if due is None else min(self._sweep, due + 0.005))
            except Exception as error:  # noqa: BLE001 - the relay must outlive any outage
                log.warning("outbox relay: %s; retrying in %.1fs", error, backoff)
                self._on_health(False)
                self._close_publisher()
                if listener is not None:
                    listener.close()
                    listener = None
                self._stop.wait(backoff)
                backoff = min(backoff * 2, 5.0)
        if listener is not None:
            listener.close()


class _Listener:
    """A LISTEN connection: ``wait`` returns at the first NOTIFY or after ``timeout``."""

    def __init__(self, url, channel: str):
        url = make_url(url)
        self._conn = psycopg2.connect(
            dbname=url.database, user=url.username, password=url.password,
            host=url.host, port=url.port or 5432, connect_timeout=5)
        self._conn.set_isolation_level(psycopg2.extensions.ISOLATION_LEVEL_AUTOCOMMIT)
        with self._conn.cursor() as cur:
            cur.execute(f'LISTEN "{channel}"')

    def wait(self, timeout: float) -> None:
        if not self._conn.notifies:
            io_select.select([self._conn], [], [], timeout)
        self._conn.poll()
        self._conn.notifies.clear()

    def close(self) -> None:
        try:
            self._conn.close()
        except psycopg2.Error:
            pass


def purge_sent(session: Session, table: Table, older_than: datetime) -> int:
    result = session.execute(table.delete().where(table.c.sent_at < older_than))
    return result.rowcount
