"""`AuditEvent`: one row per view, change, export, share or deletion of personal data.

Append-only: saving an existing event, deleting one, and queryset ``update``/``delete`` raise
`AppendOnlyError`; database triggers (migration 0003) refuse UPDATE and DELETE in SQL as well, except the purge
of expired entries through `bleiberecht.web.audit.retention`. The event holds user id, organisation id, object type and id, an action code and a small
``detail`` of codes and numbers; `record` rejects anything else there, so free text (names, search terms)
cannot slip in.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

_CODE = re.compile(r"^[A-Za-z0-9_.:\-]{0,64}$")


class AppendOnlyError(Exception):
    """Audit events can only be added."""


class Action(models.TextChoices):
    VIEW = "view", _("angesehen")
    LIST = "list", _("Liste angesehen")
    CREATE = "create", _("angelegt")
    CHANGE = "change", _("geändert")
    IMPORT = "import", _("importiert")
    EXPORT = "export", _("exportiert")
    DELETE = "delete", _("gelöscht")
    SHARE = "share", _("weitergegeben")
    UNSHARE = "unshare", _("Weitergabe beendet")
    CONSENT_GRANT = "consent_grant", _("Einwilligung erfasst")
    CONSENT_REVOKE = "consent_revoke", _("Einwilligung widerrufen")
    UPLOAD = "upload", _("hochgeladen")
    DOWNLOAD = "download", _("heruntergeladen")
    LOGIN = "login", _("angemeldet")
    LOGOUT = "logout", _("abgemeldet")
    TOTP_SETUP = "totp_setup", _("Zwei-Faktor eingerichtet")
    TOTP_VERIFIED = "totp_verified", _("Zwei-Faktor bestätigt")
    TOTP_RESET = "totp_reset", _("Zwei-Faktor zurückgesetzt")
    PASSWORD_LINK = "password_link", _("Link zum Passwortsetzen erstellt")
    PASSWORD_SET = "password_set", _("Passwort gesetzt")
    ACTIVATE = "activate", _("aktiviert")
    DEACTIVATE = "deactivate", _("deaktiviert")
    SWITCH = "switch", _("Organisation gewechselt")
    PURGE = "purge", _("abgelaufene Einträge gelöscht")


class ObjectType(models.TextChoices):
    CASE = "case", _("Fall")
    CASE_VERSION = "case_version", _("Fallversion")
    CONSENT = "consent", _("Einwilligung")
    SHARE = "share", _("Weitergabe")
    SCREENING = "screening", _("Screening")
    AUDIT = "audit", _("Protokoll")
    USER = "user", _("Konto")
    MEMBERSHIP = "membership", _("Mitgliedschaft")
    ORGANISATION = "organisation", _("Organisation")


class AuditQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("audit events cannot be changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("audit events cannot be deleted")


class AuditEvent(models.Model):
    at = models.DateTimeField(_("Zeitpunkt"), auto_now_add=True, db_index=True)
    user_id = models.BigIntegerField(_("Benutzer-ID"), null=True, db_index=True)
    organisation_id = models.BigIntegerField(_("Organisation-ID"), null=True, db_index=True)
    object_type = models.CharField(_("Objektart"), max_length=20, choices=ObjectType.choices)
    object_id = models.CharField(_("Objekt-ID"), max_length=64, blank=True)
    action = models.CharField(_("Aktion"), max_length=20, choices=Action.choices)
    detail = models.JSONField(_("Einzelheiten"), default=dict, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("Protokolleintrag")
        verbose_name_plural = _("Protokoll")

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("audit events cannot be deleted")

    @classmethod
    def record(
        cls,
        *,
        user: Any,
        action: str,
        object_type: str,
        object_id: object = "",
        organisation_id: int | None = None,
        **detail: str | int | None,
    ) -> AuditEvent:
        """Add one event. ``detail`` values must be numbers or short codes (no spaces, no free text)."""
        for key, value in detail.items():
            if value is not None and not isinstance(value, int) and not _CODE.match(str(value)):
                raise ValueError(f"audit detail {key!r} must be a code or a number")
        user_id = user.pk if user is not None and getattr(user, "is_authenticated", False) else None
        event = cls.objects.create(
            user_id=user_id,
            organisation_id=organisation_id,
            object_type=object_type,
            object_id=str(object_id),
            action=action,
            detail={k: v for k, v in detail.items() if v is not None},
        )
        return event


class DeletedCase(models.Model):
    """Tombstone of a deleted case: which case of which organisation disappeared when — ids only, no document,
    no names. Written when a case row is deleted (`signals`), removed after
    ``BLEIBERECHT_TOMBSTONE_RETENTION_DAYS`` by ``purge_expired``."""

    case_id = models.BigIntegerField(_("Fall-ID"), unique=True)
    organisation_id = models.BigIntegerField(_("Organisation-ID"), db_index=True)
    versions = models.PositiveIntegerField(_("Versionen"), default=0)
    deleted_at = models.DateTimeField(_("Gelöscht am"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-deleted_at", "-id"]
        verbose_name = _("Lösch-Vermerk")
        verbose_name_plural = _("Lösch-Vermerke")
