"""Organisations (authority, NGOs) and memberships with a role; users are Django's own."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    class Kind(models.TextChoices):
        AUTHORITY = "authority", _("Ausländerbehörde")
        NGO = "ngo", _("Beratungsstelle (NGO)")

    name = models.CharField(_("Name"), max_length=200, unique=True)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    ADVISOR = "advisor", _("Beratung")
    AUTHORITY_CLERK = "authority_clerk", _("Sachbearbeitung Ausländerbehörde")
    COORDINATOR = "coordinator", _("Koordination")
    ADMIN = "admin", _("Administration")


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices)
    # A deactivated membership grants nothing (roles.py reads active ones only) but keeps its place in the
    # organisation's list, so an admin can switch it on again; removing deletes the row.
    active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_org")
        ]
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")

    def __str__(self) -> str:
        return f"{self.user_id}@{self.organisation_id}:{self.role}"
