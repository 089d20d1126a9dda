"""Loading case files: read, check structure and meaning, hand out a `CaseFile`.

The document is passed on as it was written. Nothing is filled in except `as_of`: an absent key stays absent
(unknown) and an empty list stays empty (known: none), because the law engine must tell the two apart.
"""

from __future__ import annotations

import datetime as dt
import pathlib
from dataclasses import dataclass, field
from typing import Any

from bleiberecht.casefile.chronology import check_chronology
from bleiberecht.casefile.document import as_dict, parse_date
from bleiberecht.casefile.issues import CaseFileError, Issue, check_lang, in_document_order, relocate
from bleiberecht.casefile.reading import CaseSource, decode, parse_json, read_bytes, read_source
from bleiberecht.casefile.references import check_references
from bleiberecht.casefile.structure import check_structure


@dataclass(frozen=True, slots=True)
class CaseFile:
    """A case file that passed all checks (it may still carry warnings)."""

    data: dict[str, Any]
    as_of: dt.date
    case_id: str | None
    warnings: list[Issue] = field(default_factory=list)
    source: str | None = None


def load_case(source: CaseSource, *, lang: str = "de", today: dt.date | None = None) -> CaseFile:
    """Read and check one case file; raise `CaseFileError` with every issue if there is any error.

    `source` is a path, JSON text (a str starting with '{'), bytes or an already parsed dict (not modified).
    `today` replaces `as_of` when the file has none (default: the current date). `lang` is the language of the
    exception's text; each issue carries both languages anyway.
    """
    check_lang(lang)
    doc, name, issues = read_source(source)
    if not issues:
        issues = _check(doc, today)
    issues = relocate(issues, source=name)
    if any(issue.severity == "error" for issue in issues):
        raise CaseFileError(issues, lang)
    return _case_file(doc, issues, name, today)


def validate_case(doc: CaseSource, *, today: dt.date | None = None) -> list[Issue]:
    """All issues (errors and warnings) of one case, without raising. For batch use."""
    # the checks only read: a dict is checked as it is (a copy of each document doubles a caseload's time)
    parsed, name, issues = (doc, None, []) if isinstance(doc, dict) else read_source(doc)
    if not issues:
        issues = _check(parsed, today)
    return relocate(issues, source=name)


def load_jsonl(
    path: pathlib.Path | str, *, today: dt.date | None = None
) -> tuple[list[CaseFile], list[Issue]]:
    """One case per line. Valid lines become `CaseFile`s; rejected lines report issues as ``zeile N: $…``.

    Blank lines are skipped. A line with only warnings is accepted; its warnings stay on its `CaseFile`.
    """
    name = str(path)
    raw, issues = read_bytes(pathlib.Path(path))
    text: str | None = None
    if raw is not None:
        text, issues = decode(raw)
    if text is None:
        return [], relocate(issues, source=name)

    cases: list[CaseFile] = []
    rejected: list[Issue] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        doc, issues = parse_json(line, line=number)
        if not issues:
            issues = _check(doc, today)
        issues = relocate(issues, source=name, line=number)
        if any(issue.severity == "error" for issue in issues):
            rejected.extend(issues)
        else:
            cases.append(_case_file(doc, issues, name, today))
    return cases, rejected


def _as_of(doc: object, today: dt.date | None) -> dt.date | None:
    """The judging date; None if the file's `as_of` is malformed (the schema check reports that)."""
    raw = as_dict(doc).get("as_of")
    if raw is None:
        return today or dt.date.today()
    return parse_date(raw)


def _check(doc: object, today: dt.date | None) -> list[Issue]:
    # Meaning checks run even on structurally broken documents, so one pass shows everything.
    issues = [*check_structure(doc), *check_references(doc), *check_chronology(doc, _as_of(doc, today))]
    return in_document_order(issues)


def _case_file(
    doc: dict[str, Any], warnings: list[Issue], name: str | None, today: dt.date | None
) -> CaseFile:
    as_of = _as_of(doc, today)
    assert as_of is not None  # a valid document has a well-formed as_of or none
    if "as_of" not in doc:
        doc["as_of"] = as_of.isoformat()
    case_id = doc.get("id")
    return CaseFile(data=doc, as_of=as_of, case_id=case_id, warnings=warnings, source=name)
