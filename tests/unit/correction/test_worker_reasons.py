"""What a failed attempt tells the client."""

from celery.exceptions import SoftTimeLimitExceeded

from services.correction.worker import _reason


def test_a_time_limit_is_said_in_words():
    assert _reason(SoftTimeLimitExceeded(), 240) == "the correction took longer than its time limit of 240 s"


def test_other_errors_keep_their_message_or_name():
    assert _reason(ValueError("engine unavailable"), 240) == "engine unavailable"
    assert _reason(RuntimeError(), 240) == "RuntimeError"
