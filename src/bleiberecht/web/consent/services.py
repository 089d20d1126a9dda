"""Recording and revoking consent; sharing a case only when every person of it has consented.

Revoking a consent ends every active share of the case with that organisation at once.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from bleiberecht.web.accounts.models import Organisation
from bleiberecht.web.audit.models import Action, AuditEvent, ObjectType
from bleiberecht.web.cases.models import Case, CaseShare
from bleiberecht.web.consent.models import Consent, Purpose


class ConsentMissing(Exception):
    def __init__(self, person_ids: list[str]) -> None:
        super().__init__(", ".join(person_ids))
        self.person_ids = person_ids


def case_person_ids(case: Case) -> list[str]:
    return [str(p.get("id")) for p in case.document.get("persons", []) if p.get("id")]


def missing_consents(case: Case, organisation: Organisation) -> list[str]:
    consented = set(
        Consent.objects.active()
        .filter(case=case, purpose=Purpose.CASE_SHARING, receiving_organisation=organisation)
        .values_list("person_id", flat=True)
    )
    return [pid for pid in case_person_ids(case) if pid not in consented]


def record_consent(
    *,
    case: Case,
    person_ids: list[str],
    purpose: str,
    organisation: Organisation,
    given_by: str,
    granted_on: date,
    user: Any,
) -> list[Consent]:
    with transaction.atomic():
        made = [
            Consent.objects.create(
                case=case,
                person_id=pid,
                purpose=purpose,
                receiving_organisation=organisation,
                given_by=given_by,
                granted_on=granted_on,
                recorded_by=user,
            )
            for pid in person_ids
        ]
        for consent in made:
            AuditEvent.record(
                user=user,
                action=Action.CONSENT_GRANT,
                object_type=ObjectType.CONSENT,
                object_id=consent.pk,
                organisation_id=case.organisation_id,
                case=case.pk,
                purpose=purpose,
                receiver=organisation.pk,
            )
    return made


def revoke_consent(consent: Consent, user: Any) -> int:
    """Revoke; returns how many shares ended because of it."""
    with transaction.atomic():
        now = timezone.now()
        consent.revoked_at = now
        consent.revoked_by = user
        consent.save(update_fields=["revoked_at", "revoked_by"])
        AuditEvent.record(
            user=user,
            action=Action.CONSENT_REVOKE,
            object_type=ObjectType.CONSENT,
            object_id=consent.pk,
            organisation_id=consent.case.organisation_id,
            case=consent.case_id,
        )
        ended = 0
        if consent.purpose == Purpose.CASE_SHARING:
            for share in CaseShare.objects.filter(
                case_id=consent.case_id,
                organisation_id=consent.receiving_organisation_id,
                revoked_at__isnull=True,
            ):
                end_share(share, user, reason="consent_revoked")
                ended += 1
    return ended


def share_case(case: Case, organisation: Organisation, user: Any) -> CaseShare:
    """Share read-only with ``organisation``; raises `ConsentMissing` naming the persons without consent."""
    missing = missing_consents(case, organisation)
    if missing:
        raise ConsentMissing(missing)
    with transaction.atomic():
        share, _created = CaseShare.objects.get_or_create(
            case=case, organisation=organisation, revoked_at=None, defaults={"shared_by": user}
        )
        AuditEvent.record(
            user=user,
            action=Action.SHARE,
            object_type=ObjectType.SHARE,
            object_id=share.pk,
            organisation_id=case.organisation_id,
            case=case.pk,
            receiver=organisation.pk,
        )
    return share


def end_share(share: CaseShare, user: Any, reason: str = "ended") -> None:
    share.revoked_at = timezone.now()
    share.save(update_fields=["revoked_at"])
    AuditEvent.record(
        user=user,
        action=Action.UNSHARE,
        object_type=ObjectType.SHARE,
        object_id=share.pk,
        organisation_id=share.case.organisation_id,
        case=share.case_id,
        reason=reason,
    )
