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
    __slots__ = ("event", "essay")
    EVENT_FIELD_NUMBER: _ClassVar[int]
    ESSAY_FIELD_NUMBER: _ClassVar[int]
    event: _common_pb2.EssayEvent
    essay: _common_pb2.Essay
    def __init__(self, event: _Optional[_Union[_common_pb2.EssayEvent, _Mapping]] = ..., essay: _Optional[_Union[_common_pb2.Essay, _Mapping]] = ...) -> None: ...
