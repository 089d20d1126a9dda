"""Checking a large JSON Lines or nested Parquet file slice by slice, on large inputs in two worker processes.

Each slice is read into case dicts, checked (`validate_case`), judged and dropped where it was read; only the
problems, the validity of each case and (JSON Lines) the valid cases as a nested frame come back. So the dicts of
a national caseload never exist all at once, and reading them is shared by the workers as well as checking them.

The workers are started with ``spawn``: they use Polars themselves (reading Parquet rows, building frames), and
Polars' thread pool does not survive ``fork`` once the parent has used it.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import get_context

import polars as pl

from bleiberecht.screening.caseload import Judged, Progress, judge_slice
from bleiberecht.screening.readers.jsonl import lines_slice
from bleiberecht.screening.readers.nested_schema import to_frame
from bleiberecht.screening.readers.parquet import rows_slice

SLICE_CASES = 5_000  # cases (rows or lines) per slice
PARALLEL_FROM = 4_000  # cases; below this starting two workers costs more than it saves


@dataclass(frozen=True)
class Job:
    """One slice: rows ``start``..``stop`` of a nested Parquet file, or JSON Lines ``lines`` from ``start``."""

    file: str
    start: int
    stop: int
    as_of: dt.date | None
    parquet: str | None = None
    lines: tuple[str, ...] = ()


def run_job(job: Job) -> Judged:
    if job.parquet is not None:
        rows = pl.scan_parquet(job.parquet).slice(job.start, job.stop - job.start).collect()
        return judge_slice(job.file, rows_slice(rows, job.start), as_of=job.as_of)
    item = lines_slice(job.file, job.lines, job.start + 1)
    return judge_slice(job.file, item, as_of=job.as_of, to_frame=to_frame)


def parquet_jobs(file: str, path: str, rows: int, as_of: dt.date | None) -> Iterator[Job]:
    for start in range(0, rows, SLICE_CASES):
        yield Job(file, start, min(rows, start + SLICE_CASES), as_of, parquet=path)


def jsonl_jobs(file: str, lines: list[str], as_of: dt.date | None) -> Iterator[Job]:
    for start in range(0, len(lines), SLICE_CASES):
        stop = min(len(lines), start + SLICE_CASES)
        yield Job(file, start, stop, as_of, lines=tuple(lines[start:stop]))


def run_jobs(jobs: Iterable[Job], *, parallel: bool) -> Iterator[Judged]:
    """The judged slices in order; with ``parallel``, two workers with a few slices in flight."""
    workers = min(2, os.cpu_count() or 1)
    if not parallel or workers < 2:
        yield from map(run_job, jobs)
        return
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        window: deque[Future[Judged]] = deque()
        for job in jobs:
            window.append(pool.submit(run_job, job))
            if len(window) > workers:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()


def judge_all(
    make_jobs: Callable[[], Iterable[Job]], *, parallel: bool, progress: Progress | None = None
) -> list[Judged]:
    """All slices judged, in order. If the workers cannot start (``spawn`` re-imports the main module, which
    fails when a calling script starts work at import time, without ``if __name__ == "__main__"``), the
    slices are judged again in this process."""

    def judged(run_parallel: bool) -> list[Judged]:
        out = []
        for part in run_jobs(make_jobs(), parallel=run_parallel):
            out.append(part)
            if progress:
                progress(len(part.valid))
        return out

    try:
        return judged(parallel)
    except BrokenProcessPool:
        if not parallel:
            raise
        return judged(False)
