"""Faults injected into a running system; each test checks the whole history afterwards.

CI runs the bounded subset (worker SIGKILL with fewer essays, the three crash points, the
broker stopped); `make chaos` runs everything at full size (CHAOS=full)."""

from __future__ import annotations

import re
import signal
import subprocess
import threading
import time

import grpc
import pytest

from essay.common.v1 import common_pb2
from essay.gateway.v1 import gateway_pb2
from services.correction.worker import POISON_PILL
from tests.chaos.conftest import FULL
from tests.support import rabbitmqctl, wait_serving

chaos_full = pytest.mark.chaos_full


def test_worker_sigkilled_every_two_seconds(make_chaos):
    count = 200 if FULL else 60
    chaos = make_chaos(ENGINE_DELAY_SECONDS="0.2")
    chaos.start_services()
    chaos.start_worker()
    user = chaos.login("kill_worker")
    started = time.monotonic()
    ids = chaos.submit_many(user, count)
    for essay_id in ids:
        chaos.watch(user, essay_id)
    kills = 0
    deadline = time.monotonic() + 120
    chaos.wait_worker_ready()
    while time.monotonic() < deadline and not chaos_done(chaos, ids):
        # Two seconds of work between kills, however long the worker takes to start on a busy
        # machine: the test is about what a kill loses, not about how fast a worker starts.
        time.sleep(2)
        chaos.kill("worker")
        kills += 1
        chaos.start_worker()
        chaos.wait_worker_ready()
    report = chaos.verify("worker SIGKILL every 2s", started)
    print(f"  worker killed {kills} times")
    assert report.completed == count


def chaos_done(chaos, ids) -> bool:
    from sqlalchemy import text

    with chaos.db.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM correction.essays WHERE id = ANY(CAST(:ids AS uuid[])) "
                                 "AND state = 'COMPLETED'"), {"ids": ids}).scalar() == len(ids)


def test_crash_after_the_submit_commit(chaos):
    chaos.start_services(correction_env={"FAILPOINTS": "submit.after_commit"})
    chaos.start_worker()
    user = chaos.login("crash_submit")
    started = time.monotonic()
    request = gateway_pb2.SubmitEssayRequest(title="Crash", content="Text. It is here.", request_id="crash-1")
    with pytest.raises(grpc.RpcError) as err:
        chaos.stub.SubmitEssay(request, metadata=user, timeout=10)
    assert err.value.code() in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.INTERNAL)
    assert chaos.procs.children["correction"].wait(10) == 86, "the failpoint ended the process"
    chaos.start("correction", "serve", "correction")
    wait_serving(chaos.env["CORRECTION_ADDR"])
    # The client retries with the same key: the essay committed before the crash, not a second one.
    essay_id = chaos.call(chaos.stub.SubmitEssay, request, user).essay.essay_id
    chaos.accepted[essay_id] = "crash-1"
    assert chaos.call(chaos.stub.SubmitEssay, request, user).essay.essay_id == essay_id
    chaos.watch(user, essay_id)
    assert chaos.verify("crash after submit commit", started).completed == 1


def test_crash_in_the_relay_after_the_broker_confirmed(chaos):
    chaos.start_services(correction_env={"FAILPOINTS": "relay.after_publish"})
    chaos.start_worker()
    user = chaos.login("crash_relay")
    started = time.monotonic()
    essay_id = chaos.submit(user, 0)
    assert chaos.procs.children["correction"].wait(10) == 86
    chaos.start("correction", "serve", "correction")  # its relay publishes the unmarked rows again
    wait_serving(chaos.env["CORRECTION_ADDR"])
    chaos.watch(user, essay_id)
    assert chaos.verify("crash in relay after confirm", started).completed == 1
    assert chaos.runs_to_result() == {essay_id: 1}


def test_crash_in_the_worker_after_the_result_commit(chaos):
    chaos.start_services()
    chaos.start_worker(env={"FAILPOINTS": "worker.after_result_commit"}, concurrency=1)
    user = chaos.login("crash_worker")
    started = time.monotonic()
    essay_id = chaos.submit(user, 0)
    chaos.watch(user, essay_id)
    deadline = time.monotonic() + 30
    while "failpoint worker.after_result_commit" not in chaos.procs.log("worker"):
        assert time.monotonic() < deadline, chaos.procs.log("worker")[-3000:]
        time.sleep(0.2)
    chaos.kill("worker")
    chaos.start_worker("worker2")  # the redelivered message finds the essay COMPLETED
    report = chaos.verify("crash in worker after result commit", started)
    assert report.completed == 1
    # The message came back (to the first worker's next child, or to worker2) and found the
    # essay COMPLETED; the queues are empty (checked above), so it was handled, not lost.
    deadline = time.monotonic() + 20
    while "nothing to do" not in chaos.procs.log("worker") + chaos.procs.log("worker2"):
        assert time.monotonic() < deadline, chaos.procs.log("worker2")[-2000:]
        time.sleep(0.2)


