"""Quota reservations and welcome emails against the real PostgreSQL, RabbitMQ and SMTP."""

from __future__ import annotations

import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import grpc
import pytest

from services.platform.errors import ServiceError
from services.users.service import UserService
from tests.support import Processes, SmtpServer, system_environ, wait_serving


@pytest.fixture()
def users(uow):
    return UserService(uow, timedelta(hours=1), {"student": 10, "teacher": 50, "admin": 500})


def new_user(users):
    name = "q" + uuid.uuid4().hex[:12]
    return users.create_user(name, f"{name}@example.com", "long enough")


def test_fifty_concurrent_reservations_with_ten_left_take_exactly_ten(users):
    user = new_user(users)

    def reserve(n):
        try:
            users.reserve_quota(user.user_id, f"essay-{n}")
            return True
        except ServiceError as error:
            assert error.code == grpc.StatusCode.RESOURCE_EXHAUSTED
            return False

    with ThreadPoolExecutor(50) as pool:
        granted = list(pool.map(reserve, range(50)))
    assert granted.count(True) == 10
    assert users.get_user(user.user_id).monthly_used == 10


def test_a_reservation_is_charged_once_per_key_and_released_once(users):
    user = new_user(users)
    assert users.reserve_quota(user.user_id, "k1").monthly_used == 1
    assert users.reserve_quota(user.user_id, "k1").monthly_used == 1, "a retried reserve is free"
    assert users.release_quota(user.user_id, "k1").monthly_used == 0
    assert users.release_quota(user.user_id, "k1").monthly_used == 0, "release is idempotent"
    assert users.reserve_quota(user.user_id, "k1").monthly_used == 1, "a released key can be charged again"
    # ... and then it holds again: a retry is free, and a release gives it back.
    assert users.reserve_quota(user.user_id, "k1").monthly_used == 1
    assert users.release_quota(user.user_id, "k1").monthly_used == 0


def test_concurrent_reserves_and_releases_of_one_key_never_error_or_double_charge(users):
    user = new_user(users)

    def reserve(_n):
        return users.reserve_quota(user.user_id, "same-key").monthly_used

    with ThreadPoolExecutor(20) as pool:
        assert set(pool.map(reserve, range(20))) == {1}
    with ThreadPoolExecutor(20) as pool:
        list(pool.map(lambda n: users.release_quota(user.user_id, "same-key") if n % 2 else
                      users.reserve_quota(user.user_id, "same-key"), range(20)))
    used = users.get_user(user.user_id).monthly_used
    assert used in (0, 1)
    assert users.release_quota(user.user_id, "same-key").monthly_used == 0


@pytest.fixture()
def users_processes(database_url, broker_url, tmp_path, request):
    smtp = SmtpServer()  # not started: the mail server is down at first
    env = system_environ(database_url, broker_url, tmp_path)
    env.update(SMTP_HOST="127.0.0.1", SMTP_PORT=str(smtp.port), OUTBOX_SWEEP_SECONDS="0.2")
    env.update(getattr(request, "param", {}))
    procs = Processes(env, tmp_path)
    procs.start("users", "serve", "users")
    procs.start("worker", "worker", "--queue", "users", "--concurrency", "1")
    wait_serving(env["USERS_ADDR"])
    yield procs, smtp
    procs.stop()
    smtp.stop()


def test_welcome_email_sent_exactly_once_after_the_smtp_server_comes_back(users_processes, users):
    procs, smtp = users_processes
    user = new_user(users)  # the users process's relay publishes the queued email task
    deadline = time.monotonic() + 30
    while "welcome email for" not in procs.log("worker"):
        assert time.monotonic() < deadline, procs.log("worker")[-3000:]
        time.sleep(0.2)
    smtp.start()
    messages = smtp.wait_for(1, timeout=90)
    time.sleep(3)  # nothing more comes
    mine = [m for m in messages if user.email in m["To"]]
    assert len(mine) == 1
    assert mine[0]["Message-ID"] == f"<welcome.{user.user_id}@essay.local>"
    # A redelivered task finds the email recorded and sends nothing.
    from services.users.mail import SmtpMailer, SmtpSettings

    assert users.send_welcome_email(user.user_id, SmtpMailer(SmtpSettings(host="127.0.0.1", port=smtp.port))) \
        is False
    assert len([m for m in smtp.messages if user.email in m["To"]]) == 1


@pytest.mark.parametrize("users_processes", [{"EMAIL_MAX_RETRIES": "1"}], indirect=True)
def test_an_email_still_unsent_after_its_retries_goes_to_the_dead_letter_queue(users_processes, users,
                                                                              broker_url):
    from kombu import Connection

    from services.platform.messaging import dead_letter_queue

    procs, _smtp = users_processes  # the mail server never comes up
    user = new_user(users)
    deadline = time.monotonic() + 60
    while "not sent after 2 attempts" not in procs.log("worker"):
        assert time.monotonic() < deadline, procs.log("worker")[-3000:]
        time.sleep(0.2)
    with Connection(broker_url) as connection:
        queue = connection.SimpleQueue(dead_letter_queue("users"), no_ack=False)
        try:
            message = queue.get(timeout=10)
            assert message.payload[0] == [user.user_id]
            assert message.headers["task"] == "users.send_welcome_email"
            message.ack()
        finally:
            queue.close()
