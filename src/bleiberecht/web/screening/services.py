"""Running `bleiberecht.screening.run.run_screen` on an upload and keeping what the pages need."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pathlib
import tempfile
from typing import Any

from django.core.files.uploadedfile import UploadedFile

from bleiberecht.screening.readers import SUFFIXES
from bleiberecht.screening.run import run_screen
from bleiberecht.web.accounts.models import Organisation
from bleiberecht.web.screening.models import ScreeningRun


class UnsupportedUpload(Exception):
    pass


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def screen_upload(upload: UploadedFile, organisation: Organisation, user: Any, lang: str) -> ScreeningRun:
    name = pathlib.Path(upload.name or "upload").name
    suffix = pathlib.Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise UnsupportedUpload(suffix)
    with tempfile.TemporaryDirectory(prefix="bleiberecht-screen-") as folder:
        source = pathlib.Path(folder) / f"caseload{suffix}"
        with source.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        target = pathlib.Path(folder) / "worklist.xlsx"
        result = run_screen(source, out=target, fmt="xlsx", lang=lang)
        xlsx = target.read_bytes() if target.exists() else None
    problems = [
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
    summary: dict[str, Any] = {}
    if result.summary is not None:
        summary = {k: _plain(v) for k, v in dataclasses.asdict(result.summary).items()}
        summary["input"] = name
        summary.pop("report", None)
    rows: list[dict[str, Any]] = []
    lights: list[list[Any]] = []
    if result.screening is not None:
        rows = [
            {k: _plain(v) for k, v in row.items()} for row in result.screening.worklist.iter_rows(named=True)
        ]
        frame = result.screening.lights
        lights = [[str(a), int(b)] for a, b in frame.select(frame.columns[:2]).iter_rows()]
    return ScreeningRun.objects.create(
        organisation=organisation,
        created_by=user,
        file_name=name[:255],
        lang=lang,
        exit_code=result.exit_code,
        summary=summary,
        problems=problems,
        rows=rows,
        lights=lights,
        xlsx=xlsx,
    )
