"""``python -m bench.streams``: starts the system on a scratch database and vhost, runs the
three benchmarks against the bare baseline and the notifier, prints a table and writes JSON."""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

import grpc

from bench.streams import benchmarks
from bench.streams.client import ClientPool
from bench.streams.common import run_bounded
from bench.streams.targets import BareTarget, BrokerProbe, NotifierTarget
from services.platform.db import UnitOfWork, create_db_engine
from tests.support import (
    ROOT,
    Processes,
    free_port,
    scratch_database,
    scratch_vhost,
    system_environ,
    wait_serving,
)

RESULTS = Path(__file__).resolve().parent / "results.json"
TARGETS = {"memory": 1.5, "fanout_p99": 2.0, "latency_p50_ms": 10.0}



class BenchProcesses(Processes):
    """``Processes`` that can also start a module of this repository (the bare server)."""

    def start_module(self, name: str, module: str, *args: str) -> subprocess.Popen:
        log = open(self.log_dir / f"{name}.log", "wb")
        child = subprocess.Popen([sys.executable, "-m", module, *args], env=self.env, cwd=ROOT,
                                 stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self.children[name] = child
        return child


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.streams", description=__doc__)
    parser.add_argument("--quick", action="store_true",
                        help="a fast sanity run: 1000 streams, 200 fan-out watchers, 50 events")
    parser.add_argument("--streams", type=int, help="memory: concurrent streams (default 10000)")
    parser.add_argument("--watchers", type=int, help="fan-out: watchers of one essay (default 1000)")
    parser.add_argument("--rounds", type=int, help="fan-out: events pushed to them (default 10)")
    parser.add_argument("--events", type=int, help="commit-to-receipt: sequential events (default 200)")
    parser.add_argument("--batch", type=int, default=500, help="streams opened at a time (default 500)")
    parser.add_argument("--burst", type=int, default=500,
                        help="memory: streams opened at once, without retries, after the ramp (default 500)")
    parser.add_argument("--clients", type=int, default=2, help="watcher processes (default 2)")
    parser.add_argument("--channels", type=int, default=8, help="connections per watcher process (default 8)")
    parser.add_argument("--timeout", type=int, default=600, help="hard limit of the whole run, seconds")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    defaults = (1000, 200, 4, 50) if args.quick else (10000, 1000, 10, 200)
    for name, value in zip(("streams", "watchers", "rounds", "events"), defaults, strict=True):
        if getattr(args, name) is None:
            setattr(args, name, value)
    return args


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), "")
    memory = next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    return {"cpus": os.cpu_count(), "cpu_model": cpu, "memory_mib": int(memory) // 1024,
            "kernel": platform.release(), "python": platform.python_version(), "grpcio": grpc.__version__,
            "load_average_at_start": os.getloadavg()}


def run(args: argparse.Namespace, results: dict) -> None:
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-streams-")))
        database_url = stack.enter_context(scratch_database("essay_bench"))
        broker_url = stack.enter_context(scratch_vhost())
        env = system_environ(database_url, broker_url, tmp)
        procs = BenchProcesses(env, tmp)
        stack.callback(procs.stop)
        stack.callback(_print_logs_on_error, procs, results)
        correction = procs.start("correction", "serve", "correction")
        notifier = procs.start("notifier", "serve", "notifier")
        bare_address = f"127.0.0.1:{free_port()}"
        bare = procs.start_module("bare", "bench.streams.bare", "--port", bare_address.rsplit(":", 1)[1],
                                  "--heartbeat-seconds", env.get("HEARTBEAT_SECONDS", "5"))
        for address in (env["CORRECTION_ADDR"], env["NOTIFIER_ADDR"], bare_address):
            wait_serving(address)
        engine = create_db_engine(database_url, pool_size=8)
        stack.callback(engine.dispose)
        targets = [BareTarget(bare_address, bare.pid),
                   NotifierTarget(env["NOTIFIER_ADDR"], notifier.pid, UnitOfWork(engine), correction.pid)]
        for target in targets:
            stack.callback(target.close)

        pool = ClientPool(args.clients)
        stack.callback(pool.stop)
        for target in targets:
            _progress(f"memory: {args.streams} streams on {target.name}")
            results["memory"][target.name] = benchmarks.memory(target, pool, args.streams, args.batch,
                                                               args.channels, min(args.burst, args.streams))

        second = ClientPool(args.clients)
        stack.callback(second.stop)
        _progress(f"fan-out: {args.watchers} watchers on each, {args.rounds} rounds")
        results["fanout"] = benchmarks.fanout(list(zip(targets, (pool, second), strict=True)), args.watchers,
                                              args.rounds, args.batch, args.channels)
        pool.stop()
        second.stop()

        singles = [ClientPool(1) for _ in targets]
        for single in singles:
            stack.callback(single.stop)
        probe = BrokerProbe(broker_url)
        probe.start()
        stack.callback(probe.stop)
        _progress(f"commit-to-receipt: {args.events} events on each")
        results["latency"] = benchmarks.commit_to_receipt(list(zip(targets, singles, strict=True)),
                                                          args.events, probe)
        results["complete"] = True


