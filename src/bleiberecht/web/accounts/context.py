"""Template context for the navigation: which menu entries the user may see."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from bleiberecht.web.accounts.roles import ROLE_PERMS, Perm, active_membership, request_memberships


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": None}
    memberships = request_memberships(request)
    perms: set[str] = set()
    for membership in memberships:
        perms |= {p.value for p in ROLE_PERMS.get(membership.role, frozenset())}
    return {
        "nav": {
            "memberships": memberships,
            # The header's organisation switcher; validated against the memberships on every request.
            "active": active_membership(request),
            "can_screen": Perm.SCREENING in perms,
            "can_audit": Perm.READ_AUDIT in perms,
            "can_edit": Perm.EDIT_CASES in perms,
            "can_members": Perm.VIEW_MEMBERS in perms,
            "can_monitor": Perm.MONITORING in perms,
            # Seconds of idleness after which the session may end at the earliest (the timeout warning, a11y.js).
            "session_seconds": settings.SESSION_COOKIE_AGE
            - int(getattr(settings, "BLEIBERECHT_SESSION_REFRESH_SECONDS", 60)),
        }
    }
