"""Accounts, roles, authorization, the monthly quota and welcome emails, on the running system."""

from __future__ import annotations

import subprocess
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from email.header import decode_header, make_header

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc_status import rpc_status
from sqlalchemy import create_engine, text

from essay.common.v1 import common_pb2
from essay.gateway.v1 import gateway_pb2
from tests.support import ROOT, essay_command


def details(error: grpc.RpcError, kind):
    status = rpc_status.from_call(error)
    for detail in status.details if status else ():
        if detail.Is(kind.DESCRIPTOR):
            out = kind()
            detail.Unpack(out)
            return out
    return None


@pytest.fixture(scope="module")
def admin(system):
    out = subprocess.run(essay_command("users", "create-admin", "root_admin", "root@example.com",
                                       "--password", "admin-password"),
                         env=system.env, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    reply = system.stub.Login(gateway_pb2.LoginRequest(username="root_admin", password="admin-password"),
                              timeout=10)
    assert reply.user.role == common_pb2.ROLE_ADMIN
    return (("authorization", f"Bearer {reply.access_token}"),), reply.user


def test_welcome_emails_arrive_in_the_users_language(system, smtp):
    before = len(smtp.messages)
    _, en = system.register_and_login("mail_en")
    system.stub.Register(gateway_pb2.RegisterRequest(username="mail_zh", email="mail_zh@example.com",
                                                     password="long enough", locale="zh"), timeout=10)
    deadline = time.monotonic() + 60
    while not {m["To"] for m in smtp.messages} >= {"mail_en <mail_en@example.com>",
                                                   "mail_zh <mail_zh@example.com>"}:
        assert time.monotonic() < deadline, [m["To"] for m in smtp.messages[before:]]
        time.sleep(0.2)
    by_to = {m["To"]: m for m in smtp.messages}
    english, chinese = by_to["mail_en <mail_en@example.com>"], by_to["mail_zh <mail_zh@example.com>"]
    assert "Welcome" in english["Subject"] and english["Message-ID"] == f"<welcome.{en.user.user_id}@essay.local>"
    assert "欢迎" in str(make_header(decode_header(chinese["Subject"])))
    assert "每月可批改" in chinese.get_payload(decode=True).decode("utf-8")
    assert sum(m["To"] == "mail_en <mail_en@example.com>" for m in smtp.messages) == 1


def test_register_cannot_choose_a_role_and_admins_come_from_the_operator_command(system, admin):
    _, student = system.register_and_login("plain_student")
    assert student.user.role == common_pb2.ROLE_STUDENT
    _, admin_user = admin
    assert admin_user.role == common_pb2.ROLE_ADMIN


def test_admin_only_rpcs(system, admin):
    student, reply = system.register_and_login("not_admin")
    admin_md, _ = admin
    for method, request in (("ListUsers", gateway_pb2.ListUsersRequest()),
                            ("UpdateUser", gateway_pb2.UpdateUserRequest(user_id=reply.user.user_id,
                                                                          monthly_limit=999))):
        with pytest.raises(grpc.RpcError) as err:
            getattr(system.stub, method)(request, metadata=student, timeout=10)
        assert err.value.code() == grpc.StatusCode.PERMISSION_DENIED, method
    listed = system.stub.ListUsers(gateway_pb2.ListUsersRequest(page_size=100), metadata=admin_md, timeout=10)
    assert "not_admin" in {u.username for u in listed.users}
    updated = system.stub.UpdateUser(gateway_pb2.UpdateUserRequest(
        user_id=reply.user.user_id, role=common_pb2.ROLE_TEACHER, monthly_limit=7), metadata=admin_md,
        timeout=10).user
    assert (updated.role, updated.quota.monthly_limit) == (common_pb2.ROLE_TEACHER, 7)
    me = system.stub.GetMe(gateway_pb2.GetMeRequest(), metadata=student, timeout=10).user
    assert me.quota.monthly_limit == 7
    with pytest.raises(grpc.RpcError) as err:
        system.stub.UpdateUser(gateway_pb2.UpdateUserRequest(user_id=reply.user.user_id, role=42),
                               metadata=admin_md, timeout=10)
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT


def test_authorization_matrix(system, admin):
    s1, _ = system.register_and_login("matrix_one")
    s2, _ = system.register_and_login("matrix_two")
    admin_md, _ = admin
    callers = {"student1": s1, "student2": s2, "admin": admin_md}
    own = {name: system.stub.SubmitEssay(gateway_pb2.SubmitEssayRequest(
        title=f"{name}'s", content="A finished essay. It is short.", wait=True), metadata=md, timeout=60).essay
        for name, md in callers.items()}
    assert all(e.state == common_pb2.ESSAY_STATE_COMPLETED for e in own.values())
    missing = gateway_pb2.WatchEssayRequest(essay_id=str(uuid.uuid4()))
    OK, NF, FP = grpc.StatusCode.OK, grpc.StatusCode.NOT_FOUND, grpc.StatusCode.FAILED_PRECONDITION

    def code(method, request, metadata):
        try:
            result = getattr(system.stub, method)(request, metadata=metadata, timeout=15)
            if method == "WatchEssay":
                list(result)
            return OK
        except grpc.RpcError as error:
            return error.code()

    def requests(essay):
        return {
            "GetEssay": gateway_pb2.GetEssayRequest(essay_id=essay.essay_id),
            "WatchEssay": gateway_pb2.WatchEssayRequest(essay_id=essay.essay_id),
            "GetTask": gateway_pb2.GetTaskRequest(task_id=essay.task_id),
            "CancelEssay": gateway_pb2.CancelEssayRequest(essay_id=essay.essay_id),
        }

    cells = []
    for name, metadata in callers.items():
        other = own["student2" if name == "student1" else "student1"]
        for target, essay in (("own", own[name]), ("other's", other), ("missing", None)):
            for method, request in (requests(essay) if essay else {
                    "GetEssay": gateway_pb2.GetEssayRequest(essay_id=missing.essay_id),
                    "WatchEssay": missing,
                    "GetTask": gateway_pb2.GetTaskRequest(task_id=str(uuid.uuid4())),
                    "CancelEssay": gateway_pb2.CancelEssayRequest(essay_id=missing.essay_id)}).items():
                allowed = target == "own" or (target == "other's" and name == "admin")
                expected = NF if not allowed else (FP if method == "CancelEssay" else OK)
                cells.append((name, method, target, expected, code(method, request, metadata)))
    wrong = [c for c in cells if c[3] != c[4]]
    assert not wrong, wrong
    assert len(cells) == 3 * 4 * 3
    for name, metadata in callers.items():
        listed = system.stub.ListEssays(gateway_pb2.ListEssaysRequest(page_size=100), metadata=metadata,
                                        timeout=10).essays
        ids = {e.essay_id for e in listed}
        assert own[name].essay_id in ids
        others = {e.essay_id for n, e in own.items() if n != name}
        assert (ids >= others) if name == "admin" else not (ids & others)


def test_fifty_concurrent_submissions_with_ten_left_accept_exactly_ten(system, admin):
    student, reply = system.register_and_login("quota_user")
    admin_md, _ = admin
    system.stub.UpdateUser(gateway_pb2.UpdateUserRequest(user_id=reply.user.user_id, monthly_limit=12),
                           metadata=admin_md, timeout=10)
    for n in range(2):
        system.stub.SubmitEssay(gateway_pb2.SubmitEssayRequest(title=f"pre {n}", content="Text."),
                                metadata=student, timeout=10)

    def submit(n):
        try:
            return system.stub.SubmitEssay(gateway_pb2.SubmitEssayRequest(
                title=f"q{n}", content="Text.", request_id=f"quota-{n}"), metadata=student, timeout=30)
        except grpc.RpcError as error:
            return error

    with ThreadPoolExecutor(50) as pool:
        results = list(pool.map(submit, range(50)))
    accepted = [r for r in results if not isinstance(r, grpc.RpcError)]
    refused = [r for r in results if isinstance(r, grpc.RpcError)]
    assert len(accepted) == 10
    assert {e.code() for e in refused} == {grpc.StatusCode.RESOURCE_EXHAUSTED}
    failure = details(refused[0], error_details_pb2.QuotaFailure)
    assert failure is not None and "12" in failure.violations[0].description
    info = details(refused[0], error_details_pb2.ErrorInfo)
    assert info.metadata["limit"] == "12" and info.metadata["reset_time"]
    me = system.stub.GetMe(gateway_pb2.GetMeRequest(), metadata=student, timeout=10).user
    assert (me.quota.monthly_used, me.quota.monthly_limit) == (12, 12)
    # An idempotent replay of an accepted submission is answered, and not charged again.
    first = next(r for r in results if not isinstance(r, grpc.RpcError))
    replay = system.stub.SubmitEssay(gateway_pb2.SubmitEssayRequest(
        title=first.essay.title, content="Text.", request_id=f"quota-{first.essay.title[1:]}"),
        metadata=student, timeout=10)
    assert replay.essay.essay_id == first.essay.essay_id


def test_a_request_id_of_any_allowed_length_is_charged_once(system):
    student, _ = system.register_and_login("long_request_ids")
    for request_id in ("r" * 128, "请" * 128, "x"):
        first = system.stub.SubmitEssay(gateway_pb2.SubmitEssayRequest(
            title="Long", content="Text.", request_id=request_id), metadata=student, timeout=10)
        again = system.stub.SubmitEssay(gateway_pb2.SubmitEssayRequest(
            title="Long", content="Text.", request_id=request_id), metadata=student, timeout=10)
        assert again.essay.essay_id == first.essay.essay_id
    me = system.stub.GetMe(gateway_pb2.GetMeRequest(), metadata=student, timeout=10).user
    assert me.quota.monthly_used == 3


def test_beat_runs_the_quota_reset_once_at_its_start(system):
    assert "sent users.reset_monthly_quota at start" in system.processes.log("up")


def test_the_daily_reset_shows_in_get_me(system, system_backends):
    student, reply = system.register_and_login("reset_user")
    system.stub.SubmitEssay(gateway_pb2.SubmitEssayRequest(title="t", content="Text."), metadata=student,
                            timeout=10)
    engine = create_engine(system_backends[0])
    with engine.begin() as conn:
        conn.execute(text("UPDATE users.accounts SET quota_reset_at = now() - interval '31 days' "
                          "WHERE id = :u"), {"u": reply.user.user_id})
    engine.dispose()
    deadline = time.monotonic() + 30
    while True:  # beat fires every 3 s here (QUOTA_RESET_INTERVAL_SECONDS)
        me = system.stub.GetMe(gateway_pb2.GetMeRequest(), metadata=student, timeout=10).user
        if me.quota.monthly_used == 0:
            break
        assert time.monotonic() < deadline, me
        time.sleep(0.5)
    assert me.quota.reset_time.ToDatetime().date() > reply.user.quota.reset_time.ToDatetime().date() or \
        me.quota.reset_time.seconds >= reply.user.quota.reset_time.seconds


def test_repeated_failed_logins_are_throttled(system):
    system.register_and_login("throttled")
    codes = []
    for _ in range(6):
        try:
            system.stub.Login(gateway_pb2.LoginRequest(username="throttled", password="wrong-password"),
                              timeout=10)
        except grpc.RpcError as error:
            codes.append(error.code())
            last = error
    assert codes[:5] == [grpc.StatusCode.UNAUTHENTICATED] * 5
    assert codes[5] == grpc.StatusCode.RESOURCE_EXHAUSTED
    assert details(last, error_details_pb2.RetryInfo).retry_delay.seconds > 0
    with pytest.raises(grpc.RpcError) as err:  # even the right password waits now
        system.stub.Login(gateway_pb2.LoginRequest(username="throttled", password="correct horse"), timeout=10)
    assert err.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED


def test_behind_a_front_end_one_clients_failures_do_not_lock_out_the_others(system):
    # The tests' address is a trusted proxy here: x-forwarded-for names the client.
    system.register_and_login("behind_proxy")
    guesser = (("x-forwarded-for", "203.0.113.7"),)
    codes = []
    for n in range(31):  # unknown accounts: only the address limit (30) applies
        try:
            system.stub.Login(gateway_pb2.LoginRequest(username=f"nobody{n}", password="wrong-password"),
                              metadata=guesser, timeout=10)
        except grpc.RpcError as error:
            codes.append(error.code())
    assert codes[-1] == grpc.StatusCode.RESOURCE_EXHAUSTED
    other = (("x-forwarded-for", "203.0.113.8"),)
    reply = system.stub.Login(gateway_pb2.LoginRequest(username="behind_proxy", password="correct horse"),
                              metadata=other, timeout=10)
    assert reply.access_token


def test_create_admin_reports_a_taken_name_or_a_bad_field_in_one_line(system, admin):
    for args, expected in ((("root_admin", "other@example.com", "--password", "admin-password"), "ALREADY_EXISTS"),
                           (("r2", "bad", "--password", "x"), "INVALID_ARGUMENT")):
        out = subprocess.run(essay_command("users", "create-admin", *args), env=system.env, cwd=ROOT,
                             capture_output=True, text=True, timeout=60)
        assert out.returncode == 1
        assert expected in out.stderr and "Traceback" not in out.stderr, out.stderr
