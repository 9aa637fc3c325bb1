"""Streams under trouble: gap-free resume across a notifier restart and a killed connection,
notifications through the gateway, and revoked tokens ending streams."""

from __future__ import annotations

import re
import subprocess
import threading
import time

import grpc
import pytest
from sqlalchemy import text

from essay.common.v1 import common_pb2
from essay.gateway.v1 import gateway_pb2
from tests.chaos.harness import ChaosSystem
from tests.support import ROOT, essay_command, wait_serving

TERMINAL = {common_pb2.ESSAY_STATE_COMPLETED, common_pb2.ESSAY_STATE_FAILED, common_pb2.ESSAY_STATE_CANCELLED}


@pytest.fixture()
def slow(tmp_path):
    # A slow engine with transient failures keeps essays live long enough to break things mid-stream.
    system = ChaosSystem(tmp_path, ENGINE_DELAY_SECONDS="4", HEARTBEAT_SECONDS="1")
    system.start_services()
    system.start_worker()
    yield system
    system.close()


def stored_seqs(system, essay_id: str) -> list[int]:
    with system.db.connect() as conn:
        return [r[0] for r in conn.execute(text(
            "SELECT seq FROM correction.essay_events WHERE essay_id = :e ORDER BY seq"), {"e": essay_id})]


def follow_with_resume(system, metadata, essay_id: str, on_event=None) -> list:
    """A careful client: resumes with after_seq after any break; returns every event received."""
    received, last = [], 0
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            for message in system.stub.WatchEssay(
                    gateway_pb2.WatchEssayRequest(essay_id=essay_id, after_seq=last), metadata=metadata,
                    timeout=60):
                if message.HasField("event"):
                    received.append(message.event)
                    last = message.event.seq
                    if on_event:
                        on_event(message.event)
                    if message.event.state in TERMINAL:
                        return received
        except grpc.RpcError:
            time.sleep(0.3)
    raise AssertionError(f"no terminal event: {[(e.seq, e.state) for e in received]}")


@pytest.mark.parametrize("victim", ["notifier", "gateway"])
def test_resume_after_a_restart_misses_nothing(slow, victim):
    user = slow.login(f"resume_{victim}")
    essay_id = slow.submit(user, 0)
    killed = threading.Event()

    def kill_once(event):
        if event.state == common_pb2.ESSAY_STATE_PROCESSING and not killed.is_set():
            killed.set()
            slow.kill(victim)
            slow.start(victim, "serve", victim)

    events = follow_with_resume(slow, user, essay_id, on_event=kill_once)
    assert killed.is_set()
    seqs = [e.seq for e in events]
    assert seqs == stored_seqs(slow, essay_id), "the full sequence, no gap, no duplicate"
    assert events[-1].state == common_pb2.ESSAY_STATE_COMPLETED


def test_a_connection_cut_mid_stream_resumes_without_gaps(slow):
    user = slow.login("cut_stream")
    essay_id = slow.submit(user, 0)
    stream = slow.stub.WatchEssay(gateway_pb2.WatchEssayRequest(essay_id=essay_id), metadata=user, timeout=60)
    first = next(stream)
    stream.cancel()  # the client's connection drops here
    time.sleep(5)  # events happen while it is away
    resumed = [m for m in slow.stub.WatchEssay(
        gateway_pb2.WatchEssayRequest(essay_id=essay_id, after_seq=first.event.seq), metadata=user, timeout=60)]
    seqs = [first.event.seq] + [m.event.seq for m in resumed if m.HasField("event")]
    assert seqs == stored_seqs(slow, essay_id)


