"""The background task that screens an uploaded caseload (django-tasks; `db_worker` runs it).

Only the run's id travels through the queue: the task table never holds personal data.
"""

from __future__ import annotations

from django_tasks import task

from bleiberecht.web.screening.services import execute_run


@task()
def screen_run(run_id: int) -> str:
    return execute_run(run_id)
