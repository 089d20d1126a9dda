"""One screening run of an organisation: the uploaded caseload's report, worklist rows and the XLSX file.

The uploaded file itself is not kept (it is read in a temporary folder and removed); the worklist and the
XLSX contain personal data and are deleted with the run.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import QuerySet

from bleiberecht.web.accounts.models import Organisation
from bleiberecht.web.accounts.roles import Perm, User, organisations_where


class ScreeningRunQuerySet(models.QuerySet["ScreeningRun"]):
    def visible_to(self, user: User) -> QuerySet[ScreeningRun]:
        return self.filter(organisation_id__in=organisations_where(user, Perm.SCREENING))


class ScreeningRun(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="screening_runs")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(max_length=255)
    lang = models.CharField(max_length=2, default="de")
    exit_code = models.PositiveSmallIntegerField()
    summary = models.JSONField(default=dict)
    problems = models.JSONField(default=list)
    rows = models.JSONField(default=list)
    lights = models.JSONField(default=list)  # [[word, count], ...]
    xlsx = models.BinaryField(null=True)

    objects = ScreeningRunQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