def test_notifications_live_and_missed_while_offline(slow):
    user = slow.login("notified")
    subscription = slow.stub.SubscribeNotifications(gateway_pb2.SubscribeNotificationsRequest(),
                                                    metadata=user, timeout=60)
    assert next(subscription).HasField("heartbeat")
    essay_id = slow.submit(user, 0)
    live = []
    for message in subscription:
        if message.HasField("notification"):
            live.append(message.notification)
            if message.notification.kind == common_pb2.NOTIFICATION_KIND_CORRECTION_COMPLETED:
                break
    subscription.cancel()
    assert [n.notification_id for n in live] == list(range(1, len(live) + 1))
    assert live[-1].essay_id == essay_id and live[-1].score_total > 0
    # Offline now: a second essay finishes unseen; ListNotifications shows what was missed.
    second = slow.submit(user, 1)
    follow_with_resume(slow, user, second)
    missed = slow.stub.ListNotifications(gateway_pb2.ListNotificationsRequest(
        after_id=live[-1].notification_id), metadata=user, timeout=10)
    assert {n.essay_id for n in missed.notifications} == {second}
    assert missed.unread_count == missed.latest_id
    marked = slow.stub.MarkNotificationsRead(gateway_pb2.MarkNotificationsReadRequest(
        up_to_id=missed.latest_id), metadata=user, timeout=10)
    assert marked.unread_count == 0 and marked.marked_count == missed.latest_id
    # Resuming the subscription with the cursor replays exactly what was missed.
    resumed = slow.stub.SubscribeNotifications(gateway_pb2.SubscribeNotificationsRequest(
        after_id=live[-1].notification_id), metadata=user, timeout=10)
    replay = []
    for message in resumed:
        if message.HasField("heartbeat"):
            break
        replay.append(message.notification.notification_id)
    resumed.cancel()
    assert replay == [n.notification_id for n in missed.notifications]


def test_a_subscription_cut_before_its_first_notification_resumes_from_zero(slow):
    # A new account's first stream sees only a heartbeat (latest_seq 0) and drops; its essay's
    # notifications come while it is away; resuming from 0 with resume=true replays them all.
    user = slow.login("first_cut")
    subscription = slow.stub.SubscribeNotifications(gateway_pb2.SubscribeNotificationsRequest(),
                                                    metadata=user, timeout=60)
    seen = next(subscription).heartbeat.latest_seq
    subscription.cancel()
    assert seen == 0
    essay_id = slow.submit(user, 0)
    follow_with_resume(slow, user, essay_id)
    stored = slow.stub.ListNotifications(gateway_pb2.ListNotificationsRequest(), metadata=user, timeout=10)
    assert stored.latest_id >= 2
    resumed = slow.stub.SubscribeNotifications(gateway_pb2.SubscribeNotificationsRequest(
        after_id=seen, resume=True), metadata=user, timeout=10)
    replay = []
    for message in resumed:
        if message.HasField("heartbeat"):
            assert message.heartbeat.latest_seq == stored.latest_id
            break
        replay.append(message.notification.notification_id)
    resumed.cancel()
    assert replay == list(range(1, stored.latest_id + 1))
    # Without resume, 0 still means the live tail only.
    live = slow.stub.SubscribeNotifications(gateway_pb2.SubscribeNotificationsRequest(), metadata=user, timeout=10)
    assert next(live).heartbeat.latest_seq == stored.latest_id
    live.cancel()


def test_logout_ends_open_streams_with_unauthenticated_within_five_seconds(slow):
    user = slow.login("revoked")
    essay_id = slow.submit(user, 0)
    streams = [slow.stub.WatchEssay(gateway_pb2.WatchEssayRequest(essay_id=essay_id), metadata=user, timeout=60),
               slow.stub.SubscribeNotifications(gateway_pb2.SubscribeNotificationsRequest(), metadata=user,
                                                timeout=60)]
    for stream in streams:
        next(stream)
    slow.stub.Logout(gateway_pb2.LogoutRequest(), metadata=user, timeout=10)
    revoked = time.monotonic()
    for stream in streams:
        with pytest.raises(grpc.RpcError) as err:
            for _ in stream:
                pass
        assert err.value.code() == grpc.StatusCode.UNAUTHENTICATED
    assert time.monotonic() - revoked < 5.0


