"""The alert rules speak of metrics the processes export."""

import re
from pathlib import Path

from services.platform import metrics

ROOT = Path(__file__).resolve().parents[3]


def test_every_metric_an_alert_names_is_exported():
    rules = (ROOT / "deploy/prometheus/alerts.yml").read_text()
    named = {re.sub(r"_(total|bucket|count|sum)$", "", name) for name in re.findall(r"\bessay_[a-z_]+", rules)}
    exported = {metrics.RPCS._name, metrics.RPC_SECONDS._name, metrics.DEAD_LETTERS,
                metrics.TASKS, metrics.TASK_SECONDS, metrics.QUEUE_MESSAGES._name, metrics.QUEUE_CONSUMERS._name}
    assert named and named <= exported, named - exported


def test_metric_ports():
    assert metrics.metrics_port({}, "gateway") == 9101
    assert metrics.metrics_port({}, "worker", 2) == 9112
    assert metrics.metrics_port({"USERS_METRICS_PORT": "0"}, "users") == 0
    assert metrics.metrics_port({"WORKER_METRICS_PORT": "0"}, "worker", 1) == 0
    assert metrics.metrics_port({"NOTIFIER_METRICS_PORT": "x"}, "notifier") == 0


def test_metrics_listen_where_the_process_is_reached():
    assert metrics.metrics_host("", "localhost:50051") == "127.0.0.1"
    assert metrics.metrics_host("", "users:50052") == "0.0.0.0"
    assert metrics.metrics_host("", "") == "127.0.0.1"  # a worker
    assert metrics.metrics_host("10.0.0.5", "localhost:50051") == "10.0.0.5"
