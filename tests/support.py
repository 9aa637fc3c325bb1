"""Test support: isolated PostgreSQL databases and RabbitMQ vhosts, and running the system.

Every test run gets its own database and its own vhost, so it neither sees nor disturbs a
system a developer runs on the same machine. Processes are stopped by their pid.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from contextlib import ExitStack as contextlib_exit_stack
from contextlib import contextmanager
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc
from sqlalchemy import create_engine, make_url, text

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = os.environ.get("TEST_PG_ADMIN_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres")
RABBIT_HOST = os.environ.get("TEST_RABBIT_HOST", "127.0.0.1:5672")


# Ports for the services a test starts: below Linux's ephemeral range (32768-60999), from which
# every outgoing connection (to PostgreSQL, RabbitMQ, a gRPC server) takes its own port. A port
# the kernel hands out as free (bind to port 0) is ephemeral, and an outgoing connection could
# take it in the moment before the service binds it. None is given out twice in a run.
_PORT_RANGE = (20000, 32000)
_ports_given: set[int] = set()
_ports = random.Random(os.getpid() ^ time.time_ns())


def free_port() -> int:
    for _ in range(500):
        port = _ports.randint(*_PORT_RANGE)
        if port in _ports_given:
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("0.0.0.0", port))
            except OSError:
                continue
        _ports_given.add(port)
        return port
    raise RuntimeError("no free port under the ephemeral range")


def free_port_run(count: int) -> int:
    """The first of ``count`` consecutive free ports (the workers' metrics ports)."""
    for _ in range(50):
        first = free_port()
        run = range(first + 1, first + count)
        if _ports_given.intersection(run):
            continue
        try:
            with contextlib_exit_stack() as stack:
                for port in run:
                    sock = stack.enter_context(socket.socket())
                    sock.bind(("0.0.0.0", port))
        except OSError:
            continue
        _ports_given.update(run)
        return first
    raise RuntimeError(f"no {count} consecutive free ports")


@contextmanager
def scratch_database(prefix: str = "essay_test"):
    """A new, migrated database; dropped afterwards."""
    from services.platform.db import ensure_database, migrate

    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    url = str(make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False))
    ensure_database(url)
    try:
        migrate(url, "users")
        migrate(url, "correction")
        yield url
    finally:
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def rabbitmqctl(*args: str) -> str:
    return subprocess.run(["rabbitmqctl", "-q", *args], check=True, capture_output=True, text=True,
                          timeout=60).stdout


@contextmanager
def scratch_vhost():
    """A new RabbitMQ vhost for guest; deleted afterwards. Yields the broker URL."""
    vhost = f"essay_test_{uuid.uuid4().hex[:10]}"
    rabbitmqctl("add_vhost", vhost)
    try:
        rabbitmqctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*")
        yield f"amqp://guest:guest@{RABBIT_HOST}/{vhost}"
    finally:
        rabbitmqctl("delete_vhost", vhost)


def queue_depths(broker_url: str) -> dict[str, int]:
    vhost = broker_url.rsplit("/", 1)[-1]
    out = rabbitmqctl("list_queues", "-p", vhost, "name", "messages")
    depths = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].isdigit():
            depths[parts[0]] = int(parts[1])
    return depths


def system_environ(database_url: str, broker_url: str, tmp: Path) -> dict[str, str]:
    ports = {name: free_port() for name in ("gateway", "users", "correction", "notifier")}
    env = dict(os.environ)
    env.update({
        "DATABASE_URL": database_url,
        "BROKER_URL": broker_url,
        "GATEWAY_ADDR": f"127.0.0.1:{ports['gateway']}",
        "USERS_ADDR": f"127.0.0.1:{ports['users']}",
        "CORRECTION_ADDR": f"127.0.0.1:{ports['correction']}",
        "NOTIFIER_ADDR": f"127.0.0.1:{ports['notifier']}",
        # Metrics on ports of their own, so that tests never meet a running system's.
        **{f"{name.upper()}_METRICS_PORT": str(free_port()) for name in ports},
        "WORKER_METRICS_PORT": str(free_port_run(3)),
        "BEAT_SCHEDULE_FILE": str(tmp / "beat-schedule"),
        "XDG_CONFIG_HOME": str(tmp / "config"),
        "RETRY_BASE_SECONDS": "0.5",
        "PYTHONUNBUFFERED": "1",
    })
    return env


def essay_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "services.cli", *args]


def wait_serving(address: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    with grpc.insecure_channel(address) as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        while True:
            try:
                reply = stub.Check(health_pb2.HealthCheckRequest(), timeout=2)
                if reply.status == health_pb2.HealthCheckResponse.SERVING:
                    return
            except grpc.RpcError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"{address} not SERVING after {timeout}s")
            time.sleep(0.2)


class Processes:
    """Child processes started by a test, each stopped by pid at the end."""

    def __init__(self, env: dict[str, str], log_dir: Path):
        self.env = env
        self.log_dir = log_dir
        self.children: dict[str, subprocess.Popen] = {}

    def start(self, name: str, *args: str) -> subprocess.Popen:
        log = open(self.log_dir / f"{name}.log", "wb")
        child = subprocess.Popen(essay_command(*args), env=self.env, cwd=ROOT, stdout=log,
                                 stderr=subprocess.STDOUT, start_new_session=True)
        self.children[name] = child
        return child

    def log(self, name: str) -> str:
        return (self.log_dir / f"{name}.log").read_text(errors="replace")

    def stop(self, grace: float = 15.0) -> None:
        for child in self.children.values():
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + grace
        for child in self.children.values():
            try:
                child.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()


def grpcurl_binary() -> str:
    found = shutil.which("grpcurl") or str(Path(sys.executable).parent / "grpcurl")
    return found


class SmtpServer:
    """A real SMTP server (aiosmtpd) on loopback that keeps what it receives; can be stopped
    and started again on the same port to play an outage."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.port = free_port()
        self.messages: list = []
        outer = self

        class Keep:
            async def handle_DATA(self, server, session, envelope):
                import email

                outer.messages.append(email.message_from_bytes(envelope.content))
                return "250 OK"

        self._make = lambda: Controller(Keep(), hostname="127.0.0.1", port=self.port)
        self._controller = None

    def start(self) -> SmtpServer:
        self._controller = self._make()
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def wait_for(self, count: int, timeout: float = 60.0) -> list:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{len(self.messages)} of {count} emails arrived")
            time.sleep(0.1)
        return self.messages
