"""The notifier process fed by the correction process's relay over RabbitMQ."""

from __future__ import annotations

import threading
import time
import uuid

import grpc
import pytest
from grpc_status import rpc_status

from essay.common.v1 import common_pb2
from essay.notifier.v1 import notifier_pb2, notifier_pb2_grpc
from services.platform.identity import Caller
from tests.support import Processes, free_port, system_environ, wait_serving


@pytest.fixture(scope="module")
def backends(database_url, broker_url, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("notifier")
    env = system_environ(database_url, broker_url, tmp)
    env.update(HEARTBEAT_SECONDS="0.5", MAX_STREAMS_PER_USER="5")
    procs = Processes(env, tmp)
    procs.start("correction", "serve", "correction")
    procs.start("notifier", "serve", "notifier")
    second_env = dict(env, NOTIFIER_ADDR=f"127.0.0.1:{free_port()}")
    second = Processes(second_env, tmp)
    second.start("notifier2", "serve", "notifier")
    try:
        for address in (env["CORRECTION_ADDR"], env["NOTIFIER_ADDR"], second_env["NOTIFIER_ADDR"]):
            wait_serving(address)
        yield env, second_env
    finally:
        second.stop()
        procs.stop()


def test_watchers_on_two_notifiers_see_every_event_in_order(backends, correction):
    env, second_env = backends
    caller = Caller(str(uuid.uuid4()))
    metadata = caller.metadata()
    essay = correction.create_essay(caller, "T", "Text.", "", "")
    results: dict[str, list] = {}
    ready = threading.Barrier(3)

    def watch(address: str):
        with grpc.insecure_channel(address) as channel:
            stream = notifier_pb2_grpc.NotifierServiceStub(channel).WatchEssay(
                notifier_pb2.WatchEssayRequest(essay_id=essay.essay_id), metadata=metadata, timeout=30)
            messages = [next(stream)]
            ready.wait()
            messages += list(stream)
            results[address] = messages

    threads = [threading.Thread(target=watch, args=(a,)) for a in (env["NOTIFIER_ADDR"],
                                                                    second_env["NOTIFIER_ADDR"])]
    for t in threads:
        t.start()
    ready.wait(timeout=20)
    claim = correction.claim(essay.essay_id)
    assert correction.retry_later(essay.essay_id, claim.attempt, "flaky", 0.0)
    claim = correction.claim(essay.essay_id)
    assert correction.complete(essay.essay_id, claim.attempt, {"score": {"total": 50.0}})
    for t in threads:
        t.join(30)
    for messages in results.values():
        assert messages[0].essay.essay_id == essay.essay_id
        seqs = [m.event.seq for m in messages if m.HasField("event")]
        assert seqs == list(range(seqs[0], seqs[-1] + 1)), "no gap, no duplicate"
        assert messages[-1].event.state == common_pb2.ESSAY_STATE_COMPLETED
    assert len(results) == 2


def test_resume_replays_from_after_seq_and_rejects_the_future(backends, correction):
    env, _ = backends
    caller = Caller(str(uuid.uuid4()))
    essay = correction.create_essay(caller, "T", "Text.", "", "")
    claim = correction.claim(essay.essay_id)
    correction.complete(essay.essay_id, claim.attempt, {"score": {"total": 1.0}})
    with grpc.insecure_channel(env["NOTIFIER_ADDR"]) as channel:
        stub = notifier_pb2_grpc.NotifierServiceStub(channel)
        resumed = list(stub.WatchEssay(notifier_pb2.WatchEssayRequest(essay_id=essay.essay_id, after_seq=2),
                                       metadata=caller.metadata(), timeout=10))
        assert [m.event.seq for m in resumed] == [3, 4]
        assert resumed[0].essay.state == common_pb2.ESSAY_STATE_COMPLETED
        with pytest.raises(grpc.RpcError) as err:
            list(stub.WatchEssay(notifier_pb2.WatchEssayRequest(essay_id=essay.essay_id, after_seq=9),
                                 metadata=caller.metadata(), timeout=10))
        assert err.value.code() == grpc.StatusCode.OUT_OF_RANGE
        with pytest.raises(grpc.RpcError) as err:
            list(stub.WatchEssay(notifier_pb2.WatchEssayRequest(essay_id=essay.essay_id),
                                 metadata=Caller(str(uuid.uuid4())).metadata(), timeout=10))
        assert err.value.code() == grpc.StatusCode.NOT_FOUND
        with pytest.raises(grpc.RpcError) as err:
            list(stub.WatchEssay(notifier_pb2.WatchEssayRequest(essay_id=essay.essay_id), timeout=10))
        assert err.value.code() == grpc.StatusCode.UNAUTHENTICATED


def notifier_stub(env, key="NOTIFIER_ADDR"):
    channel = grpc.insecure_channel(env[key])
    return channel, notifier_pb2_grpc.NotifierServiceStub(channel)


def test_idle_streams_get_heartbeats_with_the_latest_seq(backends, correction):
    env, _ = backends
    caller = Caller(str(uuid.uuid4()))
    essay = correction.create_essay(caller, "T", "Text.", "", "")
    channel, stub = notifier_stub(env)
    with channel:
        stream = stub.WatchEssay(notifier_pb2.WatchEssayRequest(essay_id=essay.essay_id),
                                 metadata=caller.metadata(), timeout=10)
        messages = [next(stream)]
        while sum(m.HasField("heartbeat") for m in messages) < 3:
            messages.append(next(stream))
        stream.cancel()
        beats = [m for m in messages if m.HasField("heartbeat")]
        assert not any(m.HasField("event") or m.HasField("essay") for m in beats), "heartbeats come alone"
        latest = max(m.event.seq for m in messages if m.HasField("event"))
        assert beats[-1].heartbeat.latest_seq == latest


def test_notifications_reach_every_open_stream_of_the_user_and_resume_by_cursor(backends, correction):
    env, second_env = backends
    caller = Caller(str(uuid.uuid4()))
    essay = correction.create_essay(caller, "Notify me", "Text.", "", "")
    streams = []
    for e in (env, second_env, env):  # two on one notifier, one on the other
        channel, stub = notifier_stub(e)
        stream = stub.SubscribeNotifications(notifier_pb2.SubscribeNotificationsRequest(),
                                             metadata=caller.metadata(), timeout=15)
        assert next(stream).HasField("heartbeat")  # subscribed: live from here on
        streams.append((channel, stream))
    claim = correction.claim(essay.essay_id)
    correction.complete(essay.essay_id, claim.attempt, {"score": {"total": 77.5}})
    for channel, stream in streams:
        got = []
        for message in stream:
            if message.HasField("notification"):
                got.append(message.notification)
            if len(got) == 2:
                break
        stream.cancel()
        channel.close()
        assert [n.notification_id for n in got] == [1, 2]
        assert got[1].kind == common_pb2.NOTIFICATION_KIND_CORRECTION_COMPLETED
        assert got[1].score_total == 77.5 and got[1].title == "Notify me"
    channel, stub = notifier_stub(env)
    with channel:
        resumed = stub.SubscribeNotifications(notifier_pb2.SubscribeNotificationsRequest(after_id=1),
                                              metadata=caller.metadata(), timeout=10)
        first = next(resumed)
        assert first.notification.notification_id == 2, "replays what came after the cursor"
        resumed.cancel()
        with pytest.raises(grpc.RpcError) as err:
            next(stub.SubscribeNotifications(notifier_pb2.SubscribeNotificationsRequest(after_id=99),
                                             metadata=caller.metadata(), timeout=10))
        assert err.value.code() == grpc.StatusCode.OUT_OF_RANGE


def test_streams_per_user_are_limited(backends, correction):
    env, _ = backends
    caller = Caller(str(uuid.uuid4()))
    essay = correction.create_essay(caller, "T", "Text.", "", "")
    channel, stub = notifier_stub(env)
    with channel:
        opened = []
        for _ in range(5):
            stream = stub.WatchEssay(notifier_pb2.WatchEssayRequest(essay_id=essay.essay_id),
                                     metadata=caller.metadata(), timeout=10)
            next(stream)
            opened.append(stream)
        with pytest.raises(grpc.RpcError) as err:
            next(stub.WatchEssay(notifier_pb2.WatchEssayRequest(essay_id=essay.essay_id),
                                 metadata=caller.metadata(), timeout=10))
        assert err.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
        status = rpc_status.from_call(err.value)
        kinds = {detail.type_url.rsplit(".", 1)[-1] for detail in status.details}
        assert {"QuotaFailure", "ErrorInfo", "RetryInfo"} <= kinds
        opened.pop().cancel()
        time.sleep(0.3)
        stream = stub.WatchEssay(notifier_pb2.WatchEssayRequest(essay_id=essay.essay_id),
                                 metadata=caller.metadata(), timeout=10)
        assert next(stream).essay.essay_id == essay.essay_id, "a closed stream frees its slot"
        for s in [*opened, stream]:
            s.cancel()


def test_cancelled_streams_free_their_resources(backends, correction):
    import asyncio

    env, _ = backends
    callers = [Caller(str(uuid.uuid4())) for _ in range(250)]
    essays = [correction.create_essay(c, "T", "Text.", "", "") for c in callers]

    def stats():
        channel, stub = notifier_stub(env)
        with channel:
            return stub.GetStreamStats(notifier_pb2.GetStreamStatsRequest(), timeout=5)

    before = stats()

    async def open_and_cancel():
        async with grpc.aio.insecure_channel(env["NOTIFIER_ADDR"]) as channel:
            stub = notifier_pb2_grpc.NotifierServiceStub(channel)
            calls = []
            for n in range(1000):  # 4 streams per user and essay
                call = stub.WatchEssay(notifier_pb2.WatchEssayRequest(essay_id=essays[n % 250].essay_id),
                                       metadata=callers[n % 250].metadata())
                calls.append(call)
            first = await asyncio.gather(*(call.read() for call in calls))
            assert all(m.essay.essay_id for m in first), "every stream opened"
            during = stats()
            assert during.open_streams >= before.open_streams + 1000
            for call in calls:
                call.cancel()

    asyncio.run(open_and_cancel())
    deadline = time.monotonic() + 15
    while True:  # a loaded machine finishes the cancelled calls' clean-up tasks a little later
        after = stats()
        if (after.open_streams == before.open_streams and after.watched_essays == before.watched_essays
                and after.asyncio_tasks <= before.asyncio_tasks + 5):
            break
        assert time.monotonic() < deadline, (before, after)
        time.sleep(0.2)
    assert after.subscribed_users == before.subscribed_users
    assert after.rss_bytes < before.rss_bytes + 64 * 1024 * 1024
