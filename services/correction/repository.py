"""Queries of the correction tables. Every state change goes through ``transition``."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from sqlalchemy import (
    Connection,
    Row,
    Text,
    TextClause,
    and_,
    cast,
    delete,
    func,
    insert,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from services.correction.models import (
    EssayRow,
    EventRow,
    NotificationCounterRow,
    NotificationRow,
    QuotaHoldRow,
    ResultRow,
    outbox,
)
from services.correction.states import PROGRESS, EssayState
from services.platform.outbox import KIND_EVENT, channel_name, enqueue_task

PROCESS_TASK = "correction.process_essay"


@dataclass(frozen=True)
class Event:
    essay_id: str
    user_id: str
    seq: int
    state: EssayState
    message: str
    progress_percent: int
    attempt: int
    time: datetime

    notification: dict | None = None

    def to_message(self) -> dict:
        """The body published on the essay.events exchange."""
        body = {
            "essay_id": self.essay_id, "user_id": self.user_id, "seq": self.seq,
            "state": self.state.value, "message": self.message,
            "progress_percent": self.progress_percent, "attempt": self.attempt,
            "time": self.time.isoformat(),
        }
        if self.notification is not None:
            body["notification"] = self.notification
        return body


# The changes a user hears about, and how (seed §7: completed, failed, status updates).
NOTIFIED = {
    EssayState.PROCESSING: "STATUS_UPDATE",
    EssayState.RETRYING: "STATUS_UPDATE",
    EssayState.CANCELLED: "STATUS_UPDATE",
    EssayState.COMPLETED: "CORRECTION_COMPLETED",
    EssayState.FAILED: "CORRECTION_FAILED",
}


def insert_essay(session: Session, *, essay_id: str, task_id: str, user_id: str, title: str,
                 content: str, grade: str, request_id: str | None, fingerprint: str | None) -> Event:
    """Stores a new PENDING essay, its first event, and the task message in the outbox."""
    now = datetime.now(UTC)
    session.execute(insert(EssayRow).values(
        id=essay_id, task_id=task_id, user_id=user_id, title=title, content=content, grade=grade,
        state=EssayState.PENDING.value, attempt=0, error="", last_seq=0, request_id=request_id,
        request_fingerprint=fingerprint, submit_time=now, update_time=now))
    event = transition(session, essay_id, EssayState.PENDING, from_states=(EssayState.PENDING,),
                       message="accepted")
    assert event is not None
    enqueue_task(session, outbox, PROCESS_TASK, task_id, [essay_id], queue="correction")
    return event


def transition(db: Session | Connection, essay_id: str, target: EssayState, *,
               from_states: Iterable[EssayState], attempt: int | None = None,
               start_attempt: bool = False, error: str | None = None, message: str = "",
               lease_seconds: float | None = None, score_total: float | None = None) -> Event | None:
    """Moves an essay to ``target`` if it is in ``from_states`` (and, if given, still on
    ``attempt``): one conditional UPDATE, so racing writers cannot both win. Appends the
    event with the next seq, stores the user's notification if the change is one users hear
    about, puts the event in the outbox and wakes the relay. None if the guard did not hold
    (then nothing is written).

    All of it is one statement (``_transition_sql``), so on a ``single_statement``
    connection a state change is one round trip, its commit included."""
    row = _move(db, essay_id, target, from_states=from_states, attempt=attempt, start_attempt=start_attempt,
                error=error, message=message, lease_seconds=lease_seconds, score_total=score_total)
    return None if row is None else row[0]


def start_attempt(db: Session | Connection, essay_id: str, *, max_attempts: int,
                  lease_seconds: float) -> tuple[Event, EssayText] | None:
    """The worker's usual claim as one statement: QUEUED or RETRYING, with attempts left,
    to PROCESSING on the next attempt, returning what the engine needs. None when the essay
    is in any other state or out of attempts (the full claim then decides)."""
    row = _move(db, essay_id, EssayState.PROCESSING, from_states=(EssayState.QUEUED, EssayState.RETRYING),
                start_attempt=True, message="correction started", lease_seconds=lease_seconds,
                below_attempts=max_attempts, with_text=True)
    if row is None:
        return None
    event, found = row
    return event, EssayText(title=found.title, content=found.content, grade=found.grade)


def complete_attempt(db: Session | Connection, essay_id: str, attempt: int, result: dict, *,
                     message: str, score_total: float | None) -> Event | None:
    """PROCESSING on ``attempt`` to COMPLETED with the result stored, as one statement;
    None if the attempt was fenced out (cancelled or taken over): then nothing is written."""
    row = _move(db, essay_id, EssayState.COMPLETED, from_states=(EssayState.PROCESSING,), attempt=attempt,
                message=message, score_total=score_total, result=result)
    return None if row is None else row[0]


@dataclass(frozen=True)
class EssayText:
    title: str
    content: str
    grade: str


def _move(db: Session | Connection, essay_id: str, target: EssayState, *, from_states: Iterable[EssayState],
          attempt: int | None = None, start_attempt: bool = False, error: str | None = None, message: str = "",
          lease_seconds: float | None = None, score_total: float | None = None,
          below_attempts: int | None = None, with_text: bool = False,
          result: dict | None = None) -> tuple[Event, Row] | None:
    now = datetime.now(UTC)
    kind = NOTIFIED.get(target)
    statement = _transition_sql(kind is not None, start_attempt, error is not None, attempt is not None,
                                below_attempts is not None, with_text, result is not None)
    row = db.execute(statement, {
        "essay_id": essay_id, "target": target.value, "from_states": [EssayState(s).value for s in from_states],
        "attempt": attempt, "error": error, "now": now, "time": now.isoformat(),
        "lease_until": now + timedelta(seconds=lease_seconds) if lease_seconds else None,
        "message": message, "progress": PROGRESS[target], "kind": kind, "score_total": score_total,
        "routing_key": f"essay.{target.value.lower()}", "channel": channel_name(outbox.schema),
        "below_attempts": below_attempts, "result": None if result is None else json.dumps(result),
        # As JSON, so that a whole number keeps its ".0" in the event body (80.0, not 80).
        "score_total_json": json.dumps(score_total),
    }).first()
    if row is None:
        return None
    notification = None
    if kind is not None:
        notification = {"notification_id": row.notification_id, "user_id": row.user_id, "kind": kind,
                        "essay_id": row.essay_id, "title": row.title, "state": target.value, "message": message,
                        "score_total": score_total, "create_time": now.isoformat()}
    event = Event(essay_id=row.essay_id, user_id=row.user_id, seq=row.last_seq, state=target,
                  message=message, progress_percent=PROGRESS[target], attempt=row.attempt, time=now,
                  notification=notification)
    return event, row


@cache
def _transition_sql(notified: bool, start_attempt: bool, set_error: bool, fenced: bool,
                    limit_attempts: bool = False, with_text: bool = False, with_result: bool = False) -> TextClause:
    """The statement of a state change: the guarded UPDATE, then, from its RETURNING row
    (none if the guard failed, and then nothing else is written):

    - the event, with the essay's next seq;
    - if ``notified``, the user's next notification id (ids 1, 2, 3... per user, from a
      counter row locked after the essay's row) and the notification;
    - if ``with_result``, the result row;
    - the event message in the outbox, the same body ``Event.to_message`` describes;
    - and, in the row it returns, ``pg_notify`` to wake the relay at commit.

    ``limit_attempts`` adds ``attempt < :below_attempts`` to the guard; ``with_text``
    returns the essay's title, content and grade."""
    essays, events = EssayRow.__table__.fullname, EventRow.__table__.fullname
    counters, notifications = NotificationCounterRow.__table__.fullname, NotificationRow.__table__.fullname
    results, box = ResultRow.__table__.fullname, outbox.fullname
    sets = ["state = :target", "last_seq = e.last_seq + 1", "update_time = CAST(:now AS timestamptz)",
            "lease_until = CAST(:lease_until AS timestamptz)"]
    if start_attempt:
        sets.append("attempt = e.attempt + 1")
    if set_error:
        sets.append("error = :error")
    guard = "e.id = CAST(:essay_id AS uuid) AND e.state = ANY(CAST(:from_states AS varchar[]))"
    if fenced:
        guard += " AND e.attempt = :attempt"
    if limit_attempts:
        guard += " AND e.attempt < :below_attempts"
    returned = "e.id::text AS essay_id, e.user_id, e.last_seq, e.attempt, e.title" + (
        ", e.content, e.grade" if with_text else "")
    parts = [
        f"moved AS (UPDATE {essays} AS e SET {', '.join(sets)} WHERE {guard} RETURNING {returned})",
        f"logged AS (INSERT INTO {events} (essay_id, seq, state, message, progress_percent, attempt, time) "
        "SELECT CAST(moved.essay_id AS uuid), moved.last_seq, :target, :message, :progress, moved.attempt, "
        "CAST(:now AS timestamptz) FROM moved)",
    ]
    sources, notification_id, notification_json = "moved", "CAST(NULL AS bigint)", ""
    if notified:
        parts += [
            f"counted AS (INSERT INTO {counters} AS c (user_id, last_id) SELECT moved.user_id, 1 FROM moved "
            "ON CONFLICT (user_id) DO UPDATE SET last_id = c.last_id + 1 RETURNING c.last_id)",
            f"noted AS (INSERT INTO {notifications} (user_id, notification_id, kind, essay_id, title, state, "
            "message, score_total, create_time) SELECT moved.user_id, counted.last_id, :kind, "
            "CAST(moved.essay_id AS uuid), moved.title, :target, :message, "
            "CAST(:score_total AS double precision), CAST(:now AS timestamptz) FROM moved, counted)",
        ]
        sources, notification_id = "moved, counted", "counted.last_id"
        notification_json = (
            ", 'notification', jsonb_build_object('notification_id', counted.last_id, 'user_id', moved.user_id, "
            "'kind', CAST(:kind AS text), 'essay_id', moved.essay_id, 'title', moved.title, "
            "'state', CAST(:target AS text), 'message', CAST(:message AS text), "
            "'score_total', CAST(:score_total_json AS jsonb), 'create_time', CAST(:time AS text))")
    if with_result:
        parts.append(f"saved AS (INSERT INTO {results} (essay_id, attempt, result) "
                     "SELECT CAST(moved.essay_id AS uuid), moved.attempt, CAST(:result AS jsonb) FROM moved)")
    parts.append(
        f"sent AS (INSERT INTO {box} (kind, payload) SELECT '{KIND_EVENT}', jsonb_build_object("
        "'routing_key', CAST(:routing_key AS text), 'body', jsonb_build_object("
        "'essay_id', moved.essay_id, 'user_id', moved.user_id, 'seq', moved.last_seq, "
        "'state', CAST(:target AS text), 'message', CAST(:message AS text), "
        "'progress_percent', CAST(:progress AS integer), 'attempt', moved.attempt, "
        f"'time', CAST(:time AS text){notification_json})) FROM {sources})")
    text_columns = ", moved.content, moved.grade" if with_text else ""
    sql = (f"WITH {', '.join(parts)} SELECT moved.essay_id, moved.user_id, moved.last_seq, moved.attempt, "
           f"moved.title{text_columns}, {notification_id} AS notification_id, "
           f"pg_notify(CAST(:channel AS text), '') AS woken FROM {sources}")
    return text(sql)


