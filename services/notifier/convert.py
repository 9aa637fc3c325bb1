"""Event messages (JSON from the exchange) -> protos."""

from __future__ import annotations

from datetime import datetime

from essay.common.v1 import common_pb2
from services.platform.timestamps import timestamp

TERMINAL = frozenset({common_pb2.ESSAY_STATE_COMPLETED, common_pb2.ESSAY_STATE_FAILED,
                      common_pb2.ESSAY_STATE_CANCELLED})


def event_from_message(body: dict) -> common_pb2.EssayEvent:
    return common_pb2.EssayEvent(
        essay_id=body["essay_id"], seq=int(body["seq"]),
        state=common_pb2.EssayState.Value(f"ESSAY_STATE_{body['state']}"),
        message=body.get("message", ""), progress_percent=int(body.get("progress_percent", 0)),
        attempt=int(body.get("attempt", 0)), time=timestamp(datetime.fromisoformat(body["time"])))
