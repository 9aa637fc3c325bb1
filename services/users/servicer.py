"""UserService over gRPC: proto -> one service call -> proto."""

from __future__ import annotations

from essay.users.v1 import users_pb2, users_pb2_grpc
from services.platform.timestamps import timestamp
from services.users.convert import user_to_proto
from services.users.service import UserService


class UserServicer(users_pb2_grpc.UserServiceServicer):
    def __init__(self, service: UserService):
        self._service = service

    def CreateUser(self, request, context) -> users_pb2.CreateUserResponse:
        user = self._service.create_user(request.username, request.email, request.password)
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
