"""The correction use cases against the real PostgreSQL."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from services.correction import repository as repo
from services.correction.models import EventRow, ResultRow, outbox
from services.correction.service import CorrectionService, Policy, reservation_key
from services.correction.states import EssayState
from services.platform.errors import FailedPrecondition, InvalidArgument, NotFound
from services.platform.identity import Caller


def someone(role: str = "student") -> Caller:
    return Caller(str(uuid.uuid4()), role)


class CallerContext:
    """The part of a gRPC servicer context that the correction servicer reads: the caller's metadata."""

    def __init__(self, caller: Caller):
        self.caller = caller

    def invocation_metadata(self):
        return self.caller.metadata()


def events(uow, essay_id):
    with uow() as session:
        return [(e.seq, e.state) for e in session.scalars(
            select(EventRow).where(EventRow.essay_id == essay_id).order_by(EventRow.seq))]


def test_create_stores_a_pending_essay_its_first_event_and_the_task_in_the_outbox(correction, uow):
    caller = someone()
    essay = correction.create_essay(caller, " Title ", "Some content.", "grade 7", "")
    assert (essay.state, essay.title, essay.grade, essay.last_seq) == (EssayState.PENDING, "Title", "grade 7", 1)
    assert events(uow, essay.essay_id) == [(1, "PENDING")]
    with uow() as session:
        rows = [r.payload for r in session.execute(outbox.select().where(outbox.c.sent_at.is_(None)))]
    task = [p for p in rows if p.get("task_id") == essay.task_id]
    assert task == [{"name": "correction.process_essay", "task_id": essay.task_id,
                     "args": [essay.essay_id], "queue": "correction"}]
    assert any(p.get("body", {}).get("essay_id") == essay.essay_id for p in rows)


def test_bad_input_stores_nothing(correction, uow):
    caller = someone()
    with pytest.raises(InvalidArgument):
        correction.create_essay(caller, "", "x" * 1001, "bogus", "")
    assert correction.list_essays(caller, 10, "", None) == ([], "")


def test_worker_steps_are_fenced_by_attempt(correction, uow):
    essay = correction.create_essay(someone(), "T", "Text.", "", "")
    first = correction.claim(essay.essay_id)
    assert first.attempt == 1
    assert correction.claim(essay.essay_id) is None, "a duplicate delivery does nothing"
    assert correction.retry_later(essay.essay_id, 1, "timeout", 0.0)
    second = correction.claim(essay.essay_id)
    assert second.attempt == 2
    assert not correction.complete(essay.essay_id, 1, {"score": {"total": 1.0}}), "a late attempt is fenced out"
    assert correction.complete(essay.essay_id, 2, {"score": {"total": 80.0}})
    assert not correction.complete(essay.essay_id, 2, {"score": {"total": 99.0}}), "only one result"
    assert [s for _, s in events(uow, essay.essay_id)] == [
        "PENDING", "QUEUED", "PROCESSING", "RETRYING", "PROCESSING", "COMPLETED"]
    final = correction.get_essay(Caller(essay.user_id), essay.essay_id)
    assert final.result["score"]["total"] == 80.0 and final.attempt == 2


def test_concurrent_claims_start_exactly_one_attempt(correction):
    essay = correction.create_essay(someone(), "T", "Text.", "", "")
    with ThreadPoolExecutor(8) as pool:
        claims = list(pool.map(lambda _: correction.claim(essay.essay_id), range(8)))
    assert sum(c is not None for c in claims) == 1


def test_fail_is_terminal(correction, uow):
    essay = correction.create_essay(someone(), "T", "Text.", "", "")
    claim = correction.claim(essay.essay_id)
    assert correction.fail(essay.essay_id, claim.attempt, "engine exploded")
    assert not correction.complete(essay.essay_id, claim.attempt, {})
    view = correction.get_essay(Caller(essay.user_id), essay.essay_id)
    assert (view.state, view.error) == (EssayState.FAILED, "engine exploded")
    task = correction.get_task(Caller(essay.user_id), essay.task_id)
    assert (task.status, task.error) == ("FAILURE", "engine exploded")


