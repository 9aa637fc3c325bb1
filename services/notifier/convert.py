"""Messages from the exchange (JSON) -> protos."""

from __future__ import annotations

from datetime import UTC, datetime

from essay.common.v1 import common_pb2
from services.platform.timestamps import timestamp

TERMINAL = frozenset({common_pb2.ESSAY_STATE_COMPLETED, common_pb2.ESSAY_STATE_FAILED,
                      common_pb2.ESSAY_STATE_CANCELLED})


def _state(name: str) -> int:
    return common_pb2.EssayState.Value(f"ESSAY_STATE_{name}")


def event_from_message(body: dict) -> common_pb2.EssayEvent:
    return common_pb2.EssayEvent(
        essay_id=body["essay_id"], seq=int(body["seq"]), state=_state(body["state"]),
        message=body.get("message", ""), progress_percent=int(body.get("progress_percent", 0)),
        attempt=int(body.get("attempt", 0)), time=timestamp(datetime.fromisoformat(body["time"])))


def notification_from_message(body: dict) -> common_pb2.Notification:
    return common_pb2.Notification(
        notification_id=int(body["notification_id"]), user_id=body["user_id"],
        kind=common_pb2.NotificationKind.Value(f"NOTIFICATION_KIND_{body['kind']}"),
        essay_id=body["essay_id"], title=body.get("title", ""), state=_state(body["state"]),
        message=body.get("message", ""), score_total=float(body.get("score_total") or 0.0),
        create_time=timestamp(datetime.fromisoformat(body["create_time"])))


def heartbeat(latest_seq: int) -> common_pb2.StreamHeartbeat:
    return common_pb2.StreamHeartbeat(latest_seq=latest_seq, time=timestamp(datetime.now(UTC)))
