"""The notifier process fed by the correction process's relay over RabbitMQ."""

from __future__ import annotations

import threading
import uuid

import grpc
import pytest

from essay.common.v1 import common_pb2
from essay.correction.v1 import correction_pb2, correction_pb2_grpc
from essay.notifier.v1 import notifier_pb2, notifier_pb2_grpc
from services.platform.identity import Caller
from tests.support import Processes, free_port, system_environ, wait_serving


@pytest.fixture(scope="module")
def backends(database_url, broker_url, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("notifier")
    env = system_environ(database_url, broker_url, tmp)
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
    with grpc.insecure_channel(env["CORRECTION_ADDR"]) as c_channel:
        stub = correction_pb2_grpc.CorrectionServiceStub(c_channel)
        essay = stub.CreateEssay(correction_pb2.CreateEssayRequest(title="T", content="Text."),
                                 metadata=metadata, timeout=10).essay
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
