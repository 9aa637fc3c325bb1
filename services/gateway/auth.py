"""Bearer-token authentication for the gateway, with a short cache in front of the users service."""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from dataclasses import dataclass

import grpc

from essay.common.v1 import common_pb2
from essay.users.v1 import users_pb2, users_pb2_grpc
from services.platform.errors import Unauthenticated, Unavailable
from services.platform.identity import Caller

_ROLE_NAMES = {common_pb2.ROLE_STUDENT: "student", common_pb2.ROLE_TEACHER: "teacher",
               common_pb2.ROLE_ADMIN: "admin"}


@dataclass(frozen=True)
class Authenticated:
    caller: Caller
    user: common_pb2.User
    token: str


def bearer_token(metadata) -> str:
    values = [value for key, value in metadata or () if key == "authorization"]
    if not values:
        raise Unauthenticated("missing authorization metadata ('Bearer <access_token>')")
    if len(values) > 1:
        # Which one counts would depend on the order proxies add them in: neither does.
        raise Unauthenticated("more than one authorization metadata value: send exactly one")
    value = values[0]
    if isinstance(value, str):
        scheme, _, token = value.strip().partition(" ")
        if scheme.lower() == "bearer" and token.strip():
            return token.strip()
    raise Unauthenticated("the authorization metadata must be 'Bearer <access_token>'")


class Authenticator:
    """Validates tokens with the users service; a valid answer is reused for ``cache_seconds``."""

    def __init__(self, users: users_pb2_grpc.UserServiceStub, cache_seconds: float = 5.0,
                 max_entries: int = 50_000, timeout: float = 5.0):
        self._users = users
        self._ttl = cache_seconds
        self._max = max_entries
        self._timeout = timeout
        self._cache: OrderedDict[str, tuple[float, Authenticated]] = OrderedDict()

    async def authenticate(self, context: grpc.aio.ServicerContext) -> Authenticated:
        return await self.validate(bearer_token(context.invocation_metadata()))

    async def validate(self, token: str) -> Authenticated:
        now = time.monotonic()
        hit = self._cache.get(token)
        if hit is not None and hit[0] > now:
            return hit[1]
        reply = await self._users.ValidateToken(users_pb2.ValidateTokenRequest(access_token=token),
                                                timeout=self._timeout)
        auth = Authenticated(Caller(reply.user.user_id, _ROLE_NAMES.get(reply.user.role, "student")),
                             reply.user, token)
        valid_for = min(self._ttl, reply.expire_time.ToDatetime().timestamp() - time.time())
        if valid_for > 0:
            self._cache[token] = (now + valid_for, auth)
            self._cache.move_to_end(token)
            while len(self._cache) > self._max:
                self._cache.popitem(last=False)
        return auth

    def forget(self, token: str) -> None:
        self._cache.pop(token, None)

    async def watch_token(self, token: str, while_admin: bool = False) -> None:
        """Returns never while ``token`` stays valid; raises Unauthenticated once it is revoked or
        expired. Checks each time the cached answer lapses, so a revoked token is noticed
        within about two cache periods. ``while_admin``: the stream was opened with an admin's
        rights (another user's essay), and ends with UNAVAILABLE once they are withdrawn: the
        client reconnects, and is then answered as its new role is."""
        while True:
            await asyncio.sleep(self._ttl)
            try:
                auth = await self.validate(token)
            except grpc.aio.AioRpcError as error:
                if error.code() == grpc.StatusCode.UNAUTHENTICATED:
                    raise
                continue  # The users service is unreachable: keep the stream; check again later.
            if while_admin and auth.caller.role != "admin":
                raise Unavailable("the caller's admin rights were withdrawn: reconnect (another user's "
                                  "essay is then not found)")
