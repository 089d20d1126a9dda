"""Screening in the browser: upload a caseload, see the report, filter the worklist, download the XLSX."""

from __future__ import annotations

import io
import json
from typing import Any

import openpyxl
import pytest

from bleiberecht.screening import generate_cases
from bleiberecht.web.audit.models import Action, AuditEvent
from bleiberecht.web.screening.models import ScreeningRun


@pytest.fixture(scope="module")
def caseload() -> bytes:
    cases = list(generate_cases(12, 7))
    lines = [json.dumps(case) for case in cases]
    lines.insert(
        2,
        json.dumps(
            {
                "format": "bleiberecht.case/1",
                "id": "KAPUTT",
                "persons": [{"id": "x", "birth_date": "1990-02-30"}],
            }
        ),
    )
    return ("\n".join(lines) + "\n").encode()


def test_upload_report_worklist_and_xlsx(
    org_a: Any, make_user: Any, client_for: Any, caseload: bytes
) -> None:
    user = make_user("screen", org_a)
    client = client_for(user)
    assert "Screening eines Fallbestands" in client.get("/screening/").content.decode()
    upload = io.BytesIO(caseload)
    upload.name = "bestand.jsonl"
    response = client.post("/screening/", {"file": upload})
    run = ScreeningRun.objects.get()
    assert response["Location"] == f"/screening/{run.pk}/"
    assert run.summary["persons_screened"] == 12 and run.summary["cases_rejected"] == 1
    page = client.get(f"/screening/{run.pk}/").content.decode()
    assert "Prüfbericht" in page and "Arbeitsliste" in page and "Fehler" in page
    assert "1990-02-30" in page or "birth_date" in page  # the rejected line is reported
    assert page.count('<tr class="row-') == 12
    green = [r for r in run.rows if r["traffic_light"] == "green"]
    filtered = client.get(
        f"/screening/{run.pk}/", {"light": "green"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert filtered.count('<tr class="row-') == len(green) and filtered.lstrip().startswith(
        '<div id="worklist">'
    )
    xlsx = client.get(f"/screening/{run.pk}/arbeitsliste.xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert "Arbeitsliste" in book.sheetnames
    assert book["Arbeitsliste"].max_row >= 13
    for action in (Action.UPLOAD, Action.VIEW, Action.DOWNLOAD):
        assert AuditEvent.objects.filter(
            action=action, object_type="screening", object_id=str(run.pk)
        ).exists()
    client.post(f"/screening/{run.pk}/loeschen/")
    assert not ScreeningRun.objects.exists()
    assert AuditEvent.objects.filter(action=Action.DELETE, object_type="screening").exists()


def test_unsupported_file_type(org_a: Any, make_user: Any, client_for: Any) -> None:
    client = client_for(make_user("screen", org_a))
    upload = io.BytesIO(b"hello")
    upload.name = "bestand.txt"
    response = client.post("/screening/", {"file": upload})
    assert response.status_code == 200 and "nicht unterstützt" in response.content.decode()
    assert not ScreeningRun.objects.exists()
