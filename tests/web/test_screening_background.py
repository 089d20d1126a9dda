"""Screening in the background: upload → wartend → (worker) → fertig / fehlgeschlagen; polling fragment; the
uploaded file is removed when the run ends and never stored under its own name.

The tests use the real database queue (settings.test: django-tasks-db) and run the real worker command
(`db_worker --batch`) inside the test's transaction: the view's `on_commit` enqueue is executed by
`django_capture_on_commit_callbacks`, and the worker's `close_old_connections` is switched off (it would close
the connection that holds the test's transaction, as Django's test client does for requests).
"""

from __future__ import annotations

import io
import json
import logging
import pathlib
import stat
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from bleiberecht.screening import generate_cases
from bleiberecht.web.audit.models import Action, AuditEvent
from bleiberecht.web.screening import services
from bleiberecht.web.screening.models import RunStatus, ScreeningRun
from web.conftest import SECRET_NAME


@pytest.fixture(scope="module")
def caseload() -> bytes:
    cases = list(generate_cases(6, 11))
    cases[0]["persons"][0]["name"] = SECRET_NAME
    broken = {
        "format": "bleiberecht.case/1",
        "id": "KAPUTT",
        "persons": [{"id": "x", "birth_date": "1990-02-30"}],
    }
    return ("\n".join(json.dumps(c) for c in [*cases, broken]) + "\n").encode()


@pytest.fixture(autouse=True)
def background_only(settings: Any, monkeypatch: Any) -> Iterator[None]:
    settings.BLEIBERECHT_SCREENING_INLINE_BYTES = 0  # every upload goes to the queue
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    yield
    for left in _uploads():  # runs a test left waiting
        left.unlink()


Upload = Callable[..., ScreeningRun]


@pytest.fixture
def upload(django_capture_on_commit_callbacks: Any) -> Upload:
    def post(client: Any, content: bytes, name: str = "bestand.jsonl") -> ScreeningRun:
        file = io.BytesIO(content)
        file.name = name
        with django_capture_on_commit_callbacks(execute=True):  # the view enqueues on commit
            response = client.post("/screening/", {"file": file})
        run = ScreeningRun.objects.latest("pk")
        assert response.status_code == 302 and response["Location"] == f"/screening/{run.pk}/"
        return run

    return post


def _work() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", "--no-reload", verbosity=0)


def _uploads() -> list[pathlib.Path]:
    from django.conf import settings

    folder = pathlib.Path(settings.BLEIBERECHT_UPLOAD_DIR)
    return sorted(folder.iterdir()) if folder.exists() else []