def test_broker_stopped_for_ten_seconds_during_submissions(chaos):
    chaos.start_services()
    chaos.start_worker()
    user = chaos.login("broker_down")
    started = time.monotonic()
    ids = chaos.submit_many(user, 10)
    rabbitmqctl("stop_app")
    try:
        stopped = time.monotonic()
        for key in ("CORRECTION_ADDR", "NOTIFIER_ADDR"):
            wait_health(chaos.env[key], "NOT_SERVING", 30)
        # Submissions need only PostgreSQL: they succeed while the broker is away.
        for n in range(10, 30):
            # Each call carries a 2 s deadline: a submission that waited for the broker would fail.
            ids.append(chaos.submit(user, n, deadline=2.0))
        time.sleep(max(0.0, 10 - (time.monotonic() - stopped)))
    finally:
        rabbitmqctl("start_app")
        rabbitmqctl("await_startup")
    for essay_id in ids:
        chaos.watch(user, essay_id)
    assert chaos.verify("RabbitMQ stopped 10s", started).completed == 30
    for key in ("CORRECTION_ADDR", "NOTIFIER_ADDR", "GATEWAY_ADDR"):
        wait_health(chaos.env[key], "SERVING", 30)


def wait_health(address: str, status: str, timeout: float) -> None:
    from grpc_health.v1 import health_pb2, health_pb2_grpc

    deadline = time.monotonic() + timeout
    with grpc.insecure_channel(address) as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        while True:
            try:
                now = health_pb2.HealthCheckResponse.ServingStatus.Name(
                    stub.Check(health_pb2.HealthCheckRequest(), timeout=2).status)
            except grpc.RpcError as error:
                now = error.code().name
            if now == status:
                return
            assert time.monotonic() < deadline, f"{address} is {now}, not {status}"
            time.sleep(0.2)


@chaos_full
def test_a_poison_essay_is_dead_lettered_and_the_others_complete(make_chaos):
    chaos = make_chaos(DELIVERY_LIMIT="3")
    chaos.start_services()
    chaos.start_worker(env={"FAILPOINTS": "worker.poison_pill"})
    user = chaos.login("poison")
    started = time.monotonic()
    poison = chaos.submit(user, 0, content=f"This essay {POISON_PILL} kills its worker.")
    ids = [poison] + chaos.submit_many(user, 20)
    for essay_id in ids:
        chaos.watch(user, essay_id)
    report = chaos.verify("poison essay", started, expect_failed=1)
    assert report.completed == 20
    essay = chaos.stub.GetEssay(gateway_pb2.GetEssayRequest(essay_id=poison), metadata=user, timeout=10).essay
    assert "kept crashing its worker" in essay.error or "gave up" in essay.error
    assert essay.attempt <= 4


@chaos_full
def test_postgres_restarted_while_essays_are_processing(make_chaos):
    chaos = make_chaos(ENGINE_DELAY_SECONDS="0.3")
    chaos.start_services()
    chaos.start_worker(concurrency=4)
    user = chaos.login("pg_restart")
    started = time.monotonic()
    ids = chaos.submit_many(user, 40)
    for essay_id in ids:
        chaos.watch(user, essay_id)
    time.sleep(1.5)
    codes, stop = [], threading.Event()

    def probe():  # what clients see meanwhile: answers or UNAVAILABLE with RetryInfo, never UNKNOWN
        while not stop.is_set():
            try:
                chaos.stub.GetEssay(gateway_pb2.GetEssayRequest(essay_id=ids[0]), metadata=user, timeout=5)
                codes.append("OK")
            except grpc.RpcError as error:
                codes.append(error.code().name)
                if error.code() == grpc.StatusCode.UNAVAILABLE:
                    assert has_retry_info(error), error
            time.sleep(0.05)

    prober = threading.Thread(target=probe)
    prober.start()
    version = subprocess.run(["ls", "/etc/postgresql"], capture_output=True, text=True).stdout.split()[-1]
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart", "-m", "immediate"],
                   check=True, timeout=120)
    time.sleep(2)
    stop.set()
    prober.join()
    assert set(codes) <= {"OK", "UNAVAILABLE"}, sorted(set(codes))
    assert chaos.verify("PostgreSQL restart -m immediate", started).completed == 40
    print(f"  during the restart: {codes.count('UNAVAILABLE')} UNAVAILABLE, {codes.count('OK')} OK")