def test_an_admin_demoted_while_watching_another_users_essay_loses_the_stream(slow):
    out = subprocess.run(essay_command("users", "create-admin", "stream_root", "stream_root@example.com",
                                       "--password", "admin-password"),
                         env=slow.env, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    root = (("authorization", "Bearer " + slow.stub.Login(gateway_pb2.LoginRequest(
        username="stream_root", password="admin-password"), timeout=10).access_token),)
    watcher = slow.login("stream_admin")
    watcher_id = slow.stub.GetMe(gateway_pb2.GetMeRequest(), metadata=watcher, timeout=10).user.user_id
    slow.stub.UpdateUser(gateway_pb2.UpdateUserRequest(user_id=watcher_id, role=common_pb2.ROLE_ADMIN),
                         metadata=root, timeout=10)
    time.sleep(4.5)  # past the gateway's token cache (2 s, twice)
    student = slow.login("stream_student")
    essays = [slow.submit(student, n) for n in range(4)]  # the last waits behind three slow ones
    stream = slow.stub.WatchEssay(gateway_pb2.WatchEssayRequest(essay_id=essays[-1]), metadata=watcher, timeout=60)
    assert next(stream).HasField("essay")  # the snapshot
    slow.stub.UpdateUser(gateway_pb2.UpdateUserRequest(user_id=watcher_id, role=common_pb2.ROLE_STUDENT),
                         metadata=root, timeout=10)
    demoted = time.monotonic()
    with pytest.raises(grpc.RpcError) as err:
        for message in stream:
            assert not (message.HasField("event") and message.event.state in TERMINAL), \
                "the stream went on to the end after the demotion"
    assert err.value.code() == grpc.StatusCode.UNAVAILABLE and "admin rights" in err.value.details()
    assert time.monotonic() - demoted < 8.0
    # Reconnecting, the former admin is answered as a student: another user's essay is not found.
    with pytest.raises(grpc.RpcError) as err:
        next(slow.stub.WatchEssay(gateway_pb2.WatchEssayRequest(essay_id=essays[-1]), metadata=watcher,
                                  timeout=10))
    assert err.value.code() == grpc.StatusCode.NOT_FOUND


def test_cli_watch_reconnects_by_itself(slow):
    env = dict(slow.env)
    subprocess.run(essay_command("register", "cli_watch", "cli_watch@example.com", "--password", "cli-password"),
                   env=env, cwd=ROOT, check=True, capture_output=True, timeout=60)
    subprocess.run(essay_command("login", "cli_watch", "--password", "cli-password"), env=env, cwd=ROOT,
                   check=True, capture_output=True, timeout=60)
    submitted = subprocess.run(essay_command("submit", str(ROOT / "sample.txt")), env=env, cwd=ROOT,
                               check=True, capture_output=True, text=True, timeout=60).stdout
    essay_id = re.search(r"submitted essay ([0-9a-f-]{36})", submitted).group(1)
    watcher = subprocess.Popen(essay_command("watch", essay_id), env=env, cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(2)
        slow.kill("gateway")
        slow.start("gateway", "serve", "gateway")
        wait_serving(slow.env["GATEWAY_ADDR"])
        out, err = watcher.communicate(timeout=90)
    finally:
        if watcher.poll() is None:
            watcher.kill()
    assert watcher.returncode == 0, err
    assert "reconnecting" in err
    seqs = [int(s) for s in re.findall(r"^\s+\[\s*(\d+)\]", out, re.M)]
    stored = stored_seqs(slow, essay_id)
    assert seqs == stored[stored.index(seqs[0]):], "from the snapshot's event on, nothing missed or repeated"
    assert "COMPLETED" in out and "Score" in out


def test_a_stream_over_the_per_user_limit_says_why_in_its_details(tmp_path):
    from google.rpc import error_details_pb2
    from grpc_status import rpc_status

    system = ChaosSystem(tmp_path, MAX_STREAMS_PER_USER="2")
    try:
        system.start_services()
        user = system.login("streamer")
        open_streams = [system.stub.SubscribeNotifications(gateway_pb2.SubscribeNotificationsRequest(),
                                                           metadata=user, timeout=30) for _ in range(2)]
        for stream in open_streams:
            assert next(stream).HasField("heartbeat")
        essay_id = system.submit(user, 0)
        for third in (system.stub.SubscribeNotifications(gateway_pb2.SubscribeNotificationsRequest(),
                                                         metadata=user, timeout=30),
                      system.stub.WatchEssay(gateway_pb2.WatchEssayRequest(essay_id=essay_id),
                                             metadata=user, timeout=30)):
            with pytest.raises(grpc.RpcError) as failure:
                next(third)
            assert failure.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
            status = rpc_status.from_call(failure.value)
            assert status is not None, "the google.rpc.Status details are passed on by the gateway"
            reasons = []
            for detail in status.details:
                info = error_details_pb2.ErrorInfo()
                if detail.Unpack(info):
                    reasons.append(info.reason)
            assert reasons == ["TOO_MANY_STREAMS"]
        for stream in open_streams:
            stream.cancel()
    finally:
        system.close()