def test_queued_then_done_and_upload_removed(
    org_a: Any, make_user: Any, client_for: Any, caseload: bytes, upload: Upload
) -> None:
    client = client_for(make_user("screen", org_a))
    before = set(_uploads())
    run = upload(client, caseload)
    assert run.status == RunStatus.QUEUED and run.exit_code is None and run.rows == []
    stored = pathlib.Path(run.upload_path)
    assert stored in set(_uploads()) - before and stored.read_bytes() == caseload
    assert "bestand" not in stored.name and stat.S_IMODE(stored.stat().st_mode) == 0o600
    # only the run's id travels through the queue
    task = DBTaskResult.objects.get()
    assert task.args_kwargs == {"args": [run.pk], "kwargs": {}} and task.status == "READY"

    page = client.get(f"/screening/{run.pk}/").content.decode()
    assert (
        "wartend" in page
        and 'hx-trigger="every 2s"' in page
        and f'hx-get="/screening/{run.pk}/stand/"' in page
    )
    assert "Prüfbericht" not in page and SECRET_NAME not in page
    fragment = client.get(f"/screening/{run.pk}/stand/", headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "HX-Refresh" not in fragment
    assert (
        fragment.content.decode().startswith('<div id="run-status"')
        and "every 2s" in fragment.content.decode()
    )

    _work()

    run.refresh_from_db()
    assert run.status == RunStatus.DONE and run.exit_code == 3 and run.error_code == ""
    assert run.summary["persons_screened"] == 6 and run.summary["cases_rejected"] == 1
    assert len(run.rows) == 6 and run.xlsx and run.persons_done == run.persons_total == 6
    assert run.upload_path == "" and not stored.exists()
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    # the poll now stops: no trigger, and HTMX reloads the whole page
    fragment = client.get(f"/screening/{run.pk}/stand/", headers={"HX-Request": "true"})
    assert fragment["HX-Refresh"] == "true" and "every 2s" not in fragment.content.decode()
    assert "fertig" in fragment.content.decode()
    page = client.get(f"/screening/{run.pk}/").content.decode()
    assert "every 2s" not in page and "Prüfbericht" in page and page.count('<tr class="row-') == 6
    assert "1990-02-30" in page or "birth_date" in page  # the rejected line is reported as before
    assert AuditEvent.objects.filter(action=Action.UPLOAD, detail__mode="background").count() == 1


def test_failure_shows_german_message_without_traceback(
    org_a: Any,
    make_user: Any,
    client_for: Any,
    caseload: bytes,
    upload: Upload,
    monkeypatch: Any,
    caplog: Any,
) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError(f"cell says {SECRET_NAME}")

    monkeypatch.setattr(services, "run_screen", broken)
    client = client_for(make_user("screen", org_a))
    run = upload(client, caseload)
    stored = pathlib.Path(run.upload_path)
    with caplog.at_level(logging.INFO):
        _work()
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and run.error_code == "internal" and run.finished_at is not None
    assert not stored.exists() and run.upload_path == ""
    page = client.get(f"/screening/{run.pk}/").content.decode()
    assert "fehlgeschlagen" in page and "interner Fehler" in page and "Die Datei wurde gelöscht" in page
    assert "Traceback" not in page and "RuntimeError" not in page and SECRET_NAME not in page
    assert "every 2s" not in page and "Lauf löschen" in page
    assert SECRET_NAME not in caplog.text and "RuntimeError" in caplog.text  # the class, not the text
    english = client.get(f"/screening/{run.pk}/", headers={"Accept-Language": "en"})
    assert english.status_code == 200


def test_unusable_file_fails_and_keeps_the_report(
    org_a: Any, make_user: Any, client_for: Any, upload: Upload
) -> None:
    client = client_for(make_user("screen", org_a))
    broken = {
        "format": "bleiberecht.case/1",
        "id": "KAPUTT",
        "persons": [{"id": "x", "birth_date": "1990-02-30"}],
    }
    run = upload(client, (json.dumps(broken) + "\n").encode())
    stored = pathlib.Path(run.upload_path)
    _work()
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and run.error_code == "unusable" and run.exit_code == 2
    assert run.problems and not run.rows
    page = client.get(f"/screening/{run.pk}/").content.decode()
    assert "keine Zeile war prüfbar" in page and "Prüfbericht" in page and "Traceback" not in page
    assert not stored.exists()


def test_progress_is_reported_while_running(
    org_a: Any, make_user: Any, client_for: Any, caseload: bytes, upload: Upload, monkeypatch: Any
) -> None:
    client = client_for(make_user("screen", org_a))
    run = upload(client, caseload)
    ScreeningRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING)
    monkeypatch.setattr(services, "PROGRESS_EVERY_SECONDS", 0)
    advance = services._progress(run.pk)("evaluate", 10)
    advance(4)
    run.refresh_from_db()
    assert (run.persons_done, run.persons_total) == (4, 10)
    fragment = client.get(f"/screening/{run.pk}/stand/", headers={"HX-Request": "true"}).content.decode()
    assert "läuft" in fragment and "4 von 10 Personen geprüft" in fragment
    assert '<progress max="10" value="4"' in fragment and "every 2s" in fragment
    services._progress(run.pk)("write", 6)(6)  # other stages write nothing
    run.refresh_from_db()
    assert run.persons_done == 4


