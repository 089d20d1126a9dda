"""`Consent`: one person of a case agrees that the case goes to one organisation for one purpose.

Consents are recorded by a member of the case's organisation (on paper signed by the person or their legal
representative), revoked with a date, and never edited. Sharing requires an active ``case_sharing`` consent
of every person of the case for the receiving organisation (`bleiberecht.web.consent.services`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bleiberecht.web.accounts.models import Organisation
from bleiberecht.web.cases.models import Case


class Purpose(models.TextChoices):
    CASE_SHARING = "case_sharing", _("Weitergabe der Fallakte zur gemeinsamen Fallbesprechung")
    COUNSELLING = "counselling", _("Beratung zum Bleiberecht")


class GivenBy(models.TextChoices):
    PERSON = "person", _("die Person selbst")
    LEGAL_REPRESENTATIVE = "legal_representative", _("gesetzliche Vertretung")


class ConsentQuerySet(models.QuerySet["Consent"]):
    def active(self) -> ConsentQuerySet:
        return self.filter(revoked_at__isnull=True)


class Consent(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    person_id = models.CharField(_("Person"), max_length=100)  # the person's id in the case document
    purpose = models.CharField(_("Zweck"), max_length=30, choices=Purpose.choices)
    receiving_organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("Empfangende Organisation")
    )
    given_by = models.CharField(
        _("Erklärt von"), max_length=30, choices=GivenBy.choices, default=GivenBy.PERSON
    )
    granted_on = models.DateField(_("Erteilt am"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(_("Widerrufen am"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("Einwilligung")
        verbose_name_plural = _("Einwilligungen")