def has_retry_info(error: grpc.RpcError) -> bool:
    from google.rpc import error_details_pb2
    from grpc_status import rpc_status

    status = rpc_status.from_call(error)
    return status is not None and any(d.Is(error_details_pb2.RetryInfo.DESCRIPTOR) for d in status.details)


@chaos_full
def test_a_broker_memory_alarm_never_blocks_a_submission(chaos):
    chaos.start_services()
    chaos.start_worker()
    user = chaos.login("memory_alarm")
    started = time.monotonic()
    ids = []
    rabbitmqctl("set_vm_memory_high_watermark", "0")
    try:
        for n in range(10):
            # Each call carries a 2 s deadline: a submission that waited for the broker would fail.
            ids.append(chaos.submit(user, n, deadline=2.0))
        time.sleep(5)
    finally:
        rabbitmqctl("set_vm_memory_high_watermark", "0.4")
    for essay_id in ids:
        chaos.watch(user, essay_id)
    assert chaos.verify("broker memory alarm", started).completed == 10


def test_a_frozen_backend_answers_unavailable_with_retry_info(chaos):
    """A backend that hangs (SIGSTOP) is UNAVAILABLE with RetryInfo once the gateway's backend
    timeout (5 s here) has passed, well before the client's own 30 s deadline; then it recovers."""
    from google.rpc import error_details_pb2
    from grpc_status import rpc_status

    chaos.start_services()
    user = chaos.login("frozen_backend")
    essay_id = chaos.submit(user, 0)  # no worker: it stays queued
    calls = {
        "correction": lambda: chaos.stub.GetEssay(gateway_pb2.GetEssayRequest(essay_id=essay_id),
                                                  metadata=user, timeout=30),
        "notifier": lambda: next(chaos.stub.WatchEssay(gateway_pb2.WatchEssayRequest(essay_id=essay_id),
                                                       metadata=user, timeout=30)),
    }
    for name, call in calls.items():
        chaos.kill(name, signal.SIGSTOP)
        try:
            with pytest.raises(grpc.RpcError) as err:
                call()
        finally:
            chaos.kill(name, signal.SIGCONT)
        assert err.value.code() == grpc.StatusCode.UNAVAILABLE, (name, err.value.code(), err.value.details())
        status = rpc_status.from_call(err.value)
        assert any(d.Is(error_details_pb2.RetryInfo.DESCRIPTOR) for d in status.details), name
        assert call() is not None  # answered again once the backend runs


def test_an_open_stream_whose_notifier_freezes_ends_unavailable_when_heartbeats_stop(make_chaos):
    """The gateway ends a stream that has been silent for three heartbeats (1 s here), so its
    client reconnects instead of waiting on a frozen notifier until keepalive gives up."""
    chaos = make_chaos(HEARTBEAT_SECONDS="1")
    chaos.start_services()
    user = chaos.login("frozen_stream")
    essay_id = chaos.submit(user, 0)  # no worker: it stays queued, and the stream idles
    stream = chaos.stub.WatchEssay(gateway_pb2.WatchEssayRequest(essay_id=essay_id), metadata=user, timeout=60)
    assert next(stream).HasField("essay")
    assert any(next(stream).HasField("heartbeat") for _ in range(5)), "heartbeats come while idle"
    chaos.kill("notifier", signal.SIGSTOP)
    frozen = time.monotonic()
    try:
        with pytest.raises(grpc.RpcError) as err:
            for _message in stream:
                pass
    finally:
        chaos.kill("notifier", signal.SIGCONT)
    assert err.value.code() == grpc.StatusCode.UNAVAILABLE and "silent" in err.value.details()
    assert time.monotonic() - frozen < 30, "well before keepalive's 40 s"


def test_a_sync_submit_answers_with_the_essay_whatever_the_notifier_does(chaos):
    """Once an essay is accepted, a wait=true submit never fails (the client would submit it
    again): with the notifier frozen or dead, the gateway reads the essay itself."""
    chaos.start_services()
    chaos.start_worker()
    user = chaos.login("sync_notifier")
    for n, sig in enumerate((signal.SIGSTOP, signal.SIGKILL)):
        chaos.kill("notifier", sig)
        try:
            request = gateway_pb2.SubmitEssayRequest(title=f"Sync {n}", content="I has a apple.", wait=True)
            essay = chaos.stub.SubmitEssay(request, metadata=user, timeout=30).essay
        finally:
            if sig == signal.SIGSTOP:
                chaos.kill("notifier", signal.SIGCONT)
        # The worker finished it well within the wait, and the gateway saw it without the notifier.
        assert essay.state == common_pb2.ESSAY_STATE_COMPLETED, (sig, essay.state)
        assert essay.result.score.total > 0


