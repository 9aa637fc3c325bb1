"""The correction service's errors: the platform's family, with this service's messages."""

from services.platform.errors import FailedPrecondition, InvalidArgument, NotFound, ServiceError, shown


def essay_not_found(essay_id: str) -> NotFound:
    # The same words for a missing essay and for someone else's: nothing leaks.
    return NotFound(f"essay {shown(essay_id)} not found")


def task_not_found(task_id: str) -> NotFound:
    return NotFound(f"task {shown(task_id)} not found")


def essay_finished(essay_id: str, state: str) -> FailedPrecondition:
    return FailedPrecondition(f"essay {shown(essay_id)} is already {state.lower()}", reason="ESSAY_FINISHED")


def request_id_reused(request_id: str) -> FailedPrecondition:
    return FailedPrecondition(
        f"request_id {shown(request_id)} was already used for a different submission",
        reason="REQUEST_ID_REUSED")


__all__ = ["InvalidArgument", "NotFound", "ServiceError", "essay_finished", "essay_not_found", "request_id_reused",
           "task_not_found"]
