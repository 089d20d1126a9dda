"""National-scale screening benchmark (printed figures, not a test).

Usage (from the repository root)::

    .venv/bin/python bench/screening.py [--persons 200000] [--seed 1] [--chunk 50000] [--sample 2000] [--profile]
    .venv/bin/python bench/screening.py --jsonl /tmp/caseloads/cl200k.jsonl   # a caseload written before

Measures separately, each stage in a fresh process so that its peak memory is its own:

1. generation of the synthetic caseload (and writing it as JSON Lines and Parquet);
2. reading: JSON Lines (parse) and Parquet (nested layout), then the casefile checks (`validate_case`);
3. evaluation of all paths and reviews (the engine, in chunks as ``bleiberecht screen`` ran it on dicts), the
   worklist columns (triage), the sorted worklist, counts and the 24-month forecast;
3b. the columnar path as ``bleiberecht screen`` now runs it on Parquet: read the file, check the cases slice by
   slice (`validate_case` in two processes), then per chunk the columnar fact tables, derive, engine, triage,
   and worklist, counts and forecast; peak memory of that whole process;
4. the ratio against evaluating a sample of persons one case at a time through the single-case entry point
   (``evaluate_cases([case])`` + ``build_results``, what ``bleiberecht check`` does); the sample stops after
   ``--sample-seconds`` and the figures are per person.

Goals (issue 4): evaluation <= 3 s and peak memory <= 2 GiB for 200,000 persons on the 2-core machine.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pathlib
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from typing import Any

GOAL_EVAL_S = 3.0
GOAL_PEAK_GIB = 2.0
REPO = pathlib.Path(__file__).resolve().parents[1]


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def workers_cpu() -> float:
    """CPU seconds of the finished worker processes (validation)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def stage_generate(args: argparse.Namespace, folder: pathlib.Path) -> dict[str, Any]:
    from bleiberecht.screening import generate_cases
    from bleiberecht.screening.readers.parquet import write_parquet
    from bleiberecht.screening.synth import write_jsonl

    t = time.perf_counter()
    if args.jsonl:  # a caseload written before: read it instead of generating one (not timed as generation)
        from bleiberecht.screening.readers.jsonl import read_jsonl

        cases = [c.doc for c in read_jsonl(pathlib.Path(args.jsonl))[0]]
        (folder / "caseload.jsonl").symlink_to(pathlib.Path(args.jsonl).resolve())
        generated = float("nan")
    else:
        cases = list(generate_cases(args.persons, args.seed))
        generated = time.perf_counter() - t
        t = time.perf_counter()
        write_jsonl(cases, folder / "caseload.jsonl")
    jsonl = time.perf_counter() - t
    t = time.perf_counter()
    c = time.process_time()
    write_parquet(cases, folder / "caseload.parquet")
    parquet = time.perf_counter() - t
    parquet_cpu = time.process_time() - c
    return {
        "cases": len(cases),
        "generate_s": generated,
        "write_jsonl_s": jsonl,
        "write_parquet_s": parquet,
        "write_parquet_cpu_s": parquet_cpu,
        "jsonl_mib": (folder / "caseload.jsonl").stat().st_size / 2**20,
        "parquet_mib": (folder / "caseload.parquet").stat().st_size / 2**20,
        "peak_mib": peak_mib(),
    }