def notifications_after(session: Session, user_id: str, after_id: int, limit: int,
                        unread_only: bool) -> list[NotificationRow]:
    query = select(NotificationRow).where(NotificationRow.user_id == user_id,
                                          NotificationRow.notification_id > after_id)
    if unread_only:
        query = query.where(NotificationRow.read_time.is_(None))
    return list(session.scalars(query.order_by(NotificationRow.notification_id).limit(limit)))


def latest_notification_id(session: Session, user_id: str) -> int:
    return session.scalar(select(NotificationCounterRow.last_id)
                          .where(NotificationCounterRow.user_id == user_id)) or 0


def unread_count(session: Session, user_id: str) -> int:
    return session.scalar(select(func.count()).select_from(NotificationRow).where(
        NotificationRow.user_id == user_id, NotificationRow.read_time.is_(None))) or 0


def mark_read(session: Session, user_id: str, ids: list[int], up_to_id: int, now: datetime) -> int:
    chosen = NotificationRow.notification_id.in_(ids)
    if up_to_id > 0:
        chosen = or_(chosen, NotificationRow.notification_id <= up_to_id)
    result = session.execute(update(NotificationRow).where(
        NotificationRow.user_id == user_id, NotificationRow.read_time.is_(None), chosen).values(read_time=now))
    return result.rowcount


