"""Queries of the correction tables. Every state change goes through ``transition``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from sqlalchemy import TextClause, and_, func, insert, or_, select, text, update
from sqlalchemy.orm import Session

from services.correction.models import (
    EssayRow,
    EventRow,
    NotificationCounterRow,
    NotificationRow,
    ResultRow,
    outbox,
)
from services.correction.states import PROGRESS, EssayState
from services.platform.outbox import enqueue_event, enqueue_task

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


def transition(session: Session, essay_id: str, target: EssayState, *,
               from_states: Iterable[EssayState], attempt: int | None = None,
               start_attempt: bool = False, error: str | None = None, message: str = "",
               lease_seconds: float | None = None, score_total: float | None = None) -> Event | None:
    """Moves an essay to ``target`` if it is in ``from_states`` (and, if given, still on
    ``attempt``): one conditional UPDATE, so racing writers cannot both win. Appends the
    event with the next seq, stores the user's notification if the change is one users hear
    about, and puts the event in the outbox. None if the guard did not hold (then nothing
    is written).

    The UPDATE, the event and the notification are one statement (``_transition_sql``):
    a worker makes two transitions per essay, and each round trip and each ORM statement
    it saves is time the worker's core gets back for the engine."""
    now = datetime.now(UTC)
    kind = NOTIFIED.get(target)
    statement = _transition_sql(kind is not None, start_attempt, error is not None, attempt is not None)
    row = session.execute(statement, {
        "essay_id": essay_id, "target": target.value, "from_states": [EssayState(s).value for s in from_states],
        "attempt": attempt, "error": error, "now": now,
        "lease_until": now + timedelta(seconds=lease_seconds) if lease_seconds else None,
        "message": message, "progress": PROGRESS[target], "kind": kind, "score_total": score_total,
    }).first()
    if row is None:
        return None
    notification = None
    if kind is not None:
        notification = {"notification_id": row.notification_id, "user_id": row.user_id, "kind": kind,
                        "essay_id": essay_id, "title": row.title, "state": target.value, "message": message,
                        "score_total": score_total, "create_time": now.isoformat()}
    event = Event(essay_id=essay_id, user_id=row.user_id, seq=row.last_seq, state=target,
                  message=message, progress_percent=PROGRESS[target], attempt=row.attempt, time=now,
                  notification=notification)
    enqueue_event(session, outbox, f"essay.{target.value.lower()}", event.to_message())
    return event


@cache
def _transition_sql(notified: bool, start_attempt: bool, set_error: bool, fenced: bool) -> TextClause:
    """The statement of ``transition``: the guarded UPDATE, then, from its RETURNING row
    (none if the guard failed, and then nothing else is written), the event and, if
    ``notified``, the user's next notification id (ids 1, 2, 3... per user, from a counter row
    locked after the essay's row, as before) and the notification."""
    essays, events = EssayRow.__table__.fullname, EventRow.__table__.fullname
    counters, notifications = NotificationCounterRow.__table__.fullname, NotificationRow.__table__.fullname
    sets = ["state = :target", "last_seq = e.last_seq + 1", "update_time = CAST(:now AS timestamptz)",
            "lease_until = CAST(:lease_until AS timestamptz)"]
    if start_attempt:
        sets.append("attempt = e.attempt + 1")
    if set_error:
        sets.append("error = :error")
    guard = "e.id = CAST(:essay_id AS uuid) AND e.state = ANY(CAST(:from_states AS varchar[]))"
    if fenced:
        guard += " AND e.attempt = :attempt"
    sql = (
        f"WITH moved AS (UPDATE {essays} AS e SET {', '.join(sets)} WHERE {guard} "
        "RETURNING e.user_id, e.last_seq, e.attempt, e.title), "
        f"logged AS (INSERT INTO {events} (essay_id, seq, state, message, progress_percent, attempt, time) "
        "SELECT CAST(:essay_id AS uuid), moved.last_seq, :target, :message, :progress, moved.attempt, "
        "CAST(:now AS timestamptz) FROM moved)")
    if notified:
        sql += (
            f", counted AS (INSERT INTO {counters} AS c (user_id, last_id) SELECT moved.user_id, 1 FROM moved "
            "ON CONFLICT (user_id) DO UPDATE SET last_id = c.last_id + 1 RETURNING c.last_id), "
            f"noted AS (INSERT INTO {notifications} (user_id, notification_id, kind, essay_id, title, state, "
            "message, score_total, create_time) SELECT moved.user_id, counted.last_id, :kind, "
            "CAST(:essay_id AS uuid), moved.title, :target, :message, CAST(:score_total AS double precision), "
            "CAST(:now AS timestamptz) FROM moved, counted) "
            "SELECT moved.user_id, moved.last_seq, moved.attempt, moved.title, counted.last_id AS notification_id "
            "FROM moved, counted")
    else:
        sql += (" SELECT moved.user_id, moved.last_seq, moved.attempt, moved.title, "
                "CAST(NULL AS bigint) AS notification_id FROM moved")
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


def find_by_request(session: Session, user_id: str, request_id: str) -> EssayRow | None:
    return session.scalars(select(EssayRow).where(
        EssayRow.user_id == user_id, EssayRow.request_id == request_id)).first()


def get_result(session: Session, essay_id: str) -> dict | None:
    return session.scalar(select(ResultRow.result).where(ResultRow.essay_id == essay_id))


def save_result(session: Session, essay_id: str, attempt: int, result: dict) -> None:
    session.execute(insert(ResultRow).values(essay_id=essay_id, attempt=attempt, result=result))


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


def results_for(session: Session, essay_ids: list[str]) -> dict[str, dict]:
    if not essay_ids:
        return {}
    rows = session.execute(select(ResultRow.essay_id, ResultRow.result)
                           .where(ResultRow.essay_id.in_(essay_ids)))
    return {r.essay_id: r.result for r in rows}


