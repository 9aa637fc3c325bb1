import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class EssayState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ESSAY_STATE_UNSPECIFIED: _ClassVar[EssayState]
    ESSAY_STATE_PENDING: _ClassVar[EssayState]
    ESSAY_STATE_QUEUED: _ClassVar[EssayState]
    ESSAY_STATE_PROCESSING: _ClassVar[EssayState]
    ESSAY_STATE_RETRYING: _ClassVar[EssayState]
    ESSAY_STATE_COMPLETED: _ClassVar[EssayState]
    ESSAY_STATE_FAILED: _ClassVar[EssayState]
    ESSAY_STATE_CANCELLED: _ClassVar[EssayState]

class Role(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ROLE_UNSPECIFIED: _ClassVar[Role]
    ROLE_STUDENT: _ClassVar[Role]
    ROLE_TEACHER: _ClassVar[Role]
    ROLE_ADMIN: _ClassVar[Role]

class NotificationKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    NOTIFICATION_KIND_UNSPECIFIED: _ClassVar[NotificationKind]
    NOTIFICATION_KIND_CORRECTION_COMPLETED: _ClassVar[NotificationKind]
    NOTIFICATION_KIND_CORRECTION_FAILED: _ClassVar[NotificationKind]
    NOTIFICATION_KIND_STATUS_UPDATE: _ClassVar[NotificationKind]
ESSAY_STATE_UNSPECIFIED: EssayState
ESSAY_STATE_PENDING: EssayState
ESSAY_STATE_QUEUED: EssayState
ESSAY_STATE_PROCESSING: EssayState
ESSAY_STATE_RETRYING: EssayState
ESSAY_STATE_COMPLETED: EssayState
ESSAY_STATE_FAILED: EssayState
ESSAY_STATE_CANCELLED: EssayState
ROLE_UNSPECIFIED: Role
ROLE_STUDENT: Role
ROLE_TEACHER: Role
ROLE_ADMIN: Role
NOTIFICATION_KIND_UNSPECIFIED: NotificationKind
NOTIFICATION_KIND_CORRECTION_COMPLETED: NotificationKind
NOTIFICATION_KIND_CORRECTION_FAILED: NotificationKind
NOTIFICATION_KIND_STATUS_UPDATE: NotificationKind

class Quota(_message.Message):
    __slots__ = ("monthly_limit", "monthly_used", "reset_time")
    MONTHLY_LIMIT_FIELD_NUMBER: _ClassVar[int]
    MONTHLY_USED_FIELD_NUMBER: _ClassVar[int]
    RESET_TIME_FIELD_NUMBER: _ClassVar[int]
    monthly_limit: int
    monthly_used: int
    reset_time: _timestamp_pb2.Timestamp
    def __init__(self, monthly_limit: _Optional[int] = ..., monthly_used: _Optional[int] = ..., reset_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class User(_message.Message):
    __slots__ = ("user_id", "username", "email", "role", "quota", "create_time")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    USERNAME_FIELD_NUMBER: _ClassVar[int]
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    QUOTA_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    username: str
    email: str
    role: Role
    quota: Quota
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, user_id: _Optional[str] = ..., username: _Optional[str] = ..., email: _Optional[str] = ..., role: _Optional[_Union[Role, str]] = ..., quota: _Optional[_Union[Quota, _Mapping]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Score(_message.Message):
    __slots__ = ("total", "content", "organization", "language", "mechanics")
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    ORGANIZATION_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    MECHANICS_FIELD_NUMBER: _ClassVar[int]
    total: float
    content: float
    organization: float
    language: float
    mechanics: float
    def __init__(self, total: _Optional[float] = ..., content: _Optional[float] = ..., organization: _Optional[float] = ..., language: _Optional[float] = ..., mechanics: _Optional[float] = ...) -> None: ...

class Feedback(_message.Message):
    __slots__ = ("overall", "content", "organization", "language", "mechanics")
    OVERALL_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    ORGANIZATION_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    MECHANICS_FIELD_NUMBER: _ClassVar[int]
    overall: str
    content: str
    organization: str
    language: str
    mechanics: str
    def __init__(self, overall: _Optional[str] = ..., content: _Optional[str] = ..., organization: _Optional[str] = ..., language: _Optional[str] = ..., mechanics: _Optional[str] = ...) -> None: ...

class TextError(_message.Message):
    __slots__ = ("offset", "length", "category", "rule_id", "message", "replacements", "confidence")
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    LENGTH_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    RULE_ID_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    REPLACEMENTS_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    offset: int
    length: int
    category: str
    rule_id: str
    message: str
    replacements: _containers.RepeatedScalarFieldContainer[str]
    confidence: float
    def __init__(self, offset: _Optional[int] = ..., length: _Optional[int] = ..., category: _Optional[str] = ..., rule_id: _Optional[str] = ..., message: _Optional[str] = ..., replacements: _Optional[_Iterable[str]] = ..., confidence: _Optional[float] = ...) -> None: ...

class CorrectionResult(_message.Message):
    __slots__ = ("corrected_text", "score", "errors", "improvement_suggestions", "feedback", "word_count", "grade", "grade_description", "engine", "language", "processing_seconds", "advisories")
    CORRECTED_TEXT_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    ERRORS_FIELD_NUMBER: _ClassVar[int]
    IMPROVEMENT_SUGGESTIONS_FIELD_NUMBER: _ClassVar[int]
    FEEDBACK_FIELD_NUMBER: _ClassVar[int]
    WORD_COUNT_FIELD_NUMBER: _ClassVar[int]
    GRADE_FIELD_NUMBER: _ClassVar[int]
    GRADE_DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    ENGINE_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    PROCESSING_SECONDS_FIELD_NUMBER: _ClassVar[int]
    ADVISORIES_FIELD_NUMBER: _ClassVar[int]
    corrected_text: str
    score: Score
    errors: _containers.RepeatedCompositeFieldContainer[TextError]
    improvement_suggestions: _containers.RepeatedScalarFieldContainer[str]
    feedback: Feedback
    word_count: int
    grade: str
    grade_description: str
    engine: str
    language: str
    processing_seconds: float
    advisories: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, corrected_text: _Optional[str] = ..., score: _Optional[_Union[Score, _Mapping]] = ..., errors: _Optional[_Iterable[_Union[TextError, _Mapping]]] = ..., improvement_suggestions: _Optional[_Iterable[str]] = ..., feedback: _Optional[_Union[Feedback, _Mapping]] = ..., word_count: _Optional[int] = ..., grade: _Optional[str] = ..., grade_description: _Optional[str] = ..., engine: _Optional[str] = ..., language: _Optional[str] = ..., processing_seconds: _Optional[float] = ..., advisories: _Optional[_Iterable[str]] = ...) -> None: ...

class Essay(_message.Message):
    __slots__ = ("essay_id", "task_id", "user_id", "title", "grade", "state", "attempt", "error", "submit_time", "update_time", "result", "content", "last_seq")
    ESSAY_ID_FIELD_NUMBER: _ClassVar[int]
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    GRADE_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    ATTEMPT_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    SUBMIT_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    LAST_SEQ_FIELD_NUMBER: _ClassVar[int]
    essay_id: str
    task_id: str
    user_id: str
    title: str
    grade: str
    state: EssayState
    attempt: int
    error: str
    submit_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    result: CorrectionResult
    content: str
    last_seq: int
    def __init__(self, essay_id: _Optional[str] = ..., task_id: _Optional[str] = ..., user_id: _Optional[str] = ..., title: _Optional[str] = ..., grade: _Optional[str] = ..., state: _Optional[_Union[EssayState, str]] = ..., attempt: _Optional[int] = ..., error: _Optional[str] = ..., submit_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., result: _Optional[_Union[CorrectionResult, _Mapping]] = ..., content: _Optional[str] = ..., last_seq: _Optional[int] = ...) -> None: ...

class EssayEvent(_message.Message):
    __slots__ = ("essay_id", "seq", "state", "message", "progress_percent", "time", "attempt")
    ESSAY_ID_FIELD_NUMBER: _ClassVar[int]
    SEQ_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    PROGRESS_PERCENT_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    ATTEMPT_FIELD_NUMBER: _ClassVar[int]
    essay_id: str
    seq: int
    state: EssayState
    message: str
    progress_percent: int
    time: _timestamp_pb2.Timestamp
    attempt: int
    def __init__(self, essay_id: _Optional[str] = ..., seq: _Optional[int] = ..., state: _Optional[_Union[EssayState, str]] = ..., message: _Optional[str] = ..., progress_percent: _Optional[int] = ..., time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., attempt: _Optional[int] = ...) -> None: ...

class StreamHeartbeat(_message.Message):
    __slots__ = ("latest_seq", "time")
    LATEST_SEQ_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    latest_seq: int
    time: _timestamp_pb2.Timestamp
    def __init__(self, latest_seq: _Optional[int] = ..., time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Notification(_message.Message):
    __slots__ = ("notification_id", "user_id", "kind", "essay_id", "title", "state", "message", "score_total", "create_time", "read")
    NOTIFICATION_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    ESSAY_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    SCORE_TOTAL_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    READ_FIELD_NUMBER: _ClassVar[int]
    notification_id: int
    user_id: str
    kind: NotificationKind
    essay_id: str
    title: str
    state: EssayState
    message: str
    score_total: float
    create_time: _timestamp_pb2.Timestamp
    read: bool
    def __init__(self, notification_id: _Optional[int] = ..., user_id: _Optional[str] = ..., kind: _Optional[_Union[NotificationKind, str]] = ..., essay_id: _Optional[str] = ..., title: _Optional[str] = ..., state: _Optional[_Union[EssayState, str]] = ..., message: _Optional[str] = ..., score_total: _Optional[float] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., read: _Optional[bool] = ...) -> None: ...
