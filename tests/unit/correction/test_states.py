from services.correction.states import (
    CELERY_STATUS,
    CLAIMABLE,
    LIVE,
    TERMINAL,
    TRANSITIONS,
    EssayState,
    can_move,
)
from services.platform.backoff import retry_delay


def test_terminal_states_go_nowhere():
    for state in TERMINAL:
        assert TRANSITIONS[state] == frozenset()
        assert state.terminal


def test_every_live_state_can_fail_or_be_cancelled():
    for state in LIVE:
        assert can_move(state, EssayState.CANCELLED)
        assert can_move(state, EssayState.FAILED)


def test_the_happy_path_is_allowed_and_never_goes_back():
    path = [EssayState.PENDING, EssayState.QUEUED, EssayState.PROCESSING, EssayState.COMPLETED]
    for a, b in zip(path, path[1:], strict=False):
        assert can_move(a, b)
        assert not can_move(b, a)


def test_retrying_returns_to_processing_only():
    assert TRANSITIONS[EssayState.RETRYING] == {EssayState.PROCESSING, EssayState.FAILED, EssayState.CANCELLED}


def test_claimable_states():
    assert set(CLAIMABLE) == {EssayState.PENDING, EssayState.QUEUED, EssayState.RETRYING}


def test_celery_names_cover_every_state():
    assert set(CELERY_STATUS) == set(EssayState)
    assert CELERY_STATUS[EssayState.COMPLETED] == "SUCCESS"
    assert CELERY_STATUS[EssayState.PROCESSING] == "STARTED"
    assert CELERY_STATUS[EssayState.RETRYING] == "RETRY"
    assert CELERY_STATUS[EssayState.FAILED] == "FAILURE"
    assert CELERY_STATUS[EssayState.CANCELLED] == "REVOKED"
    assert set(CELERY_STATUS.values()) <= {"PENDING", "STARTED", "RETRY", "SUCCESS", "FAILURE", "REVOKED"}


def test_retry_delay_grows_exponentially_and_is_capped():
    delays = [retry_delay(n, base=2, cap=60, jitter=0) for n in range(8)]
    assert delays[:4] == [2, 4, 8, 16]
    assert max(delays) == 60
    assert retry_delay(1, base=2, cap=60, jitter=0.25) == 5.0
