"""Pages for an organisation's admins (accounts, roles, second factor, set-password links), the choice of the
active organisation in the header, and the set-password page a new member opens.

Every membership is loaded through `administration.managed_memberships(user)`: a membership of an organisation
the user does not administer is never loaded (404), also for coordinators, who only read the members page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.encoding import force_str
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from bleiberecht.web.accounts import administration as admin
from bleiberecht.web.accounts.forms import MemberCreateForm, RoleForm
from bleiberecht.web.accounts.models import Membership, Organisation
from bleiberecht.web.accounts.roles import (
    ACTIVE_ORGANISATION_SESSION_KEY,
    Perm,
    organisations_where,
    request_memberships,
)
from bleiberecht.web.audit.models import Action, AuditEvent, ObjectType

SET_PASSWORD_SESSION_KEY = "bleiberecht_set_password"


def _refusal(error: admin.AdministrationError) -> str:
    if isinstance(error, admin.LastAdminError):
        return _(
            "Nicht möglich: Die Organisation braucht mindestens eine aktive Administration. "
            "Bitte zuerst ein anderes Mitglied zur Administration machen."
        )
    if error.args and error.args[0] == "self":
        return _("Für das eigene Konto nicht möglich; bitte eine andere Administration darum bitten.")
    return _(
        "Nicht möglich: Das Konto gehört auch zu einer Organisation, die Sie nicht verwalten. "
        "Bitte die Administration dort darum bitten."
    )


def _membership(request: HttpRequest, pk: int) -> Membership:
    return get_object_or_404(admin.managed_memberships(request.user), pk=pk)


# -- active organisation ------------------------------------------------------------------------------------


@require_POST
def switch_organisation(request: HttpRequest) -> HttpResponse:
    """Choose the organisation to work in; only one of the user's own active memberships is accepted."""
    wanted = request.POST.get("organisation", "")
    chosen = next(
        (m for m in request_memberships(request) if wanted.isdigit() and m.organisation_id == int(wanted)),
        None,
    )
    if chosen is None:
        raise Http404
    request.session[ACTIVE_ORGANISATION_SESSION_KEY] = chosen.organisation_id
    AuditEvent.record(
        user=request.user,
        action=Action.SWITCH,
        object_type=ObjectType.ORGANISATION,
        object_id=chosen.organisation_id,
        organisation_id=chosen.organisation_id,
    )
    messages.success(request, _("Sie arbeiten jetzt für: %(name)s") % {"name": chosen.organisation.name})
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = ""
    return redirect(target or "cases:list")


# -- administration -----------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def member_create(request: HttpRequest, org: int) -> HttpResponse:
    organisation = get_object_or_404(
        Organisation.objects.filter(pk__in=organisations_where(request.user, Perm.MANAGE_MEMBERS)), pk=org
    )
    form = MemberCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        membership = admin.create_member(request.user, organisation, **form.cleaned_data)
        link = admin.password_link(
            request.user, membership, build_uri=request.build_absolute_uri, new_account=True
        )
        # The link is shown once on this page (no-store) and kept nowhere else.
        return render(
            request, "accounts/member_link.html", {"membership": membership, "link": link, "new": True}
        )
    return render(request, "accounts/member_create.html", {"form": form, "organisation": organisation})


def member_detail(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership(request, pk)
    AuditEvent.record(
        user=request.user,
        action=Action.VIEW,
        object_type=ObjectType.MEMBERSHIP,
        object_id=membership.pk,
        organisation_id=membership.organisation_id,
    )
    context: dict[str, Any] = {
        "membership": membership,
        "form": RoleForm(initial={"role": membership.role}),
        "totp": TOTPDevice.objects.filter(user_id=membership.user_id, confirmed=True).exists(),
        "is_self": membership.user_id == request.user.pk,
    }
    return render(request, "accounts/member_detail.html", context)


@require_POST
def member_role(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership(request, pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bitte eine gültige Rolle wählen."))
    else:
        try:
            admin.change_role(request.user, membership, form.cleaned_data["role"])
        except admin.AdministrationError as error:
            messages.error(request, _refusal(error))
        else:
            messages.success(request, _("Die Rolle ist geändert."))
    return redirect("accounts:member", pk=membership.pk)


@require_POST
def member_active(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership(request, pk)
    active = request.POST.get("active") == "1"
    try:
        admin.set_active(request.user, membership, active)
    except admin.AdministrationError as error:
        messages.error(request, _refusal(error))
    else:
        messages.success(
            request,
            _("Die Mitgliedschaft ist wieder aktiv.")
            if active
            else _(
                "Die Mitgliedschaft ist deaktiviert; das Konto hat in dieser Organisation keine Rechte mehr."
            ),
        )
    return redirect("accounts:member", pk=membership.pk)


@require_http_methods(["GET", "POST"])
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation (removing cannot be undone; deactivating can), POST removes."""
    membership = _membership(request, pk)
    if request.method == "GET":
        return render(request, "accounts/member_remove.html", {"membership": membership})
    try:
        admin.remove(request.user, membership)
    except admin.AdministrationError as error:
        messages.error(request, _refusal(error))
        return redirect("accounts:member", pk=membership.pk)
    messages.success(request, _("Die Mitgliedschaft ist entfernt."))
    return redirect("accounts:members")


@require_POST
def member_totp_reset(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership(request, pk)
    try:
        admin.reset_second_factor(request.user, membership)
    except admin.AdministrationError as error:
        messages.error(request, _refusal(error))
    else:
        messages.success(
            request,
            _(
                "Die Zwei-Faktor-Anmeldung ist zurückgesetzt. Bei der nächsten Anmeldung wird sie neu eingerichtet."
            ),
        )
    return redirect("accounts:member", pk=membership.pk)


@require_POST
def member_password_link(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership(request, pk)
    try:
        link = admin.password_link(request.user, membership, build_uri=request.build_absolute_uri)
    except admin.AdministrationError as error:
        messages.error(request, _refusal(error))
        return redirect("accounts:member", pk=membership.pk)
    return render(
        request, "accounts/member_link.html", {"membership": membership, "link": link, "new": False}
    )


# -- set password (opened by the member, not logged in) -----------------------------------------------------


def _link_user(uid: str, token: str) -> Any:
    try:
        user = get_user_model().objects.get(pk=force_str(urlsafe_base64_decode(uid)))
    except (ValueError, TypeError, OverflowError, get_user_model().DoesNotExist):
        return None
    return user if default_token_generator.check_token(user, token) else None


@login_not_required
@require_http_methods(["GET", "POST"])
def set_password(request: HttpRequest) -> HttpResponse:
    """The link carries uid and token in the query string (left out of access logs); they move into the session
    at once and the page redirects to the bare address, so the token is not in the browser's address bar or a
    Referer afterwards."""
    if "t" in request.GET:
        request.session[SET_PASSWORD_SESSION_KEY] = [request.GET.get("u", ""), request.GET.get("t", "")]
        return redirect("accounts:set_password")
    uid, token = request.session.get(SET_PASSWORD_SESSION_KEY) or ["", ""]
    user = _link_user(uid, token)
    if user is None:
        return render(request, "accounts/set_password.html", {"invalid": True}, status=400)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()  # changes the password hash: the token is void from now on
        del request.session[SET_PASSWORD_SESSION_KEY]
        AuditEvent.record(
            user=user, action=Action.PASSWORD_SET, object_type=ObjectType.USER, object_id=user.pk
        )
        messages.success(request, _("Das Passwort ist gesetzt. Bitte jetzt anmelden."))
        return redirect("accounts:login")
    return render(request, "accounts/set_password.html", {"form": form, "account": user.get_username()})
