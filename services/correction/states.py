"""The state machine of an essay, as plain data.

PENDING -> QUEUED -> PROCESSING -> COMPLETED | FAILED, with RETRYING between attempts and
CANCELLED from any live state. A state never goes backwards in an essay's event log.
"""

from __future__ import annotations

from enum import StrEnum


class EssayState(StrEnum):
    PENDING = "PENDING"
    QUEUED = "QUEUED"
    PROCESSING = "PROCESSING"
    RETRYING = "RETRYING"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"
    CANCELLED = "CANCELLED"

    @property
    def terminal(self) -> bool:
        return self in TERMINAL


TERMINAL = frozenset({EssayState.COMPLETED, EssayState.FAILED, EssayState.CANCELLED})
LIVE = frozenset(EssayState) - TERMINAL

TRANSITIONS: dict[EssayState, frozenset[EssayState]] = {
    EssayState.PENDING: frozenset({EssayState.QUEUED, EssayState.FAILED, EssayState.CANCELLED}),
    EssayState.QUEUED: frozenset({EssayState.PROCESSING, EssayState.FAILED, EssayState.CANCELLED}),
    EssayState.PROCESSING: frozenset({EssayState.COMPLETED, EssayState.RETRYING, EssayState.FAILED,
                                      EssayState.CANCELLED}),
    EssayState.RETRYING: frozenset({EssayState.PROCESSING, EssayState.FAILED, EssayState.CANCELLED}),
    EssayState.COMPLETED: frozenset(),
    EssayState.FAILED: frozenset(),
    EssayState.CANCELLED: frozenset(),
}

# A worker may start an attempt from these states (PENDING: it can overtake the relay's
# bookkeeping, in which case the QUEUED event is written first so the log stays complete).
CLAIMABLE = (EssayState.PENDING, EssayState.QUEUED, EssayState.RETRYING)

# Celery's names for GetTask (seed §5.2); PostgreSQL is the truth, so unknown ids are
# NOT_FOUND rather than Celery's ambiguous PENDING.
CELERY_STATUS = {
    EssayState.PENDING: "PENDING",
    EssayState.QUEUED: "PENDING",
    EssayState.PROCESSING: "STARTED",
    EssayState.RETRYING: "RETRY",
    EssayState.COMPLETED: "SUCCESS",
    EssayState.FAILED: "FAILURE",
    EssayState.CANCELLED: "REVOKED",
}

PROGRESS = {
    EssayState.PENDING: 0,
    EssayState.QUEUED: 5,
    EssayState.PROCESSING: 10,
    EssayState.RETRYING: 10,
    EssayState.COMPLETED: 100,
    EssayState.FAILED: 100,
    EssayState.CANCELLED: 100,
}


def can_move(current: EssayState, target: EssayState) -> bool:
    return target in TRANSITIONS[current]

