import datetime

from essay.common.v1 import common_pb2 as _common_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class RegisterRequest(_message.Message):
    __slots__ = ("username", "email", "password", "locale")
    USERNAME_FIELD_NUMBER: _ClassVar[int]
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    PASSWORD_FIELD_NUMBER: _ClassVar[int]
    LOCALE_FIELD_NUMBER: _ClassVar[int]
    username: str
    email: str
    password: str
    locale: str
    def __init__(self, username: _Optional[str] = ..., email: _Optional[str] = ..., password: _Optional[str] = ..., locale: _Optional[str] = ...) -> None: ...

class RegisterResponse(_message.Message):
    __slots__ = ("user",)
    USER_FIELD_NUMBER: _ClassVar[int]
    user: _common_pb2.User
    def __init__(self, user: _Optional[_Union[_common_pb2.User, _Mapping]] = ...) -> None: ...

class LoginRequest(_message.Message):
    __slots__ = ("username", "password")
    USERNAME_FIELD_NUMBER: _ClassVar[int]
    PASSWORD_FIELD_NUMBER: _ClassVar[int]
    username: str
    password: str
    def __init__(self, username: _Optional[str] = ..., password: _Optional[str] = ...) -> None: ...

class LoginResponse(_message.Message):
    __slots__ = ("access_token", "expire_time", "user")
    ACCESS_TOKEN_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    USER_FIELD_NUMBER: _ClassVar[int]
    access_token: str
    expire_time: _timestamp_pb2.Timestamp
    user: _common_pb2.User
    def __init__(self, access_token: _Optional[str] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., user: _Optional[_Union[_common_pb2.User, _Mapping]] = ...) -> None: ...

class LogoutRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class LogoutResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetMeRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetMeResponse(_message.Message):
    __slots__ = ("user",)
    USER_FIELD_NUMBER: _ClassVar[int]
    user: _common_pb2.User
    def __init__(self, user: _Optional[_Union[_common_pb2.User, _Mapping]] = ...) -> None: ...

class SubmitEssayRequest(_message.Message):
    __slots__ = ("title", "content", "grade", "request_id", "wait")
    TITLE_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    GRADE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    WAIT_FIELD_NUMBER: _ClassVar[int]
    title: str
    content: str
    grade: str
    request_id: str
    wait: bool
    def __init__(self, title: _Optional[str] = ..., content: _Optional[str] = ..., grade: _Optional[str] = ..., request_id: _Optional[str] = ..., wait: _Optional[bool] = ...) -> None: ...

class SubmitEssayResponse(_message.Message):
    __slots__ = ("essay",)
    ESSAY_FIELD_NUMBER: _ClassVar[int]
    essay: _common_pb2.Essay
    def __init__(self, essay: _Optional[_Union[_common_pb2.Essay, _Mapping]] = ...) -> None: ...

class GetEssayRequest(_message.Message):
    __slots__ = ("essay_id",)
    ESSAY_ID_FIELD_NUMBER: _ClassVar[int]
    essay_id: str
    def __init__(self, essay_id: _Optional[str] = ...) -> None: ...

class GetEssayResponse(_message.Message):
    __slots__ = ("essay",)
    ESSAY_FIELD_NUMBER: _ClassVar[int]
    essay: _common_pb2.Essay
    def __init__(self, essay: _Optional[_Union[_common_pb2.Essay, _Mapping]] = ...) -> None: ...

class ListEssaysRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "state")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    state: _common_pb2.EssayState
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., state: _Optional[_Union[_common_pb2.EssayState, str]] = ...) -> None: ...

