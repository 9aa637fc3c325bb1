"""One exception family for every service, mapped to a gRPC status in one place.

Services raise these; the server interceptor turns them into canonical codes with
``google.rpc`` details (BadRequest, ErrorInfo, RetryInfo, QuotaFailure).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import grpc
from google.protobuf import any_pb2, duration_pb2
from google.rpc import error_details_pb2, status_pb2

DOMAIN = "essay.platform"
# A status travels in trailers, which gRPC limits (8 KiB soft, 16 KiB hard): a message and its
# details must never grow with the input they quote.
MAX_MESSAGE = 1024


def shown(value: object, limit: int = 64) -> str:
    """``value`` quoted for an error message, cut to ``limit`` characters."""
    text = value if isinstance(value, str) else str(value)
    return repr(text if len(text) <= limit else text[:limit] + "…")


def _bounded(text: str) -> str:
    return text if len(text) <= MAX_MESSAGE else text[:MAX_MESSAGE - 1] + "…"


@dataclass
class ServiceError(Exception):
    message: str
    code: grpc.StatusCode = grpc.StatusCode.INTERNAL
    details: list = field(default_factory=list)

    def __post_init__(self) -> None:
        self.message = _bounded(self.message)

    def __str__(self) -> str:
        return self.message

    def to_status(self) -> status_pb2.Status:
        status = status_pb2.Status(code=self.code.value[0], message=self.message)
        for detail in self.details:
            packed = any_pb2.Any()
            packed.Pack(detail)
            status.details.append(packed)
        return status


class InvalidArgument(ServiceError):
    def __init__(self, violations: dict[str, str]):
        violations = {_bounded(name)[:128]: _bounded(why) for name, why in violations.items()}
        fields = [
            error_details_pb2.BadRequest.FieldViolation(field=name, description=why)
            for name, why in violations.items()
        ]
        message = "; ".join(f"{name}: {why}" for name, why in violations.items())
        super().__init__(message, grpc.StatusCode.INVALID_ARGUMENT,
                         [error_details_pb2.BadRequest(field_violations=fields)])
        self.violations = dict(violations)


class NotFound(ServiceError):
    def __init__(self, message: str):
        super().__init__(message, grpc.StatusCode.NOT_FOUND)


class AlreadyExists(ServiceError):
    def __init__(self, message: str, reason: str):
        super().__init__(message, grpc.StatusCode.ALREADY_EXISTS,
                         [error_details_pb2.ErrorInfo(reason=reason, domain=DOMAIN)])


class Unauthenticated(ServiceError):
    def __init__(self, message: str = "missing, invalid or expired access token"):
        super().__init__(message, grpc.StatusCode.UNAUTHENTICATED)


class PermissionDenied(ServiceError):
    def __init__(self, message: str):
        super().__init__(message, grpc.StatusCode.PERMISSION_DENIED)


class FailedPrecondition(ServiceError):
    def __init__(self, message: str, reason: str):
        super().__init__(message, grpc.StatusCode.FAILED_PRECONDITION,
                         [error_details_pb2.ErrorInfo(reason=reason, domain=DOMAIN)])


class OutOfRange(ServiceError):
    def __init__(self, message: str, reason: str):
        super().__init__(message, grpc.StatusCode.OUT_OF_RANGE,
                         [error_details_pb2.ErrorInfo(reason=reason, domain=DOMAIN)])


class Unavailable(ServiceError):
    def __init__(self, message: str, retry_after_seconds: float = 1.0):
        delay = duration_pb2.Duration()
        delay.FromNanoseconds(int(retry_after_seconds * 1e9))
        super().__init__(message, grpc.StatusCode.UNAVAILABLE,
                         [error_details_pb2.RetryInfo(retry_delay=delay)])


class DeadlineExceeded(ServiceError):
    def __init__(self, message: str):
        super().__init__(message, grpc.StatusCode.DEADLINE_EXCEEDED)




class RateLimited(ServiceError):
    def __init__(self, message: str, retry_after_seconds: float):
        delay = duration_pb2.Duration()
        delay.FromNanoseconds(int(retry_after_seconds * 1e9))
        super().__init__(message, grpc.StatusCode.RESOURCE_EXHAUSTED,
                         [error_details_pb2.RetryInfo(retry_delay=delay)])
