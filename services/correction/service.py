"""The correction use cases. Each receives the unit of work and runs in one transaction."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import grpc
from sqlalchemy import func, select, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from services.correction import repository as repo
from services.correction.errors import essay_finished, essay_not_found, request_id_reused, task_not_found
from services.correction.models import EssayRow, outbox
from services.correction.quota import Quota, UnlimitedQuota
from services.correction.states import CELERY_STATUS, EssayState
from services.correction.validation import essay_id_or_not_found, validate_submission
from services.platform.db import UnitOfWork
from services.platform.errors import InvalidArgument, ServiceError
from services.platform.failpoints import NO_FAILPOINTS, Failpoints
from services.platform.identity import Caller
from services.platform.outbox import KIND_TASK, OutboxRow, enqueue_task, purge_sent

log = logging.getLogger(__name__)

DEFAULT_PAGE_SIZE = 20
RECHECKED = (EssayState.QUEUED, EssayState.PROCESSING, EssayState.RETRYING)
MAX_PAGE_SIZE = 100
MAX_NOTIFICATIONS_PAGE = 500


@dataclass(frozen=True)
class EssayView:
    essay_id: str
    task_id: str
    user_id: str
    title: str
    content: str
    grade: str
    state: EssayState
    attempt: int
    error: str
    last_seq: int
    submit_time: datetime
    update_time: datetime
    result: dict | None = None


@dataclass(frozen=True)
class TaskView:
    task_id: str
    status: str
    essay_id: str
    error: str
    result: dict | None = None  # the correction when completed


@dataclass(frozen=True)
class Claim:
    essay_id: str
    attempt: int
    title: str
    content: str
    grade: str


# A page of ListEssays carries at most this much in its protobuf form, so that it stays under
# gRPC's usual 4 MiB message limit; the next page starts after the last essay that fits.
MAX_PAGE_BYTES = 3 * 1024 * 1024
# What a page reads of results as stored (JSON text, 2-2.6 times as long as their protobuf form):
# enough for MAX_PAGE_BYTES, which the servicer then measures exactly.
MAX_PAGE_RESULT_TEXT = MAX_PAGE_BYTES * 5 // 2
_RESULTS_PER_QUERY = 8


def _results_within(session: Session, essay_ids: list[str]) -> tuple[dict[str, dict], str | None]:
    """The results of ``essay_ids`` in order as far as they fit in MAX_PAGE_RESULT_TEXT (the first one
    always), and the essay whose result did not fit (None when all did): a page of long results
    reads and decodes only what it sends."""
    results: dict[str, dict] = {}
    used = 0
    for start in range(0, len(essay_ids), _RESULTS_PER_QUERY):
        chunk = essay_ids[start:start + _RESULTS_PER_QUERY]
        texts = repo.result_texts(session, chunk)
        for essay_id in chunk:
            raw = texts.get(essay_id)
            if raw is None:
                continue
            if results and used + len(raw) > MAX_PAGE_RESULT_TEXT:
                return results, essay_id
            results[essay_id] = json.loads(raw)
            used += len(raw)
    return results, None


def _view(row: EssayRow, result: dict | None = None) -> EssayView:
    return EssayView(
        essay_id=row.id, task_id=row.task_id, user_id=row.user_id, title=row.title,
        content=row.content, grade=row.grade, state=EssayState(row.state), attempt=row.attempt,
        error=row.error, last_seq=row.last_seq, submit_time=row.submit_time,
        update_time=row.update_time, result=result)


def fingerprint(title: str, content: str, grade: str) -> str:
    return hashlib.sha256(json.dumps([title, content, grade]).encode("utf-8", "surrogatepass")).hexdigest()


def encode_page_token(row: EssayView, state: EssayState | None = None) -> str:
    """The token of the page after ``row`` in a listing filtered by ``state``."""
    raw = json.dumps([row.submit_time.isoformat(), row.essay_id, state.value if state else ""]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


MAX_PAGE_TOKEN_CHARS = 200
REQUEST_KEY = "request:"  # a reservation keyed by the submit's request_id, not by an essay id
HOLD_GRACE = timedelta(minutes=5)  # a submit in flight holds its reservation for seconds
MAX_STORED_GRADE_CHARS = 32  # the column's width


def reservation_key(request_id: str) -> str:
    """The quota reservation of a submit with a request_id (up to 128 characters, any script):
    a digest of it, within the users service's 64-character keys."""
    return REQUEST_KEY + hashlib.sha256(request_id.encode("utf-8", "surrogatepass")).hexdigest()[:48]


