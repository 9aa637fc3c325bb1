"""The whole system, started the way ``essay up`` starts it, once for the e2e tests."""

from __future__ import annotations

from dataclasses import dataclass

import grpc
import pytest

from essay.gateway.v1 import gateway_pb2, gateway_pb2_grpc
from tests.support import Processes, SmtpServer, scratch_database, scratch_vhost, system_environ, wait_serving


@dataclass
class RunningSystem:
    env: dict[str, str]
    processes: Processes
    gateway: str
    channel: grpc.Channel
    stub: gateway_pb2_grpc.GatewayServiceStub

    def register_and_login(self, username: str, password: str = "correct horse") -> tuple:
        self.stub.Register(gateway_pb2.RegisterRequest(
            username=username, email=f"{username}@example.com", password=password), timeout=20)
        reply = self.stub.Login(gateway_pb2.LoginRequest(username=username, password=password), timeout=20)
        return (("authorization", f"Bearer {reply.access_token}"),), reply


@pytest.fixture(scope="session")
def system_backends():
    """A database and vhost of the system's own: its relay and workers must not take the
    integration tests' messages."""
    with scratch_database("essay_e2e") as database_url, scratch_vhost() as broker_url:
        yield database_url, broker_url


@pytest.fixture(scope="session")
def smtp():
    server = SmtpServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def system(system_backends, smtp, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("system")
    env = system_environ(*system_backends, tmp)
    env["QUOTA_RESET_INTERVAL_SECONDS"] = "3"
    env.update(SMTP_HOST="127.0.0.1", SMTP_PORT=str(smtp.port), QUOTA_STUDENT="30")
    env["TRUSTED_PROXIES"] = "127.0.0.1,::1"  # the tests may stand for a front-end service
    processes = Processes(env, tmp)
    processes.start("up", "up", "--concurrency", "2", "--loglevel", "info")
    try:
        wait_serving(env["GATEWAY_ADDR"], timeout=90)
        channel = grpc.insecure_channel(env["GATEWAY_ADDR"])
        yield RunningSystem(env, processes, env["GATEWAY_ADDR"], channel,
                            gateway_pb2_grpc.GatewayServiceStub(channel))
        channel.close()
    except BaseException:
        print(processes.log("up")[-20_000:])
        raise
    finally:
        processes.stop(grace=30)
        up = processes.children["up"]
        assert up.returncode is not None
        log = processes.log("up")
        assert "all processes stopped" in log, log[-5000:]


