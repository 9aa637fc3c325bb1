"""The users service's errors."""

from __future__ import annotations

import grpc
from google.rpc import error_details_pb2

from services.platform.errors import DOMAIN, PermissionDenied, ServiceError
from services.platform.identity import Caller


def require_admin(caller: Caller) -> None:
    if not caller.is_admin:
        raise PermissionDenied("only an admin may do this")


def quota_exhausted(user) -> ServiceError:
    from services.users.service import QUOTA_PERIOD

    reset = (user.quota_reset_at + QUOTA_PERIOD).isoformat()
    description = (f"monthly essay limit of {user.monthly_limit} reached "
                   f"({user.monthly_used} used); it resets at {reset}")
    return ServiceError(description, grpc.StatusCode.RESOURCE_EXHAUSTED, [
        error_details_pb2.QuotaFailure(violations=[error_details_pb2.QuotaFailure.Violation(
            subject=f"user:{user.user_id}", description=description)]),
        error_details_pb2.ErrorInfo(reason="MONTHLY_QUOTA_EXCEEDED", domain=DOMAIN, metadata={
            "limit": str(user.monthly_limit), "used": str(user.monthly_used), "reset_time": reset}),
    ])