def get(session: Session, essay_id: str) -> EssayRow | None:
    return session.get(EssayRow, essay_id)


def get_by_task(session: Session, task_id: str) -> EssayRow | None:
    return session.scalars(select(EssayRow).where(EssayRow.task_id == task_id)).first()


def lock_request(session: Session, user_id: str, request_id: str) -> None:
    """Serialises the transactions that submit with one idempotency key (until they end)."""
    session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"),
                    {"key": f"essay-request\n{user_id}\n{request_id}"})


def hold_quota(connection, user_id: str, key: str, request_id: str | None) -> None:
    """Records (or renews) a hold; ``connection`` commits it at once (UnitOfWork.single_statement)."""
    connection.execute(pg_insert(QuotaHoldRow).values(user_id=user_id, key=key, request_id=request_id)
                       .on_conflict_do_update(index_elements=[QuotaHoldRow.user_id, QuotaHoldRow.key],
                                              set_={"created_at": func.now()}))


def drop_hold(session_or_connection, user_id: str, key: str) -> None:
    session_or_connection.execute(delete(QuotaHoldRow).where(QuotaHoldRow.user_id == user_id,
                                                             QuotaHoldRow.key == key))


def old_holds(session: Session, older_than: timedelta, limit: int) -> list[tuple[str, str, str | None]]:
    """(user id, key, request id) of the holds older than ``older_than``, oldest first."""
    return [tuple(row) for row in session.execute(
        select(QuotaHoldRow.user_id, QuotaHoldRow.key, QuotaHoldRow.request_id)
        .where(QuotaHoldRow.created_at < func.now() - older_than)
        .order_by(QuotaHoldRow.created_at).limit(limit))]


