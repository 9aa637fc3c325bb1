"""Every error a client can cause, with its exact code and details, through the gateway."""

from __future__ import annotations

import time
import uuid

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from essay.gateway.v1 import gateway_pb2


def call_error(fn, request, **kwargs) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as err:
        result = fn(request, timeout=15, **kwargs)
        if hasattr(result, "__iter__") and not hasattr(result, "ListFields"):
            list(result)
    return err.value


def field_violations(error: grpc.RpcError) -> dict[str, str]:
    status = rpc_status.from_call(error)
    assert status is not None, "a google.rpc.Status with details is attached"
    for detail in status.details:
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            return {v.field: v.description for v in bad.field_violations}
    raise AssertionError("no BadRequest detail")


@pytest.fixture(scope="module")
def users(system):
    ivy, _ = system.register_and_login("ivy_err")
    jack, _ = system.register_and_login("jack_err")
    essay = system.stub.SubmitEssay(gateway_pb2.SubmitEssayRequest(title="Ivy's", content="Private text."),
                                    metadata=ivy, timeout=10).essay
    return ivy, jack, essay


AUTHED_CALLS = [
    ("GetMe", gateway_pb2.GetMeRequest()),
    ("SubmitEssay", gateway_pb2.SubmitEssayRequest(title="t", content="c")),
    ("GetEssay", gateway_pb2.GetEssayRequest(essay_id=str(uuid.uuid4()))),
    ("ListEssays", gateway_pb2.ListEssaysRequest()),
    ("GetTask", gateway_pb2.GetTaskRequest(task_id=str(uuid.uuid4()))),
    ("WatchEssay", gateway_pb2.WatchEssayRequest(essay_id=str(uuid.uuid4()))),
    ("Logout", gateway_pb2.LogoutRequest()),
]


@pytest.mark.parametrize("method,request_", AUTHED_CALLS, ids=[c[0] for c in AUTHED_CALLS])
@pytest.mark.parametrize("metadata", [
    (), (("authorization", "Bearer not-a-real-token"),), (("authorization", "Basic abc"),),
    (("authorization", "Bearer "),),
], ids=["none", "unknown", "wrong-scheme", "empty"])
def test_missing_or_bad_token_is_unauthenticated(system, method, request_, metadata):
    error = call_error(getattr(system.stub, method), request_, metadata=metadata)
    assert error.code() == grpc.StatusCode.UNAUTHENTICATED


def test_logged_out_token_is_refused(system):
    metadata, _ = system.register_and_login("kate_err")
    system.stub.Logout(gateway_pb2.LogoutRequest(), metadata=metadata, timeout=10)
    error = call_error(system.stub.GetMe, gateway_pb2.GetMeRequest(), metadata=metadata)
    assert error.code() == grpc.StatusCode.UNAUTHENTICATED


@pytest.mark.parametrize("title,content,grade,field", [
    ("", "Some content", "", "title"),
    ("   ", "Some content", "", "title"),
    ("Title", "", "", "content"),
    ("Title", " \n\t ", "", "content"),
    ("Title", "x" * 20_001, "", "content"),
    ("Title", "Some content", "grade 42", "grade"),
    ("Title", "Some content", "kindergarten", "grade"),
    ("Title", "Some\x00content", "", "content"),
    ("T" * 201, "Some content", "", "title"),
])
def test_bad_submission_is_invalid_argument_with_a_field_violation(system, users, title, content, grade,
                                                                   field):
    ivy, _, _ = users
    error = call_error(system.stub.SubmitEssay,
                       gateway_pb2.SubmitEssayRequest(title=title, content=content, grade=grade),
                       metadata=ivy)
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field in field_violations(error)


def test_every_violation_is_reported_at_once(system, users):
    ivy, _, _ = users
    error = call_error(system.stub.SubmitEssay,
                       gateway_pb2.SubmitEssayRequest(title="", content="", grade="99"), metadata=ivy)
    assert set(field_violations(error)) == {"title", "content", "grade"}


def test_unknown_enum_state_is_invalid(system, users):
    ivy, _, _ = users
    error = call_error(system.stub.ListEssays, gateway_pb2.ListEssaysRequest(state=99), metadata=ivy)
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "state" in field_violations(error)


@pytest.mark.parametrize("request_", [
    gateway_pb2.ListEssaysRequest(page_token="garbage!"),
    gateway_pb2.ListEssaysRequest(page_size=-1),
])
def test_bad_paging_is_invalid(system, users, request_):
    ivy, _, _ = users
    error = call_error(system.stub.ListEssays, request_, metadata=ivy)
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT


@pytest.mark.parametrize("essay_id", [str(uuid.uuid4()), "no-such-essay", "123"])
def test_unknown_essay_is_not_found(system, users, essay_id):
    ivy, _, _ = users
    for method, request_ in (("GetEssay", gateway_pb2.GetEssayRequest(essay_id=essay_id)),
                             ("WatchEssay", gateway_pb2.WatchEssayRequest(essay_id=essay_id))):
        error = call_error(getattr(system.stub, method), request_, metadata=ivy)
        assert error.code() == grpc.StatusCode.NOT_FOUND, method


