"""Screening an upload: store it privately, run `bleiberecht.screening.run.run_screen` on it, keep the result.

`store_upload` writes the uploaded caseload into the private upload folder and creates the run (*wartend*);
`execute_run` (called by the background task, or inline for small uploads) screens it, reports progress, stores
what the pages need and removes the upload in every case. Errors are kept as codes (`ERRORS`), never as
exception texts or tracebacks: those could carry personal data from the file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
import pathlib
import secrets
import tempfile
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bleiberecht.screening.readers import SUFFIXES
from bleiberecht.screening.run import EXIT_UNUSABLE, RunResult, run_screen
from bleiberecht.web.accounts.models import Organisation
from bleiberecht.web.screening.models import RunStatus, ScreeningRun

logger = logging.getLogger(__name__)

# Error codes of failed runs and the sentence the page shows for each.
ERRORS = {
    "unusable": _(
        "Die Datei konnte nicht ausgewertet werden: keine Zeile war prüfbar. Einzelheiten im Prüfbericht."
    ),
    "upload_missing": _("Die hochgeladene Datei ist nicht mehr vorhanden. Bitte erneut hochladen."),
    "interrupted": _(
        "Die Prüfung wurde unterbrochen, weil der Server neu gestartet wurde. Die Datei wurde gelöscht; "
        "bitte erneut hochladen."
    ),
    "internal": _(
        "Beim Screening ist ein interner Fehler aufgetreten. Die Datei wurde gelöscht; bitte erneut "
        "versuchen oder die Administration informieren."
    ),
}
# The worker writes progress at most this often (each write is a database transaction).
PROGRESS_EVERY_SECONDS = 1.0


class UnsupportedUpload(Exception):
    pass


def upload_folder() -> pathlib.Path:
    folder = pathlib.Path(settings.BLEIBERECHT_UPLOAD_DIR)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def store_upload(upload: UploadedFile, organisation: Organisation, user: Any, lang: str) -> ScreeningRun:
    """Write the upload under a random name (mode 600) and create the run in state *wartend*."""
    name = pathlib.Path(upload.name or "upload").name
    suffix = pathlib.Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise UnsupportedUpload(suffix)
    target = upload_folder() / f"{secrets.token_hex(16)}{suffix}"
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return ScreeningRun.objects.create(
        organisation=organisation,
        created_by=user,
        file_name=name[:255],
        lang=lang,
        status=RunStatus.QUEUED,
        upload_path=str(target),
    )


def remove_upload(run: ScreeningRun) -> None:
    if run.upload_path:
        pathlib.Path(run.upload_path).unlink(missing_ok=True)


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def _progress(run_id: int) -> Callable[[str, int | None], Callable[[int], None]]:
    """A `run_screen` stage reporter that writes the evaluation stage's persons done/total to the run."""

    def stage(key: str, total: int | None) -> Callable[[int], None]:
        if key != "evaluate":
            return lambda _n: None
        ScreeningRun.objects.filter(pk=run_id).update(persons_done=0, persons_total=total)
        state = {"done": 0, "written": time.monotonic()}

        def advance(n: int) -> None:
            state["done"] += n
            now = time.monotonic()
            if now - state["written"] >= PROGRESS_EVERY_SECONDS or (total and state["done"] >= total):
                ScreeningRun.objects.filter(pk=run_id).update(persons_done=int(state["done"]))
                state["written"] = now

        return advance

    return stage


def _store_result(run: ScreeningRun, result: RunResult, xlsx: bytes | None) -> None:
    run.problems = [
        {
            "severity": p.severity,
            "code": p.code,
            "sheet": p.where.sheet,
            "row": p.where.row,
            "column": p.where.column,
            "case_id": p.case_id,
            "person_id": p.person_id,
            "message_de": p.message_de,
            "message_en": p.message_en,
        }
        for p in result.problems
    ]
    if result.summary is not None:
        summary = {k: _plain(v) for k, v in dataclasses.asdict(result.summary).items()}
        summary["input"] = run.file_name
        summary.pop("report", None)
        run.summary = summary
    if result.screening is not None:
        run.rows = [
            {k: _plain(v) for k, v in row.items()} for row in result.screening.worklist.iter_rows(named=True)
        ]
        frame = result.screening.lights
        run.lights = [[str(a), int(b)] for a, b in frame.select(frame.columns[:2]).iter_rows()]
    run.exit_code = result.exit_code
    run.xlsx = xlsx
    if result.exit_code == EXIT_UNUSABLE:
        run.status, run.error_code = RunStatus.FAILED, "unusable"
    else:
        run.status = RunStatus.DONE


def execute_run(run_id: int) -> str:
    """Screen the run's upload; returns the final status. Runs only a *wartend* run (a retry does nothing)."""
    claimed = ScreeningRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING, started_at=timezone.now()
    )
    run = ScreeningRun.objects.filter(pk=run_id).defer("rows", "xlsx").first()
    if run is None:  # deleted while waiting
        return "deleted"
    if not claimed:
        return str(run.status)
    try:
        source = pathlib.Path(run.upload_path)
        if not run.upload_path or not source.is_file():
            run.status, run.error_code = RunStatus.FAILED, "upload_missing"
        else:
            with tempfile.TemporaryDirectory(prefix="bleiberecht-screen-") as folder:
                target = pathlib.Path(folder) / "worklist.xlsx"
                result = run_screen(source, out=target, fmt="xlsx", lang=run.lang, stage=_progress(run.pk))
                xlsx = target.read_bytes() if target.exists() else None
            _store_result(run, result, xlsx)
    except Exception as exc:
        # Only the exception's class: its text may quote cells of the file (personal data).
        logger.error("screening run %s failed: %s", run_id, type(exc).__name__)
        run.status, run.error_code = RunStatus.FAILED, "internal"
    finally:
        remove_upload(run)
    values: dict[str, Any] = {
        "status": run.status,
        "error_code": run.error_code,
        "upload_path": "",
        "finished_at": timezone.now(),
    }
    if run.status == RunStatus.DONE or run.error_code == "unusable":
        values |= {f: getattr(run, f) for f in ("exit_code", "summary", "problems", "rows", "lights", "xlsx")}
        screened = run.summary.get("persons_screened")
        if isinstance(screened, int):
            values |= {"persons_done": screened, "persons_total": screened}
    # An update, not save(): a run deleted meanwhile stays deleted.
    ScreeningRun.objects.filter(pk=run.pk).update(**values)
    return str(run.status)


def recover_interrupted() -> int:
    """Runs left *läuft* by a worker that was stopped mid-run: mark them failed and remove their uploads.

    Called by ``bleiberecht serve`` before it starts its (single) worker; returns how many were found.
    """
    stale = list(ScreeningRun.objects.filter(status=RunStatus.RUNNING).only("pk", "upload_path"))
    for run in stale:
        remove_upload(run)
    ScreeningRun.objects.filter(pk__in=[run.pk for run in stale]).update(
        status=RunStatus.FAILED, error_code="interrupted", upload_path="", finished_at=timezone.now()
    )
    return len(stale)


def error_message(run: ScreeningRun) -> str:
    return str(ERRORS.get(run.error_code, ERRORS["internal"])) if run.error_code else ""


def queued_position(run: ScreeningRun) -> int:
    """How many runs wait before this one (all organisations: the worker takes them in order)."""
    return ScreeningRun.objects.filter(status=RunStatus.QUEUED, pk__lt=run.pk).count()
