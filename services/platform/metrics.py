"""Prometheus metrics: each process serves ``/metrics`` on a port of its own.

    gateway 9101, users 9102, correction 9103, notifier 9104        (GATEWAY_METRICS_PORT, ...)
    workers 9110 + the queue's place in (default, correction, users) (WORKER_METRICS_PORT = the base)

A port of 0 turns a process's metrics off. A port already taken is logged and the process runs
on without metrics: they are never a reason for a service not to serve.

gRPC servers count every call by method and status code and time it; workers count tasks by
name and outcome and time them; the correction service counts dead letters. Alert rules on
them are in deploy/prometheus/alerts.yml. A Celery worker's tasks run in its pool processes, so the
worker's metrics are kept in files shared by them (prometheus_client's multiprocess mode, in a
directory of the worker's own) and served by its main process.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, start_http_server, values
from prometheus_client.multiprocess import MultiProcessCollector

log = logging.getLogger(__name__)

DEFAULT_PORTS = {"gateway": 9101, "users": 9102, "correction": 9103, "notifier": 9104, "worker": 9110}
_LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0,
                    300.0, 600.0)

DEAD_LETTERS = "essay_dead_letters"  # counted by the correction service (correction/dead_letters.py)
RPCS = Counter("essay_grpc_requests", "gRPC calls handled, by method and status code", ["method", "code"])
RPC_SECONDS = Histogram("essay_grpc_request_seconds", "Time to handle a gRPC call (a stream: until it ends)",
                        ["method"], buckets=_LATENCY_BUCKETS)


# Sampled by the correction service from RabbitMQ (passive declares): a queue that grows, or
# that no worker consumes (a worker up but stuck), shows here before any task metric moves.
QUEUE_MESSAGES = Gauge("essay_queue_messages", "Messages ready in a RabbitMQ queue", ["queue"])
QUEUE_CONSUMERS = Gauge("essay_queue_consumers", "Consumers of a RabbitMQ queue", ["queue"])


class QueueSampler:
    """Reads each queue's depth and consumer count into the gauges above (a Periodic's job).
    A queue that cannot be read is left out of the gauges until it can."""

    def __init__(self, broker_url: str, queues: list[str], connect_timeout: float = 5.0):
        self._url = broker_url
        self._queues = queues
        self._timeout = connect_timeout
        self._connection = None

    def __call__(self) -> dict[str, tuple[int, int]]:
        from kombu import Connection

        if self._connection is None:
            self._connection = Connection(self._url, connect_timeout=self._timeout)
        seen = {}
        try:
            for name in self._queues:
                channel = self._connection.channel()
                try:
                    _queue, messages, consumers = channel.queue_declare(queue=name, passive=True)
                except Exception as error:  # noqa: BLE001 - a missing queue closes only its channel
                    if not self._connection.connected:
                        raise
                    log.debug("queue %s: %s", name, error)
                    for gauge in (QUEUE_MESSAGES, QUEUE_CONSUMERS):
                        try:
                            gauge.remove(name)
                        except KeyError:
                            pass
                    continue
                finally:
                    try:
                        channel.close()
                    except Exception:  # noqa: BLE001,S110 - closed by the broker already
                        pass
                QUEUE_MESSAGES.labels(name).set(messages)
                QUEUE_CONSUMERS.labels(name).set(consumers)
                seen[name] = (messages, consumers)
        except Exception:
            self.close()  # the next round connects again
            raise
        return seen

    def close(self) -> None:
        if self._connection is not None:
            try:
                self._connection.release()
            finally:
                self._connection = None


def metrics_port(environ, process: str, offset: int = 0) -> int:
    """The metrics port of ``process`` (gateway, users, correction, notifier, worker)."""
    raw = environ.get(f"{process.upper()}_METRICS_PORT", "")
    try:
        base = int(raw) if raw != "" else DEFAULT_PORTS[process]
    except ValueError:
        log.warning("%s_METRICS_PORT is not a number (%r): metrics are off", process.upper(), raw)
        return 0
    return base + offset if base else 0


def metrics_host(listen_host: str, addr: str = "") -> str:
    """Where ``/metrics`` listens: ``listen_host`` when set; else loopback for a process reached on
    loopback (or for a worker, which is reached on no address), every interface otherwise."""
    if listen_host:
        return listen_host.strip("[]")
    host = addr.rpartition(":")[0].strip("[]")
    return "0.0.0.0" if host and host not in ("localhost", "127.0.0.1", "::1") else "127.0.0.1"


def serve_metrics(port: int, host: str = "127.0.0.1", registry=None) -> bool:
    """Serves ``/metrics`` on ``port`` at ``host``; False if it could not."""
    if not port:
        return False
    try:
        start_http_server(port, addr=host or "127.0.0.1", **({"registry": registry} if registry else {}))
    except OSError as error:
        log.warning("metrics are off: cannot listen on port %d (%s)", port, error)
        return False
    log.info("metrics on port %d", port)
    return True


def observe_rpc(method: str, code: str, seconds: float) -> None:
    RPCS.labels(method, code).inc()
    RPC_SECONDS.labels(method).observe(seconds)


TASKS, TASK_SECONDS = "essay_tasks", "essay_task_seconds"
_PREFIX = "essay-metrics-"


def _remove_dead_directories() -> None:
    """The metrics directories of workers that were killed before they could remove their own."""
    root = tempfile.gettempdir()
    for name in os.listdir(root):
        if not name.startswith(_PREFIX):
            continue
        pid = name[len(_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not os.path.exists(f"/proc/{pid}"):
            shutil.rmtree(os.path.join(root, name), ignore_errors=True)


class TaskMetrics:
    """Task counts and durations of a prefork Celery worker, shared by its pool processes."""

    def __init__(self, port: int, host: str = ""):
        _remove_dead_directories()
        self.directory = tempfile.mkdtemp(prefix=f"{_PREFIX}{os.getpid()}-")
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = self.directory  # read by the pool processes too
        values.ValueClass = values.MultiProcessValue()  # before any of these metrics is made
        self.tasks = Counter(TASKS, "Celery tasks finished, by task name and outcome", ["task", "outcome"])
        self.seconds = Histogram(TASK_SECONDS, "Time a task ran in a pool process", ["task"],
                                 buckets=_LATENCY_BUCKETS)
        registry = CollectorRegistry()
        MultiProcessCollector(registry, path=self.directory)
        self.serving = serve_metrics(port, metrics_host(host), registry)

    def close(self) -> None:
        shutil.rmtree(self.directory, ignore_errors=True)
