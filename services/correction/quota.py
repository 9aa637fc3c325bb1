"""The monthly quota, as the correction service sees it: reserve before accepting, release if not."""

from __future__ import annotations

import logging
from typing import Protocol

import grpc

from essay.users.v1 import users_pb2, users_pb2_grpc

log = logging.getLogger(__name__)


class Quota(Protocol):
    def reserve(self, user_id: str, key: str) -> None: ...
    def release(self, user_id: str, key: str) -> bool | None: ...  # False: could not be told


class UsersServiceQuota:
    """Reservations held by the users service, keyed by essay id (a retried reserve is free)."""

    def __init__(self, stub: users_pb2_grpc.UserServiceStub, timeout: float = 5.0):
        self._stub = stub
        self._timeout = timeout

    def reserve(self, user_id: str, key: str) -> None:
        self._stub.ReserveQuota(users_pb2.ReserveQuotaRequest(user_id=user_id, key=key), timeout=self._timeout)

    def release(self, user_id: str, key: str) -> bool:
        try:
            self._stub.ReleaseQuota(users_pb2.ReleaseQuotaRequest(user_id=user_id, key=key),
                                    timeout=self._timeout)
        except grpc.RpcError as error:
            if error.code() == grpc.StatusCode.NOT_FOUND:
                return True  # the account is gone, and its quota with it
            log.error("could not give back quota reservation %s of user %s now (%s): it is retried later",
                      key, user_id, error.code())
            return False
        return True


class UnlimitedQuota:
    """No monthly limit (installations without one, and tests of the essay life cycle)."""

    def reserve(self, user_id: str, key: str) -> None:
        return None

    def release(self, user_id: str, key: str) -> None:
        return None