def test_reads_follow_author_or_admin(correction):
    author, stranger, admin = someone(), someone(), someone("admin")
    essay = correction.create_essay(author, "Mine", "Text.", "", "")
    assert correction.get_essay(author, essay.essay_id).essay_id == essay.essay_id
    assert correction.get_essay(admin, essay.essay_id).essay_id == essay.essay_id
    for call in (lambda: correction.get_essay(stranger, essay.essay_id),
                 lambda: correction.list_events(stranger, essay.essay_id, 0)):
        with pytest.raises(NotFound) as err:
            call()
        assert str(err.value) == f"essay {essay.essay_id!r} not found"
    with pytest.raises(NotFound):
        correction.get_task(stranger, essay.task_id)
    assert correction.list_essays(stranger, 10, "", None)[0] == []
    assert essay.essay_id in {e.essay_id for e in correction.list_essays(admin, 100, "", None)[0]}


def test_list_pages_and_filters(correction):
    caller = someone()
    ids = [correction.create_essay(caller, f"T{n}", "Text.", "", "").essay_id for n in range(5)]
    correction.claim(ids[0])
    page1, token = correction.list_essays(caller, 3, "", None)
    page2, last = correction.list_essays(caller, 3, token, None)
    assert [e.essay_id for e in page1 + page2] == ids[::-1] and last == ""
    processing, _ = correction.list_essays(caller, 10, "", EssayState.PROCESSING)
    assert [e.essay_id for e in processing] == [ids[0]]


def test_request_id_replays_the_same_essay_and_refuses_a_different_body(correction):
    caller = someone()
    first = correction.create_essay(caller, "T", "Text.", "", "key-1")
    again = correction.create_essay(caller, "T", "Text.", "", "key-1")
    assert again.essay_id == first.essay_id
    with pytest.raises(FailedPrecondition):
        correction.create_essay(caller, "T", "Other text.", "", "key-1")
    other_user = correction.create_essay(someone(), "T", "Text.", "", "key-1")
    assert other_user.essay_id != first.essay_id, "keys are scoped per user"


def test_concurrent_submissions_with_one_request_id_make_one_essay(correction):
    caller = someone()
    with ThreadPoolExecutor(10) as pool:
        ids = set(pool.map(lambda _: correction.create_essay(caller, "T", "Text.", "", "same").essay_id,
                           range(10)))
    assert len(ids) == 1


def test_events_after_a_seq(correction):
    essay = correction.create_essay(someone(), "T", "Text.", "", "")
    correction.claim(essay.essay_id)
    view, later = correction.list_events(Caller(essay.user_id), essay.essay_id, 1)
    assert [(e.seq, e.state) for e in later] == [(2, "QUEUED"), (3, "PROCESSING")]
    assert view.last_seq == 3


def test_cancel_before_a_worker_starts_means_it_never_runs(correction):
    caller = someone()
    essay = correction.create_essay(caller, "T", "Text.", "", "")
    cancelled = correction.cancel(caller, essay.essay_id)
    assert cancelled.state == EssayState.CANCELLED and cancelled.error == "cancelled by its author"
    assert correction.claim(essay.essay_id) is None
    assert correction.cancel(caller, essay.essay_id).state == EssayState.CANCELLED, "idempotent"
    assert correction.get_task(caller, essay.task_id).status == "REVOKED"


def test_cancel_while_running_discards_the_result(correction, uow):
    caller = someone()
    essay = correction.create_essay(caller, "T", "Text.", "", "")
    claim = correction.claim(essay.essay_id)
    correction.cancel(caller, essay.essay_id)
    assert not correction.is_current(essay.essay_id, claim.attempt)
    assert not correction.complete(essay.essay_id, claim.attempt, {"score": {"total": 1.0}})
    assert [s for _, s in events(uow, essay.essay_id)][-1] == "CANCELLED"
    assert correction.get_essay(caller, essay.essay_id).result is None


