"""CPU pinning and process figures shared by the driver and its probes."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def _threads(pid: int) -> list[Path]:
    """The threads of ``pid``; none once it has exited (a short-lived child can go between
    being listed and being read)."""
    try:
        return list(Path(f"/proc/{pid}/task").iterdir())
    except (FileNotFoundError, ProcessLookupError):
        return []


def pin(pid: int, cpus: set[int]) -> None:
    """Pins every thread of process ``pid`` to ``cpus`` (threads started later inherit it
    from the thread that starts them)."""
    for task in _threads(pid):
        with contextlib.suppress(ProcessLookupError, FileNotFoundError):
            os.sched_setaffinity(int(task.name), cpus)


def affinity(pid: int) -> set[int]:
    """The CPUs allowed to the threads of ``pid`` (their union)."""
    allowed: set[int] = set()
    for task in _threads(pid):
        with contextlib.suppress(ProcessLookupError, FileNotFoundError):
            allowed |= os.sched_getaffinity(int(task.name))
    return allowed


def children_of(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def memory_kib(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (/proc/<pid>/status), and Pss (/proc/<pid>/smaps_rollup: shared pages
    counted once per sharer), all in KiB."""
    figures = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(("VmRSS:", "VmHWM:")):
            figures[line.split(":")[0].lower()] = int(line.split()[1])
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                figures["pss"] = int(line.split()[1])
    return figures


def split_cpus(worker_cpu: int | None) -> tuple[int, set[int]]:
    """The core the measured code runs on, and the others (for everything else)."""
    allowed = sorted(os.sched_getaffinity(0))
    if worker_cpu is None:
        worker_cpu = allowed[-1]
    if worker_cpu not in allowed:
        raise ValueError(f"CPU {worker_cpu} is not one this process may use ({allowed})")
    others = set(allowed) - {worker_cpu}
    return worker_cpu, others or {worker_cpu}