@chaos_full
def test_a_frozen_worker_past_its_lease_is_fenced_out(make_chaos):
    chaos = make_chaos(ENGINE_DELAY_SECONDS="3", CORRECTION_LEASE_SECONDS="4", TASK_TIME_LIMIT="30",
                       TASK_SOFT_TIME_LIMIT="25")
    chaos.start_services()
    chaos.start_worker("frozen", concurrency=1)
    user = chaos.login("frozen")
    started = time.monotonic()
    essay_id = chaos.submit(user, 0)
    chaos.watch(user, essay_id)
    deadline = time.monotonic() + 20
    while "attempt 1 started" not in chaos.procs.log("frozen"):
        assert time.monotonic() < deadline
        time.sleep(0.1)
    chaos.kill("frozen", signal.SIGSTOP)
    chaos.start_worker("rescuer", concurrency=1)
    deadline = time.monotonic() + 60
    while "completed in" not in chaos.procs.log("rescuer"):
        assert time.monotonic() < deadline, chaos.procs.log("rescuer")[-3000:]
        time.sleep(0.2)
    chaos.kill("frozen", signal.SIGCONT)
    deadline = time.monotonic() + 30
    while "result discarded" not in chaos.procs.log("frozen"):
        assert time.monotonic() < deadline, chaos.procs.log("frozen")[-3000:]
        time.sleep(0.2)
    assert chaos.verify("frozen worker past its lease", started).completed == 1
    assert chaos.runs_to_result() == {essay_id: 1}


@chaos_full
def test_fifty_concurrent_submissions_with_one_request_id_make_one_essay(chaos):
    from concurrent.futures import ThreadPoolExecutor

    chaos.start_services()
    chaos.start_worker()
    user = chaos.login("same_key")
    started = time.monotonic()
    with ThreadPoolExecutor(50) as pool:
        ids = set(pool.map(lambda _: chaos.submit(user, 0, request_id="one-key"), range(50)))
    assert len(ids) == 1
    chaos.watch(user, ids.pop())
    assert chaos.verify("50 submissions, one request_id", started).completed == 1


@chaos_full
def test_two_relays_and_two_beat_fires_at_once(chaos):
    from sqlalchemy import text

    from services.platform.messaging import BrokerSettings, create_celery
    from tests.support import free_port

    chaos.start_services()
    chaos.start("correction2", "serve", "correction", env={"CORRECTION_ADDR": f"127.0.0.1:{free_port()}"})
    chaos.start_worker()
    user = chaos.login("two_relays")
    started = time.monotonic()
    ids = chaos.submit_many(user, 60)
    for essay_id in ids:
        chaos.watch(user, essay_id)
    assert chaos.verify("two relays", started).completed == 60
    received = chaos.procs.log("worker").count("Task correction.process_essay[")
    assert received == 60 * 2, f"each essay's message was published once ({received // 2} received)"

    with chaos.db.connect() as conn:
        conn.execute(text("UPDATE users.accounts SET monthly_used = 5, quota_reset_at = now() - interval '31 days'"))
        conn.commit()
    chaos.start("users-worker2", "worker", "--queue", "users", "--concurrency", "1")
    app = create_celery(BrokerSettings(url=chaos.broker_url))
    fires = [threading.Thread(target=lambda: app.send_task("users.reset_monthly_quota", queue="users"))
             for _ in range(2)]
    for fire in fires:
        fire.start()
    for fire in fires:
        fire.join()
    deadline = time.monotonic() + 30
    logs = lambda: chaos.procs.log("users-worker") + chaos.procs.log("users-worker2")  # noqa: E731
    while logs().count("monthly quota reset for") < 2:
        assert time.monotonic() < deadline
        time.sleep(0.2)
    resets = [int(n) for n in re.findall(r"monthly quota reset for (\d+)", logs())]
    assert sorted(resets) == [0, 1], f"one fire reset the user, the other changed nothing: {resets}"
    with chaos.db.connect() as conn:
        assert conn.execute(text("SELECT monthly_used FROM users.accounts")).scalar() == 0