def test_cancel_rules(correction):
    caller, admin = someone(), someone("admin")
    done = correction.create_essay(caller, "T", "Text.", "", "")
    claim = correction.claim(done.essay_id)
    correction.complete(done.essay_id, claim.attempt, {"score": {"total": 1.0}})
    with pytest.raises(FailedPrecondition):
        correction.cancel(caller, done.essay_id)
    other = correction.create_essay(caller, "T", "Text.", "", "")
    with pytest.raises(NotFound):
        correction.cancel(someone(), other.essay_id)
    assert correction.cancel(admin, other.essay_id).error == "cancelled by an admin"


def test_a_redelivered_message_takes_over_a_lost_attempt(correction, uow):
    essay = correction.create_essay(someone(), "T", "Text.", "", "")
    first = correction.claim(essay.essay_id)
    assert correction.claim(essay.essay_id) is None, "a plain duplicate leaves the running attempt alone"
    second = correction.claim(essay.essay_id, redelivered=True)
    assert second.attempt == first.attempt + 1
    assert not correction.complete(essay.essay_id, first.attempt, {"score": {"total": 1.0}})
    assert correction.complete(essay.essay_id, second.attempt, {"score": {"total": 2.0}})
    assert [s for _, s in events(uow, essay.essay_id)] == [
        "PENDING", "QUEUED", "PROCESSING", "RETRYING", "PROCESSING", "COMPLETED"]


def test_a_lost_last_attempt_fails_without_announcing_a_retry(uow):
    from services.correction.service import CorrectionService, Policy

    last = CorrectionService(uow, Policy(max_attempts=1))
    essay = last.create_essay(someone(), "T", "Text.", "", "")
    assert last.claim(essay.essay_id) is not None
    assert last.claim(essay.essay_id, redelivered=True) is None
    assert [s for _, s in events(uow, essay.essay_id)] == ["PENDING", "QUEUED", "PROCESSING", "FAILED"]


def test_reconciler_retries_expired_leases_then_gives_up(uow):
    import time

    from services.correction.service import CorrectionService, Policy

    short = CorrectionService(uow, Policy(lease_seconds=0.05, recheck_seconds=0.05, max_attempts=2))
    caller = someone()
    essay = short.create_essay(caller, "T", "Text.", "", "")
    short.claim(essay.essay_id)
    time.sleep(0.1)
    assert short.reconcile() >= 1
    assert short.get_essay(caller, essay.essay_id).state == EssayState.RETRYING
    with uow() as session:
        sent_again = [r.payload for r in session.execute(outbox.select().where(outbox.c.sent_at.is_(None)))
                      if r.payload.get("args") == [essay.essay_id]]
    assert len(sent_again) >= 2, "the first message and the reconciler's"
    second = short.claim(essay.essay_id)
    assert second.attempt == 2
    time.sleep(0.1)
    short.reconcile()
    final = short.get_essay(caller, essay.essay_id)
    assert final.state == EssayState.FAILED and "no attempts remain" in final.error
    assert not short.complete(essay.essay_id, 2, {"score": {"total": 1.0}}), "the late worker is fenced out"


def test_claim_refuses_beyond_the_last_attempt(uow):
    from services.correction.service import CorrectionService, Policy

    strict = CorrectionService(uow, Policy(max_attempts=1))
    caller = someone()
    essay = strict.create_essay(caller, "T", "Text.", "", "")
    claim = strict.claim(essay.essay_id)
    strict.retry_later(essay.essay_id, claim.attempt, "flaky", 0.0)
    assert strict.claim(essay.essay_id) is None
    view = strict.get_essay(caller, essay.essay_id)
    assert view.state == EssayState.FAILED and view.error == "gave up after 1 attempts"