def _refused(error: BaseException) -> bool:
    """The users service answered the reserve with a no (over the limit, no such user)."""
    if isinstance(error, ServiceError):
        return True
    return isinstance(error, grpc.RpcError) and error.code() in (
        grpc.StatusCode.RESOURCE_EXHAUSTED, grpc.StatusCode.NOT_FOUND, grpc.StatusCode.INVALID_ARGUMENT,
        grpc.StatusCode.FAILED_PRECONDITION, grpc.StatusCode.PERMISSION_DENIED)


def decode_page_token(token: str, state: EssayState | None = None) -> tuple[datetime, str]:
    """The (submit time, essay id) a page token names, for a listing filtered by ``state``; a
    token of a listing with another filter, or anything else, is INVALID_ARGUMENT."""
    try:
        if len(token) > MAX_PAGE_TOKEN_CHARS:
            raise ValueError("too long")
        raw = base64.b64decode(token + "=" * (-len(token) % 4), altchars=b"-_", validate=True)
        stamp, essay_id, *rest = json.loads(raw)
        if len(rest) > 1 or (rest and not isinstance(rest[0], str)):
            raise ValueError("not a page token")
        if rest and rest[0] != (state.value if state else ""):
            raise InvalidArgument({"page_token": "belongs to a listing with another state filter: keep the "
                                                 "filter of the first page, or start again without a token"})
        when = datetime.fromisoformat(stamp)
        if when.tzinfo is None:
            raise ValueError("no time zone")
        if not isinstance(essay_id, str):
            raise TypeError("the essay id is not a string")
        return when.astimezone(UTC), str(uuid.UUID(essay_id))
    except (ValueError, TypeError, RecursionError, OverflowError) as exc:
        raise InvalidArgument({"page_token": "is not a token this service returned"}) from exc


@dataclass(frozen=True)
class Policy:
    """Timing and limits of the essay life cycle."""

    max_content_chars: int = 20_000
    # How long a worker's claim lasts (longer than the task's hard time limit).
    lease_seconds: float = 330.0
    # How long a QUEUED or RETRYING essay may wait before the reconciler sends its message again.
    recheck_seconds: float = 900.0
    # Attempts in all: the first and at most three retries.
    max_attempts: int = 4


