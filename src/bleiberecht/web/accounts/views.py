"""Login (Django's view, throttled by django-axes), TOTP verification and TOTP setup with a QR code."""

from __future__ import annotations

import base64

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from bleiberecht.web.accounts.forms import TokenForm
from bleiberecht.web.accounts.models import Membership, Organisation
from bleiberecht.web.accounts.roles import ROLE_PERMS, Perm, request_memberships
from bleiberecht.web.audit.models import Action, AuditEvent, ObjectType


@login_required
@require_http_methods(["GET", "POST"])
def totp_verify(request: HttpRequest) -> HttpResponse:
    if request.user.is_verified():  # type: ignore[union-attr]
        return redirect("cases:list")
    if not user_has_device(request.user, confirmed=True):
        return redirect("accounts:totp_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            AuditEvent.record(
                user=request.user,
                action=Action.TOTP_VERIFIED,
                object_type=ObjectType.USER,
                object_id=request.user.pk,
            )
            return redirect("cases:list")
        form.add_error("token", _("Der Code ist falsch oder abgelaufen."))
    return render(request, "accounts/totp_verify.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def totp_setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user_has_device(user, confirmed=True) and not user.is_verified():  # type: ignore[union-attr]
        return redirect("accounts:totp_verify")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
            otp_login(request, device)
            AuditEvent.record(
                user=user, action=Action.TOTP_SETUP, object_type=ObjectType.USER, object_id=user.pk
            )
            messages.success(request, _("Die Zwei-Faktor-Anmeldung ist eingerichtet."))
            return redirect("cases:list")
        form.add_error("token", _("Der Code ist falsch oder abgelaufen."))
    qr = segno.make(device.config_url, error="m")
    context = {
        "form": form,
        "qr_data_uri": qr.svg_data_uri(scale=5, dark="#000", light="#fff"),
        "secret": base64.b32encode(device.bin_key).decode("ascii"),
    }
    return render(request, "accounts/totp_setup.html", context)


def members(request: HttpRequest) -> HttpResponse:
    """The memberships of the organisations in which the user coordinates or administers: login name, role,
    whether the membership is active and a second factor is set up; for organisations the user administers,
    links to change them. Other organisations' members are never read. Each organisation shown leaves an audit
    event (list of accounts, with the number shown)."""
    mine = request_memberships(request)
    own = [m.organisation for m in mine if Perm.VIEW_MEMBERS in ROLE_PERMS.get(m.role, frozenset())]
    if not own:
        raise PermissionDenied
    managed = {m.organisation_id for m in mine if Perm.MANAGE_MEMBERS in ROLE_PERMS.get(m.role, frozenset())}
    rows = (
        Membership.objects.filter(organisation__in=own)
        .select_related("user", "organisation")
        .order_by("organisation__name", "user__username")
    )
    with_device = set(
        TOTPDevice.objects.filter(confirmed=True, user__memberships__organisation__in=own)
        .values_list("user_id", flat=True)
        .distinct()
    )
    groups: dict[Organisation, list[dict[str, object]]] = {
        org: [] for org in sorted(own, key=lambda o: o.name)
    }
    for membership in rows:
        groups[membership.organisation].append(
            {
                "pk": membership.pk,
                "username": membership.user.get_username(),
                "role": membership.get_role_display(),
                "active": membership.user.is_active and membership.active,
                "totp": membership.user_id in with_device,
            }
        )
    for org, people in groups.items():
        AuditEvent.record(
            user=request.user,
            action=Action.LIST,
            object_type=ObjectType.USER,
            organisation_id=org.pk,
            shown=len(people),
        )
    context = {"groups": [(org, people, org.pk in managed) for org, people in groups.items()]}
    return render(request, "accounts/members.html", context)


@require_http_methods(["POST"])
def session_keepalive(request: HttpRequest) -> HttpResponse:
    """'Sitzung verlängern' in the timeout warning (WCAG 2.2.1): the request itself moves the idle expiry on
    (SessionRefreshMiddleware); nothing is read, so nothing to audit."""
    return HttpResponse(status=204)
