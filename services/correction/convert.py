"""Pure conversions between the correction domain and its protos."""

from __future__ import annotations

from google.protobuf import json_format

from essay.common.v1 import common_pb2
from services.correction.models import EventRow, NotificationRow
from services.correction.service import EssayView
from services.correction.states import EssayState
from services.platform.errors import InvalidArgument
from services.platform.timestamps import timestamp

_STATE_TO_PROTO = {s: common_pb2.EssayState.Value(f"ESSAY_STATE_{s.value}") for s in EssayState}
_PROTO_TO_STATE = {v: k for k, v in _STATE_TO_PROTO.items()}


def state_to_proto(state: EssayState) -> int:
    return _STATE_TO_PROTO[state]


def state_from_proto(value: int, field: str = "state") -> EssayState | None:
    """None for UNSPECIFIED; INVALID_ARGUMENT for numbers the enum does not define."""
    if value == common_pb2.ESSAY_STATE_UNSPECIFIED:
        return None
    if value not in _PROTO_TO_STATE:
        raise InvalidArgument({field: f"{value} is not an EssayState"})
    return _PROTO_TO_STATE[value]


def result_to_proto(result: dict) -> common_pb2.CorrectionResult:
    return json_format.ParseDict(result, common_pb2.CorrectionResult(), ignore_unknown_fields=True)


def essay_to_proto(view: EssayView, with_content: bool = False) -> common_pb2.Essay:
    essay = common_pb2.Essay(
        essay_id=view.essay_id, task_id=view.task_id, user_id=view.user_id, title=view.title,
        grade=view.grade, state=state_to_proto(view.state), attempt=view.attempt, error=view.error,
        submit_time=timestamp(view.submit_time), update_time=timestamp(view.update_time),
        last_seq=view.last_seq,
    )
    if with_content:
        essay.content = view.content
    if view.result is not None:
        essay.result.CopyFrom(result_to_proto(view.result))
    return essay


def event_to_proto(row: EventRow) -> common_pb2.EssayEvent:
    return common_pb2.EssayEvent(
        essay_id=row.essay_id, seq=row.seq, state=state_to_proto(EssayState(row.state)),
        message=row.message, progress_percent=row.progress_percent, attempt=row.attempt,
        time=timestamp(row.time))


def notification_to_proto(row: NotificationRow) -> common_pb2.Notification:
    return common_pb2.Notification(
        notification_id=row.notification_id, user_id=row.user_id,
        kind=common_pb2.NotificationKind.Value(f"NOTIFICATION_KIND_{row.kind}"), essay_id=row.essay_id,
        title=row.title, state=state_to_proto(EssayState(row.state)), message=row.message,
        score_total=row.score_total or 0.0, create_time=timestamp(row.create_time),
        read=row.read_time is not None)
