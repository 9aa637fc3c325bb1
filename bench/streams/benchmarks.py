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
    at a time (refused streams are opened again); then how a burst of opens is taken."""
    watches = target.open_watches(streams)
    pool.connect(target.address, channels)
    # The first streams load code paths and pools once: not a per-stream cost.
    pool.open(watches[:WARMUP_STREAMS], batch)
    pool.close()
    time.sleep(SETTLE_SECONDS)

    pids = {"server": target.pid, **target.helpers}
    rss_before = rss_kib(target.pid)
    cpu_before = {name: cpu_seconds(pid) for name, pid in pids.items()}
    opened = pool.open(watches, batch)
    cpu_open = {name: cpu_seconds(pid) - cpu_before[name] for name, pid in pids.items()}
    time.sleep(SETTLE_SECONDS)
    rss_opened = rss_kib(target.pid)
    cpu_hold_start = cpu_seconds(target.pid)
    time.sleep(HOLD_SECONDS)  # idle streams: only heartbeats, if the server sends them
    idle_cpu = (cpu_seconds(target.pid) - cpu_hold_start) / HOLD_SECONDS
    rss_held = rss_kib(target.pid)
    stats_open = target.stream_stats()
    closed = pool.close()
    time.sleep(SETTLE_SECONDS)
    rss_closed = rss_kib(target.pid)
    stats_closed = target.stream_stats()

    # How the server takes a burst: ``burst_size`` streams opened at once, none retried.
    burst = pool.open(watches[:burst_size], burst_size, retries=0)
    pool.close()

    count = max(1, opened["opened"])
    result = {
        "streams_requested": streams, "streams_opened": opened["opened"], "open_failed": opened["failed"],
        "open_refused_then_retried": opened["refused"], "open_seconds": round(opened["seconds"], 2),
        "rss_before_kib": rss_before, "rss_after_open_kib": rss_opened, "rss_after_hold_kib": rss_held,
        "rss_after_close_kib": rss_closed,
        "kib_per_stream": round((max(rss_opened, rss_held) - rss_before) / count, 2),
        "cpu_ms_per_open": {name: round(seconds * 1000 / count, 3) for name, seconds in cpu_open.items()},
        "idle_cpu_percent_holding_streams": round(idle_cpu * 100, 1),
        "stream_errors_before_close": closed["errors"],
        "burst": {"size": burst_size, "opened": burst["opened"], "refused": burst["refused"]},
    }
    if stats_open is not None:
        result["server_stats"] = {"holding": stats_open, "after_close": stats_closed}
    return result


def fanout(pairs: list[tuple], watchers: int, rounds: int, batch: int, channels: int) -> dict:
    """``watchers`` streams on one essay per target, each an admin's (any admin may watch any
    essay); per round one state change on each target in turn (the order alternates), timed
    from just before its trigger to each watcher's receipt. ``pairs``: (target, its clients)."""
    essays, refused = {}, {}
    for target, pool in pairs:
        essay, _ = target.fresh_essay()
        pool.connect(target.address, channels)
        opened = pool.open([(essay, Caller(str(uuid.uuid4()), "admin").metadata()) for _ in range(watchers)],
                           batch)
        if opened["failed"]:
            raise ClientError(f"fan-out on {target.name}: {opened['failed']} of {watchers} streams "
                              f"did not open: {opened['refused']}")
        essays[target.name], refused[target.name] = essay, opened["refused"]
    time.sleep(SETTLE_SECONDS)
    per_round: dict[str, list] = {target.name: [] for target, _ in pairs}
    pooled: dict[str, list] = {target.name: [] for target, _ in pairs}
    for index in range(rounds):
        state = "PROCESSING" if index % 2 == 0 else "RETRYING"
        for target, pool in pairs if index % 2 == 0 else pairs[::-1]:
            cpu_start = cpu_seconds(target.pid)
            before, after = target.advance(essays[target.name], state)
            got = pool.collect(index + 1, timeout=30)
            cpu = cpu_seconds(target.pid) - cpu_start
            latencies = [t - before for t in got["times"]]
            pooled[target.name] += latencies
            per_round[target.name].append({
                "state": state, **summary_ms(latencies, (50, 99)), "missing": got["missing"],
                "trigger_call_ms": round((after - before) * 1000, 3), "server_cpu_ms": round(cpu * 1000, 1)})
            time.sleep(0.5)
    results = {}
    for target, pool in pairs:
        pool.close()
        results[target.name] = {
            "watchers": watchers, "rounds": rounds, "open_refused_then_retried": refused[target.name],
            **summary_ms(pooled[target.name], (50, 90, 99)),
            "missing": sum(r["missing"] for r in per_round[target.name]), "per_round": per_round[target.name]}
    return results


def commit_to_receipt(pairs: list[tuple], events: int, probe: BrokerProbe | None = None) -> dict:
    """One watcher per target; ``events`` state changes on each, one after another (claim,
    complete, next essay; the targets take turns), each timed from the call that made it
    returning to the watcher's receipt. ``pairs``: (target, its one-process clients)."""
    samples: dict[str, list] = {target.name: [] for target, _ in pairs}  # (essay, seq, start, return, receipt)
    missing = dict.fromkeys(samples, 0)
    for target, pool in pairs:
        pool.connect(target.address, 1)
    for turn in range(-(-events // 2)):
        for target, pool in pairs if turn % 2 == 0 else pairs[::-1]:
            essay, owner = target.fresh_essay()
            pool.open([(essay, owner)], 1)
            for count, state in enumerate(("PROCESSING", "COMPLETED"), 1):
                if len(samples[target.name]) + missing[target.name] >= events:
                    break
                before, after = target.advance(essay, state)
                got = pool.collect(count, timeout=10)
                if got["times"]:
                    samples[target.name].append((essay, got["seqs"][0], before, after, got["times"][0]))
                else:
                    missing[target.name] += 1
            pool.close()
    if probe:
        time.sleep(1.0)  # the probe's thread may still be handing over the last arrivals
    return {target.name: _latencies(samples[target.name], missing[target.name], events,
                                    probe if target.name == "notifier" else None)
            for target, _ in pairs}


def _latencies(samples: list[tuple], missing: int, events: int, probe: BrokerProbe | None) -> dict:
    result = {"events": events, "missing": missing,
              "from_commit": summary_ms([received - after for *_, after, received in samples]),
              "from_call_start": summary_ms([received - before for _, _, before, _, received in samples]),
              "call": summary_ms([after - before for _, _, before, after, _ in samples])}
    if probe:
        legs = [(arrival - after, received - arrival) for essay, seq, _, after, received in samples
                if (arrival := probe.arrival(essay, seq)) is not None]
        result["breakdown"] = {"commit_to_broker_consumer": summary_ms([a for a, _ in legs]),
                               "broker_consumer_to_watcher": summary_ms([b for _, b in legs])}
    return result
