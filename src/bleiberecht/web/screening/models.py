"""One screening run of an organisation: its state, the uploaded caseload's report, worklist rows and the XLSX.

An upload is screened in the background (`bleiberecht.web.screening.tasks`): the run is stored as *wartend*
with the uploaded file in a private folder (`settings.BLEIBERECHT_UPLOAD_DIR`, never under a URL), the worker
marks it *läuft*, reports progress, and stores the result as *fertig* or a German error code as
*fehlgeschlagen*. The uploaded file is removed as soon as the run finishes or fails; the worklist and the XLSX
contain personal data and are deleted with the run.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from bleiberecht.web.accounts.models import Organisation
from bleiberecht.web.accounts.roles import Perm, User, organisations_where


class ScreeningRunQuerySet(models.QuerySet["ScreeningRun"]):
    def visible_to(self, user: User) -> QuerySet[ScreeningRun]:
        return self.filter(organisation_id__in=organisations_where(user, Perm.SCREENING))


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("wartend")
    RUNNING = "running", _("läuft")
    DONE = "done", _("fertig")
    FAILED = "failed", _("fehlgeschlagen")


class ScreeningRun(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="screening_runs")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(max_length=255)
    lang = models.CharField(max_length=2, default="de")
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.DONE)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Progress of the evaluation stage: persons done of persons to screen (None while unknown).
    persons_done = models.PositiveIntegerField(null=True, blank=True)
    persons_total = models.PositiveIntegerField(null=True, blank=True)
    error_code = models.CharField(max_length=40, blank=True)  # a code, shown as a German sentence
    upload_path = models.CharField(max_length=500, blank=True)  # the stored upload until the run ends
    exit_code = models.PositiveSmallIntegerField(null=True, blank=True)
    summary = models.JSONField(default=dict)
    problems = models.JSONField(default=list)
    rows = models.JSONField(default=list)
    lights = models.JSONField(default=list)  # [[word, count], ...]
    xlsx = models.BinaryField(null=True)

    objects = ScreeningRunQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    @property
    def finished(self) -> bool:
        return self.status in (RunStatus.DONE, RunStatus.FAILED)