def test_delete_while_queued_removes_upload_and_the_worker_skips_it(
    org_a: Any, make_user: Any, client_for: Any, caseload: bytes, upload: Upload
) -> None:
    client = client_for(make_user("screen", org_a))
    run = upload(client, caseload)
    stored = pathlib.Path(run.upload_path)
    page = client.get(f"/screening/{run.pk}/").content.decode()
    assert "Lauf abbrechen und löschen" in page
    client.post(f"/screening/{run.pk}/loeschen/")
    assert not ScreeningRun.objects.exists() and not stored.exists()
    _work()
    assert DBTaskResult.objects.get().return_value == "deleted"
    assert not ScreeningRun.objects.exists()


def test_a_run_is_screened_once(
    org_a: Any, make_user: Any, client_for: Any, caseload: bytes, upload: Upload
) -> None:
    client = client_for(make_user("screen", org_a))
    run = upload(client, caseload)
    _work()
    assert services.execute_run(run.pk) == RunStatus.DONE  # a second delivery changes nothing
    run.refresh_from_db()
    assert len(run.rows) == 6


def test_small_uploads_run_inline(
    org_a: Any, make_user: Any, client_for: Any, caseload: bytes, upload: Upload, settings: Any
) -> None:
    settings.BLEIBERECHT_SCREENING_INLINE_BYTES = len(caseload)
    client = client_for(make_user("screen", org_a))
    before = _uploads()
    run = upload(client, caseload)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and len(run.rows) == 6 and run.upload_path == ""
    assert not DBTaskResult.objects.exists() and _uploads() == before
    event = AuditEvent.objects.get(action=Action.UPLOAD)
    assert event.detail == {"mode": "inline", "persons": 6, "exit_code": 3}


def test_status_fragment_of_another_organisation_is_404(
    org_a: Any, org_b: Any, make_user: Any, client_for: Any, caseload: bytes, upload: Upload
) -> None:
    run = upload(client_for(make_user("b", org_b)), caseload)
    other = client_for(make_user("a", org_a))
    assert other.get(f"/screening/{run.pk}/stand/", headers={"HX-Request": "true"}).status_code == 404
    assert other.get(f"/screening/{run.pk}/").status_code == 404


def test_runs_interrupted_by_a_restart_fail_and_lose_their_upload(
    org_a: Any, make_user: Any, client_for: Any, caseload: bytes, upload: Upload
) -> None:
    client = client_for(make_user("screen", org_a))
    stopped, waiting = upload(client, caseload), upload(client, caseload)
    ScreeningRun.objects.filter(pk=stopped.pk).update(status=RunStatus.RUNNING)  # its worker was killed
    assert services.recover_interrupted() == 1
    stopped.refresh_from_db()
    assert stopped.status == RunStatus.FAILED and stopped.error_code == "interrupted"
    assert stopped.upload_path == "" and len(_uploads()) == 1  # the waiting run keeps its file
    assert "Server neu gestartet" in client.get(f"/screening/{stopped.pk}/").content.decode()
    _work()  # the waiting run is screened as usual
    assert ScreeningRun.objects.get(pk=waiting.pk).status == RunStatus.DONE


def test_a_long_wait_hints_at_a_missing_worker(
    org_a: Any, make_user: Any, client_for: Any, caseload: bytes, upload: Upload
) -> None:
    import datetime as dt

    from django.utils import timezone

    client = client_for(make_user("screen", org_a))
    first, second = upload(client, caseload), upload(client, caseload)
    hint = "Offenbar läuft kein Hintergrund-Worker"
    assert hint not in client.get(f"/screening/{first.pk}/stand/").content.decode()  # just uploaded
    ScreeningRun.objects.update(created_at=timezone.now() - dt.timedelta(minutes=5))
    assert hint in client.get(f"/screening/{first.pk}/stand/").content.decode()
    later = client.get(f"/screening/{second.pk}/stand/").content.decode()
    assert hint not in later and "1 Lauf davor" in later  # it waits for the first one
