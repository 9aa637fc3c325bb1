"""CorrectionService over gRPC: proto -> one service call -> proto. No SQL, no Celery."""

from __future__ import annotations

import grpc

from essay.correction.v1 import correction_pb2, correction_pb2_grpc
from services.correction import convert
from services.correction.service import MAX_PAGE_BYTES, CorrectionService, encode_page_token
from services.platform.identity import caller_from_metadata


class CorrectionServicer(correction_pb2_grpc.CorrectionServiceServicer):
    def __init__(self, service: CorrectionService):
        self._service = service

    def CreateEssay(self, request: correction_pb2.CreateEssayRequest,
                    context: grpc.ServicerContext) -> correction_pb2.CreateEssayResponse:
        caller = caller_from_metadata(context.invocation_metadata())
        view = self._service.create_essay(caller, request.title, request.content, request.grade,
                                          request.request_id)
        return correction_pb2.CreateEssayResponse(essay=convert.essay_to_proto(view))

    def GetEssay(self, request, context) -> correction_pb2.GetEssayResponse:
        caller = caller_from_metadata(context.invocation_metadata())
        view = self._service.get_essay(caller, request.essay_id)
        return correction_pb2.GetEssayResponse(essay=convert.essay_to_proto(view, with_content=True))

    def ListEssays(self, request, context) -> correction_pb2.ListEssaysResponse:
        caller = caller_from_metadata(context.invocation_metadata())
        state = convert.state_from_proto(request.state)
        views, token = self._service.list_essays(caller, request.page_size, request.page_token, state)
        essays, size = [], 0
        for view in views:
            essay = convert.essay_to_proto(view)
            if essays and size + essay.ByteSize() > MAX_PAGE_BYTES:
                # A page of long results would pass gRPC's usual 4 MiB message limit: it ends
                # here, and the next page starts after the last essay in it.
                token = encode_page_token(views[len(essays) - 1], state)
                break
            essays.append(essay)
            size += essay.ByteSize()
        return correction_pb2.ListEssaysResponse(essays=essays, next_page_token=token)

    def GetTask(self, request, context) -> correction_pb2.GetTaskResponse:
        caller = caller_from_metadata(context.invocation_metadata())
        task = self._service.get_task(caller, request.task_id)
        reply = correction_pb2.GetTaskResponse(task_id=task.task_id, status=task.status,
                                               essay_id=task.essay_id, error=task.error)
        if task.result is not None:
            reply.result.CopyFrom(convert.result_to_proto(task.result))
        return reply

    def ListEssayEvents(self, request, context) -> correction_pb2.ListEssayEventsResponse:
        caller = caller_from_metadata(context.invocation_metadata())
        view, events = self._service.list_events(caller, request.essay_id, request.after_seq)
        return correction_pb2.ListEssayEventsResponse(
            essay=convert.essay_to_proto(view), events=[convert.event_to_proto(e) for e in events])

    def CancelEssay(self, request, context) -> correction_pb2.CancelEssayResponse:
        caller = caller_from_metadata(context.invocation_metadata())
        view = self._service.cancel(caller, request.essay_id)
        return correction_pb2.CancelEssayResponse(essay=convert.essay_to_proto(view))

    def ListNotifications(self, request, context) -> correction_pb2.ListNotificationsResponse:
        caller = caller_from_metadata(context.invocation_metadata())
        rows, latest, unread = self._service.list_notifications(caller, request.after_id, request.page_size,
                                                                request.unread_only)
        return correction_pb2.ListNotificationsResponse(
            notifications=[convert.notification_to_proto(r) for r in rows], latest_id=latest, unread_count=unread)

    def MarkNotificationsRead(self, request, context) -> correction_pb2.MarkNotificationsReadResponse:
        caller = caller_from_metadata(context.invocation_metadata())
        marked, unread = self._service.mark_notifications_read(caller, list(request.notification_ids),
                                                               request.up_to_id)
        return correction_pb2.MarkNotificationsReadResponse(marked_count=marked, unread_count=unread)
