"""Downloads of dossiers (per case) and outreach letters (per screening run). Thin: the content comes from
`bleiberecht.documents`; here only scoping (the same querysets as the case and screening pages), the audit
event and the response.

- Dossier: allowed wherever the case may be viewed (``Case.objects.visible_to(user)``, so also a receiving
  organisation while the case is shared); audited as an export of the case.
- Letters: allowed wherever the screening run may be seen; audited as a download of the run. At most
  `letters_max()` letters per request: a PDF of many pages takes seconds per dozen letters, and a request
  must finish within the server's worker timeout. Bigger sets: filter (traffic light, path) or use
  ``bleiberecht letters`` on the command line.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from bleiberecht.documents import ConsentEntry, build_dossier, build_letters
from bleiberecht.web.accounts.models import Organisation
from bleiberecht.web.accounts.roles import Perm, organisations_where
from bleiberecht.web.audit.models import Action, AuditEvent, ObjectType
from bleiberecht.web.cases.models import Case
from bleiberecht.web.consent.models import Consent, GivenBy, Purpose
from bleiberecht.web.dossiers.forms import LettersForm
from bleiberecht.web.screening.models import ScreeningRun

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "zip": "application/zip",
}
LETTERS_MAX_DEFAULT = 30  # see docs/documents.md: seconds per letter on a busy 2-core machine


def letters_max() -> int:
    return int(getattr(settings, "BLEIBERECHT_LETTERS_MAX", LETTERS_MAX_DEFAULT))


def _lang() -> str:
    return "en" if (get_language() or "de").startswith("en") else "de"


def _attachment(data: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response


def _consents(request: HttpRequest, case: Case, lang: str) -> list[ConsentEntry]:
    """The case's consents to sharing. The owner sees all; a receiving organisation only those naming one of
    its own organisations (not with whom else the case is shared)."""
    consents = Consent.objects.filter(case=case, purpose=Purpose.CASE_SHARING).select_related(
        "receiving_organisation"
    )
    own = organisations_where(request.user, Perm.VIEW_CASES)
    if not Organisation.objects.filter(pk=case.organisation_id, pk__in=own).exists():
        consents = consents.filter(receiving_organisation_id__in=own)
    words = dict(GivenBy.choices)
    return [
        ConsentEntry(
            person_id=c.person_id,
            organisation=c.receiving_organisation.name,
            given_by=str(words.get(c.given_by, c.given_by)),
            granted_on=c.granted_on,
            revoked_on=c.revoked_at.date() if c.revoked_at else None,
        )
        for c in consents.order_by("person_id", "granted_on", "pk")
    ]


def case_dossier(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in ("pdf", "docx"):
        raise Http404
    case = get_object_or_404(Case.objects.visible_to(request.user).select_related("organisation"), pk=pk)
    lang = _lang()
    content = build_dossier(
        case.document,
        case.result_in(lang),
        lang=lang,
        organisation=case.organisation.name,
        created_on=date.today(),
        consents=_consents(request, case, lang),
    )
    if fmt == "pdf":
        from bleiberecht.documents.pdf import dossier_pdf

        data = dossier_pdf(content)
    else:
        from bleiberecht.documents.docx import dossier_docx

        data = dossier_docx(content)
    AuditEvent.record(
        user=request.user,
        action=Action.EXPORT,
        object_type=ObjectType.CASE,
        object_id=case.pk,
        organisation_id=case.organisation_id,
        format=f"dossier_{fmt}",
        version=case.version,
        lang=lang,
    )
    name = "dossier" if lang == "de" else "dossier-en"
    return _attachment(data, fmt, f"{name}-{case.pk}-v{case.version}")


def _rows(run: ScreeningRun, data: dict[str, Any]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = list(run.rows or [])
    if data.get("weg"):
        rows = [r for r in rows if r.get("best_path_key") == data["weg"]]
    return rows


def screening_letters(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(
        ScreeningRun.objects.visible_to(request.user).select_related("organisation").defer("xlsx"), pk=pk
    )
    lang = _lang()
    form = LettersForm(request.GET if "format" in request.GET else None)
    paths = sorted({(r.get("best_path_key"), r.get("best_path")) for r in run.rows if r.get("best_path_key")})
    form.fields["weg"].choices = [("", _("alle")), *paths]  # type: ignore[attr-defined]
    cap = letters_max()
    if form.is_valid():
        data = form.cleaned_data
        lights = data["ampel"]
        contact = tuple(line.strip() for line in data["kontakt"].splitlines() if line.strip())
        letters = build_letters(
            _rows(run, data),
            lang=lang,
            organisation=run.organisation.name,
            created_on=date.today(),
            lights=lights,
            contact=contact,
        )
        if not letters:
            form.add_error(None, _("Keine Person der Arbeitsliste passt zu dieser Auswahl."))
        elif len(letters) > cap:
            form.add_error(
                None,
                _(
                    "Zu viele Empfänger: %(n)s Anschreiben, höchstens %(cap)s auf einmal. Bitte nach Ampel oder "
                    "Weg einschränken oder die Kommandozeile nutzen (bleiberecht letters)."
                )
                % {"n": len(letters), "cap": cap},
            )
        else:
            fmt = data["format"]
            if fmt == "pdf":
                from bleiberecht.documents.pdf import letters_pdf

                payload = letters_pdf(letters, lang=lang, organisation=run.organisation.name)
            else:
                from bleiberecht.documents.docx import letters_zip

                payload = letters_zip(letters)
            AuditEvent.record(
                user=request.user,
                action=Action.DOWNLOAD,
                object_type=ObjectType.SCREENING,
                object_id=run.pk,
                organisation_id=run.organisation_id,
                format=f"letters_{fmt}",
                letters=len(letters),
                lights="-".join(sorted(lights)),
            )
            name = "anschreiben" if lang == "de" else "letters"
            return _attachment(payload, fmt, f"{name}-{run.pk}")
    AuditEvent.record(
        user=request.user,
        action=Action.VIEW,
        object_type=ObjectType.SCREENING,
        object_id=run.pk,
        organisation_id=run.organisation_id,
        part="letters",
    )
    counts = {
        light: sum(r.get("traffic_light") == light for r in run.rows) for light in ("green", "yellow", "red")
    }
    context = {"run": run, "form": form, "cap": cap, "counts": counts, "has_rows": bool(run.rows)}
    return render(request, "dossiers/letters.html", context)
