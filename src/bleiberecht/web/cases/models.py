"""A case is a case file v1 document of one organisation, with its version history and its stored result.

The result of the engine is computed when the document is saved (`bleiberecht.web.cases.services`) and stored
with the fields the list filters on (traffic lights, nearest deadline); pages never evaluate.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bleiberecht.web.accounts.models import Organisation
from bleiberecht.web.accounts.roles import Perm, User, organisations_where


class Light(models.TextChoices):
    GREEN = "green", _("grün")
    YELLOW = "yellow", _("gelb")
    RED = "red", _("rot")


class CaseQuerySet(models.QuerySet["Case"]):
    def visible_to(self, user: User, perm: Perm = Perm.VIEW_CASES) -> CaseQuerySet:
        """Cases ``user`` may act on with ``perm``: its organisations' own cases; for viewing, also the cases
        another organisation shares with one of them (read only, while the share is active)."""
        scope = Q(organisation_id__in=organisations_where(user, perm))
        if perm is Perm.VIEW_CASES:
            shared = CaseShare.objects.filter(
                organisation_id__in=organisations_where(user, Perm.VIEW_CASES), revoked_at__isnull=True
            ).values_list("case_id", flat=True)
            scope |= Q(pk__in=shared)
        return self.filter(scope)


class Case(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="cases")
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Zuständig"),
    )
    reference = models.CharField(_("Aktenzeichen"), max_length=200)
    document = models.JSONField(_("Falldatei"))
    result = models.JSONField(_("Ergebnis"), null=True, blank=True)  # {"de": result v1, "en": result v1}
    issues = models.JSONField(default=list, blank=True)  # warnings of the stored document
    evaluation_failed = models.BooleanField(default=False)
    lights = models.TextField(blank=True)  # "|green|yellow|": every person's colour, in order
    best_light = models.CharField(_("Ampel"), max_length=10, choices=Light.choices, blank=True)
    nearest_deadline = models.DateField(_("Nächste Frist"), null=True, blank=True)
    persons_count = models.PositiveIntegerField(default=0)
    search_text = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["organisation", "nearest_deadline"])]
        verbose_name = _("Fall")
        verbose_name_plural = _("Fälle")

    def __str__(self) -> str:
        return f"case {self.pk}"

    def result_in(self, lang: str) -> dict[str, Any] | None:
        if not self.result:
            return None
        return self.result.get(lang) or self.result.get("de")

    def person_lights(self) -> list[str]:
        return [light for light in self.lights.split("|") if light]


class VersionError(Exception):
    """Versions are never changed after they are written."""


class CaseVersion(models.Model):
    """One saved state of a case document. Written once; removed only with its case (deletion)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    document = models.JSONField()
    source = models.CharField(max_length=40)  # create / import / section:<slug> / raw
    changes = models.JSONField(default=list)  # [{"path", "kind", "old", "new"}]

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["case", "number"], name="one_number_per_version")]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise VersionError("case versions are append-only")
        super().save(*args, **kwargs)


class CaseShare(models.Model):
    """A case shared with another organisation (read only there), allowed only with the persons' consent."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="shares")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="shared_cases")
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    shared_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-shared_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "organisation"],
                condition=Q(revoked_at__isnull=True),
                name="one_active_share_per_org",
            )
        ]
