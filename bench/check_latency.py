"""Latency of ``bleiberecht check`` on one case: in-process (engine + result) and cold start (whole command).

Usage (from the repository root)::

    .venv/bin/python bench/check_latency.py [CASE.json] [--runs N] [--warmup N] [--cold-runs N] [--profile]

Goals: in-process p50 <= 5 ms and p99 <= 20 ms; cold start (median) <= 1.5 s. See bench/README.md.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import math
import pathlib
import pstats
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence

REPO = pathlib.Path(__file__).resolve().parents[1]
DEFAULT_CASE = REPO / ".." / "shared" / "examples" / "family-25b.json"

GOAL_P50_MS = 5.0
GOAL_P99_MS = 20.0
GOAL_COLD_S = 1.5


def percentile(sorted_values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile of an ascending sequence."""
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def verdict(value: float, goal: float) -> str:
    return "ok" if value <= goal else "ABOVE GOAL"


def row(label: str, value: str, goal: str = "", ratio: str = "", status: str = "") -> str:
    return f"  {label:<22}{value:>12}{goal:>12}{ratio:>10}   {status}".rstrip()


def in_process_runner(case_path: pathlib.Path) -> Callable[[], object]:
    """Load the case once; return one evaluation (engine + result v1), as ``check`` does after loading."""
    from bleiberecht.casefile import load_case
    from bleiberecht.law.engine import evaluate_cases
    from bleiberecht.law.result import build_results

    case = load_case(case_path)

    def once() -> object:
        return build_results(evaluate_cases([case.data]), lang="de")

    return once


def bench_in_process(once: Callable[[], object], runs: int, warmup: int) -> list[float]:
    for _ in range(warmup):
        once()
    times_ms = []
    for _ in range(runs):
        start = time.perf_counter_ns()
        once()
        times_ms.append((time.perf_counter_ns() - start) / 1e6)
    return sorted(times_ms)


def bench_cold(case_path: pathlib.Path, runs: int) -> list[float]:
    script = pathlib.Path(sys.executable).parent / "bleiberecht"
    if not script.exists():
        sys.exit(f"{script} not found: install the project into this venv (uv sync) first")
    command = [str(script), "check", str(case_path), "--format", "json"]
    times_s = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, check=False)
        times_s.append(time.perf_counter() - start)
        if done.returncode != 0:
            sys.exit(
                f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr.decode(errors='replace')}"
            )
    return times_s


def profile(once: Callable[[], object], runs: int, top: int = 30) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(runs):
        once()
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("case", nargs="?", type=pathlib.Path, default=DEFAULT_CASE, help="case file v1")
    parser.add_argument("--runs", type=int, default=1000, help="timed in-process runs (default 1000)")
    parser.add_argument("--warmup", type=int, default=20, help="untimed warm-up runs (default 20)")
    parser.add_argument("--cold-runs", type=int, default=10, help="subprocess runs (default 10; 0 = skip)")
    parser.add_argument("--profile", action="store_true", help="also print a cProfile of 100 in-process runs")
    args = parser.parse_args(argv)
    case_path: pathlib.Path = args.case.resolve()
    if not case_path.is_file():
        parser.error(f"case file not found: {case_path}")

    print(f"case: {case_path}")
    print(f"python {sys.version.split()[0]}, {sys.executable}")
    print()
    print(row("measure", "value", "goal", "ratio", "status"))
    print("  " + "-" * 68)

    once = in_process_runner(case_path)
    times_ms = bench_in_process(once, args.runs, args.warmup)
    label = f"in-process ({args.runs}x)"
    print(row(label, "", "", "", ""))
    for name, p, goal in (("p50", 50, GOAL_P50_MS), ("p95", 95, None), ("p99", 99, GOAL_P99_MS)):
        value = percentile(times_ms, p)
        if goal is None:
            print(row(f"  {name}", f"{value:.2f} ms"))
        else:
            print(
                row(
                    f"  {name}",
                    f"{value:.2f} ms",
                    f"{goal:.0f} ms",
                    f"{value / goal:.1f}x",
                    verdict(value, goal),
                )
            )
    print(row("  max", f"{times_ms[-1]:.2f} ms"))

    if args.cold_runs > 0:
        times_s = bench_cold(case_path, args.cold_runs)
        median = statistics.median(times_s)
        print(row(f"cold start ({args.cold_runs}x)", ""))
        print(
            row(
                "  median",
                f"{median:.2f} s",
                f"{GOAL_COLD_S:.1f} s",
                f"{median / GOAL_COLD_S:.2f}x",
                verdict(median, GOAL_COLD_S),
            )
        )
        print(
            row(
                "  max",
                f"{max(times_s):.2f} s",
                f"{GOAL_COLD_S:.1f} s",
                "",
                verdict(max(times_s), GOAL_COLD_S),
            )
        )

    if args.profile:
        print()
        print(profile(once, 100))
    return 0


if __name__ == "__main__":
    sys.exit(main())
