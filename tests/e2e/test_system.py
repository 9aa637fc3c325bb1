"""End to end: every process running, real gRPC, RabbitMQ, Celery and PostgreSQL."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import grpc
import pytest

from essay.common.v1 import common_pb2
from essay.gateway.v1 import gateway_pb2

TERMINAL = {common_pb2.ESSAY_STATE_COMPLETED, common_pb2.ESSAY_STATE_FAILED,
            common_pb2.ESSAY_STATE_CANCELLED}
ORDER = [common_pb2.ESSAY_STATE_PENDING, common_pb2.ESSAY_STATE_QUEUED, common_pb2.ESSAY_STATE_PROCESSING,
         common_pb2.ESSAY_STATE_COMPLETED]

ESSAY = ("My summer holiday\n\nLast summer I went to the seaside with my family. We swam every "
         "morning and teh water was warm. In the afternoon we walked along the beach and collected "
         "shells. However, one day it rained, so we visited a museum instead. Finally, we went home "
         "tired but happy. i will never forget it.")


def watch(system, metadata, essay_id: str, after_seq: int = 0) -> list[gateway_pb2.WatchEssayResponse]:
    stream = system.stub.WatchEssay(gateway_pb2.WatchEssayRequest(essay_id=essay_id, after_seq=after_seq),
                                    metadata=metadata, timeout=120)
    return list(stream)


def test_twenty_concurrent_essays_are_corrected_and_streamed(system):
    alice, _ = system.register_and_login("alice_e2e")
    bob, _ = system.register_and_login("bob_e2e")

    def submit(args):
        metadata, n = args
        return metadata, system.stub.SubmitEssay(gateway_pb2.SubmitEssayRequest(
            title=f"Holiday {n}", content=f"{ESSAY} Essay number {n}.", grade="8"),
            metadata=metadata, timeout=30).essay

    jobs = [(alice if n % 2 else bob, n) for n in range(20)]
    with ThreadPoolExecutor(20) as pool:
        submitted = list(pool.map(submit, jobs))
        assert len({essay.essay_id for _, essay in submitted}) == 20
        streams = list(pool.map(lambda item: watch(system, item[0], item[1].essay_id), submitted))

    for (metadata, essay), messages in zip(submitted, streams, strict=True):
        assert essay.state in (common_pb2.ESSAY_STATE_PENDING, common_pb2.ESSAY_STATE_QUEUED)
        assert messages[0].HasField("essay"), "the first message carries the snapshot"
        assert messages[0].essay.essay_id == essay.essay_id
        events = [m.event for m in messages if m.HasField("event")]
        seqs = [e.seq for e in events]
        assert seqs == sorted(set(seqs)), f"seq must strictly increase: {seqs}"
        assert events[-1].state == common_pb2.ESSAY_STATE_COMPLETED
        assert [e.state for e in events].count(common_pb2.ESSAY_STATE_COMPLETED) == 1
        states = [e.state for e in events]
        assert [ORDER.index(s) for s in states] == sorted(ORDER.index(s) for s in states)

        # The full history, replayed from the start, is exactly 1..N with every state once.
        replay = [m.event for m in watch(system, metadata, essay.essay_id, after_seq=0)]
        history = [m.event for m in watch(system, metadata, essay.essay_id, after_seq=1)]
        assert [e.seq for e in history] == list(range(2, replay[-1].seq + 1))
        assert [e.state for e in history] == ORDER[1:]

        got = system.stub.GetEssay(gateway_pb2.GetEssayRequest(essay_id=essay.essay_id),
                                   metadata=metadata, timeout=10).essay
        assert got.state == common_pb2.ESSAY_STATE_COMPLETED
        assert got.attempt == 1
        assert got.result.score.total > 0
        assert got.result.word_count > 40
        assert got.result.engine
        assert any(e.rule_id for e in got.result.errors), "the planted errors are found"
        assert got.last_seq == replay[-1].seq

        task = system.stub.GetTask(gateway_pb2.GetTaskRequest(task_id=essay.task_id), metadata=metadata,
                                   timeout=10)
        assert (task.status, task.essay_id) == ("SUCCESS", essay.essay_id)
        assert task.result == got.result, "GetTask carries the result once it succeeded"


def test_list_essays_pages_through_own_essays_only(system):
    carol, _ = system.register_and_login("carol_e2e")
    dave, _ = system.register_and_login("dave_e2e")
    ids = set()
    for n in range(5):
        ids.add(system.stub.SubmitEssay(gateway_pb2.SubmitEssayRequest(title=f"t{n}", content="Some text."),
                                        metadata=carol, timeout=10).essay.essay_id)
    system.stub.SubmitEssay(gateway_pb2.SubmitEssayRequest(title="dave's", content="Other text."),
                            metadata=dave, timeout=10)
    seen, token, pages = [], "", 0
    while True:
        reply = system.stub.ListEssays(gateway_pb2.ListEssaysRequest(page_size=2, page_token=token),
                                       metadata=carol, timeout=10)
        seen += [e.essay_id for e in reply.essays]
        pages += 1
        token = reply.next_page_token
        if not token:
            break
    assert pages == 3
    assert len(seen) == len(set(seen)) == 5 and set(seen) == ids


def test_sync_mode_returns_the_result_within_the_deadline(system):
    erin, _ = system.register_and_login("erin_e2e")
    essay = system.stub.SubmitEssay(gateway_pb2.SubmitEssayRequest(
        title="Sync", content=ESSAY, grade="college", wait=True), metadata=erin, timeout=60).essay
    assert essay.state == common_pb2.ESSAY_STATE_COMPLETED
    assert essay.result.score.total > 0
    assert essay.result.grade == "college"


def test_sync_mode_with_a_short_deadline_answers_in_time(system):
    frank, _ = system.register_and_login("frank_e2e")
    # With 0.3 s the call must still answer (with whatever state the essay has reached), not time out.
    essay = system.stub.SubmitEssay(gateway_pb2.SubmitEssayRequest(
        title="Quick", content=ESSAY, wait=True), metadata=frank, timeout=3).essay
    assert essay.essay_id
    final = watch(system, frank, essay.essay_id)
    assert final[-1].event.state == common_pb2.ESSAY_STATE_COMPLETED or \
        final[-1].essay.state == common_pb2.ESSAY_STATE_COMPLETED


def test_watching_a_finished_essay_gives_the_snapshot_and_ends(system):
    gina, _ = system.register_and_login("gina_e2e")
    essay = system.stub.SubmitEssay(gateway_pb2.SubmitEssayRequest(title="Done", content=ESSAY, wait=True),
                                    metadata=gina, timeout=60).essay
    assert essay.state == common_pb2.ESSAY_STATE_COMPLETED
    messages = watch(system, gina, essay.essay_id)
    assert len(messages) == 1
    assert messages[0].essay.state == common_pb2.ESSAY_STATE_COMPLETED
    assert messages[0].event.state == common_pb2.ESSAY_STATE_COMPLETED
    assert messages[0].event.seq == messages[0].essay.last_seq


def test_beat_runs_the_quota_reset_on_the_users_queue(system):
    deadline = time.monotonic() + 30
    while "monthly quota reset for" not in system.processes.log("up"):
        assert time.monotonic() < deadline, "beat -> users queue -> worker did not run the reset"
        time.sleep(0.5)


def test_debug_task_answers_from_the_default_queue(system):
    import subprocess

    from tests.support import ROOT, essay_command

    out = subprocess.run(essay_command("ping"), env=system.env, cwd=ROOT, capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    assert "Celery worker is alive!" in out.stdout


@pytest.mark.parametrize("after_seq", [-1])
def test_negative_after_seq_is_invalid(system, after_seq):
    henry, _ = system.register_and_login("henry_e2e")
    essay = system.stub.SubmitEssay(gateway_pb2.SubmitEssayRequest(title="x", content="y"),
                                    metadata=henry, timeout=10).essay
    with pytest.raises(grpc.RpcError) as err:
        watch(system, henry, essay.essay_id, after_seq=after_seq)
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT


def test_cancel_ends_the_stream_with_cancelled_or_refuses_a_finished_essay(system):
    ivan, _ = system.register_and_login("ivan_e2e")
    essay = system.stub.SubmitEssay(gateway_pb2.SubmitEssayRequest(title="Cancel me", content=ESSAY),
                                    metadata=ivan, timeout=10).essay
    try:
        cancelled = system.stub.CancelEssay(gateway_pb2.CancelEssayRequest(essay_id=essay.essay_id),
                                            metadata=ivan, timeout=10).essay
        assert cancelled.state == common_pb2.ESSAY_STATE_CANCELLED
        expected = common_pb2.ESSAY_STATE_CANCELLED
    except grpc.RpcError as error:  # the worker was faster
        assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
        expected = common_pb2.ESSAY_STATE_COMPLETED
    messages = watch(system, ivan, essay.essay_id, after_seq=1)
    assert messages[-1].event.state == expected
    assert [m.event.state for m in messages].count(expected) == 1
    time.sleep(1)  # a worker that had started must not overwrite the cancellation
    final = system.stub.GetEssay(gateway_pb2.GetEssayRequest(essay_id=essay.essay_id), metadata=ivan,
                                 timeout=10).essay
    assert final.state == expected
    with pytest.raises(grpc.RpcError) as err:
        system.stub.CancelEssay(gateway_pb2.CancelEssayRequest(essay_id=essay.essay_id),
                                metadata=system.register_and_login("judy_e2e")[0], timeout=10)
    assert err.value.code() == grpc.StatusCode.NOT_FOUND


def test_the_default_engine_returns_the_full_result_through_the_gateway(system):
    """Workers run the offline engine unless told otherwise; every field of its result reaches
    the client: fixes with offsets in code points and a confidence, scores, feedback, tips."""
    reader, _ = system.register_and_login("engine_reader_e2e")
    content = ("My best freind lives next to our school. Yesterday we go to the park together, and "
               "his parents was very kind to us. We played football untill it got dark. ☀️ It was a "
               "wonderful day, and I want to go there again next week.")
    essay = system.stub.SubmitEssay(gateway_pb2.SubmitEssayRequest(
        title="My best friend", content=content, grade="8", wait=True), metadata=reader, timeout=60).essay
    assert essay.state == common_pb2.ESSAY_STATE_COMPLETED
    result = essay.result
    assert result.engine.startswith("offline/")
    assert result.language == "en" and result.word_count > 40
    assert result.grade_description.startswith("Junior secondary")
    fixes = {(content[e.offset:e.offset + e.length], e.replacements[0]) for e in result.errors}
    assert {("freind", "friend"), ("go", "went"), ("was", "were"), ("untill", "until")} <= fixes
    assert all(0 < e.confidence <= 1 and e.message and e.rule_id for e in result.errors)
    assert "friend" in result.corrected_text and "untill" not in result.corrected_text
    score = result.score
    assert 0 < score.total <= 100 and all(0 <= v <= 100 for v in (score.content, score.organization,
                                                                  score.language, score.mechanics))
    assert all((result.feedback.overall, result.feedback.content, result.feedback.organization,
                result.feedback.language, result.feedback.mechanics))
    assert "Readability" in result.feedback.language
    assert result.improvement_suggestions


def _scrape(port: str) -> dict[str, float]:
    """/metrics as {"name{labels}": value}."""
    import urllib.request

    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as reply:
        body = reply.read().decode()
    samples = {}
    for line in body.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.rpartition(" ")
            samples[name] = float(value)
    return samples


def test_every_process_serves_prometheus_metrics(system):
    grace, _ = system.register_and_login("grace_e2e")
    essay = system.stub.SubmitEssay(gateway_pb2.SubmitEssayRequest(
        title="Metrics", content=ESSAY, grade="8", wait=True), metadata=grace, timeout=60).essay
    assert essay.state == common_pb2.ESSAY_STATE_COMPLETED
    gateway = _scrape(system.env["GATEWAY_METRICS_PORT"])
    submitted = 'essay_grpc_requests_total{code="OK",method="/essay.gateway.v1.GatewayService/SubmitEssay"}'
    assert gateway[submitted] >= 1
    assert gateway['essay_grpc_request_seconds_count{method="/essay.gateway.v1.GatewayService/SubmitEssay"}'] >= 1
    # A stream its client leaves at its deadline is counted as such, not as OK.
    with pytest.raises(grpc.RpcError):
        list(system.stub.SubscribeNotifications(gateway_pb2.SubscribeNotificationsRequest(), metadata=grace,
                                                timeout=1.5))
    time.sleep(0.5)
    gateway = _scrape(system.env["GATEWAY_METRICS_PORT"])
    method = 'method="/essay.gateway.v1.GatewayService/SubscribeNotifications"'
    left = sum(v for k, v in gateway.items() if k.startswith("essay_grpc_requests_total") and method in k
               and ('code="DEADLINE_EXCEEDED"' in k or 'code="CANCELLED"' in k))
    assert left >= 1 and f'essay_grpc_requests_total{{code="OK",{method}}}' not in gateway
    for service in ("users", "correction", "notifier"):
        assert any(k.startswith("essay_grpc_requests_total") for k in _scrape(system.env[f"{service.upper()}_METRICS_PORT"]))
    # The workers' main processes serve what their pool processes record: default, correction, users.
    base = int(system.env["WORKER_METRICS_PORT"])
    corrected = _scrape(str(base + 1))
    assert corrected['essay_tasks_total{outcome="success",task="correction.process_essay"}'] >= 1
    assert corrected['essay_task_seconds_count{task="correction.process_essay"}'] >= 1
    assert any(k.startswith("essay_tasks_total") for k in _scrape(str(base + 2)))  # welcome emails


def test_internal_services_answer_only_the_platforms_own_calls(system):
    # `essay up` gives its services a secret of the run's own: a caller that reaches an internal
    # service and claims to be an admin gets nothing; health and reflection stay open.
    import uuid

    from grpc_health.v1 import health_pb2, health_pb2_grpc

    from essay.correction.v1 import correction_pb2, correction_pb2_grpc
    from essay.users.v1 import users_pb2, users_pb2_grpc

    admin = (("x-user-id", str(uuid.uuid4())), ("x-user-role", "admin"))
    with grpc.insecure_channel(system.env["CORRECTION_ADDR"]) as channel:
        with pytest.raises(grpc.RpcError) as err:
            correction_pb2_grpc.CorrectionServiceStub(channel).ListEssays(
                correction_pb2.ListEssaysRequest(), metadata=admin, timeout=10)
        assert err.value.code() == grpc.StatusCode.UNAUTHENTICATED
        health = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=10)
        assert health.status == health_pb2.HealthCheckResponse.SERVING
    with grpc.insecure_channel(system.env["USERS_ADDR"]) as channel:
        with pytest.raises(grpc.RpcError) as err:
            users_pb2_grpc.UserServiceStub(channel).ListUsers(users_pb2.ListUsersRequest(), metadata=admin,
                                                              timeout=10)
        assert err.value.code() == grpc.StatusCode.UNAUTHENTICATED
    with grpc.insecure_channel(system.env["NOTIFIER_ADDR"]) as channel:
        from essay.notifier.v1 import notifier_pb2, notifier_pb2_grpc

        with pytest.raises(grpc.RpcError) as err:
            next(notifier_pb2_grpc.NotifierServiceStub(channel).WatchEssay(
                notifier_pb2.WatchEssayRequest(essay_id=str(uuid.uuid4())), metadata=admin, timeout=10))
        assert err.value.code() == grpc.StatusCode.UNAUTHENTICATED
