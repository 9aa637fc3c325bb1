"""``python -m bench.engine.compare BASELINE``: the worker part of the engine benchmark for a
baseline commit and for this working tree, taking turns, so that the two are measured under the
same conditions. Prints one line per run and writes the runs' JSON to a temporary directory.

The baseline is checked out with ``git worktree`` into a temporary directory (removed at the
end) and run from there with this checkout's virtualenv.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.support import ROOT


def run_bench(tree: Path, output: Path, args: argparse.Namespace) -> dict:
    env = dict(os.environ, PYTHONPATH=str(tree))
    command = [sys.executable, "-m", "bench.engine", "--parts", "worker", "--essays", str(args.essays),
               "--spans-essays", str(args.spans_essays), "--transactions", str(args.transactions),
               "--output", str(output)]
    subprocess.run(command, cwd=tree, env=env, check=True, timeout=args.timeout, stdout=subprocess.DEVNULL)
    return json.loads(output.read_text())


def line(name: str, figures: dict) -> str:
    pipeline = figures["pipeline"]
    worker = pipeline["worker"]
    cpu = worker["cpu"]["ms_per_essay"]
    text = (f"{name:<9} {figures['code']['commit'][:9]}  ratio {pipeline['ratio']:.3f}  "
            f"worker {worker['throughput']['essays_per_second']:6.1f}/s  "
            f"bare {pipeline['bare_essays_per_second']:6.1f}/s  "
            f"CPU ms/essay: pool {cpu['pool_process']:.2f}, relay+service {cpu['correction_service']:.2f}, "
            f"PostgreSQL {cpu['postgresql_backends']:.2f}")
    spans = pipeline.get("instrumented", {}).get("spans_ms")
    if spans:
        text += (f"  claim {spans['wall_mean']['claim']:.2f} ms (CPU {spans['cpu_mean']['claim']:.2f}), "
                 f"complete {spans['wall_mean']['complete']:.2f} ms (CPU {spans['cpu_mean']['complete']:.2f})")
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.engine.compare", description=__doc__)
    parser.add_argument("baseline", help="the commit to compare this working tree with")
    parser.add_argument("--rounds", type=int, default=2, help="runs of each, taking turns (default 2)")
    parser.add_argument("--essays", type=int, default=400)
    parser.add_argument("--spans-essays", type=int, default=200)
    parser.add_argument("--transactions", type=int, default=100)
    parser.add_argument("--timeout", type=int, default=900, help="hard limit of each run, seconds")
    args = parser.parse_args(argv)
    out = Path(tempfile.mkdtemp(prefix="bench-compare-"))
    baseline = out / "baseline"
    subprocess.run(["git", "worktree", "add", "--detach", "-q", str(baseline), args.baseline], cwd=ROOT, check=True)
    try:
        for round_ in range(1, args.rounds + 1):
            for name, tree in (("baseline", baseline), ("current", ROOT)):
                figures = run_bench(tree, out / f"{name}-{round_}.json", args)
                print(line(name, figures), flush=True)
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(baseline)], cwd=ROOT, check=False)
    print(f"runs: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