def test_another_users_essay_answers_exactly_like_a_missing_one(system, users):
    ivy, jack, essay = users
    missing = str(uuid.uuid4())
    for method, make in (("GetEssay", lambda i: gateway_pb2.GetEssayRequest(essay_id=i)),
                         ("WatchEssay", lambda i: gateway_pb2.WatchEssayRequest(essay_id=i))):
        theirs = call_error(getattr(system.stub, method), make(essay.essay_id), metadata=jack)
        absent = call_error(getattr(system.stub, method), make(missing), metadata=jack)
        assert theirs.code() == absent.code() == grpc.StatusCode.NOT_FOUND
        assert theirs.details().replace(essay.essay_id, "ID") == absent.details().replace(missing, "ID")
    task_error = call_error(system.stub.GetTask, gateway_pb2.GetTaskRequest(task_id=essay.task_id),
                            metadata=jack)
    assert task_error.code() == grpc.StatusCode.NOT_FOUND
    listed = system.stub.ListEssays(gateway_pb2.ListEssaysRequest(page_size=100), metadata=jack, timeout=10)
    assert essay.essay_id not in {e.essay_id for e in listed.essays}
    # The author still reads it.
    mine = system.stub.GetEssay(gateway_pb2.GetEssayRequest(essay_id=essay.essay_id), metadata=ivy,
                                timeout=10)
    assert mine.essay.essay_id == essay.essay_id


def test_empty_ids_are_invalid(system, users):
    ivy, _, _ = users
    for method, request_ in (("GetEssay", gateway_pb2.GetEssayRequest()),
                             ("GetTask", gateway_pb2.GetTaskRequest()),
                             ("WatchEssay", gateway_pb2.WatchEssayRequest())):
        error = call_error(getattr(system.stub, method), request_, metadata=ivy)
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT, method


@pytest.mark.parametrize("username,email,password,field", [
    ("ab", "a@example.com", "long enough", "username"),
    ("bad name", "a@example.com", "long enough", "username"),
    ("okname", "not-an-email", "long enough", "email"),
    ("okname", "a@example.com", "short", "password"),
    ("okname", "a@example.com", "x" * 257, "password"),
])
def test_bad_registration_is_invalid_argument(system, username, email, password, field):
    error = call_error(system.stub.Register, gateway_pb2.RegisterRequest(
        username=username, email=email, password=password))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field in field_violations(error)


def test_taken_username_or_email_already_exists(system):
    system.register_and_login("lena_err")
    for username, email in (("lena_err", "other@example.com"), ("LENA_ERR", "x@example.com"),
                            ("other_lena", "lena_err@example.com")):
        error = call_error(system.stub.Register, gateway_pb2.RegisterRequest(
            username=username, email=email, password="long enough"))
        assert error.code() == grpc.StatusCode.ALREADY_EXISTS


def test_wrong_password_and_unknown_user_get_the_same_answer(system):
    system.register_and_login("mona_err")
    wrong = call_error(system.stub.Login, gateway_pb2.LoginRequest(username="mona_err", password="nope-nope"))
    unknown = call_error(system.stub.Login, gateway_pb2.LoginRequest(username="nobody_x", password="nope-nope"))
    assert wrong.code() == unknown.code() == grpc.StatusCode.UNAUTHENTICATED
    assert wrong.details() == unknown.details()


def test_invalid_utf8_is_invalid_argument_not_internal(system, users):
    ivy, _, _ = users
    # Field 1 (title), length 2, bytes that are not UTF-8.
    raw = system.channel.unary_unary("/essay.gateway.v1.GatewayService/SubmitEssay",
                                     request_serializer=lambda b: b, response_deserializer=lambda b: b)
    with pytest.raises(grpc.RpcError) as err:
        raw(b"\x0a\x02\xff\xfe\x12\x01x", metadata=ivy, timeout=10)
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT


@pytest.mark.parametrize("service", ["grpc.reflection.v1alpha.ServerReflection", "grpc.reflection.v1.ServerReflection"])
@pytest.mark.parametrize("body", [b"\xff\xff\xff", b"\x3a\x02\xc3\x28"])  # truncated; list_services not UTF-8
def test_malformed_bytes_to_server_reflection_are_invalid_argument(system, service, body):
    # A request stream: each message is checked as the servicer reads it (gateway: grpc.aio;
    # the correction service: a thread pool; reflection needs no internal token).
    for address in (system.env["GATEWAY_ADDR"], system.env["CORRECTION_ADDR"]):
        with grpc.insecure_channel(address) as channel:
            raw = channel.stream_stream(f"/{service}/ServerReflectionInfo",
                                        request_serializer=lambda b: b, response_deserializer=lambda b: b)
            with pytest.raises(grpc.RpcError) as err:
                list(raw(iter([body]), timeout=10))
            assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT, address


def test_streams_whose_deadline_passes_at_once_leave_no_unretrieved_errors(system, users):
    ivy, _, _ = users
    failures = []
    for n in range(40):
        try:
            list(system.stub.SubscribeNotifications(gateway_pb2.SubscribeNotificationsRequest(),
                                                    metadata=ivy, timeout=0.005 + n * 0.0025))
        except grpc.RpcError as error:
            failures.append(error.code())
    assert set(failures) == {grpc.StatusCode.DEADLINE_EXCEEDED}
    time.sleep(1.0)  # the gateway's event loop reports a lost exception when the future is collected
    assert "exception was never retrieved" not in system.processes.log("up")
