"""The three benchmarks, each run once per target (bare baseline, then the notifier)."""

from __future__ import annotations

import time
import uuid

from bench.streams.client import ClientError, ClientPool
from bench.streams.common import cpu_seconds, rss_kib, summary_ms
from bench.streams.targets import BrokerProbe
from services.platform.identity import Caller

WARMUP_STREAMS = 100
SETTLE_SECONDS = 2.0
HOLD_SECONDS = 5.0


def memory(target, pool: ClientPool, streams: int, batch: int, channels: int, burst_size: int) -> dict:
    """Server RSS before and after opening ``streams`` streams on essays that stay open, ``batch``
    at a time (refused streams are opened again); first, how a burst of opens is taken."""
    watches = target.open_watches(streams)
    pool.connect(target.address, channels)
    # The first streams load code paths and pools once: not a per-stream cost.
    pool.open(watches[:WARMUP_STREAMS], batch)
    pool.close()
    time.sleep(SETTLE_SECONDS)

    # How the server takes a burst: ``burst`` streams opened at once, none retried.
    burst = pool.open(watches[:burst_size], burst_size, retries=0)
    pool.close()
    time.sleep(SETTLE_SECONDS)

    pids = {"server": target.pid, **target.helpers}
    rss_before = rss_kib(target.pid)
    cpu_before = {name: cpu_seconds(pid) for name, pid in pids.items()}
    opened = pool.open(watches, batch)
    cpu_open = {name: cpu_seconds(pid) - cpu_before[name] for name, pid in pids.items()}
    time.sleep(SETTLE_SECONDS)
    cpu_hold_start = cpu_seconds(target.pid)
    time.sleep(HOLD_SECONDS)
    idle_cpu = (cpu_seconds(target.pid) - cpu_hold_start) / HOLD_SECONDS
    rss_after = rss_kib(target.pid)
    closed = pool.close()
    time.sleep(SETTLE_SECONDS)
    rss_closed = rss_kib(target.pid)

    count = max(1, opened["opened"])
    return {
        "streams_requested": streams, "streams_opened": opened["opened"], "open_failed": opened["failed"],
        "open_refused_then_retried": opened["refused"], "open_seconds": round(opened["seconds"], 2),
        "burst": {"size": burst_size, "opened": burst["opened"], "refused": burst["refused"]},
        "rss_before_kib": rss_before, "rss_after_kib": rss_after, "rss_after_close_kib": rss_closed,
        "kib_per_stream": round((rss_after - rss_before) / count, 2),
        "cpu_ms_per_open": {name: round(seconds * 1000 / count, 3) for name, seconds in cpu_open.items()},
        "idle_cpu_percent_holding_streams": round(idle_cpu * 100, 1),
        "stream_errors_before_close": closed["errors"],
    }


def fanout(target, pool: ClientPool, watchers: int, rounds: int, batch: int, channels: int) -> dict:
    """``watchers`` streams on one essay, each an admin's (any admin may watch any essay); per
    round one state change, timed from just before its trigger to each watcher's receipt."""
    essay, _ = target.fresh_essay()
    pool.connect(target.address, channels)
    opened = pool.open([(essay, Caller(str(uuid.uuid4()), "admin").metadata()) for _ in range(watchers)], batch)
    if opened["failed"]:
        raise ClientError(f"fan-out: {opened['failed']} of {watchers} streams did not open: {opened['refused']}")
    time.sleep(SETTLE_SECONDS)
    per_round, pooled = [], []
    for index in range(rounds):
        state = "PROCESSING" if index % 2 == 0 else "RETRYING"
        cpu_start = cpu_seconds(target.pid)
        before, _ = target.advance(essay, state)
        got = pool.collect(index + 1, timeout=30)
        cpu = cpu_seconds(target.pid) - cpu_start
        latencies = [t - before for t in got["times"]]
        pooled += latencies
        per_round.append({"state": state, **summary_ms(latencies, (50, 99)), "missing": got["missing"],
                          "last_receipt_ms": round(max(latencies, default=0) * 1000, 3),
                          "server_cpu_ms": round(cpu * 1000, 1)})
        time.sleep(0.5)
    pool.close()
    return {"watchers": watchers, "rounds": rounds, "open_refused_then_retried": opened["refused"],
            **summary_ms(pooled, (50, 90, 99)),
            "missing": sum(r["missing"] for r in per_round), "per_round": per_round}


def commit_to_receipt(target, pool: ClientPool, events: int, probe: BrokerProbe | None = None) -> dict:
    """One watcher; ``events`` state changes one after another (claim, complete, next essay),
    each timed from the call that made it returning to the watcher's receipt."""
    pool.connect(target.address, 1)
    after_commit, from_call, call, broker_leg, notifier_leg = [], [], [], [], []
    missing = 0
    while len(from_call) + missing < events:
        essay, owner = target.fresh_essay()
        pool.open([(essay, owner)], 1)
        for count, state in enumerate(("PROCESSING", "COMPLETED"), 1):
            if len(from_call) + missing >= events:
                break
            before, after = target.advance(essay, state)
            got = pool.collect(count, timeout=10)
            if not got["times"]:
                missing += 1
                continue
            received = got["times"][0]
            after_commit.append(received - after)
            from_call.append(received - before)
            call.append(after - before)
            arrival = probe.arrival(essay, got["seqs"][0]) if probe else None
            if arrival is not None:
                broker_leg.append(arrival - after)
                notifier_leg.append(received - arrival)
        pool.close()
    result = {"events": events, "missing": missing,
              "from_commit": summary_ms(after_commit), "from_call_start": summary_ms(from_call),
              "call": summary_ms(call)}
    if probe:
        result["breakdown"] = {"commit_to_broker_consumer": summary_ms(broker_leg),
                               "broker_consumer_to_watcher": summary_ms(notifier_leg)}
    return result
