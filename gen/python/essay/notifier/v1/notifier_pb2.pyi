from essay.common.v1 import common_pb2 as _common_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

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

class GetStreamStatsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetStreamStatsResponse(_message.Message):
    __slots__ = ("open_streams", "watched_essays", "subscribed_users", "asyncio_tasks", "rss_bytes")
    OPEN_STREAMS_FIELD_NUMBER: _ClassVar[int]
    WATCHED_ESSAYS_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIBED_USERS_FIELD_NUMBER: _ClassVar[int]
    ASYNCIO_TASKS_FIELD_NUMBER: _ClassVar[int]
    RSS_BYTES_FIELD_NUMBER: _ClassVar[int]
    open_streams: int
    watched_essays: int
    subscribed_users: int
    asyncio_tasks: int
    rss_bytes: int
    def __init__(self, open_streams: _Optional[int] = ..., watched_essays: _Optional[int] = ..., subscribed_users: _Optional[int] = ..., asyncio_tasks: _Optional[int] = ..., rss_bytes: _Optional[int] = ...) -> None: ...
