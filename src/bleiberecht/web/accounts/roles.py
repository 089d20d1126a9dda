"""What each role may do, and the organisations in which a user may do it (as a subquery for querysets).

Every view scopes its queryset with `organisations_where` (via the models' ``visible_to`` / ``for_user``
methods), so an object of another organisation is never loaded: the view answers 404.
"""

from __future__ import annotations

from enum import StrEnum

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet
from django.http import HttpRequest

from bleiberecht.web.accounts.models import Membership, Role


class Perm(StrEnum):
    VIEW_CASES = "view_cases"
    EDIT_CASES = "edit_cases"
    EXPORT_CASES = "export_cases"
    DELETE_CASES = "delete_cases"
    SHARE_CASES = "share_cases"
    SCREENING = "screening"
    READ_AUDIT = "read_audit"
    VIEW_MEMBERS = "view_members"
    MANAGE_MEMBERS = "manage_members"
    MONITORING = "monitoring"  # aggregate figures of the organisation's cases (no personal data)


_CASEWORK = {Perm.VIEW_CASES, Perm.EDIT_CASES, Perm.EXPORT_CASES, Perm.SHARE_CASES, Perm.SCREENING}
ROLE_PERMS: dict[str, frozenset[Perm]] = {
    Role.ADVISOR: frozenset(_CASEWORK),
    Role.AUTHORITY_CLERK: frozenset(_CASEWORK),
    Role.COORDINATOR: frozenset(
        _CASEWORK | {Perm.DELETE_CASES, Perm.READ_AUDIT, Perm.VIEW_MEMBERS, Perm.MONITORING}
    ),
    # Least privilege: only admins change accounts (create, role, deactivate, remove, second factor, password
    # link); coordinators read the member list and the audit trail.
    Role.ADMIN: frozenset(
        _CASEWORK
        | {Perm.DELETE_CASES, Perm.READ_AUDIT, Perm.VIEW_MEMBERS, Perm.MANAGE_MEMBERS, Perm.MONITORING}
    ),
}
# Roles that must log in with a second factor (TOTP).
TOTP_REQUIRED_ROLES = frozenset({Role.AUTHORITY_CLERK, Role.ADMIN})

User = AbstractBaseUser | AnonymousUser


def roles_with(perm: Perm) -> list[str]:
    return [role for role, perms in ROLE_PERMS.items() if perm in perms]


def organisations_where(user: User, perm: Perm) -> QuerySet[Membership, int]:
    """Ids of the organisations in which ``user`` holds a role granting ``perm`` (a lazy subquery)."""
    if not user.is_authenticated:
        return Membership.objects.none().values_list("organisation_id", flat=True)
    return Membership.objects.filter(user_id=user.pk, role__in=roles_with(perm), active=True).values_list(
        "organisation_id", flat=True
    )


def has_perm(user: User, perm: Perm) -> bool:
    return organisations_where(user, perm).exists()


def request_memberships(request: HttpRequest) -> list[Membership]:
    """The active memberships (with their organisations) of the request's user, read once per request.

    The navigation, the second-factor check and the case page all need them; one query serves all three.
    """
    cached: list[Membership] | None = getattr(request, "_bleiberecht_memberships", None)
    if cached is None:
        user = request.user
        cached = (
            list(
                Membership.objects.filter(user_id=user.pk, active=True)
                .select_related("organisation")
                .order_by("organisation__name", "organisation_id")
            )
            if user.is_authenticated
            else []
        )
        request._bleiberecht_memberships = cached  # type: ignore[attr-defined]
    return cached


def perms_in(memberships: list[Membership], organisation_id: int) -> frozenset[Perm]:
    """What the memberships allow in one organisation (the same rule as `organisations_where`)."""
    perms: frozenset[Perm] = frozenset()
    for membership in memberships:
        if membership.organisation_id == organisation_id:
            perms |= ROLE_PERMS.get(membership.role, frozenset())
    return perms


def requires_totp(user: User) -> bool:
    return (
        user.is_authenticated
        and Membership.objects.filter(user_id=user.pk, role__in=TOTP_REQUIRED_ROLES, active=True).exists()
    )


ACTIVE_ORGANISATION_SESSION_KEY = "bleiberecht_active_organisation"


def active_membership(request: HttpRequest, perm: Perm | None = None) -> Membership | None:
    """The membership the user works in now: the organisation chosen in the header (kept in the session),
    checked against the user's active memberships on every call, else the first one. With ``perm``, None when
    that membership's role does not grant it — the caller answers 403 rather than falling back to another
    organisation the user did not choose."""
    memberships = request_memberships(request)
    if not memberships:
        return None
    chosen = request.session.get(ACTIVE_ORGANISATION_SESSION_KEY) if hasattr(request, "session") else None
    current = next((m for m in memberships if m.organisation_id == chosen), memberships[0])
    if perm is not None and perm not in ROLE_PERMS.get(current.role, frozenset()):
        return None
    return current
