"""The public GatewayService: authenticate, apply deadlines, call one backend, answer."""

from __future__ import annotations

import asyncio
import logging

import grpc

from essay.common.v1 import common_pb2
from essay.correction.v1 import correction_pb2, correction_pb2_grpc
from essay.gateway.v1 import gateway_pb2, gateway_pb2_grpc
from essay.notifier.v1 import notifier_pb2, notifier_pb2_grpc
from essay.users.v1 import users_pb2, users_pb2_grpc
from services.gateway.auth import Authenticator
from services.gateway.limits import LoginLimiter, check_login_fields, login_address
from services.platform.errors import InvalidArgument, Unavailable

log = logging.getLogger(__name__)

TERMINAL = frozenset({common_pb2.ESSAY_STATE_COMPLETED, common_pb2.ESSAY_STATE_FAILED,
                      common_pb2.ESSAY_STATE_CANCELLED})


# In sync mode, a notifier stream silent this long (it sends a heartbeat every 5 s) makes the
# gateway read the essay itself.
SYNC_SILENCE_SECONDS = 6.0


class GatewayServicer(gateway_pb2_grpc.GatewayServiceServicer):
    def __init__(self, auth: Authenticator, users: users_pb2_grpc.UserServiceStub,
                 correction: correction_pb2_grpc.CorrectionServiceStub,
                 notifier: notifier_pb2_grpc.NotifierServiceStub,
                 backend_timeout: float = 10.0, sync_wait_max: float = 120.0,
                 logins: LoginLimiter | None = None, trusted_proxies: tuple = (),
                 silence_limit: float = 16.0):
        self._silence_limit = silence_limit
        self._auth = auth
        self._logins = logins or LoginLimiter()
        self._trusted_proxies = trusted_proxies
        self._users = users
        self._correction = correction
        self._notifier = notifier
        self._timeout = backend_timeout
        self._sync_wait_max = sync_wait_max

    def _deadline(self, context: grpc.aio.ServicerContext) -> float:
        remaining = context.time_remaining()
        return self._timeout if remaining is None else max(0.05, min(self._timeout, remaining))

    # --- accounts ----------------------------------------------------------------

    async def Register(self, request, context) -> gateway_pb2.RegisterResponse:
        reply = await self._users.CreateUser(
            users_pb2.CreateUserRequest(username=request.username, email=request.email,
                                        password=request.password, locale=request.locale),
            timeout=self._deadline(context))
        return gateway_pb2.RegisterResponse(user=reply.user)

    async def Login(self, request, context) -> gateway_pb2.LoginResponse:
        check_login_fields(request.username, request.password)
        address = login_address(context.peer(), context.invocation_metadata() or (), self._trusted_proxies)
        self._logins.check(request.username, address)
        try:
            reply = await self._users.Login(
                users_pb2.LoginRequest(username=request.username, password=request.password),
                timeout=self._deadline(context))
        except grpc.aio.AioRpcError as error:
            if error.code() == grpc.StatusCode.UNAUTHENTICATED:
                self._logins.failed(request.username, address)
            raise
        self._logins.succeeded(request.username, address)
        return gateway_pb2.LoginResponse(access_token=reply.access_token, expire_time=reply.expire_time,
                                         user=reply.user)

    async def Logout(self, request, context) -> gateway_pb2.LogoutResponse:
        auth = await self._auth.authenticate(context)
        await self._users.Logout(users_pb2.LogoutRequest(access_token=auth.token),
                                 timeout=self._deadline(context))
        self._auth.forget(auth.token)
        return gateway_pb2.LogoutResponse()

    async def GetMe(self, request, context) -> gateway_pb2.GetMeResponse:
        auth = await self._auth.authenticate(context)
        reply = await self._users.GetUser(users_pb2.GetUserRequest(user_id=auth.caller.user_id),
                                          timeout=self._deadline(context))
        return gateway_pb2.GetMeResponse(user=reply.user)

    # --- essays ------------------------------------------------------------------

    async def SubmitEssay(self, request, context) -> gateway_pb2.SubmitEssayResponse:
        auth = await self._auth.authenticate(context)
        metadata = auth.caller.metadata()
        created = await self._correction.CreateEssay(
            correction_pb2.CreateEssayRequest(title=request.title, content=request.content,
                                              grade=request.grade, request_id=request.request_id),
            metadata=metadata, timeout=self._deadline(context))
        essay = created.essay
        if not request.wait or essay.state in TERMINAL:
            return gateway_pb2.SubmitEssayResponse(essay=essay)
        # The essay is accepted and charged: from here on no error may reach the caller, who
        # would retry and submit it again. Whatever fails, the answer is the latest state known.
        final = await self._wait_for_end(essay.essay_id, metadata, context)
        final = final or essay
        final.ClearField("content")
        return gateway_pb2.SubmitEssayResponse(essay=final)

    async def _wait_for_end(self, essay_id: str, metadata, context):
        """Sync mode (seed §5.1): waits for a terminal state, leaving time to answer, and returns
        the essay as last read (None if it could not be read). It follows the notifier's stream;
        if the stream fails, or stays silent longer than a heartbeat, it reads the essay from the
        correction service instead."""
        loop = asyncio.get_running_loop()
        remaining = context.time_remaining()
        budget = self._sync_wait_max if remaining is None else min(self._sync_wait_max, remaining * 0.9 - 0.2)
        if budget <= 0:
            return None  # no time to wait: the accepted essay as it was created, at once
        deadline = loop.time() + budget
        call = self._notifier.WatchEssay(notifier_pb2.WatchEssayRequest(essay_id=essay_id), metadata=metadata)
        stream = call.__aiter__()
        next_message = None
        try:
            while (left := deadline - loop.time()) > 0:
                if next_message is None:
                    next_message = asyncio.ensure_future(stream.__anext__())
                done, _ = await asyncio.wait({next_message}, timeout=min(left, SYNC_SILENCE_SECONDS))
                if not done:  # silent: the notifier may hang, so look at the essay itself
                    essay = await self._read_essay(essay_id, metadata, deadline)
                    if essay is not None and essay.state in TERMINAL:
                        return essay
                    continue
                try:
                    message = next_message.result()
                except StopAsyncIteration:
                    break
                except Exception:  # noqa: BLE001 - the stream failed, however: read the essay instead
                    next_message = None
                    return await self._poll_until_end(essay_id, metadata, deadline)
                next_message = None
                if message.event.state in TERMINAL or message.essay.state in TERMINAL:
                    break
        finally:
            if next_message is not None:
                next_message.cancel()
            call.cancel()
        return await self._read_essay(essay_id, metadata, deadline + 0.1 * budget + 0.1)

    async def _poll_until_end(self, essay_id: str, metadata, deadline: float):
        """Reads the essay every half second until it is finished or ``deadline`` (loop time)."""
        loop = asyncio.get_running_loop()
        essay = None
        while True:
            essay = await self._read_essay(essay_id, metadata, deadline) or essay
            if (essay is not None and essay.state in TERMINAL) or loop.time() + 0.5 >= deadline:
                return essay
            await asyncio.sleep(0.5)

    async def _read_essay(self, essay_id: str, metadata, deadline: float):
        """The essay from the correction service, or None if it cannot be read before ``deadline``."""
        left = deadline - asyncio.get_running_loop().time()
        if left <= 0.02:
            return None
        try:
            reply = await self._correction.GetEssay(correction_pb2.GetEssayRequest(essay_id=essay_id),
                                                    metadata=metadata, timeout=min(self._timeout, left))
        except grpc.aio.AioRpcError:
            return None
        return reply.essay

    async def GetEssay(self, request, context) -> gateway_pb2.GetEssayResponse:
        auth = await self._auth.authenticate(context)
        reply = await self._correction.GetEssay(
            correction_pb2.GetEssayRequest(essay_id=request.essay_id),
            metadata=auth.caller.metadata(), timeout=self._deadline(context))
        return gateway_pb2.GetEssayResponse(essay=reply.essay)

    async def ListEssays(self, request, context) -> gateway_pb2.ListEssaysResponse:
        auth = await self._auth.authenticate(context)
        reply = await self._correction.ListEssays(
            correction_pb2.ListEssaysRequest(page_size=request.page_size, page_token=request.page_token,
                                             state=request.state),
            metadata=auth.caller.metadata(), timeout=self._deadline(context))
        return gateway_pb2.ListEssaysResponse(essays=reply.essays, next_page_token=reply.next_page_token)

    async def GetTask(self, request, context) -> gateway_pb2.GetTaskResponse:
        auth = await self._auth.authenticate(context)
        reply = await self._correction.GetTask(
            correction_pb2.GetTaskRequest(task_id=request.task_id),
            metadata=auth.caller.metadata(), timeout=self._deadline(context))
        answer = gateway_pb2.GetTaskResponse(task_id=reply.task_id, status=reply.status,
                                             essay_id=reply.essay_id, error=reply.error)
        if reply.HasField("result"):
            answer.result.CopyFrom(reply.result)
        return answer

    async def CancelEssay(self, request, context) -> gateway_pb2.CancelEssayResponse:
        auth = await self._auth.authenticate(context)
        reply = await self._correction.CancelEssay(
            correction_pb2.CancelEssayRequest(essay_id=request.essay_id),
            metadata=auth.caller.metadata(), timeout=self._deadline(context))
        return gateway_pb2.CancelEssayResponse(essay=reply.essay)

    async def WatchEssay(self, request, context):
        auth = await self._auth.authenticate(context)
        if request.after_seq < 0:
            raise InvalidArgument({"after_seq": "must not be negative"})
        call = self._notifier.WatchEssay(
            notifier_pb2.WatchEssayRequest(essay_id=request.essay_id, after_seq=request.after_seq),
            metadata=auth.caller.metadata(), timeout=context.time_remaining())
        async for message in self._while_authorized(auth, call, while_admin=auth.caller.role == "admin"):
            reply = gateway_pb2.WatchEssayResponse()
            reply.MergeFromString(message.SerializeToString())  # the same fields, numbered alike
            yield reply

    async def SubscribeNotifications(self, request, context):
        auth = await self._auth.authenticate(context)
        call = self._notifier.SubscribeNotifications(
            notifier_pb2.SubscribeNotificationsRequest(after_id=request.after_id, resume=request.resume),
            metadata=auth.caller.metadata(), timeout=context.time_remaining())
        async for message in self._while_authorized(auth, call):
            reply = gateway_pb2.SubscribeNotificationsResponse()
            reply.MergeFromString(message.SerializeToString())
            yield reply

    async def _while_authorized(self, auth, call, while_admin: bool = False):
        """Relays a backend stream, ending it with UNAUTHENTICATED once the token is revoked or
        expires (checked every ``recheck`` seconds), and with UNAVAILABLE once an admin's rights
        it was opened with (``while_admin``) are withdrawn; cancels the backend call when the
        client goes away."""
        recheck = asyncio.ensure_future(self._auth.watch_token(auth.token, while_admin))
        stream = call.__aiter__()
        # The notifier answers at once with a snapshot or a heartbeat, after its own calls (bounded
        # by the same backend timeout): a first message that does not come means it hangs.
        # After it, a heartbeat comes at least every HEARTBEAT_SECONDS: silence means it froze.
        wait, started = self._timeout + 2.0, False
        next_message: asyncio.Future | None = None
        try:
            while True:
                next_message = asyncio.ensure_future(stream.__anext__())
                done, _ = await asyncio.wait({next_message, recheck}, timeout=wait,
                                             return_when=asyncio.FIRST_COMPLETED)
                if not done:
                    next_message.cancel()
                    if started:
                        raise Unavailable(f"the stream was silent for {wait:g}s (no heartbeat); "
                                          "reconnect with the last seq or id seen")
                    raise Unavailable(f"the notifier did not answer within {wait:g}s; try again shortly")
                wait, started = self._silence_limit, True
                if recheck in done:
                    next_message.cancel()
                    recheck.result()  # raises Unauthenticated
                try:
                    message = next_message.result()
                except StopAsyncIteration:
                    return
                yield message
        finally:
            recheck.cancel()
            call.cancel()
            if next_message is not None:
                # Cancelled while waiting (the client left, its deadline passed): the read still
                # pending ends with the call's error, which is nobody's to report.
                next_message.cancel()
                next_message.add_done_callback(_consume)

    async def ListNotifications(self, request, context) -> gateway_pb2.ListNotificationsResponse:
        auth = await self._auth.authenticate(context)
        reply = await self._correction.ListNotifications(
            correction_pb2.ListNotificationsRequest(after_id=request.after_id, page_size=request.page_size,
                                                    unread_only=request.unread_only),
            metadata=auth.caller.metadata(), timeout=self._deadline(context))
        return gateway_pb2.ListNotificationsResponse(notifications=reply.notifications, latest_id=reply.latest_id,
                                                     unread_count=reply.unread_count)

    async def MarkNotificationsRead(self, request, context) -> gateway_pb2.MarkNotificationsReadResponse:
        auth = await self._auth.authenticate(context)
        reply = await self._correction.MarkNotificationsRead(
            correction_pb2.MarkNotificationsReadRequest(notification_ids=request.notification_ids,
                                                        up_to_id=request.up_to_id),
            metadata=auth.caller.metadata(), timeout=self._deadline(context))
        return gateway_pb2.MarkNotificationsReadResponse(marked_count=reply.marked_count,
                                                         unread_count=reply.unread_count)

    # --- administration ------------------------------------------------------------------

    async def ListUsers(self, request, context) -> gateway_pb2.ListUsersResponse:
        auth = await self._auth.authenticate(context)
        reply = await self._users.ListUsers(
            users_pb2.ListUsersRequest(page_size=request.page_size, page_token=request.page_token),
            metadata=auth.caller.metadata(), timeout=self._deadline(context))
        return gateway_pb2.ListUsersResponse(users=reply.users, next_page_token=reply.next_page_token)

    async def UpdateUser(self, request, context) -> gateway_pb2.UpdateUserResponse:
        auth = await self._auth.authenticate(context)
        reply = await self._users.UpdateUser(
            users_pb2.UpdateUserRequest(user_id=request.user_id, role=request.role,
                                        monthly_limit=request.monthly_limit),
            metadata=auth.caller.metadata(), timeout=self._deadline(context))
        return gateway_pb2.UpdateUserResponse(user=reply.user)


def _consume(future: asyncio.Future) -> None:
    """Marks a finished future's exception as retrieved."""
    if not future.cancelled():
        future.exception()
