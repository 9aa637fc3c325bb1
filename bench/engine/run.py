"""``python -m bench.engine``: the correction engine's load time, latency and essays per second
on one core, then a real worker on RabbitMQ and PostgreSQL against the bare engine on the
same core. Prints a table and writes JSON."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

from bench.engine.common import split_cpus
from bench.engine.essays import all_essays
from bench.engine.pipeline import Pipeline
from bench.streams.common import percentile, run_bounded
from bench.streams.run import machine
from tests.support import ROOT, scratch_database, scratch_vhost

RESULTS = Path(__file__).resolve().parent / "results.json"
TARGETS = {"load_seconds": 5.0, "latency_p50_ms": 20.0, "worker_ratio": 0.9, "worker_rss_mib": 400.0}
PROBE = "bench.engine.probe"



def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.engine", description=__doc__)
    parser.add_argument("--engine", default="offline",
                        help="the engine to load and to run in the worker (default offline); latency and "
                             "essays per second are measured for it and for simple")
    parser.add_argument("--quick", action="store_true",
                        help="a fast sanity run: 1 load trial, 50 timed calls, 200-essay loops, 100 essays "
                             "through the worker")
    parser.add_argument("--cpu", type=int, help="the CPU the engine and the worker's pool process run on "
                                                "(default: the last one this process may use)")
    parser.add_argument("--load-trials", type=int, help="cold and warm loads each (default 3)")
    parser.add_argument("--runs", type=int, help="timed calls per essay and engine (default 200)")
    parser.add_argument("--warmup", type=int, default=20, help="untimed calls per essay first (default 20)")
    parser.add_argument("--loop", type=int, help="essays in each bare-engine loop (default 600)")
    parser.add_argument("--essays", type=int, help="essays through the worker, after the warm-up (default 400)")
    parser.add_argument("--concurrency", type=int, default=1,
                        help="pool processes of the measured worker, all on the measured CPU (default 1)")
    parser.add_argument("--worker-warmup", type=int, default=10,
                        help="essays the worker corrects before the timed batch (default 10)")
    parser.add_argument("--spans-essays", type=int,
                        help="essays through a second, instrumented worker (default 200; 0: none)")
    parser.add_argument("--transactions", type=int, default=100,
                        help="essays taken step by step through claim, engine, complete (default 100)")
    parser.add_argument("--parts", default="load,engine,worker",
                        help="which benchmarks to run, comma-separated (default load,engine,worker)")
    parser.add_argument("--timeout", type=int, default=900, help="hard limit of the whole run, seconds")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    defaults = (1, 50, 200, 100, 100) if args.quick else (3, 200, 600, 400, 200)
    for name, value in zip(("load_trials", "runs", "loop", "essays", "spans_essays"), defaults, strict=True):
        if getattr(args, name) is None:
            setattr(args, name, value)
    if args.runs < 50 and not args.quick:
        parser.error("--runs must be at least 50")
    args.parts = set(args.parts.split(","))
    if args.parts - {"load", "engine", "worker"}:
        parser.error("--parts takes load, engine and worker")
    if max(args.essays, args.spans_essays) + args.worker_warmup > 500 * args.concurrency:
        parser.error("--essays plus --worker-warmup must stay within a pool process's 500 tasks "
                     "(worker_max_tasks_per_child)")
    return args


def code_version() -> dict:
    """The commit measured, and whether the engine's files differed from it."""
    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=30).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""
    return {"commit": git("rev-parse", "HEAD"),
            "engine_changed_since_commit": bool(git("status", "--porcelain", "services/correction/engine")),
            "correction_changed_since_commit": bool(git("status", "--porcelain", "services/correction"))}