class CorrectionService:
    def __init__(self, uow: UnitOfWork, policy: Policy | None = None,
                 failpoints: Failpoints = NO_FAILPOINTS, quota: Quota | None = None):
        self._uow = uow
        self._quota = quota or UnlimitedQuota()
        self._policy = policy or Policy()
        self._max_content_chars = self._policy.max_content_chars
        self._failpoints = failpoints

    @property
    def policy(self) -> Policy:
        return self._policy

    # --- the API's use cases -------------------------------------------------------

    def create_essay(self, caller: Caller, title: str, content: str, grade: str,
                     request_id: str) -> EssayView:
        title, canonical_grade = validate_submission(title, content, grade, request_id,
                                                     self._max_content_chars)
        # The grade as the caller wrote it (spaces folded), or its canonical form when that is too long.
        stored_grade = " ".join(grade.split()) if canonical_grade else ""
        if len(stored_grade) > MAX_STORED_GRADE_CHARS:
            stored_grade = canonical_grade
        key = request_id or None
        digest = fingerprint(title, content, canonical_grade) if key else None
        essay = {"user_id": caller.user_id, "title": title, "content": content, "grade": stored_grade,
                 "request_id": key, "fingerprint": digest}
        essay_id = str(uuid.uuid4())
        # The reservation's key: a retry of the same request (after a timeout, or after this
        # service died between the users service's commit and ours) finds the charge it made
        # and is not charged again.
        reservation = reservation_key(key) if key else essay_id
        reserve = "not asked"
        try:
            with self._uow() as session:
                if key:
                    # Calls with the same key wait here for each other, so a replay is answered
                    # with the first call's essay and is never charged, even when they overlap.
                    repo.lock_request(session, caller.user_id, key)
                    existing = self._replay_in(session, caller, key, digest)
                    if existing:
                        return existing
                # The hold, committed before the users service is asked, outlives a crash or a
                # reserve whose answer never came; the essay's transaction removes it, and
                # release_abandoned_holds gives back the charge of one left behind.
                with self._uow.single_statement() as connection:
                    repo.hold_quota(connection, caller.user_id, reservation, key)
                try:
                    reserve = "asked"
                    self._quota.reserve(caller.user_id, reservation)
                    reserve = "made"
                    repo.insert_essay(session, essay_id=essay_id, task_id=str(uuid.uuid4()), **essay)
                    repo.drop_hold(session, caller.user_id, reservation)
                    view = _view(repo.get(session, essay_id))
                except IntegrityError:
                    raise
                except BaseException as error:
                    # Still under the request's lock: a retry of it cannot charge in between.
                    self._give_back(caller.user_id, reservation,
                                    "refused" if _refused(error) and reserve == "asked" else reserve)
                    reserve = "given back"
                    raise
        except IntegrityError:
            existing = self._replay(caller, key, digest) if key else None
            if existing:
                return existing  # the request's charge is that essay's: it stays
            self._give_back(caller.user_id, reservation, reserve)
            raise
        except BaseException:
            self._give_back(caller.user_id, reservation, reserve)  # the commit failed
            raise
        self._failpoints.hit("submit.after_commit")
        return view

    def _give_back(self, user_id: str, key: str, reserve: str) -> None:
        """Undoes what a submit that failed had reserved. ``reserve``: "made" (given back, hold
        dropped), "refused" (the users service said no: nothing to give back), "asked" (no answer:
        given back now, and the hold stays so that release_abandoned_holds gives back a charge
        the users service commits after this), or "not asked"."""
        if reserve in ("not asked", "given back"):
            return
        released = reserve != "refused" and self._quota.release(user_id, key) is not False
        if reserve == "refused" or (reserve == "made" and released):
            try:
                with self._uow.single_statement() as connection:
                    repo.drop_hold(connection, user_id, key)
            except DBAPIError as error:
                log.warning("quota hold %s of user %s stays (%s); it is looked at again later", key, user_id, error)

    def release_abandoned_holds(self, older_than: timedelta = HOLD_GRACE, limit: int = 100) -> int:
        """Gives back the reservations whose essay never came: this service died between the
        users service's commit and its own, or the reserve timed out and its release came first.
        A hold younger than ``older_than`` may belong to a submit still running; one whose
        request is being submitted again right now is left to the next round. Returns how many
        were given back."""
        released = 0
        with self._uow() as session:
            for user_id, key, request_id in repo.old_holds(session, older_than, limit):
                if request_id:
                    if not repo.try_lock_request(session, user_id, request_id):
                        continue  # a retry of that request is running: it decides
                    written = repo.find_by_request(session, user_id, request_id) is not None
                else:
                    written = repo.get(session, key) is not None
                if not written:
                    if self._quota.release(user_id, key) is False:
                        continue  # the users service is away: next round
                    log.warning("gave back quota reservation %s of user %s: its essay was never written",
                                key, user_id)
                    released += 1
                repo.drop_hold(session, user_id, key)
        return released

    def _replay(self, caller: Caller, request_id: str, digest: str | None) -> EssayView | None:
        with self._uow() as session:
            return self._replay_in(session, caller, request_id, digest)

    @staticmethod
    def _replay_in(session: Session, caller: Caller, request_id: str, digest: str | None) -> EssayView | None:
        row = repo.find_by_request(session, caller.user_id, request_id)
        if row is None:
            return None
        if row.request_fingerprint != digest:
            raise request_id_reused(request_id)
        return _view(row, repo.get_result(session, row.id))

    def get_essay(self, caller: Caller, essay_id: str) -> EssayView:
        essay_id = essay_id_or_not_found(essay_id)
        with self._uow.snapshot() as session:  # the state and the result as of one moment
            row = self._readable(session, caller, essay_id)
            return _view(row, repo.get_result(session, essay_id))

    def list_essays(self, caller: Caller, page_size: int, page_token: str,
                    state: EssayState | None) -> tuple[list[EssayView], str]:
        if page_size < 0:
            raise InvalidArgument({"page_size": "must not be negative"})
        size = min(page_size or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
        after = decode_page_token(page_token, state) if page_token else None
        owner = None if caller.is_admin else caller.user_id
        with self._uow.snapshot() as session:
            rows = repo.list_essays(session, owner, state, after, size + 1)
            page = rows[:size]
            results, stop = _results_within(session, [r.id for r in page if r.state == EssayState.COMPLETED.value])
            cut = next(k for k, r in enumerate(page) if r.id == stop) if stop else len(page)
            views = [_view(r, results.get(r.id)) for r in page[:cut]]
        next_token = encode_page_token(views[-1], state) if cut < len(page) or len(rows) > size else ""
        return views, next_token

    def get_task(self, caller: Caller, task_id: str) -> TaskView:
        if not task_id:
            raise InvalidArgument({"task_id": "must not be empty"})
        try:
            task_id = str(uuid.UUID(task_id))
        except ValueError:
            raise task_not_found(task_id) from None
        with self._uow.snapshot() as session:
            row = repo.get_by_task(session, task_id)
            if row is None or not self._may_read(caller, row):
                raise task_not_found(task_id)
            state = EssayState(row.state)
            result = repo.get_result(session, row.id) if state is EssayState.COMPLETED else None
            return TaskView(task_id=task_id, status=CELERY_STATUS[state], essay_id=row.id,
                            error=row.error if state in (EssayState.FAILED, EssayState.CANCELLED) else "",
                            result=result)

    def list_events(self, caller: Caller, essay_id: str, after_seq: int) -> tuple[EssayView, list]:
        essay_id = essay_id_or_not_found(essay_id)
        if after_seq < 0:
            raise InvalidArgument({"after_seq": "must not be negative"})
        with self._uow.snapshot() as session:  # the essay's last_seq is its newest event here
            row = self._readable(session, caller, essay_id)
            events = repo.events_after(session, essay_id, after_seq)
            return _view(row, repo.get_result(session, essay_id)), events

    @staticmethod
    def _may_read(caller: Caller, row: EssayRow) -> bool:
        return caller.is_admin or row.user_id == caller.user_id

    def _readable(self, session: Session, caller: Caller, essay_id: str) -> EssayRow:
        row = repo.get(session, essay_id)
        if row is None or not self._may_read(caller, row):
            raise essay_not_found(essay_id)
        return row

    # --- the worker's steps (fenced by attempt) -----------------------------------------

    def claim(self, essay_id: str, redelivered: bool = False) -> Claim | None:
        """Starts a new attempt if the essay is waiting for one; None for a duplicate.

        An essay in PROCESSING is taken over only when its lease has run out or this delivery
        is a redelivery (the broker gave the message back: its worker stopped or lost its
        connection); the old attempt is then fenced out."""
        policy = self._policy
        # The usual case, a queued essay with attempts left, is one statement and one round trip.
        with self._uow.single_statement() as db:
            started = repo.start_attempt(db, essay_id, max_attempts=policy.max_attempts,
                                         lease_seconds=policy.lease_seconds)
        if started is not None:
            event, essay = started
            return Claim(essay_id=essay_id, attempt=event.attempt, title=essay.title, content=essay.content,
                         grade=essay.grade)
        # Anything else is decided with the row locked: a takeover, a PENDING essay whose
        # relay mark is late, an essay out of attempts, a duplicate delivery.
        with self._uow() as session:
            row = session.get(EssayRow, essay_id, with_for_update=True)
            if row is None:
                return None
            state = EssayState(row.state)
            if state == EssayState.PROCESSING:
                expired = row.lease_until is not None and row.lease_until < datetime.now(UTC)
                if not (redelivered or expired):
                    return None
                if row.attempt >= policy.max_attempts:  # no retry to announce: it ends here
                    repo.transition(session, essay_id, EssayState.FAILED, from_states=(state,),
                                    attempt=row.attempt,
                                    error=f"attempt {row.attempt} was lost and no attempts remain",
                                    message=f"attempt {row.attempt} was lost and no attempts remain")
                    return None
                repo.transition(session, essay_id, EssayState.RETRYING, from_states=(state,),
                                attempt=row.attempt, lease_seconds=policy.recheck_seconds,
                                message=f"attempt {row.attempt} was lost: its worker stopped")
                state = EssayState.RETRYING
            if state == EssayState.PENDING:
                repo.transition(session, essay_id, EssayState.QUEUED, from_states=(state,),
                                message="queued for correction", lease_seconds=policy.recheck_seconds)
                state = EssayState.QUEUED
            if state not in (EssayState.QUEUED, EssayState.RETRYING):
                return None
            if row.attempt >= policy.max_attempts:
                repo.transition(session, essay_id, EssayState.FAILED, from_states=(state,),
                                error=f"gave up after {row.attempt} attempts",
                                message=f"gave up after {row.attempt} attempts")
                return None
            event = repo.transition(session, essay_id, EssayState.PROCESSING, from_states=(state,),
                                    start_attempt=True, message="correction started",
                                    lease_seconds=policy.lease_seconds)
            return Claim(essay_id=essay_id, attempt=event.attempt, title=row.title,
                         content=row.content, grade=row.grade)

    def complete(self, essay_id: str, attempt: int, result: dict) -> bool:
        """Stores the result if ``attempt`` is still the current one; False if fenced out."""
        with self._uow.single_statement() as db:
            event = repo.complete_attempt(db, essay_id, attempt, result, message=_summary(result),
                                          score_total=(result.get("score") or {}).get("total"))
        if event is None:
            return False
        self._failpoints.hit("worker.after_result_commit")
        return True

    def is_current(self, essay_id: str, attempt: int) -> bool:
        """Whether ``attempt`` may go on (not cancelled, not taken over): a stage boundary check."""
        with self._uow() as session:
            row = repo.get(session, essay_id)
            return row is not None and row.state == EssayState.PROCESSING.value and row.attempt == attempt

    def retry_later(self, essay_id: str, attempt: int, reason: str, delay_seconds: float) -> bool:
        """RETRYING, and the next attempt's message in the outbox, due after the backoff."""
        with self._uow() as session:
            event = repo.transition(session, essay_id, EssayState.RETRYING,
                                    from_states=(EssayState.PROCESSING,), attempt=attempt,
                                    lease_seconds=delay_seconds + self._policy.recheck_seconds,
                                    message=f"attempt {attempt} failed, retrying in {delay_seconds:.1f}s: "
                                            f"{reason}"[:500])
            if event is None:
                return False
            row = repo.get(session, essay_id)
            enqueue_task(session, outbox, repo.PROCESS_TASK, row.task_id, [essay_id], queue="correction",
                         delay_seconds=delay_seconds)
            return True

    def cancel(self, caller: Caller, essay_id: str) -> EssayView:
        """Cancels an unfinished essay: it will not start, or its running attempt is discarded."""
        essay_id = essay_id_or_not_found(essay_id)
        with self._uow() as session:
            row = self._readable(session, caller, essay_id)
            by = "its author" if caller.user_id == row.user_id else "an admin"
            # One guarded UPDATE from any live state: a worker moving the essay meanwhile cannot slip by.
            repo.transition(session, essay_id, EssayState.CANCELLED,
                            from_states=[s for s in EssayState if not s.terminal],
                            error=f"cancelled by {by}", message=f"cancelled by {by}")
            session.expire_all()
            row = repo.get(session, essay_id)
            state = EssayState(row.state)
            if state in (EssayState.COMPLETED, EssayState.FAILED):
                raise essay_finished(essay_id, state.value)
            return _view(row, repo.get_result(session, essay_id))

    def reconcile(self, limit: int = 100) -> int:
        """Drives on essays whose lease ran out: a lost PROCESSING attempt is retried (or
        failed when no attempts remain); a QUEUED or RETRYING essay gets its message again
        (a duplicate is harmless: claims are fenced). Safe to run in several processes."""
        policy = self._policy
        handled = 0
        with self._uow() as session:
            rows = list(session.scalars(
                select(EssayRow).where(EssayRow.state.in_([s.value for s in RECHECKED]),
                                       EssayRow.lease_until < func.now())
                .order_by(EssayRow.lease_until).limit(limit).with_for_update(skip_locked=True)))
            for row in rows:
                state = EssayState(row.state)
                if state == EssayState.PROCESSING and row.attempt >= policy.max_attempts:
                    repo.transition(session, row.id, EssayState.FAILED, from_states=(state,), attempt=row.attempt,
                                    error=f"attempt {row.attempt} was lost and no attempts remain",
                                    message=f"attempt {row.attempt} was lost and no attempts remain")
                    handled += 1
                    continue
                if state == EssayState.PROCESSING:
                    repo.transition(session, row.id, EssayState.RETRYING, from_states=(state,),
                                    attempt=row.attempt, lease_seconds=policy.recheck_seconds,
                                    message=f"attempt {row.attempt} was lost: its lease ran out")
                else:
                    session.execute(update(EssayRow).where(EssayRow.id == row.id).values(
                        lease_until=func.now() + timedelta(seconds=policy.recheck_seconds)))
                enqueue_task(session, outbox, repo.PROCESS_TASK, row.task_id, [row.id], queue="correction")
                log.warning("essay %s: %s past its lease; message sent again", row.id, state.value)
                handled += 1
        return handled

    def purge_history(self, older_than: timedelta) -> int:
        """Deletes the events of essays that finished more than ``older_than`` ago, except each
        essay's last event, and sent outbox rows as old. A stream asked to replay purged
        events answers OUT_OF_RANGE (HISTORY_EXPIRED), so the client re-reads the snapshot."""
        with self._uow() as session:
            deleted = session.execute(text(
                "DELETE FROM correction.essay_events v USING correction.essays e "
                "WHERE v.essay_id = e.id AND e.state IN ('COMPLETED', 'FAILED', 'CANCELLED') "
                "AND e.update_time < now() - :age AND v.seq < e.last_seq"), {"age": older_than}).rowcount
            purge_sent(session, outbox, datetime.now(UTC) - older_than)
        if deleted:
            log.info("purged %d old events", deleted)
        return deleted

    def fail(self, essay_id: str, attempt: int | None, reason: str) -> bool:
        with self._uow() as session:
            return repo.transition(session, essay_id, EssayState.FAILED,
                                   from_states=(EssayState.PROCESSING, EssayState.RETRYING,
                                                EssayState.QUEUED, EssayState.PENDING),
                                   attempt=attempt, error=reason[:2000],
                                   message=reason[:500]) is not None

    def list_notifications(self, caller: Caller, after_id: int, page_size: int,
                           unread_only: bool) -> tuple[list, int, int]:
        if after_id < 0:
            raise InvalidArgument({"after_id": "must not be negative"})
        if page_size < 0:
            raise InvalidArgument({"page_size": "must not be negative"})
        size = min(page_size or 100, MAX_NOTIFICATIONS_PAGE)  # more is read as the most, like ListEssays
        with self._uow() as session:
            rows = repo.notifications_after(session, caller.user_id, after_id, size, unread_only)
            return (rows, repo.latest_notification_id(session, caller.user_id),
                    repo.unread_count(session, caller.user_id))

    def mark_notifications_read(self, caller: Caller, ids: list[int], up_to_id: int) -> tuple[int, int]:
        violations = {}
        if up_to_id < 0:
            violations["up_to_id"] = "must not be negative"
        if not ids and up_to_id == 0:
            violations["notification_ids"] = "name the notifications to mark, or give up_to_id"
        elif any(i <= 0 for i in ids):
            violations["notification_ids"] = "ids are positive"
        elif len(ids) > 1000:
            violations["notification_ids"] = "at most 1000 at once (or use up_to_id)"
        if violations:
            raise InvalidArgument(violations)
        with self._uow() as session:
            marked = repo.mark_read(session, caller.user_id, list(ids), up_to_id, datetime.now(UTC))
            return marked, repo.unread_count(session, caller.user_id)

    def on_published(self, session: Session, rows: Sequence[OutboxRow]) -> bool:
        """Outbox hook: a published correction task means its essay is QUEUED (and the
        reconciler looks again if no worker has taken it after ``recheck_seconds``). Returns
        whether it changed an essay (and so wrote its event to the outbox)."""
        changed = False
        for row in rows:
            if row.kind == KIND_TASK and row.payload.get("name") == repo.PROCESS_TASK:
                essay_id = row.payload["args"][0]
                changed |= repo.transition(
                    session, essay_id, EssayState.QUEUED, from_states=(EssayState.PENDING,),
                    message="queued for correction", lease_seconds=self._policy.recheck_seconds) is not None
        return changed


def _summary(result: dict) -> str:
    score = (result.get("score") or {}).get("total")
    errors = len(result.get("errors") or ())
    return f"corrected: score {score:.1f}, {errors} issue(s) found" if score is not None else "corrected"
