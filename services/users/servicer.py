"""UserService over gRPC: proto -> one service call -> proto."""

from __future__ import annotations

from essay.common.v1 import common_pb2
from essay.users.v1 import users_pb2, users_pb2_grpc
from services.platform.errors import InvalidArgument
from services.platform.identity import caller_from_metadata
from services.platform.timestamps import timestamp
from services.users.convert import PROTO_TO_ROLE, user_to_proto
from services.users.service import UserService


class UserServicer(users_pb2_grpc.UserServiceServicer):
    def __init__(self, service: UserService):
        self._service = service

    def CreateUser(self, request, context) -> users_pb2.CreateUserResponse:
        user = self._service.create_user(request.username, request.email, request.password,
                                         locale=request.locale)
        return users_pb2.CreateUserResponse(user=user_to_proto(user))

    def Login(self, request, context) -> users_pb2.LoginResponse:
        session = self._service.login(request.username, request.password)
        return users_pb2.LoginResponse(access_token=session.access_token,
                                       expire_time=timestamp(session.expire_time),
                                       user=user_to_proto(session.user))

    def Logout(self, request, context) -> users_pb2.LogoutResponse:
        self._service.logout(request.access_token)
        return users_pb2.LogoutResponse()

    def ValidateToken(self, request, context) -> users_pb2.ValidateTokenResponse:
        user, expire_time = self._service.validate_token(request.access_token)
        return users_pb2.ValidateTokenResponse(user=user_to_proto(user), expire_time=timestamp(expire_time))

    def GetUser(self, request, context) -> users_pb2.GetUserResponse:
        return users_pb2.GetUserResponse(user=user_to_proto(self._service.get_user(request.user_id)))

    def ReserveQuota(self, request, context) -> users_pb2.ReserveQuotaResponse:
        user = self._service.reserve_quota(request.user_id, request.key)
        return users_pb2.ReserveQuotaResponse(quota=user_to_proto(user).quota)

    def ReleaseQuota(self, request, context) -> users_pb2.ReleaseQuotaResponse:
        user = self._service.release_quota(request.user_id, request.key)
        return users_pb2.ReleaseQuotaResponse(quota=user_to_proto(user).quota)

    def ListUsers(self, request, context) -> users_pb2.ListUsersResponse:
        caller = caller_from_metadata(context.invocation_metadata())
        users, token = self._service.list_users(caller, request.page_size, request.page_token)
        return users_pb2.ListUsersResponse(users=[user_to_proto(u) for u in users], next_page_token=token)

    def UpdateUser(self, request, context) -> users_pb2.UpdateUserResponse:
        caller = caller_from_metadata(context.invocation_metadata())
        role = None
        if request.role != common_pb2.ROLE_UNSPECIFIED:
            if request.role not in PROTO_TO_ROLE:
                raise InvalidArgument({"role": f"{request.role} is not a Role"})
            role = PROTO_TO_ROLE[request.role]
        user = self._service.update_user(caller, request.user_id, role, request.monthly_limit or None)
        return users_pb2.UpdateUserResponse(user=user_to_proto(user))