def probe(command: str, *options: str, env: dict[str, str] | None = None, timeout: float = 300) -> dict:
    """Runs ``python -m bench.engine.probe`` in a new process and returns its figures
    (and ``process_seconds``: the whole process, interpreter start to exit)."""
    argv = [sys.executable, "-m", PROBE, command, *options]
    started = time.perf_counter()
    child = subprocess.Popen(argv, cwd=ROOT, env=env or dict(os.environ), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        out, err = child.communicate(timeout=timeout)
    except BaseException:
        child.kill()  # by its pid
        child.communicate()
        raise
    seconds = time.perf_counter() - started
    if child.returncode != 0:
        raise RuntimeError(f"probe {command} failed ({child.returncode}):\n{err[-3000:]}")
    figures = json.loads(out.strip().splitlines()[-1])
    figures["process_seconds"] = seconds
    return figures


def measure_load(engine: str, cpu: int, trials: int) -> dict:
    """Cold: a fresh process with an empty temporary directory, so jieba builds its dictionary
    cache again (what a new container's first worker does). Warm: a second process right
    after it, with that cache in place. Python's bytecode caches exist in both (pip writes
    them at install), and the OS page cache is left alone."""
    runs: dict[str, list[dict]] = {"cold": [], "warm": []}
    for _ in range(trials):
        with tempfile.TemporaryDirectory(prefix="bench-engine-load-") as tmp:
            env = {**os.environ, "TMPDIR": tmp}
            for kind in ("cold", "warm"):
                runs[kind].append(probe("load", "--engine", engine, "--cpu", str(cpu), env=env))
    summary = {}
    for kind, figures in runs.items():
        summary[kind] = {
            "load_seconds_median": statistics.median(f["load_seconds"] for f in figures),
            "process_seconds_median": statistics.median(f["process_seconds"] for f in figures),
            "load_seconds": [f["load_seconds"] for f in figures],
            "process_seconds": [f["process_seconds"] for f in figures],
            "rss_kib_after_load": [f["memory_kib"].get("vmrss") for f in figures],
        }
    return summary


def measure_engine(engine: str, cpu: int, args: argparse.Namespace) -> dict:
    figures = probe("engine", "--engine", engine, "--cpu", str(cpu), "--runs", str(args.runs),
                    "--warmup", str(args.warmup), "--essays", str(args.loop))
    for essay in figures["latency"].values():
        seconds, cpu = essay.pop("seconds"), essay.pop("cpu_seconds")
        essay.update(p50_ms=percentile(seconds, 50) * 1000, p95_ms=percentile(seconds, 95) * 1000,
                     p99_ms=percentile(seconds, 99) * 1000, max_ms=max(seconds) * 1000, runs=len(seconds),
                     cpu_p50_ms=percentile(cpu, 50) * 1000, cpu_p95_ms=percentile(cpu, 95) * 1000,
                     first_call_ms=essay.pop("first_call_seconds") * 1000)
    return figures


def bare_rate(engine: str, cpu: int, loop: int) -> dict:
    return probe("engine", "--engine", engine, "--cpu", str(cpu), "--essays", str(loop))["throughput"]


def summarise_transactions(figures: dict) -> dict:
    ms = {name: {"p50": percentile(values, 50) * 1000, "mean": statistics.fmean(values) * 1000}
          for name, values in figures["seconds"].items()}
    cpu_ms = {name: statistics.fmean(values) * 1000 for name, values in figures["cpu_seconds"].items()}
    statements = {name: {"per_transaction": value["per_transaction"],
                         "sql_ms_mean": statistics.fmean(value["seconds"]) * 1000}
                  for name, value in figures["statements"].items()}
    commit = {name.removesuffix("_seconds"): percentile(values, 50) * 1000
              for name, values in figures["commit"].items()}
    return {"essays": figures["essays"], "ms": ms, "cpu_ms_mean": cpu_ms, "statements": statements,
            "commit_p50_ms": commit}


def summarise_worker(figures: dict) -> dict:
    per = figures.pop("per_essay_seconds")
    figures["per_essay_ms"] = {name: {"p50": percentile(values, 50) * 1000, "mean": statistics.fmean(values) * 1000}
                               for name, values in per.items() if values}
    spans = figures.pop("spans", None)
    if spans:
        names = ("task", "claim", "engine", "complete", "between")
        mean = {name: [statistics.fmean(s[name][i] for s in spans if name in s) * 1000 for i in (0, 1)]
                for name in names}
        mean["task_other"] = [mean["task"][i] - mean["claim"][i] - mean["engine"][i] - mean["complete"][i]
                              for i in (0, 1)]
        figures["spans_ms"] = {"essays": len(spans), "wall_mean": {k: v[0] for k, v in mean.items()},
                               "cpu_mean": {k: v[1] for k, v in mean.items()}}
    return figures


def run(args: argparse.Namespace, results: dict) -> None:
    cpu, others = split_cpus(args.cpu)
    results["cpus"] = {"measured": cpu, "others": sorted(others)}
    engines = [args.engine] + (["simple"] if args.engine != "simple" else [])
    for engine in engines if "load" in args.parts else ():
        _progress(f"load: {engine}, {args.load_trials} cold and warm processes on CPU {cpu}")
        results["load"][engine] = measure_load(engine, cpu, args.load_trials)
    for engine in reversed(engines) if "engine" in args.parts else ():
        _progress(f"latency and essays/s: {engine} on CPU {cpu}")
        results["engine"][engine] = measure_engine(engine, cpu, args)

    if "worker" in args.parts:
        run_worker(args, results, cpu, others)
    results["complete"] = True


def run_worker(args: argparse.Namespace, results: dict, cpu: int, others: set[int]) -> None:
    driver_affinity = os.sched_getaffinity(0)
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-engine-")))
        database_url = stack.enter_context(scratch_database("essay_bench"))
        broker_url = stack.enter_context(scratch_vhost())
        os.sched_setaffinity(0, others)  # the driver and what it starts stay off the measured CPU
        stack.callback(os.sched_setaffinity, 0, driver_affinity)
        results_pipeline = results["pipeline"]
        _progress("pipeline: scratch database and vhost, correction service (relay)")
        pipeline = Pipeline(database_url, broker_url, tmp, args.engine, cpu, others, stack.callback)
        pipeline.start()
        ids, results_pipeline["queueing"] = pipeline.queue(args.worker_warmup + args.essays)

        _progress(f"bare {args.engine} on CPU {cpu}, before the worker")
        results_pipeline["bare_before"] = bare_rate(args.engine, cpu, args.loop)
        _progress(f"worker: {args.worker_warmup} + {args.essays} queued essays, concurrency {args.concurrency}, "
                  f"pool on CPU {cpu}")
        worker = pipeline.run_worker(ids, args.worker_warmup, timeout=300, concurrency=args.concurrency)
        results_pipeline["worker"] = summarise_worker(worker)
        _progress(f"bare {args.engine} on CPU {cpu}, after the worker")
        results_pipeline["bare_after"] = bare_rate(args.engine, cpu, args.loop)
        bare = statistics.fmean([results_pipeline["bare_before"]["essays_per_second"],
                                 results_pipeline["bare_after"]["essays_per_second"]])
        results_pipeline["bare_essays_per_second"] = bare
        results_pipeline["ratio"] = worker["throughput"]["essays_per_second"] / bare

        if args.spans_essays:
            _progress(f"instrumented worker: {args.worker_warmup} + {args.spans_essays} essays, timers around "
                      "claim, engine, complete")
            ids, _ = pipeline.queue(args.worker_warmup + args.spans_essays)
            spans = pipeline.run_worker(ids, args.worker_warmup, timeout=300, spans=tmp / "spans.jsonl")
            results_pipeline["instrumented"] = summarise_worker(spans)
        if args.transactions:
            _progress(f"claim, engine, complete without Celery: {args.transactions} essays on CPU {cpu}")
            results_pipeline["transactions"] = summarise_transactions(probe(
                "transactions", "--engine", args.engine, "--cpu", str(cpu), "--essays", str(args.transactions),
                "--database-url", database_url))


def _progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def evaluate(results: dict) -> list[dict]:
    """One row per figure: value, target, met, and a note."""
    rows = []
    for engine, load in results["load"].items():
        for kind in ("cold", "warm"):
            value = load[kind]["load_seconds_median"]
            row = {"figure": f"load {engine}, {kind}: s (median of {len(load[kind]['load_seconds'])})",
                   "value": value, "note": f"whole process {load[kind]['process_seconds_median']:.2f} s"}
            if engine != "simple":
                row.update(target=f"<= {TARGETS['load_seconds']:g} s", met=value <= TARGETS["load_seconds"])
            rows.append(row)
    for engine, figures in results["engine"].items():
        for name, essay in figures["latency"].items():
            rows.append({"figure": f"latency {engine}, {name} ({essay['size']}): p50 ms", "value": essay["p50_ms"],
                         "target": f"<= {TARGETS['latency_p50_ms']:g} ms",
                         "met": essay["p50_ms"] <= TARGETS["latency_p50_ms"],
                         "note": f"CPU p50 {essay['cpu_p50_ms']:.2f} ms; {essay['errors_found']} errors found; "
                                 f"first call {essay['first_call_ms']:.0f} ms"})
            rows.append({"figure": f"latency {engine}, {name}: p95 ms ({essay['runs']} runs)",
                         "value": essay["p95_ms"], "note": f"CPU p95 {essay['cpu_p95_ms']:.2f} ms"})
        if "throughput" in figures:
            loop = figures["throughput"]
            rows.append({"figure": f"essays/s per core, {engine} (mix of both)", "value": loop["essays_per_second"],
                         "note": f"CPU {loop['cpu_seconds'] * 1000 / loop['essays']:.2f} ms per essay"})
    pipeline = results["pipeline"]
    if "ratio" in pipeline:
        rows.extend(_worker_rows(pipeline))
    return rows


def _worker_rows(pipeline: dict) -> list[dict]:
    worker = pipeline["worker"]
    before, after = pipeline["bare_before"], pipeline["bare_after"]
    bare_cpu_ms = statistics.fmean(b["cpu_seconds"] * 1000 / b["essays"] for b in (before, after))
    rows = [
        {"figure": "bare engine essays/s, mean of before and after", "value": pipeline["bare_essays_per_second"],
         "note": f"{before['essays_per_second']:.1f} / {after['essays_per_second']:.1f}; "
                 f"CPU {bare_cpu_ms:.2f} ms per essay"},
        {"figure": f"worker essays/s ({worker['throughput']['essays']} essays, concurrency {worker['concurrency']})",
         "value": worker["throughput"]["essays_per_second"]},
        {"figure": "worker / bare", "value": pipeline["ratio"], "target": f">= {TARGETS['worker_ratio']:g}",
         "met": pipeline["ratio"] >= TARGETS["worker_ratio"]},
    ]
    cpu = worker.get("cpu", {}).get("ms_per_essay", {})
    if cpu:
        rows.append({"figure": "worker pool CPU ms per essay", "value": cpu["pool_process"],
                     "note": f"bare/worker CPU {bare_cpu_ms / cpu['pool_process']:.2f}; pool busy "
                             f"{worker['cpu']['pool_process_busy'] * 100:.0f}% of the wall time"})
        rows.append({"figure": "  elsewhere: relay+service / PostgreSQL / worker main / RabbitMQ",
                     "value": cpu["correction_service"] + cpu["postgresql_backends"] + cpu["worker_main"]
                     + cpu.get("rabbitmq_node", 0.0),
                     "note": f"{cpu['correction_service']:.1f} / {cpu['postgresql_backends']:.1f} / "
                             f"{cpu['worker_main']:.1f} / {cpu.get('rabbitmq_node', 0.0):.1f} ms CPU per essay"})
    per = worker["per_essay_ms"]
    if worker["concurrency"] == 1:  # with more pool processes the essays overlap
        rows.append({"figure": "worker per essay, from its events: cycle ms (mean)", "value": per["cycle"]["mean"],
                     "note": f"engine {per['engine']['mean']:.1f}, claim's commit to complete "
                             f"{per['claim_to_complete_minus_engine']['mean']:.1f}, complete to next claim's lock "
                             f"{per['complete_to_next_claim']['mean']:.1f}"})
    spans = pipeline.get("instrumented", {}).get("spans_ms")
    if spans:
        wall, cpu_ms = spans["wall_mean"], spans["cpu_mean"]
        rows.append({"figure": f"instrumented worker ({spans['essays']} essays): task ms (mean)", "value": wall["task"],
                     "note": f"CPU {cpu_ms['task']:.1f}; "
                             f"{pipeline['instrumented']['throughput']['essays_per_second']:.1f} essays/s"})
        for name, label in (("claim", "claim"), ("engine", "engine"), ("complete", "complete"),
                            ("task_other", "rest of the task"), ("between", "between tasks (Celery)")):
            rows.append({"figure": f"  {label} ms", "value": wall[name], "note": f"CPU {cpu_ms[name]:.2f}"})
    steps = pipeline.get("transactions")
    if steps:
        commit = steps["commit_p50_ms"]
        for step in ("claim", "complete"):
            lock = (f"; until the row is locked {steps['ms']['claim_lock']['mean']:.2f}" if step == "claim" else "")
            rows.append({"figure": f"{step} alone, no Celery: ms (mean)", "value": steps["ms"][step]["mean"],
                         "note": f"CPU {steps['cpu_ms_mean'][step]:.2f}; "
                                 f"{steps['statements'][step]['per_transaction']:.0f} statements{lock}"})
        rows.append({"figure": "commit with WAL flush, p50 ms", "value": commit["synchronous_commit_on"],
                     "note": f"without {commit['synchronous_commit_off']:.2f}; round trip {commit['round_trip']:.3f}"})
    for pid, memory in worker["memory_kib"]["pool_process"].items():
        rss = memory["vmrss"] / 1024
        rows.append({"figure": f"worker pool process {pid}: RSS MiB", "value": rss,
                     "target": f"< {TARGETS['worker_rss_mib']:g} MiB", "met": rss < TARGETS["worker_rss_mib"],
                     "note": f"PSS {memory.get('pss', 0) / 1024:.0f} MiB; worker main RSS "
                             f"{worker['memory_kib']['worker_main']['vmrss'] / 1024:.0f} MiB"})
    return rows


def print_table(rows: list[dict]) -> None:
    header = ("figure", "value", "target", "met", "")
    lines = [header]
    for row in rows:
        met = row.get("met")
        lines.append((row["figure"], f"{row['value']:.2f}", row.get("target", ""),
                      "" if met is None else ("yes" if met else "NO"), row.get("note", "")))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for index, line in enumerate(lines):
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip())
        if index == 0:
            print("  ".join("-" * width for width in widths).rstrip())


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    results: dict = {"args": {k: str(v) if isinstance(v, Path) else sorted(v) if isinstance(v, set) else v
                              for k, v in vars(args).items()},
                     "machine": machine(), "code": code_version(), "essays": {e.name: e.size() for e in all_essays()},
                     "load": {}, "engine": {}, "pipeline": {}, "complete": False}

    return run_bounded(args, results, run, evaluate, print_table)
