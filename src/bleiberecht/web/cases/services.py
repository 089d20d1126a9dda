"""Saving a case document: validate, evaluate, store, write a version and an audit event — in one transaction.

A document with errors is never stored; `InvalidDocument` carries every issue with its JSON path so the page
can show it at the field. Warnings are stored with the case and shown on its page.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.db import transaction

from bleiberecht.casefile import Issue, validate_case
from bleiberecht.web.accounts.models import Organisation
from bleiberecht.web.audit.models import Action, AuditEvent, ObjectType
from bleiberecht.web.cases.diff import diff
from bleiberecht.web.cases.evaluation import Result, evaluate, list_fields
from bleiberecht.web.cases.models import Case, CaseVersion


class InvalidDocument(Exception):
    def __init__(self, issues: list[Issue]) -> None:
        super().__init__(f"{len(issues)} issues")
        self.issues = issues

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]


def check(doc: Any) -> list[Issue]:
    """All issues of a document; raises `InvalidDocument` if any is an error."""
    issues = validate_case(doc)
    if any(i.severity == "error" for i in issues):
        raise InvalidDocument(issues)
    return issues


def _search_text(doc: dict[str, Any]) -> str:
    words = [str(doc.get("id", ""))]
    for person in doc.get("persons", []):
        words += [str(person.get("id", "")), str(person.get("name", ""))]
    return " ".join(w for w in words if w).casefold()


def _apply(case: Case, doc: dict[str, Any], issues: list[Issue], result: dict[str, Result] | None) -> None:
    case.document = doc
    case.reference = str(doc.get("id") or "")[:200]
    case.issues = [asdict(i) for i in issues]
    case.persons_count = len(doc.get("persons", []))
    case.search_text = _search_text(doc)
    case.result = result
    case.evaluation_failed = result is None
    if result is not None:
        fields = list_fields(result["de"])
        case.lights, case.best_light, case.nearest_deadline = (
            fields.lights,
            fields.best_light,
            fields.nearest_deadline,
        )
    else:
        case.lights, case.best_light, case.nearest_deadline = "", "", None


def _evaluate_safely(doc: dict[str, Any]) -> dict[str, Result] | None:
    try:
        return evaluate(doc)
    except Exception:  # an engine fault must not lose the clerk's input; the page says it was not evaluated
        import structlog

        structlog.get_logger("bleiberecht.web").exception("evaluation_failed")
        return None


def save_document(
    *,
    doc: dict[str, Any],
    user: Any,
    source: str,
    case: Case | None = None,
    organisation: Organisation | None = None,
    result: dict[str, Result] | None = None,
) -> Case:
    """Create (``case=None``, with ``organisation``) or update a case with ``doc``; returns the saved case.

    ``result`` may be passed when it was computed already (batch evaluation of the demo seed).
    """
    issues = check(doc)
    evaluated = result if result is not None else _evaluate_safely(doc)
    with transaction.atomic():
        if case is None:
            if organisation is None:
                raise ValueError("a new case needs an organisation")
            case = Case(
                organisation=organisation, responsible=user if user and user.is_authenticated else None
            )
            previous = None
            action = Action.IMPORT if source == "import" else Action.CREATE
        else:
            case = Case.objects.select_for_update().get(pk=case.pk)
            previous = case.document
            action = Action.IMPORT if source == "import" else Action.CHANGE
        changes = diff(previous, doc)
        _apply(case, doc, issues, evaluated)
        case.version += 1
        case.save()
        author = user if user is not None and user.is_authenticated else None
        version = CaseVersion.objects.create(
            case=case, number=case.version, author=author, document=doc, source=source[:40], changes=changes
        )
        AuditEvent.record(
            user=user,
            action=action,
            object_type=ObjectType.CASE,
            object_id=case.pk,
            organisation_id=case.organisation_id,
            version=version.number,
            source=source[:40],
        )
    return case


def delete_case(case: Case, user: Any) -> None:
    """Remove the case with its document, versions, consents and shares; the audit trail keeps the event."""
    with transaction.atomic():
        case_id, organisation_id = case.pk, case.organisation_id
        versions = case.versions.count()
        case.delete()
        AuditEvent.record(
            user=user,
            action=Action.DELETE,
            object_type=ObjectType.CASE,
            object_id=case_id,
            organisation_id=organisation_id,
            versions=versions,
        )
