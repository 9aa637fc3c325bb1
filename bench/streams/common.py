"""What the benchmark's processes share: messages, channel options, process stats, percentiles."""

from __future__ import annotations

import json
import os
import resource
import signal
import sys
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from essay.common.v1 import common_pb2
from services.platform.grpc_server import KEEPALIVE_OPTIONS
from services.platform.timestamps import timestamp

# The unary RPC of the bare server that pushes one event to the streams watching its essay.
PUBLISH_METHOD = "/bench.streams.Bare/Publish"

# A freshly watched essay is QUEUED: PENDING (seq 1), then QUEUED (seq 2) once the relay sent it.
SNAPSHOT_SEQ = 2
STATES = {
    "QUEUED": (common_pb2.ESSAY_STATE_QUEUED, "queued for correction", 5),
    "PROCESSING": (common_pb2.ESSAY_STATE_PROCESSING, "correction started", 10),
    "RETRYING": (common_pb2.ESSAY_STATE_RETRYING, "attempt 1 failed, retrying in 0.0s: benchmark", 10),
    "COMPLETED": (common_pb2.ESSAY_STATE_COMPLETED, "corrected: score 1.0, 0 issue(s) found", 100),
}

# Many streams per connection, several connections per client process (a local subchannel
# pool stops channels with the same target from sharing one connection), and the keepalive
# the servers accept.
CLIENT_CHANNEL_OPTIONS = [
    *KEEPALIVE_OPTIONS,
    ("grpc.use_local_subchannel_pool", 1),
    ("grpc.max_receive_message_length", 8 * 1024 * 1024),
]


def essay_event(essay_id: str, seq: int, state: str, attempt: int = 1) -> common_pb2.EssayEvent:
    """The event the notifier sends for this state change (same fields, same sizes)."""
    value, message, progress = STATES[state]
    return common_pb2.EssayEvent(essay_id=essay_id, seq=seq, state=value, message=message,
                                 progress_percent=progress, attempt=attempt,
                                 time=timestamp(datetime.now(UTC)))


def snapshot_essay(essay_id: str, user_id: str) -> common_pb2.Essay:
    """The snapshot the correction service returns for a QUEUED essay (no content, no result)."""
    now = timestamp(datetime.now(UTC))
    return common_pb2.Essay(essay_id=essay_id, task_id=str(uuid.uuid4()), user_id=user_id,
                            title="Benchmark essay", state=common_pb2.ESSAY_STATE_QUEUED,
                            submit_time=now, update_time=now, last_seq=SNAPSHOT_SEQ)


def rss_kib(pid: int) -> int:
    """Resident set size of process ``pid`` (VmRSS, KiB)."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for pid {pid}")


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time process ``pid`` has used (all its threads)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    utime, stime = int(fields[11]), int(fields[12])
    return (utime + stime) / os.sysconf("SC_CLK_TCK")


def raise_open_files_limit() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def percentile(values: list[float], pct: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * pct / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summary_ms(seconds: list[float], pcts: tuple[int, ...] = (50, 95, 99)) -> dict:
    """Percentiles (and min, max, count) of latencies given in seconds, in milliseconds."""
    result = {f"p{p}_ms": round(percentile(seconds, p) * 1000, 3) for p in pcts}
    if seconds:
        result.update(min_ms=round(min(seconds) * 1000, 3), max_ms=round(max(seconds) * 1000, 3))
    result["count"] = len(seconds)
    return result


class BenchTimeout(Exception):
    pass


def run_bounded(args, results: dict, run: Callable[[object, dict], None], evaluate: Callable[[dict], list],
                print_table: Callable[[list], None]) -> int:
    """Runs ``run(args, results)`` under an alarm of ``args.timeout`` seconds, then writes the
    results (partial ones too, with the error) to ``args.output`` and prints their summary.
    Returns the exit status: 1 if the run stopped early."""

    def on_timeout(signum, frame):
        raise BenchTimeout(f"the benchmark ran past its {args.timeout}s limit")

    signal.signal(signal.SIGALRM, on_timeout)
    signal.alarm(args.timeout)
    started = time.monotonic()
    status = 0
    try:
        run(args, results)
    except Exception as error:  # noqa: BLE001 - the partial results are still written
        print(f"benchmark stopped: {type(error).__name__}: {error}", file=sys.stderr)
        results["error"] = f"{type(error).__name__}: {error}"
        status = 1
    finally:
        signal.alarm(0)
    results["seconds"] = round(time.monotonic() - started, 1)
    results["load_average_at_end"] = os.getloadavg()
    results["summary"] = evaluate(results)
    args.output.write_text(json.dumps(results, indent=2) + "\n")
    print_table(results["summary"])
    print(f"results: {args.output} ({results['seconds']}s)")
    return status
