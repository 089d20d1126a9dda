"""``bleiberecht screen``: read a caseload, check it, screen the valid cases, write worklist and error report.

Exit codes: 0 every row was screened; 3 some rows were rejected (see the error report), the others were
screened; 2 the input is unusable (file missing or unreadable, no sheet Personen, bad mapping file, or not a
single case could be screened); 1 internal error (raised to the command line).
"""

from __future__ import annotations

import pathlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from bleiberecht.law.params import load_params
from bleiberecht.law.result import RULES_VERSION
from bleiberecht.screening.caseload import Caseload
from bleiberecht.screening.export.worklist_out import write_screening
from bleiberecht.screening.gcpause import paused_gc
from bleiberecht.screening.mapping import ColumnMapping, MappingError, load_mapping
from bleiberecht.screening.problems import Cell, Problem, UnusableInput
from bleiberecht.screening.readers import read_caseload
from bleiberecht.screening.report import report_path, write_report
from bleiberecht.screening.screen import Screening, screen_cases, screen_frame
from bleiberecht.screening.summary import RunSummary

EXIT_OK, EXIT_INTERNAL, EXIT_UNUSABLE, EXIT_PARTIAL = 0, 1, 2, 3
EXTENSIONS = {"xlsx": ".xlsx", "csv": ".csv", "parquet": ".parquet", "json": ".json"}

# A progress reporter: start(stage key, total) returns a callback advance(n).
Stage = Callable[[str, int | None], Callable[[int], None]]


@dataclass
class RunResult:
    exit_code: int
    summary: RunSummary | None = None
    outputs: list[pathlib.Path] = field(default_factory=list)
    report: pathlib.Path | None = None
    problems: list[Problem] = field(default_factory=list)
    screening: Screening | None = None


def default_output(source: pathlib.Path, fmt: str, lang: str) -> pathlib.Path:
    stem = f"{source.stem}-{'arbeitsliste' if lang == 'de' else 'worklist'}"
    return source.with_name(stem + EXTENSIONS[fmt])


def choose_format(out: pathlib.Path | None, fmt: str | None) -> str:
    if fmt:
        return fmt
    if out is not None:
        suffix = out.suffix.lower().lstrip(".")
        if suffix in EXTENSIONS:
            return suffix
    return "xlsx"


def _no_stage(_key: str, _total: int | None) -> Callable[[int], None]:
    return lambda _n: None


def run_screen(
    source: pathlib.Path,
    *,
    out: pathlib.Path | None = None,
    fmt: str | None = None,
    mapping_path: pathlib.Path | None = None,
    as_of: date | None = None,
    lang: str = "de",
    stage: Stage = _no_stage,
) -> RunResult:
    fmt = choose_format(out, fmt)
    target = out or default_output(source, fmt, lang)
    report = report_path(target, fmt, lang)
    try:
        mapping = load_mapping(mapping_path) if mapping_path else ColumnMapping()
    except MappingError as exc:
        problem = Problem(
            str(mapping_path), Cell(None, None), "invalid_mapping", "error", exc.text.de, exc.text.en
        )
        return RunResult(EXIT_UNUSABLE, problems=[problem])
    with paused_gc():
        try:
            # JSON Lines and nested Parquet: the valid cases as one nested frame, never as dicts all at once
            caseload = read_caseload(
                source, mapping=mapping, as_of=as_of, progress=stage("check", None), columnar=True
            )
        except UnusableInput as exc:
            _write_report(exc.problems, report, lang)
            return RunResult(EXIT_UNUSABLE, report=report if exc.problems else None, problems=exc.problems)
        evaluating = stage("evaluate", caseload.persons_screened)
        if caseload.frame is not None:
            result = screen_frame(caseload.frame, lang=lang, default_as_of=as_of, progress=evaluating)
        else:
            result = screen_cases(caseload.cases, lang=lang, default_as_of=as_of, progress=evaluating)
    p = load_params()
    summary = RunSummary.of(caseload, _as_of_range(caseload), RULES_VERSION, p.last_verified)
    wrote_report = _write_report(caseload.problems, report, lang)
    summary.report = str(report) if wrote_report else None
    outputs: list[pathlib.Path] = []
    if caseload.persons_screened:
        outputs = write_screening(
            result, summary, target, fmt, lang=lang, progress=stage("write", result.worklist.height)
        )
    return RunResult(
        _exit_code(caseload),
        summary=summary,
        outputs=outputs,
        report=report if wrote_report else None,
        problems=caseload.problems,
        screening=result,
    )


def _exit_code(caseload: Caseload) -> int:
    if caseload.persons_screened == 0:
        return EXIT_UNUSABLE
    return EXIT_PARTIAL if caseload.rejected_anything else EXIT_OK


def _as_of_range(caseload: Caseload) -> tuple[date, date] | None:
    if caseload.frame is not None:
        dates = sorted(set(caseload.frame.get_column("as_of").drop_nulls().to_list()))
    else:
        dates = sorted({c["as_of"] for c in caseload.cases if isinstance(c.get("as_of"), str)})
    if not dates:
        return None
    return date.fromisoformat(dates[0]), date.fromisoformat(dates[-1])


def _write_report(problems: list[Problem], path: pathlib.Path, lang: str) -> bool:
    """Write the report if there is anything to report; remove a stale one from an earlier run otherwise."""
    if not problems:
        path.unlink(missing_ok=True)
        return False
    write_report(problems, path, lang)
    return True


@contextmanager
def no_progress() -> Iterator[Stage]:
    yield _no_stage
