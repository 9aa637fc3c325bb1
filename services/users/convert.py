"""Pure conversions between the users domain and its protos."""

from __future__ import annotations

from essay.common.v1 import common_pb2
from services.platform.timestamps import timestamp
from services.users.service import QUOTA_PERIOD, UserView

ROLE_TO_PROTO = {"student": common_pb2.ROLE_STUDENT, "teacher": common_pb2.ROLE_TEACHER,
                 "admin": common_pb2.ROLE_ADMIN}
PROTO_TO_ROLE = {v: k for k, v in ROLE_TO_PROTO.items()}


def user_to_proto(user: UserView) -> common_pb2.User:
    return common_pb2.User(
        user_id=user.user_id, username=user.username, email=user.email,
        role=ROLE_TO_PROTO[user.role],
        quota=common_pb2.Quota(monthly_limit=user.monthly_limit, monthly_used=user.monthly_used,
                               reset_time=timestamp(user.quota_reset_at + QUOTA_PERIOD)),
        create_time=timestamp(user.create_time),
    )