def stage_read(kind: str, folder: pathlib.Path) -> dict[str, Any]:
    from bleiberecht.screening.caseload import check_candidates
    from bleiberecht.screening.readers.jsonl import read_jsonl
    from bleiberecht.screening.readers.parquet import read_parquet

    t = time.perf_counter()
    if kind == "jsonl_columnar":  # as bleiberecht screen reads JSON Lines now: slices, valid cases as a frame
        from bleiberecht.screening.readers import read_caseload

        c = time.process_time()
        read = read_caseload(folder / "caseload.jsonl", columnar=True)
        return {
            "read_validate_s": time.perf_counter() - t,
            "read_validate_cpu_s": time.process_time() - c,
            "workers_cpu_s": workers_cpu(),
            "persons": read.persons_screened,
            "peak_mib": peak_mib(),
            "children_peak_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        }
    if kind == "jsonl":
        candidates, _, _ = read_jsonl(folder / "caseload.jsonl")
    else:
        nested, _ = read_parquet(folder / "caseload.parquet")
        assert nested is not None
        candidates = nested
    parsed = time.perf_counter() - t
    t = time.perf_counter()
    c = time.process_time()
    caseload = check_candidates(str(folder), candidates, as_of=None)
    checked = time.perf_counter() - t
    return {
        "parse_s": parsed,
        "validate_s": checked,
        "validate_cpu_s": time.process_time() - c + workers_cpu(),
        "persons": caseload.persons_screened,
        "rejected": caseload.persons_rejected,
        "peak_mib": peak_mib(),
    }


def _load_cases(folder: pathlib.Path) -> list[dict[str, Any]]:
    from bleiberecht.screening.readers.parquet import read_parquet

    nested, _ = read_parquet(folder / "caseload.parquet")
    assert nested is not None
    return [c.doc for c in nested]


def stage_evaluate(folder: pathlib.Path, chunk: int, profile: bool) -> dict[str, Any]:
    from bleiberecht.law.derive import derive
    from bleiberecht.law.engine import evaluate_frame
    from bleiberecht.law.facts import build_fact_tables
    from bleiberecht.law.params import load_params
    from bleiberecht.screening.forecast import forecast
    from bleiberecht.screening.overview import light_counts, path_counts
    from bleiberecht.screening.screen import chunks, review_rows
    from bleiberecht.screening.triage import triage
    from bleiberecht.screening.worklist import build_worklist

    cases = _load_cases(folder)
    loaded_mib = peak_mib()
    p = load_params()
    timing = {"facts_s": 0.0, "derive_s": 0.0, "engine_s": 0.0, "triage_s": 0.0}
    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    import polars as pl

    start, start_cpu = time.perf_counter(), time.process_time()
    parts = []
    cpu: dict[str, float] = {}

    def lap(key: str, since: tuple[float, float]) -> tuple[float, float]:
        now = (time.perf_counter(), time.process_time())
        timing[f"{key}_s"] += now[0] - since[0]
        cpu[f"{key}_cpu_s"] = cpu.get(f"{key}_cpu_s", 0.0) + now[1] - since[1]
        return now

    for batch in chunks(cases, chunk):
        t = (time.perf_counter(), time.process_time())
        tables = build_fact_tables(batch)
        t = lap("facts", t)
        derived = derive(tables, p)
        t = lap("derive", t)
        frame = evaluate_frame(derived, p, explain=False)  # as screen_cases: no explanation texts
        t = lap("engine", t)
        part = triage(frame, params=p).sort("pk")
        names = [person.get("name") for case in batch for person in case["persons"]]
        parts.append(part.with_columns(pl.Series("name", names, dtype=pl.Utf8)))
        lap("triage", t)
        del frame, derived, tables
    tri = pl.concat(parts, how="vertical_relaxed")
    t0 = (time.perf_counter(), time.process_time())
    build_worklist(tri, tri.get_column("name"))
    path_counts(tri)
    light_counts(tri)
    review_rows(tri)
    forecast(tri)
    cpu["worklist_forecast_cpu_s"] = time.process_time() - t0[1]
    t = t0[0]
    timing["worklist_forecast_s"] = time.perf_counter() - t
    total = time.perf_counter() - start
    out: dict[str, Any] = {
        "persons": tri.height,
        "evaluate_total_s": total,
        "evaluate_total_cpu_s": time.process_time() - start_cpu,
        **timing,
        **cpu,
        "peak_mib": peak_mib(),
        "loaded_mib": loaded_mib,
    }
    if profiler:
        profiler.disable()
        buffer = io.StringIO()
        pstats.Stats(profiler, stream=buffer).sort_stats("cumulative").print_stats(25)
        out["profile"] = buffer.getvalue()
    return out


def stage_columnar(folder: pathlib.Path, chunk: int, profile: bool) -> dict[str, Any]:
    """``bleiberecht screen`` on nested Parquet: read, check in slices, columnar facts, evaluation."""
    import polars as pl

    from bleiberecht.law.derive import derive
    from bleiberecht.law.engine import evaluate_frame
    from bleiberecht.law.facts_columnar import build_fact_tables_columnar, person_names
    from bleiberecht.law.params import load_params
    from bleiberecht.screening.forecast import forecast
    from bleiberecht.screening.overview import light_counts, path_counts
    from bleiberecht.screening.readers import read_caseload
    from bleiberecht.screening.screen import frame_chunks, review_rows
    from bleiberecht.screening.triage import triage
    from bleiberecht.screening.worklist import build_worklist

    wall, cpu = time.perf_counter(), time.process_time()
    caseload = read_caseload(folder / "caseload.parquet", columnar=True)
    frame = caseload.frame
    assert frame is not None
    read = {
        "read_validate_s": time.perf_counter() - wall,
        "read_validate_cpu_s": time.process_time() - cpu,
        "workers_cpu_s": workers_cpu(),
    }
    read_mib = peak_mib()
    p = load_params()
    timing = {k: 0.0 for k in ("facts", "derive", "engine", "triage")}
    cpu_timing = dict(timing)
    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    start, start_cpu = time.perf_counter(), time.process_time()
    parts = []

    def lap(key: str, since: tuple[float, float]) -> tuple[float, float]:
        now = (time.perf_counter(), time.process_time())
        timing[key] += now[0] - since[0]
        cpu_timing[key] += now[1] - since[1]
        return now

    for batch in frame_chunks(frame, chunk):
        t = (time.perf_counter(), time.process_time())
        tables = build_fact_tables_columnar(batch)
        t = lap("facts", t)
        derived = derive(tables, p)
        t = lap("derive", t)
        evaluated = evaluate_frame(derived, p, explain=False)
        t = lap("engine", t)
        part = triage(evaluated, params=p).sort("pk")
        parts.append(part.with_columns(person_names(batch)))
        lap("triage", t)
        del evaluated, derived, tables
    tri = pl.concat(parts, how="vertical_relaxed")
    t = (time.perf_counter(), time.process_time())
    build_worklist(tri, tri.get_column("name"))
    path_counts(tri)
    light_counts(tri)
    review_rows(tri)
    forecast(tri)
    timing["worklist_forecast"] = time.perf_counter() - t[0]
    cpu_timing["worklist_forecast"] = time.process_time() - t[1]
    out: dict[str, Any] = {
        "persons": tri.height,
        "rejected": caseload.persons_rejected,
        **read,
        "evaluate_total_s": time.perf_counter() - start,
        "evaluate_total_cpu_s": time.process_time() - start_cpu,
        **{f"{k}_s": v for k, v in timing.items()},
        **{f"{k}_cpu_s": v for k, v in cpu_timing.items()},
        "peak_mib": peak_mib(),
        "read_peak_mib": read_mib,
        "children_peak_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }
    if profiler:
        profiler.disable()
        buffer = io.StringIO()
        pstats.Stats(profiler, stream=buffer).sort_stats("cumulative").print_stats(25)
        out["profile"] = buffer.getvalue()
    return out


def stage_single(folder: pathlib.Path, sample: int, budget_s: float) -> dict[str, Any]:
    from bleiberecht.law.engine import evaluate_cases
    from bleiberecht.law.result import build_results

    cases = _load_cases(folder)
    picked, n = [], 0
    for case in cases:
        if n >= sample:
            break
        picked.append(case)
        n += len(case["persons"])
    del cases
    build_results(evaluate_cases([picked[0]]))  # warm-up (imports, parameter files)
    done_persons = done_cases = 0
    t = time.perf_counter()
    for case in picked:  # stops early after budget_s; the figures are per person
        build_results(evaluate_cases([case]))
        done_persons += len(case["persons"])
        done_cases += 1
        if time.perf_counter() - t > budget_s:
            break
    single = time.perf_counter() - t
    return {"persons": done_persons, "cases": done_cases, "single_s": single, "wanted": n}


def _child(stage: str, folder: pathlib.Path, args: argparse.Namespace) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--stage", stage, "--folder", str(folder), "--chunk", str(args.chunk)]
    cmd += ["--sample", str(args.sample), "--sample-seconds", str(args.sample_seconds)]
    cmd += ["--persons", str(args.persons), "--seed", str(args.seed)] + (
        ["--profile"] if args.profile else []
    )
    cmd += ["--jsonl", args.jsonl] if args.jsonl else []
    done = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=REPO)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--persons", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    from bleiberecht.screening.screen import CHUNK_PERSONS

    parser.add_argument(
        "--chunk", type=int, default=CHUNK_PERSONS, help="persons per engine chunk (default: as screen)"
    )
    parser.add_argument("--sample", type=int, default=2_000, help="persons evaluated one case at a time")
    parser.add_argument(
        "--sample-seconds", type=float, default=120.0, help="stop the one-by-one sample after this long"
    )
    parser.add_argument("--profile", action="store_true", help="print where the evaluation time goes")
    parser.add_argument("--jsonl", help="use this JSON Lines caseload instead of generating one")
    parser.add_argument(
        "--only", choices=("dict", "columnar"), help="run only one evaluation path (and no one-by-one sample)"
    )
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.stage:
        from bleiberecht.screening.gcpause import paused_gc

        with paused_gc():  # as bleiberecht screen does: the cyclic GC would rescan all case dicts
            return _run_stage(args)
    return _orchestrate(args)


def _run_stage(args: argparse.Namespace) -> int:
    if args.stage:
        folder = pathlib.Path(args.folder)
        if args.stage == "generate":
            out = stage_generate(args, folder)
        elif args.stage in ("jsonl", "parquet", "jsonl_columnar"):
            out = stage_read(args.stage, folder)
        elif args.stage == "evaluate":
            out = stage_evaluate(folder, args.chunk, args.profile)
        elif args.stage == "columnar":
            out = stage_columnar(folder, args.chunk, args.profile)
        else:
            out = stage_single(folder, args.sample, args.sample_seconds)
        print(json.dumps(out))
    return 0


def _print_evaluation(ev: dict[str, Any], keys: tuple[str, ...]) -> None:
    for key in keys:
        print(f"  {key:<20}{ev[key + '_s']:8.2f} s wall {ev.get(key + '_cpu_s', float('nan')):8.2f} s CPU")
    verdict = "ok" if ev["evaluate_total_s"] <= GOAL_EVAL_S else "ABOVE GOAL"
    print(
        f"  {'total':<20}{ev['evaluate_total_s']:8.2f} s wall {ev['evaluate_total_cpu_s']:8.2f} s CPU"
        f"   goal <= {GOAL_EVAL_S:.0f} s: {verdict}"
    )


def _orchestrate(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="bleiberecht-bench-") as tmp:
        folder = pathlib.Path(tmp)
        source = args.jsonl or f"synthetic, seed {args.seed}"
        print(f"Caseload: {source}")
        gen = _child("generate", folder, args)
        print(f"  generate           {gen['generate_s']:8.2f} s   ({gen['cases']:,} cases)")
        what = (
            "read JSON Lines " if args.jsonl else "write JSON Lines"
        )  # --jsonl: the given file read as dicts
        print(f"  {what}   {gen['write_jsonl_s']:8.2f} s   ({gen['jsonl_mib']:.0f} MiB)")
        print(
            f"  write Parquet      {gen['write_parquet_s']:8.2f} s wall {gen['write_parquet_cpu_s']:8.2f} s CPU"
            f"   ({gen['parquet_mib']:.0f} MiB, typed by the case v1 schema)"
        )
        if args.only is None:
            for kind in ("jsonl", "parquet"):
                r = _child(kind, folder, args)
                print(
                    f"Read {kind:<8} parse {r['parse_s']:6.2f} s, validate_case {r['validate_s']:6.2f} s "
                    f"(2 processes; {r['validate_cpu_s']:.2f} s CPU), peak {r['peak_mib']:,.0f} MiB, "
                    f"{r['persons']:,} persons valid"
                )
            r = _child("jsonl_columnar", folder, args)
            print(
                f"Read jsonl columnar (as screen: slices, valid cases to a frame) {r['read_validate_s']:6.2f} s "
                f"wall {r['read_validate_cpu_s']:6.2f} s CPU + workers {r['workers_cpu_s']:.2f} s CPU, "
                f"peak {r['peak_mib']:,.0f} MiB (a worker {r['children_peak_mib']:,.0f} MiB)"
            )
        ev: dict[str, Any] | None = None
        if args.only in (None, "dict"):
            ev = _child("evaluate", folder, args)
            print(
                f"Dict path: evaluate all paths + reviews + worklist + forecast ({ev['persons']:,} persons):"
            )
            _print_evaluation(ev, ("facts", "derive", "engine", "triage", "worklist_forecast"))
            peak_gib = ev["peak_mib"] / 1024
            verdict = "ok" if peak_gib <= GOAL_PEAK_GIB else "ABOVE GOAL"
            print(
                f"  peak memory        {peak_gib:8.2f} GiB (cases loaded: {ev['loaded_mib'] / 1024:.2f} GiB)"
                f"   goal <= {GOAL_PEAK_GIB:.0f} GiB: {verdict}"
            )
        if args.only in (None, "columnar"):
            col = _child("columnar", folder, args)
            print(f"Columnar path (Parquet, as bleiberecht screen) ({col['persons']:,} persons):")
            print(
                f"  {'read + validate':<20}{col['read_validate_s']:8.2f} s wall "
                f"{col['read_validate_cpu_s']:8.2f} s CPU + workers {col['workers_cpu_s']:.2f} s CPU "
                "(read rows + validate_case in 2 workers)"
            )
            _print_evaluation(col, ("facts", "derive", "engine", "triage", "worklist_forecast"))
            peak_gib = col["peak_mib"] / 1024
            verdict = "ok" if peak_gib <= GOAL_PEAK_GIB else "ABOVE GOAL"
            print(
                f"  peak memory        {peak_gib:8.2f} GiB (after read + validate: "
                f"{col['read_peak_mib'] / 1024:.2f} GiB; a validation worker: "
                f"{col['children_peak_mib'] / 1024:.2f} GiB)   goal <= {GOAL_PEAK_GIB:.0f} GiB: {verdict}"
            )
            if args.profile and "profile" in col:
                print(col["profile"])
        if args.only is None and ev is not None:
            single = _child("single", folder, args)
            per_single = single["single_s"] / single["persons"]
            per_batch = ev["evaluate_total_s"] / ev["persons"]
            cut = (
                f" (stopped after {args.sample_seconds:.0f} s of {single['wanted']:,})"
                if single["persons"] < single["wanted"]
                else ""
            )
            print(
                f"One case at a time: {single['persons']:,} persons ({single['cases']:,} cases){cut} in "
                f"{single['single_s']:.2f} s = {per_single * 1e3:.2f} ms/person; batch "
                f"{per_batch * 1e6:.1f} µs/person; ratio {per_single / per_batch:,.0f}x"
            )
            if args.profile and "profile" in ev:
                print(ev["profile"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
