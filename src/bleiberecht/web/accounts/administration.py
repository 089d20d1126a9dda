"""Membership administration for an organisation's admins: create accounts, change roles, deactivate or remove
memberships, reset the second factor, issue a set-password link.

Rules kept here (not in the views) so that every path obeys them:
- an organisation always keeps at least one active admin (`LastAdminError`); the admin rows are locked while
  the check runs, so two admins demoting each other at once cannot both succeed;
- account-wide changes (second factor, password) are refused for accounts that also belong to an
  organisation the acting admin does not administer (`ForeignAccountError`), and for the admin's own account;
- every change leaves an audit event with ids and codes only — never a password, token or name.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlencode, urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice

from bleiberecht.web.accounts.models import Membership, Organisation, Role
from bleiberecht.web.accounts.roles import Perm, organisations_where
from bleiberecht.web.audit.models import Action, AuditEvent, ObjectType


class AdministrationError(Exception):
    """A change the rules refuse; the message is shown to the admin."""


class LastAdminError(AdministrationError):
    pass


class ForeignAccountError(AdministrationError):
    pass


def managed_memberships(user: Any) -> Any:
    """Memberships of the organisations ``user`` administers (the only ones an admin may change)."""
    return Membership.objects.filter(
        organisation_id__in=organisations_where(user, Perm.MANAGE_MEMBERS)
    ).select_related("user", "organisation")


def _audit(actor: Any, membership: Membership, action: str, **detail: str | int | None) -> None:
    AuditEvent.record(
        user=actor,
        action=action,
        object_type=ObjectType.MEMBERSHIP,
        object_id=membership.pk,
        organisation_id=membership.organisation_id,
        member=membership.user_id,
        **detail,
    )


def _keep_an_admin(membership: Membership, *, stays_admin: bool) -> None:
    """Refuse when ``membership`` is the organisation's last active admin and is about to stop being one."""
    if stays_admin or not (membership.active and membership.role == Role.ADMIN):
        return
    admins = list(
        Membership.objects.select_for_update()
        .filter(organisation_id=membership.organisation_id, role=Role.ADMIN, active=True)
        .values_list("pk", flat=True)
    )
    if [pk for pk in admins if pk != membership.pk] == []:
        raise LastAdminError(membership.organisation_id)


def create_member(
    actor: Any,
    organisation: Organisation,
    *,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    role: str,
) -> Membership:
    """A new account without a usable password (the member sets one through the link) and its membership."""
    with transaction.atomic():
        user = get_user_model().objects.create_user(
            username=username, email=email, first_name=first_name, last_name=last_name
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        membership = Membership.objects.create(user=user, organisation=organisation, role=role)
        AuditEvent.record(
            user=actor,
            action=Action.CREATE,
            object_type=ObjectType.USER,
            object_id=user.pk,
            organisation_id=organisation.pk,
            role=role,
        )
        _audit(actor, membership, Action.CREATE, role=role)
    return membership


def change_role(actor: Any, membership: Membership, role: str) -> None:
    if role == membership.role:
        return
    with transaction.atomic():
        _keep_an_admin(membership, stays_admin=role == Role.ADMIN)
        previous = membership.role
        membership.role = role
        membership.save(update_fields=["role"])
        _audit(actor, membership, Action.CHANGE, role=role, previous=previous)


def set_active(actor: Any, membership: Membership, active: bool) -> None:
    if active == membership.active:
        return
    with transaction.atomic():
        if not active:
            _keep_an_admin(membership, stays_admin=False)
        membership.active = active
        membership.save(update_fields=["active"])
        _audit(actor, membership, Action.ACTIVATE if active else Action.DEACTIVATE)


def remove(actor: Any, membership: Membership) -> None:
    """Delete the membership; the account stays (it may belong to other organisations) but loses this one."""
    with transaction.atomic():
        _keep_an_admin(membership, stays_admin=False)
        _audit(actor, membership, Action.DELETE, role=membership.role)
        membership.delete()


def _check_account_wide(actor: Any, membership: Membership) -> None:
    if membership.user_id == actor.pk:
        raise ForeignAccountError("self")
    administered = set(organisations_where(actor, Perm.MANAGE_MEMBERS))
    others = Membership.objects.filter(user_id=membership.user_id, active=True).exclude(
        organisation_id__in=administered
    )
    if others.exists():
        raise ForeignAccountError("foreign")


def reset_second_factor(actor: Any, membership: Membership) -> int:
    """Remove every TOTP device of the member: the next login asks for a new set-up (mandatory for authority
    clerks and admins), and a session verified with the old device is no longer verified."""
    _check_account_wide(actor, membership)
    with transaction.atomic():
        removed, _ = TOTPDevice.objects.filter(user_id=membership.user_id).delete()
        _audit(actor, membership, Action.TOTP_RESET, devices=removed)
    return removed


def password_link(actor: Any, membership: Membership, *, build_uri: Any, new_account: bool = False) -> str:
    """A one-time link to set a password (valid ``PASSWORD_RESET_TIMEOUT``, void once used or after another
    login). The token sits in the query string, which the access log leaves out. For an existing account the
    old password stops working at once."""
    user = membership.user
    if not new_account:
        _check_account_wide(actor, membership)
        user.set_unusable_password()
        user.save(update_fields=["password"])
        _audit(actor, membership, Action.PASSWORD_LINK)
    query = urlencode(
        {"u": urlsafe_base64_encode(force_bytes(user.pk)), "t": default_token_generator.make_token(user)}
    )
    return str(build_uri(f"{reverse('accounts:set_password')}?{query}"))