class ListEssaysResponse(_message.Message):
    __slots__ = ("essays", "next_page_token")
    ESSAYS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    essays: _containers.RepeatedCompositeFieldContainer[_common_pb2.Essay]
    next_page_token: str
    def __init__(self, essays: _Optional[_Iterable[_Union[_common_pb2.Essay, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetTaskRequest(_message.Message):
    __slots__ = ("task_id",)
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    task_id: str
    def __init__(self, task_id: _Optional[str] = ...) -> None: ...

class GetTaskResponse(_message.Message):
    __slots__ = ("task_id", "status", "essay_id", "error", "result")
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ESSAY_ID_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    task_id: str
    status: str
    essay_id: str
    error: str
    result: _common_pb2.CorrectionResult
    def __init__(self, task_id: _Optional[str] = ..., status: _Optional[str] = ..., essay_id: _Optional[str] = ..., error: _Optional[str] = ..., result: _Optional[_Union[_common_pb2.CorrectionResult, _Mapping]] = ...) -> None: ...

class WatchEssayRequest(_message.Message):
    __slots__ = ("essay_id", "after_seq")
    ESSAY_ID_FIELD_NUMBER: _ClassVar[int]
    AFTER_SEQ_FIELD_NUMBER: _ClassVar[int]
    essay_id: str
    after_seq: int
    def __init__(self, essay_id: _Optional[str] = ..., after_seq: _Optional[int] = ...) -> None: ...

class WatchEssayResponse(_message.Message):
    __slots__ = ("event", "essay", "heartbeat")
    EVENT_FIELD_NUMBER: _ClassVar[int]
    ESSAY_FIELD_NUMBER: _ClassVar[int]
    HEARTBEAT_FIELD_NUMBER: _ClassVar[int]
    event: _common_pb2.EssayEvent
    essay: _common_pb2.Essay
    heartbeat: _common_pb2.StreamHeartbeat
    def __init__(self, event: _Optional[_Union[_common_pb2.EssayEvent, _Mapping]] = ..., essay: _Optional[_Union[_common_pb2.Essay, _Mapping]] = ..., heartbeat: _Optional[_Union[_common_pb2.StreamHeartbeat, _Mapping]] = ...) -> None: ...

class CancelEssayRequest(_message.Message):
    __slots__ = ("essay_id",)
    ESSAY_ID_FIELD_NUMBER: _ClassVar[int]
    essay_id: str
    def __init__(self, essay_id: _Optional[str] = ...) -> None: ...

class CancelEssayResponse(_message.Message):
    __slots__ = ("essay",)
    ESSAY_FIELD_NUMBER: _ClassVar[int]
    essay: _common_pb2.Essay
    def __init__(self, essay: _Optional[_Union[_common_pb2.Essay, _Mapping]] = ...) -> None: ...

class SubscribeNotificationsRequest(_message.Message):
    __slots__ = ("after_id", "resume")
    AFTER_ID_FIELD_NUMBER: _ClassVar[int]
    RESUME_FIELD_NUMBER: _ClassVar[int]
    after_id: int
    resume: bool
    def __init__(self, after_id: _Optional[int] = ..., resume: _Optional[bool] = ...) -> None: ...

class SubscribeNotificationsResponse(_message.Message):
    __slots__ = ("notification", "heartbeat")
    NOTIFICATION_FIELD_NUMBER: _ClassVar[int]
    HEARTBEAT_FIELD_NUMBER: _ClassVar[int]
    notification: _common_pb2.Notification
    heartbeat: _common_pb2.StreamHeartbeat
    def __init__(self, notification: _Optional[_Union[_common_pb2.Notification, _Mapping]] = ..., heartbeat: _Optional[_Union[_common_pb2.StreamHeartbeat, _Mapping]] = ...) -> None: ...

class ListNotificationsRequest(_message.Message):
    __slots__ = ("after_id", "page_size", "unread_only")
    AFTER_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    UNREAD_ONLY_FIELD_NUMBER: _ClassVar[int]
    after_id: int
    page_size: int
    unread_only: bool
    def __init__(self, after_id: _Optional[int] = ..., page_size: _Optional[int] = ..., unread_only: _Optional[bool] = ...) -> None: ...

class ListNotificationsResponse(_message.Message):
    __slots__ = ("notifications", "latest_id", "unread_count")
    NOTIFICATIONS_FIELD_NUMBER: _ClassVar[int]
    LATEST_ID_FIELD_NUMBER: _ClassVar[int]
    UNREAD_COUNT_FIELD_NUMBER: _ClassVar[int]
    notifications: _containers.RepeatedCompositeFieldContainer[_common_pb2.Notification]
    latest_id: int
    unread_count: int
    def __init__(self, notifications: _Optional[_Iterable[_Union[_common_pb2.Notification, _Mapping]]] = ..., latest_id: _Optional[int] = ..., unread_count: _Optional[int] = ...) -> None: ...

class MarkNotificationsReadRequest(_message.Message):
    __slots__ = ("notification_ids", "up_to_id")
    NOTIFICATION_IDS_FIELD_NUMBER: _ClassVar[int]
    UP_TO_ID_FIELD_NUMBER: _ClassVar[int]
    notification_ids: _containers.RepeatedScalarFieldContainer[int]
    up_to_id: int
    def __init__(self, notification_ids: _Optional[_Iterable[int]] = ..., up_to_id: _Optional[int] = ...) -> None: ...

class MarkNotificationsReadResponse(_message.Message):
    __slots__ = ("marked_count", "unread_count")
    MARKED_COUNT_FIELD_NUMBER: _ClassVar[int]
    UNREAD_COUNT_FIELD_NUMBER: _ClassVar[int]
    marked_count: int
    unread_count: int
    def __init__(self, marked_count: _Optional[int] = ..., unread_count: _Optional[int] = ...) -> None: ...

class ListUsersRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListUsersResponse(_message.Message):
    __slots__ = ("users", "next_page_token")
    USERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    users: _containers.RepeatedCompositeFieldContainer[_common_pb2.User]
    next_page_token: str
    def __init__(self, users: _Optional[_Iterable[_Union[_common_pb2.User, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class UpdateUserRequest(_message.Message):
    __slots__ = ("user_id", "role", "monthly_limit")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    MONTHLY_LIMIT_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    role: _common_pb2.Role
    monthly_limit: int
    def __init__(self, user_id: _Optional[str] = ..., role: _Optional[_Union[_common_pb2.Role, str]] = ..., monthly_limit: _Optional[int] = ...) -> None: ...

class UpdateUserResponse(_message.Message):
    __slots__ = ("user",)
    USER_FIELD_NUMBER: _ClassVar[int]
    user: _common_pb2.User
    def __init__(self, user: _Optional[_Union[_common_pb2.User, _Mapping]] = ...) -> None: ...