def test_a_queued_essay_whose_message_is_lost_gets_it_again(uow):
    import time

    from services.correction.service import CorrectionService, Policy
    from services.platform.outbox import OutboxRow

    quick = CorrectionService(uow, Policy(recheck_seconds=0.05))
    caller = someone()
    essay = quick.create_essay(caller, "T", "Text.", "", "")
    with uow() as session:  # as the relay does after publishing
        quick.on_published(session, [OutboxRow(0, "task", {"name": "correction.process_essay",
                                                             "args": [essay.essay_id]})])
    assert quick.get_essay(caller, essay.essay_id).state == EssayState.QUEUED
    time.sleep(0.1)  # ... and the message never reaches a worker
    assert quick.reconcile() >= 1
    with uow() as session:
        again = [r for r in session.execute(outbox.select().where(outbox.c.sent_at.is_(None)))
                 if r.payload.get("args") == [essay.essay_id] and r.payload.get("name")]
    assert len(again) == 2, "the original message and the reconciler's"


def test_each_state_change_puts_exactly_its_event_in_the_outbox(correction, uow):
    """The event, the notification and the outbox body are written by one statement in
    SQL: the body must be what ``Event.to_message`` says, field for field."""
    essay = correction.create_essay(someone(), "Autumn", "Leaves fall.", "grade 7", "")
    with uow() as session:  # as the relay marks it once the task is published
        repo.transition(session, essay.essay_id, EssayState.QUEUED, from_states=(EssayState.PENDING,))
    claim = correction.claim(essay.essay_id)  # the one-statement claim
    assert (claim.title, claim.content, claim.grade) == ("Autumn", "Leaves fall.", "grade 7")
    assert correction.complete(essay.essay_id, claim.attempt, {"score": {"total": 81.0}, "errors": [1, 2]})
    with uow() as session:
        bodies = {p["body"]["seq"]: p for p in session.scalars(select(outbox.c.payload).where(
            outbox.c.kind == "event")) if p["body"]["essay_id"] == essay.essay_id}
        stored = {e.seq: e for e in session.scalars(select(EventRow).where(EventRow.essay_id == essay.essay_id))}
    assert sorted(bodies) == sorted(stored) == [1, 2, 3, 4]
    done = bodies[4]
    assert done["routing_key"] == "essay.completed"
    body = done["body"]
    assert {k: body[k] for k in ("essay_id", "user_id", "state", "message", "progress_percent", "attempt")} == {
        "essay_id": essay.essay_id, "user_id": essay.user_id, "state": "COMPLETED",
        "message": "corrected: score 81.0, 2 issue(s) found", "progress_percent": 100, "attempt": 1}
    assert datetime.fromisoformat(body["time"]) == stored[4].time
    note = body["notification"]
    assert note["kind"] == "CORRECTION_COMPLETED" and note["title"] == "Autumn"
    assert note["score_total"] == 81.0 and isinstance(note["score_total"], float), "a whole score stays a float"
    assert note["create_time"] == body["time"] and note["essay_id"] == essay.essay_id
    assert bodies[3]["body"]["notification"]["notification_id"] + 1 == note["notification_id"]
    assert "notification" not in bodies[2]["body"], "QUEUED is not a change users are notified of"
    assert correction.get_essay(Caller(essay.user_id), essay.essay_id).result["score"]["total"] == 81.0


def test_a_fenced_out_completion_writes_nothing(correction, uow):
    essay = correction.create_essay(someone(), "T", "Text.", "", "")
    claim = correction.claim(essay.essay_id)
    with uow() as session:
        before = session.scalar(select(func.count()).select_from(outbox))
    assert not correction.complete(essay.essay_id, claim.attempt + 1, {"score": {"total": 50.0}})
    with uow() as session:
        assert session.scalar(select(func.count()).select_from(outbox)) == before
        assert session.scalar(select(func.count()).select_from(ResultRow)
                              .where(ResultRow.essay_id == essay.essay_id)) == 0
    assert [s for _, s in events(uow, essay.essay_id)] == ["PENDING", "QUEUED", "PROCESSING"]


