"""`essay up`: starts every process, restarts one that dies, and stops every one of them on Ctrl-C,
SIGTERM, or a process that cannot stay up."""

from __future__ import annotations

import os
import re
import signal
import time

import pytest

from tests.support import Processes, free_port, system_environ, wait_serving


def started_pids(log: str) -> dict[str, int]:
    return {name: int(pid) for name, pid in re.findall(r"started (\S+)\s+pid (\d+)", log)}


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def wait_for(predicate, timeout: float, what: str, log=lambda: "") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"{what}\n{log()[-6000:]}"
        time.sleep(0.2)


@pytest.fixture()
def up(system_backends, tmp_path):
    procs = Processes(system_environ(*system_backends, tmp_path), tmp_path)
    yield procs
    procs.stop()


def test_web_only_stops_every_service_on_ctrl_c(up):
    child = up.start("up", "up", "--web-only")
    wait_serving(up.env["GATEWAY_ADDR"], timeout=60)
    pids = started_pids(up.log("up"))
    assert set(pids) == {"users", "correction", "notifier", "gateway"}
    child.send_signal(signal.SIGINT)
    assert child.wait(30) == 0
    assert not [name for name, pid in pids.items() if alive(pid)]
    assert "all processes stopped" in up.log("up")


def test_workers_only_runs_a_worker_per_queue_and_beat_and_stops_on_sigterm(up):
    child = up.start("up", "up", "--workers-only", "--concurrency", "1")
    wait_for(lambda: up.log("up").count(" ready.") == 3, 90, "three workers ready", lambda: up.log("up"))
    pids = started_pids(up.log("up"))
    assert set(pids) == {"worker:default", "worker:correction", "worker:users", "beat"}
    child.send_signal(signal.SIGTERM)
    assert child.wait(40) == 0
    assert not [name for name, pid in pids.items() if alive(pid)]


def test_the_seeds_start_script_options_pick_workers_and_the_gateways_port(up):
    """start_workers.py --corrections --beat and start_all.py --port / --debug, as `essay up` options."""
    child = up.start("up", "up", "--workers-only", "--corrections", "--beat", "--concurrency", "1", "--debug")
    wait_for(lambda: " ready." in up.log("up"), 90, "the correction worker ready", lambda: up.log("up"))
    assert set(started_pids(up.log("up"))) == {"worker:correction", "beat"}
    assert "DEBUG" in up.log("up")
    child.send_signal(signal.SIGTERM)
    assert child.wait(40) == 0

    port = free_port()
    child = up.start("up-port", "up", "--web-only", "--port", str(port))
    wait_serving(f"localhost:{port}", timeout=60)
    child.send_signal(signal.SIGTERM)
    assert child.wait(30) == 0


def test_a_dying_process_is_restarted_alone(up):
    child = up.start("up", "up", "--web-only")
    wait_serving(up.env["GATEWAY_ADDR"], timeout=60)
    pids = started_pids(up.log("up"))
    os.kill(pids["notifier"], signal.SIGKILL)
    wait_for(lambda: re.search(r"started notifier\s+pid (\d+)", up.log("up").split("notifier exited")[-1]),
             30, "the notifier started again", lambda: up.log("up"))
    wait_serving(up.env["NOTIFIER_ADDR"], timeout=60)
    again = started_pids(up.log("up"))
    assert again["notifier"] != pids["notifier"] and alive(again["notifier"])
    assert all(alive(pids[name]) for name in ("users", "correction", "gateway")), "the others kept running"
    assert child.poll() is None
    child.send_signal(signal.SIGTERM)
    assert child.wait(30) == 0
    assert not [name for name, pid in again.items() if alive(pid)]


def test_a_process_that_cannot_start_stops_everything(up):
    import socket

    host, port = up.env["NOTIFIER_ADDR"].rsplit(":", 1)
    with socket.socket() as taken:  # the notifier's port is in use: it exits at every start
        taken.bind((host, int(port)))
        taken.listen()
        child = up.start("up", "up", "--web-only")
        assert child.wait(120) == 1
    log = up.log("up")
    assert "notifier exited" in log and "stopping everything" in log
    assert not [name for name, pid in started_pids(log).items() if alive(pid)]
