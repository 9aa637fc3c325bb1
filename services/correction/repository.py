"""Queries of the correction tables. Every state change goes through ``transition``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import and_, func, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
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
    event with the next seq and puts it in the outbox. None if the guard did not hold."""
    now = datetime.now(UTC)
    values: dict = {"state": target.value, "last_seq": EssayRow.last_seq + 1, "update_time": now}
    if start_attempt:
        values["attempt"] = EssayRow.attempt + 1
    if error is not None:
        values["error"] = error
    values["lease_until"] = now + timedelta(seconds=lease_seconds) if lease_seconds else None
    guard = [EssayRow.id == essay_id, EssayRow.state.in_([s.value for s in from_states])]
    if attempt is not None:
        guard.append(EssayRow.attempt == attempt)
    row = session.execute(
        update(EssayRow).where(*guard).values(**values)
        .returning(EssayRow.user_id, EssayRow.last_seq, EssayRow.attempt, EssayRow.title)
    ).first()
    if row is None:
        return None
    notification = None
    if target in NOTIFIED:
        notification = add_notification(session, row.user_id, NOTIFIED[target], essay_id, row.title, target,
                                        message, score_total, now)
    event = Event(essay_id=essay_id, user_id=row.user_id, seq=row.last_seq, state=target,
                  message=message, progress_percent=PROGRESS[target], attempt=row.attempt, time=now,
                  notification=notification)
    session.execute(insert(EventRow).values(
        essay_id=essay_id, seq=event.seq, state=target.value, message=message,
        progress_percent=event.progress_percent, attempt=event.attempt, time=now))
    enqueue_event(session, outbox, f"essay.{target.value.lower()}", event.to_message())
    return event


def add_notification(session: Session, user_id: str, kind: str, essay_id: str, title: str,
                     state: EssayState, message: str, score_total: float | None, now: datetime) -> dict:
    """Stores the user's next notification (ids 1, 2, 3... per user); returns it as published."""
    next_id = session.execute(
        pg_insert(NotificationCounterRow).values(user_id=user_id, last_id=1)
        .on_conflict_do_update(index_elements=[NotificationCounterRow.user_id],
                               set_={"last_id": NotificationCounterRow.last_id + 1})
        .returning(NotificationCounterRow.last_id)).scalar_one()
    session.execute(insert(NotificationRow).values(
        user_id=user_id, notification_id=next_id, kind=kind, essay_id=essay_id, title=title,
        state=state.value, message=message, score_total=score_total, create_time=now))
    return {"notification_id": next_id, "user_id": user_id, "kind": kind, "essay_id": essay_id,
            "title": title, "state": state.value, "message": message, "score_total": score_total,
            "create_time": now.isoformat()}


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