class OneEssayQuota:
    """A monthly limit of one essay, counting what is held (threads call it at once)."""

    def __init__(self):
        import threading
        self.held, self.refused, self._lock = set(), 0, threading.Lock()

    def reserve(self, user_id, key):
        with self._lock:
            if self.held and key not in self.held:
                self.refused += 1
                raise FailedPrecondition("limit reached", "QUOTA")
            self.held.add(key)

    def release(self, user_id, key):
        with self._lock:
            self.held.discard(key)


def test_overlapping_replays_are_never_charged(uow):
    # A client retrying while its first call is still running must get the same essay, not a
    # quota error, even when that first call takes the last essay of the month.
    quota = OneEssayQuota()
    service = CorrectionService(uow, Policy(max_content_chars=1000), quota=quota)
    caller = someone()
    with ThreadPoolExecutor(8) as pool:
        ids = set(pool.map(lambda _: service.create_essay(caller, "T", "Text.", "8", "retry-1").essay_id,
                           range(8)))
    assert len(ids) == 1 and len(quota.held) == 1 and quota.refused == 0


class CountingQuota:
    """Charges once per key, as the users service does; ``time_out`` reserves that charge and
    then fail like a call whose answer never came back."""

    def __init__(self, time_out: int = 0):
        self.active: set[str] = set()
        self.time_out = time_out

    def reserve(self, user_id, key):
        self.active.add(key)
        if self.time_out:
            self.time_out -= 1
            raise TimeoutError("ReserveQuota: deadline exceeded")

    def release(self, user_id, key):
        self.active.discard(key)


def test_a_reserve_that_timed_out_is_given_back_and_its_retry_charged_once(uow):
    quota = CountingQuota(time_out=1)
    service = CorrectionService(uow, Policy(max_content_chars=1000), quota=quota)
    caller = someone()
    with pytest.raises(TimeoutError):
        service.create_essay(caller, "T", "Text.", "8", "slow-1")
    assert quota.active == set(), "the charge the users service may have made is given back"
    # The hold stays: a charge the users service commits only now is given back later.
    assert holds(uow, caller.user_id) == {reservation_key("slow-1")}
    first = service.create_essay(caller, "T", "Text.", "8", "slow-1")
    again = service.create_essay(caller, "T", "Text.", "8", "slow-1")
    assert first.essay_id == again.essay_id and len(quota.active) == 1
    assert holds(uow, caller.user_id) == set(), "the retry's essay took its hold away"


def test_a_refused_reserve_leaves_nothing_behind(uow):
    quota = OneEssayQuota()
    service = CorrectionService(uow, Policy(max_content_chars=1000), quota=quota)
    caller = someone()
    service.create_essay(caller, "T", "Text.", "8", "")
    with pytest.raises(FailedPrecondition):
        service.create_essay(caller, "T", "More text.", "8", "over-1")
    assert holds(uow, caller.user_id) == set() and len(quota.held) == 1


def test_a_retry_after_a_charge_whose_essay_was_never_written_is_not_charged_again(uow):
    # The users service committed the reservation, then this service died before its own
    # commit: the client's retry with the same request_id finds that charge.
    quota = CountingQuota()
    service = CorrectionService(uow, Policy(max_content_chars=1000), quota=quota)
    caller = someone()
    quota.reserve(caller.user_id, reservation_key("crash-1"))
    service.create_essay(caller, "T", "Text.", "8", "crash-1")
    assert quota.active == {reservation_key("crash-1")}
    service.create_essay(caller, "T", "Other text.", "8", "")
    assert len(quota.active) == 2, "a submit without a request_id is charged by its essay id"


def holds(uow, user_id):
    from services.correction.models import QuotaHoldRow
    with uow() as session:
        return set(session.scalars(select(QuotaHoldRow.key).where(QuotaHoldRow.user_id == user_id)))


def test_a_submit_leaves_no_hold_and_the_sweeper_keeps_every_written_essays_charge(uow):
    quota = CountingQuota()
    service = CorrectionService(uow, Policy(max_content_chars=1000), quota=quota)
    caller = someone()
    service.create_essay(caller, "T", "Text.", "8", "kept-1")
    service.create_essay(caller, "T", "Other.", "8", "")
    assert holds(uow, caller.user_id) == set()
    with uow.single_statement() as connection:  # a hold left over although its essay was written
        repo.hold_quota(connection, caller.user_id, reservation_key("kept-1"), "kept-1")
    assert service.release_abandoned_holds(timedelta(0)) == 0
    assert len(quota.active) == 2 and holds(uow, caller.user_id) == set()


