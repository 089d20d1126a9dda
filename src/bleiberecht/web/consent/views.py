"""Consent and sharing of one case: record and revoke consents, share with another organisation, end it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bleiberecht.web.accounts.models import Organisation
from bleiberecht.web.accounts.roles import Perm
from bleiberecht.web.audit.models import Action, AuditEvent, ObjectType
from bleiberecht.web.cases.models import Case, CaseShare
from bleiberecht.web.consent import services
from bleiberecht.web.consent.forms import ConsentForm, ShareForm
from bleiberecht.web.consent.models import Consent


def _case(request: HttpRequest, pk: int) -> Case:
    return get_object_or_404(
        Case.objects.visible_to(request.user, Perm.SHARE_CASES).select_related("organisation"), pk=pk
    )


def _forms(case: Case, data: object = None) -> tuple[ConsentForm, ShareForm]:
    others = Organisation.objects.exclude(pk=case.organisation_id)
    consent_form = ConsentForm(data if data and "person_ids" in data else None)  # type: ignore[operator]
    consent_form.fields["person_ids"].choices = [(pid, pid) for pid in services.case_person_ids(case)]  # type: ignore[attr-defined]
    consent_form.fields["organisation"].queryset = others  # type: ignore[attr-defined]
    # Its own ids: both forms have an "organisation" field on the same page (labels must find their field).
    share_form = ShareForm(data if data and "share" in data else None, auto_id="id_share_%s")  # type: ignore[operator]
    share_form.fields["organisation"].queryset = others  # type: ignore[attr-defined]
    return consent_form, share_form


@require_http_methods(["GET", "POST"])
def sharing(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    consent_form, share_form = _forms(case, request.POST if request.method == "POST" else None)
    missing: list[str] = []
    if request.method == "POST":
        if "person_ids" in request.POST and consent_form.is_valid():
            data = consent_form.cleaned_data
            services.record_consent(
                case=case,
                person_ids=data["person_ids"],
                purpose=data["purpose"],
                organisation=data["organisation"],
                given_by=data["given_by"],
                granted_on=data["granted_on"],
                user=request.user,
            )
            messages.success(request, _("Einwilligung erfasst."))
            return redirect("consent:sharing", pk=case.pk)
        if "share" in request.POST and share_form.is_valid():
            try:
                services.share_case(case, share_form.cleaned_data["organisation"], request.user)
            except services.ConsentMissing as exc:
                missing = exc.person_ids
                share_form.add_error(
                    "organisation",
                    _("Ohne Einwilligung keine Weitergabe. Es fehlt die Einwilligung von: %(ids)s")
                    % {"ids": ", ".join(missing)},
                )
            else:
                messages.success(request, _("Der Fall wurde weitergegeben (nur lesend)."))
                return redirect("consent:sharing", pk=case.pk)
    else:
        AuditEvent.record(
            user=request.user,
            action=Action.VIEW,
            object_type=ObjectType.CASE,
            object_id=case.pk,
            organisation_id=case.organisation_id,
            part="sharing",
        )
    context = {
        "case": case,
        "consents": Consent.objects.filter(case=case).select_related("receiving_organisation"),
        "shares": CaseShare.objects.filter(case=case).select_related("organisation"),
        "consent_form": consent_form,
        "share_form": share_form,
        "missing": missing,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "consent/sharing.html", context, status=status)


@require_POST
def revoke(request: HttpRequest, pk: int, consent_pk: int) -> HttpResponse:
    case = _case(request, pk)
    consent = get_object_or_404(Consent.objects.filter(case=case, revoked_at__isnull=True), pk=consent_pk)
    ended = services.revoke_consent(consent, request.user)
    messages.success(
        request,
        _("Einwilligung widerrufen.")
        + (" " + _("%(n)s Weitergabe(n) beendet.") % {"n": ended} if ended else ""),
    )
    return redirect("consent:sharing", pk=case.pk)


@require_POST
def unshare(request: HttpRequest, pk: int, share_pk: int) -> HttpResponse:
    case = _case(request, pk)
    share = get_object_or_404(CaseShare.objects.filter(case=case, revoked_at__isnull=True), pk=share_pk)
    services.end_share(share, request.user)
    messages.success(request, _("Weitergabe beendet."))
    return redirect("consent:sharing", pk=case.pk)