def _progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def _print_logs_on_error(procs: Processes, results: dict) -> None:
    if results.get("complete"):
        return
    for name in procs.children:
        tail = procs.log(name).splitlines()[-15:]
        print(f"--- last lines of {name}'s log ---", *tail, sep="\n", file=sys.stderr)


def evaluate(results: dict) -> list[dict]:
    """One row per figure: bare, notifier, ratio, target, met."""
    rows = []
    memory, fanout, latency = results["memory"], results["fanout"], results["latency"]
    if len(memory) == 2:
        bare, notifier = memory["bare"]["kib_per_stream"], memory["notifier"]["kib_per_stream"]
        ratio = notifier / bare if bare > 0 else float("inf")
        rows.append({"figure": f"memory: KiB per stream ({memory['notifier']['streams_opened']} streams)",
                     "bare": bare, "notifier": notifier, "ratio": ratio,
                     "target": f"<= {TARGETS['memory']}x bare", "met": ratio <= TARGETS["memory"]})
        rows.append({"figure": "memory: server CPU ms per stream opened", "bare":
                     memory["bare"]["cpu_ms_per_open"]["server"],
                     "notifier": memory["notifier"]["cpu_ms_per_open"]["server"]})
    if len(fanout) == 2:
        for pct in ("p50", "p99"):
            bare, notifier = fanout["bare"][f"{pct}_ms"], fanout["notifier"][f"{pct}_ms"]
            row = {"figure": f"fan-out: {pct} ms ({fanout['notifier']['watchers']} watchers)",
                   "bare": bare, "notifier": notifier, "ratio": notifier / bare if bare > 0 else float("inf")}
            if pct == "p99":
                row.update(target=f"<= {TARGETS['fanout_p99']}x bare", met=row["ratio"] <= TARGETS["fanout_p99"])
            rows.append(row)
    if len(latency) == 2:
        for pct in ("p50", "p95", "p99"):
            row = {"figure": f"commit-to-receipt: {pct} ms ({latency['notifier']['events']} events)",
                   "bare": latency["bare"]["from_call_start"][f"{pct}_ms"],
                   "notifier": latency["notifier"]["from_commit"][f"{pct}_ms"]}
            if pct == "p50":
                row.update(target=f"<= {TARGETS['latency_p50_ms']:g} ms",
                           met=row["notifier"] <= TARGETS["latency_p50_ms"])
            rows.append(row)
    return rows


def print_table(rows: list[dict]) -> None:
    header = ("figure", "bare", "notifier", "ratio", "target", "met")
    lines = [header]
    for row in rows:
        met = row.get("met")
        lines.append((row["figure"], f"{row['bare']:.2f}", f"{row['notifier']:.2f}",
                      f"{row['ratio']:.2f}x" if "ratio" in row else "",
                      row.get("target", ""), "" if met is None else ("yes" if met else "NO")))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for index, line in enumerate(lines):
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip())
        if index == 0:
            print("  ".join("-" * width for width in widths))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    results: dict = {"args": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
                     "machine": machine(), "memory": {}, "fanout": {}, "latency": {}, "complete": False}

    return run_bounded(args, results, run, evaluate, print_table)