def test_a_charge_whose_essay_never_came_is_given_back_by_the_sweeper(uow):
    # This service died after the users service charged and before its own commit (or the
    # reserve timed out and its release came first): the hold committed before the charge remains.
    quota = CountingQuota()
    service = CorrectionService(uow, Policy(max_content_chars=1000), quota=quota)
    caller = someone()
    for key, request_id in ((reservation_key("lost-1"), "lost-1"), (str(uuid.uuid4()), None)):
        with uow.single_statement() as connection:
            repo.hold_quota(connection, caller.user_id, key, request_id)
        quota.reserve(caller.user_id, key)
    assert service.release_abandoned_holds() == 0, "young holds may belong to a submit still running"
    assert service.release_abandoned_holds(timedelta(0)) == 2
    assert quota.active == set() and holds(uow, caller.user_id) == set()


def test_the_sweeper_leaves_a_request_being_submitted_again_and_an_unreachable_users_service(uow):
    class Away(CountingQuota):
        def release(self, user_id, key):
            return False

    quota = Away()
    service = CorrectionService(uow, Policy(max_content_chars=1000), quota=quota)
    caller = someone()
    with uow.single_statement() as connection:
        repo.hold_quota(connection, caller.user_id, reservation_key("busy-1"), "busy-1")
        repo.hold_quota(connection, caller.user_id, reservation_key("away-1"), "away-1")
    quota.reserve(caller.user_id, reservation_key("away-1"))
    with uow() as submitting:  # a retry of busy-1 holds its request's lock
        repo.lock_request(submitting, caller.user_id, "busy-1")
        assert service.release_abandoned_holds(timedelta(0)) == 0
    assert holds(uow, caller.user_id) == {reservation_key("busy-1"), reservation_key("away-1")}, \
        "both wait for the next round"


def test_a_long_spelling_of_a_grade_is_stored_in_the_column(correction):
    view = correction.create_essay(someone(), "T", "Text.", "grade" + " " * 40 + "8", "")
    assert view.grade == "grade 8"
    view = correction.create_essay(someone(), "T", "Text.", "senior" + " " * 3 + "high" + "-" * 30 + "school", "")
    assert len(view.grade) <= 32


def test_a_page_token_with_an_odd_time_zone_reads_as_utc(correction):
    # ["0001-01-01T00:00:00-23:59", "00000000-…"]: PostgreSQL refuses that offset; it is a time.
    token = "WyIwMDAxLTAxLTAxVDAwOjAwOjAwLTIzOjU5IiwgIjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMCJd"
    assert correction.list_essays(someone(), 10, token, None) == ([], "")


@pytest.mark.parametrize("token", ["Wy" * 5000, "!!", "YQBi", "bnVsbA", "W10",
                                   # a time and an id that is not a string: [t, 5], [t, ["x"]], [t, {…}], {…}
                                   "WyIyMDIwLTAxLTAxVDAwOjAwOjAwKzAwOjAwIiwgNV0", "WyIyMDIwLTAxLTAxVDAwOjAwOjAwKzAwOjAwIiwgWyJ4Il1d", "WyIyMDIwLTAxLTAxVDAwOjAwOjAwKzAwOjAwIiwgeyJhIjogMX1d", "eyJhIjogMX0"])
def test_a_page_token_it_did_not_make_is_invalid_argument(correction, token):
    with pytest.raises(InvalidArgument):
        correction.list_essays(someone(), 10, token, None)