def try_lock_request(session: Session, user_id: str, request_id: str) -> bool:
    """lock_request without waiting: False while a submit with this key is running."""
    return bool(session.scalar(text("SELECT pg_try_advisory_xact_lock(hashtextextended(:key, 0))"),
                               {"key": f"essay-request\n{user_id}\n{request_id}"}))


def find_by_request(session: Session, user_id: str, request_id: str) -> EssayRow | None:
    return session.scalars(select(EssayRow).where(
        EssayRow.user_id == user_id, EssayRow.request_id == request_id)).first()


def get_result(session: Session, essay_id: str) -> dict | None:
    return session.scalar(select(ResultRow.result).where(ResultRow.essay_id == essay_id))


def list_essays(session: Session, user_id: str | None, state: EssayState | None,
                after: tuple[datetime, str] | None, limit: int) -> list[EssayRow]:
    """Newest first; ``after`` is the (submit_time, id) of the last essay of the previous page."""
    query = select(EssayRow)
    if user_id is not None:
        query = query.where(EssayRow.user_id == user_id)
    if state is not None:
        query = query.where(EssayRow.state == state.value)
    if after is not None:
        query = query.where(or_(
            EssayRow.submit_time < after[0],
            and_(EssayRow.submit_time == after[0], EssayRow.id < after[1])))
    query = query.order_by(EssayRow.submit_time.desc(), EssayRow.id.desc()).limit(limit)
    return list(session.scalars(query))


def events_after(session: Session, essay_id: str, after_seq: int) -> list[EventRow]:
    return list(session.scalars(
        select(EventRow).where(EventRow.essay_id == essay_id, EventRow.seq > after_seq)
        .order_by(EventRow.seq)))


def result_texts(session: Session, essay_ids: list[str]) -> dict[str, str]:
    """The results of ``essay_ids`` as JSON text, whose length tells their size before decoding."""
    if not essay_ids:
        return {}
    rows = session.execute(select(ResultRow.essay_id, cast(ResultRow.result, Text))
                           .where(ResultRow.essay_id.in_(essay_ids)))
    return {essay_id: raw for essay_id, raw in rows}


