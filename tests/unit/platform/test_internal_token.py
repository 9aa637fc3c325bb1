"""The shared secret between the platform's services, on a real in-process gRPC server."""

import grpc
import pytest

from services.platform.grpc_server import build_sync_server
from services.platform.internal import sync_channel


def _echo(request: bytes, _context) -> bytes:
    return request


@pytest.fixture()
def server():
    server, _health = build_sync_server(2, internal_token="s3cret")
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler("test.Echo", {
        "Ping": grpc.unary_unary_rpc_method_handler(_echo)}),))
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    yield f"127.0.0.1:{port}"
    server.stop(None)


def _ping(channel) -> bytes:
    return channel.unary_unary("/test.Echo/Ping")(b"hi", timeout=5)


def test_a_call_with_the_token_is_answered(server):
    with sync_channel(server, [], "s3cret") as channel:
        assert _ping(channel) == b"hi"


@pytest.mark.parametrize("token", ["", "wrong"])
def test_a_call_without_the_token_is_unauthenticated(server, token):
    with sync_channel(server, [], token) as channel:
        with pytest.raises(grpc.RpcError) as err:
            _ping(channel)
    assert err.value.code() == grpc.StatusCode.UNAUTHENTICATED


def test_health_stays_open(server):
    from grpc_health.v1 import health_pb2, health_pb2_grpc

    with grpc.insecure_channel(server) as channel:
        health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=5)