def test_a_list_page_ends_before_it_outgrows_a_grpc_message(correction, monkeypatch):
    from essay.correction.v1 import correction_pb2
    from services.correction import servicer

    caller = someone()
    ids = [correction.create_essay(caller, f"T{n}", "Text. " * 50, "", "").essay_id for n in range(5)]
    monkeypatch.setattr(servicer, "MAX_PAGE_BYTES", 700)  # about two of these essays
    listing = servicer.CorrectionServicer(correction)
    seen, token, pages = [], "", 0
    while True:
        reply = listing.ListEssays(correction_pb2.ListEssaysRequest(page_size=100, page_token=token),
                                   CallerContext(caller))
        seen += [e.essay_id for e in reply.essays]
        pages += 1
        assert reply.essays and reply.ByteSize() <= 700 + 400  # one essay may be over on its own
        token = reply.next_page_token
        if not token:
            break
    assert seen == ids[::-1] and pages > 1


def test_a_list_page_of_long_results_reads_only_what_it_sends(correction, monkeypatch):
    from services.correction import service

    caller = someone()
    ids = []
    for n in range(30):
        essay = correction.create_essay(caller, f"T{n}", "Text.", "", "")
        claim = correction.claim(essay.essay_id)
        assert correction.complete(essay.essay_id, claim.attempt, {"feedback": {"overall": "x" * 1000}, "n": n})
        ids.append(essay.essay_id)
    monkeypatch.setattr(service, "MAX_PAGE_RESULT_TEXT", 3500)  # three of these results
    fetched = []
    real = repo.result_texts

    def counting(session, essay_ids):
        fetched.extend(essay_ids)
        return real(session, essay_ids)

    monkeypatch.setattr(repo, "result_texts", counting)
    seen, token, pages = [], "", 0
    while True:
        fetched.clear()
        essays, token = correction.list_essays(caller, 100, token, None)
        pages += 1
        assert len(essays) == 3 or (not token and essays)
        assert all(e.result["n"] == ids.index(e.essay_id) for e in essays)
        assert len(fetched) <= len(essays) + 8, "results of a page are read a few at a time, not all 100"
        seen += [e.essay_id for e in essays]
        if not token:
            break
    assert seen == ids[::-1] and pages == 10


def test_a_list_page_of_results_with_many_errors_fills_its_3_mib(correction):
    """Results are stored as JSON, about twice as long as their protobuf form: a page is measured in
    the protobuf form it is sent in, so it ends close to 3 MiB, not at half of it."""
    from essay.correction.v1 import correction_pb2
    from services.correction import servicer
    from services.correction.engine.result import CorrectionResult, Feedback, Score, TextError
    from services.correction.service import MAX_PAGE_BYTES

    caller = someone()
    errors = tuple(TextError(n * 10, 4, "grammar", "EN_SVA_NOUN_SUBJECT", "The verb should agree with its subject.",
                             ("likes",), 0.75) for n in range(4000))
    result = CorrectionResult("x", Score(50, 50, 50, 50, 50), errors, ("Check.",), Feedback("a", "b", "c", "d", "e"),
                              10, "8", "grade 8", "offline/1", "en").to_dict()
    for n in range(14):
        essay = correction.create_essay(caller, f"T{n}", "Text.", "", "")
        claim = correction.claim(essay.essay_id)
        assert correction.complete(essay.essay_id, claim.attempt, result)
    reply = servicer.CorrectionServicer(correction).ListEssays(
        correction_pb2.ListEssaysRequest(page_size=100), CallerContext(caller))
    one = reply.essays[0].ByteSize()
    assert reply.next_page_token and MAX_PAGE_BYTES - 2 * one < reply.ByteSize() <= MAX_PAGE_BYTES + 64


def test_notification_pages_are_coerced_and_marking_nothing_is_refused(correction):
    caller = someone()
    rows, _latest, _unread = correction.list_notifications(caller, 0, 10_000, False)
    assert rows == []
    with pytest.raises(InvalidArgument):
        correction.list_notifications(caller, 0, -1, False)
    with pytest.raises(InvalidArgument):
        correction.mark_notifications_read(caller, [], 0)
    assert correction.mark_notifications_read(caller, [], 5) == (0, 0)
