"""Dossier downloads on the case page and outreach letters for a screening run: access as for viewing the
case / the run (another organisation's object: 404, nothing written to the audit trail as an export), every
download audited, letters only for the chosen traffic lights, capped per request."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from bleiberecht.documents.docx import docx_text
from bleiberecht.web.accounts.models import Role
from bleiberecht.web.audit.models import Action, AuditEvent, ObjectType
from bleiberecht.web.cases.models import CaseShare
from bleiberecht.web.consent.models import Consent, Purpose
from bleiberecht.web.screening.models import ScreeningRun
from web.conftest import SECRET_NAME


def exports(case_pk: int) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(action=Action.EXPORT, object_type=ObjectType.CASE, object_id=str(case_pk))
    )


def test_dossier_pdf_and_docx_of_own_case(
    org_a: Any, make_user: Any, client_for: Any, make_case: Any
) -> None:
    user = make_user("a-advisor", org_a, Role.ADVISOR)
    case = make_case(org_a, user, reference="AZ-EIGEN", name="Amal Eigen")
    make_case(org_a, user, reference="AZ-ANDERER", name=SECRET_NAME)  # another case of the same organisation
    client: Client = client_for(user)
    page = client.get(f"/faelle/{case.pk}/").content.decode()
    assert (
        f"/dossiers/fall/{case.pk}/dossier.pdf" in page and f"/dossiers/fall/{case.pk}/dossier.docx" in page
    )

    response = client.get(f"/dossiers/fall/{case.pk}/dossier.docx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f'filename="dossier-{case.pk}-v{case.version}.docx"' in response["Content-Disposition"]
    text = docx_text(response.content)
    assert "Dossier zum Fall AZ-EIGEN" in text and "Amal Eigen" in text and "Beratungsstelle A" in text
    assert SECRET_NAME not in text and "AZ-ANDERER" not in text
    assert "Keine Einwilligung zur Weitergabe erfasst." in text  # known here: none recorded

    pdf = client.get(f"/dossiers/fall/{case.pk}/dossier.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-") and pdf["Cache-Control"] == "no-store"

    events = exports(case.pk)
    assert sorted(e.detail["format"] for e in events) == ["dossier_docx", "dossier_pdf"]
    assert all(e.user_id == user.pk and e.organisation_id == org_a.pk for e in events)
    assert all(e.detail["version"] == case.version for e in events)


def test_dossier_in_english(org_a: Any, make_user: Any, client_for: Any, make_case: Any) -> None:
    user = make_user("a-advisor", org_a, Role.ADVISOR)
    case = make_case(org_a, user)
    client: Client = client_for(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(f"/dossiers/fall/{case.pk}/dossier.docx")
    assert response.status_code == 200
    text = docx_text(response.content)
    assert "Dossier for case AZ-1" in text and "Evidence to attach" in text
    assert exports(case.pk)[0].detail["lang"] == "en"


@pytest.mark.parametrize("role", [Role.ADVISOR, Role.AUTHORITY_CLERK, Role.COORDINATOR, Role.ADMIN])
def test_another_organisations_dossier_is_404_and_not_exported(
    role: str, org_a: Any, org_b: Any, make_user: Any, client_for: Any, make_case: Any
) -> None:
    owner = make_user("b-owner", org_b, Role.AUTHORITY_CLERK)
    case = make_case(org_b, owner, reference="B-GEHEIM-AZ", name=SECRET_NAME)
    client: Client = client_for(make_user(f"a-{role}", org_a, role))
    for fmt in ("pdf", "docx", "exe"):
        response = client.get(f"/dossiers/fall/{case.pk}/dossier.{fmt}")
        assert response.status_code == 404
        assert SECRET_NAME.encode() not in response.content
    assert exports(case.pk) == []


def test_receiving_organisation_gets_the_dossier_while_shared_with_its_consents_only(
    org_a: Any, org_b: Any, make_user: Any, client_for: Any, make_case: Any
) -> None:
    from bleiberecht.web.accounts.models import Organisation

    owner = make_user("b-owner", org_b, Role.ADVISOR)
    case = make_case(org_b, owner, reference="B-GETEILT", name="Geteilte Person")
    third = Organisation.objects.create(name="Dritte Stelle", kind=Organisation.Kind.NGO)
    for org in (org_a, third):
        for person in ("vater", "mutter", "kind"):
            Consent.objects.create(
                case=case,
                person_id=person,
                purpose=Purpose.CASE_SHARING,
                receiving_organisation=org,
                granted_on=dt.date(2026, 10, 1),
                recorded_by=owner,
            )
    share = CaseShare.objects.create(case=case, organisation=org_a, shared_by=owner)
    reader = make_user("a-clerk", org_a, Role.AUTHORITY_CLERK)
    client: Client = client_for(reader)
    response = client.get(f"/dossiers/fall/{case.pk}/dossier.docx")
    assert response.status_code == 200
    text = docx_text(response.content)
    assert "Einwilligung für Beratungsstelle A seit 01.10.2026" in text
    assert "Dritte Stelle" not in text  # with whom else the owner shares is not the receiver's business
    [event] = exports(case.pk)
    assert event.user_id == reader.pk and event.organisation_id == org_b.pk  # the case's organisation
    # The owner sees every consent.
    owner_text = docx_text(client_for(owner).get(f"/dossiers/fall/{case.pk}/dossier.docx").content)
    assert "Dritte Stelle" in owner_text and "Beratungsstelle A" in owner_text
    # Once the share ends, the dossier is gone for the receiver.
    share.revoked_at = dt.datetime.now(dt.UTC)
    share.save()
    assert client.get(f"/dossiers/fall/{case.pk}/dossier.docx").status_code == 404


def worklist_row(person: str, light: str, path: str | None, outcome: str | None, name: str) -> dict[str, Any]:
    return {
        "rank": 1,
        "case_id": f"AZ-{person}",
        "person_id": person,
        "name": name,
        "traffic_light": light,
        "best_path_key": path,
        "best_path": "§ 25b Abs. 1 AufenthG" if path == "aufenthg_25b" else path,
        "best_outcome": outcome,
        "eligible_from": "2025-09-24" if outcome == "eligible" else None,
        "apply_by": None,
    }


@pytest.fixture
def run_a(org_a: Any, make_user: Any) -> ScreeningRun:
    owner = make_user("a-owner", org_a, Role.ADVISOR)
    return ScreeningRun.objects.create(
        organisation=org_a,
        created_by=owner,
        file_name="bestand.jsonl",
        exit_code=0,
        rows=[
            worklist_row("g1", "green", "aufenthg_25b", "eligible", "Grün Person"),
            worklist_row("y1", "yellow", "aufenthg_25a", "undetermined", "Gelb Person"),
            worklist_row("r1", "red", None, None, "Rot Person"),
        ],
    )


def zip_texts(content: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: docx_text(archive.read(name)) for name in archive.namelist()}


def test_letters_page_and_zip_for_default_lights(
    run_a: ScreeningRun, make_user: Any, client_for: Any
) -> None:
    user = make_user("a-advisor", run_a.organisation, Role.ADVISOR)
    client: Client = client_for(user)
    page = client.get(f"/dossiers/screening/{run_a.pk}/anschreiben/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Anschreiben erzeugen" in body
    checked = set(re.findall(r'<input type="checkbox" name="ampel" value="(\w+)"[^>]*checked', body))
    assert checked == {"green", "yellow"}  # red only when chosen
    assert AuditEvent.objects.filter(
        action=Action.VIEW, object_id=str(run_a.pk), detail__part="letters"
    ).exists()

    url = f"/dossiers/screening/{run_a.pk}/anschreiben/?ampel=green&ampel=yellow&format=zip&kontakt=Tel.+0351+123"
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    texts = zip_texts(response.content)
    assert sorted(texts) == ["0001-AZ-g1-g1.docx", "0002-AZ-y1-y1.docx"]
    assert "Guten Tag Grün Person," in texts["0001-AZ-g1-g1.docx"]
    assert "Tel. 0351 123" in texts["0002-AZ-y1-y1.docx"]
    assert "Rot Person" not in "".join(texts.values())
    [event] = AuditEvent.objects.filter(action=Action.DOWNLOAD, object_type=ObjectType.SCREENING)
    assert event.detail == {"format": "letters_zip", "letters": 2, "lights": "green-yellow"}
    assert event.user_id == user.pk and event.object_id == str(run_a.pk)


def test_letters_pdf_for_red_only(run_a: ScreeningRun, make_user: Any, client_for: Any) -> None:
    client: Client = client_for(make_user("a-advisor", run_a.organisation, Role.ADVISOR))
    response = client.get(f"/dossiers/screening/{run_a.pk}/anschreiben/?ampel=red&format=pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    event = AuditEvent.objects.get(action=Action.DOWNLOAD, object_type=ObjectType.SCREENING)
    assert event.detail == {"format": "letters_pdf", "letters": 1, "lights": "red"}


def test_letters_errors_cap_and_no_selection(
    run_a: ScreeningRun, make_user: Any, client_for: Any, settings: Any
) -> None:
    client: Client = client_for(make_user("a-advisor", run_a.organisation, Role.ADVISOR))
    base = f"/dossiers/screening/{run_a.pk}/anschreiben/"
    no_light = client.get(f"{base}?format=zip")
    assert (
        no_light.status_code == 200
        and "Bitte mindestens eine Ampelfarbe wählen." in no_light.content.decode()
    )
    nobody = client.get(f"{base}?format=zip&ampel=green&weg=aufenthg_25a")
    assert "Keine Person der Arbeitsliste passt zu dieser Auswahl." in nobody.content.decode()
    settings.BLEIBERECHT_LETTERS_MAX = 1
    capped = client.get(f"{base}?format=zip&ampel=green&ampel=yellow")
    assert capped.status_code == 200 and capped["Content-Type"].startswith("text/html")
    assert "Zu viele Empfänger: 2 Anschreiben, höchstens 1 auf einmal." in capped.content.decode()
    narrowed = client.get(f"{base}?format=zip&ampel=green&ampel=yellow&weg=aufenthg_25b")
    assert narrowed["Content-Type"] == "application/zip" and len(zip_texts(narrowed.content)) == 1
    assert AuditEvent.objects.filter(action=Action.DOWNLOAD).count() == 1


@pytest.mark.parametrize("role", [Role.ADVISOR, Role.AUTHORITY_CLERK, Role.COORDINATOR, Role.ADMIN])
def test_another_organisations_letters_are_404(
    role: str, run_a: ScreeningRun, org_b: Any, make_user: Any, client_for: Any
) -> None:
    client: Client = client_for(make_user(f"b-{role}", org_b, role))
    for query in ("", "?ampel=green&format=zip"):
        response = client.get(f"/dossiers/screening/{run_a.pk}/anschreiben/{query}")
        assert response.status_code == 404 and b"Person" not in response.content
    assert not AuditEvent.objects.filter(object_type=ObjectType.SCREENING).exists()


def test_screening_page_links_to_letters(run_a: ScreeningRun, make_user: Any, client_for: Any) -> None:
    client: Client = client_for(make_user("a-advisor", run_a.organisation, Role.ADVISOR))
    body = client.get(f"/screening/{run_a.pk}/").content.decode()
    assert f"/dossiers/screening/{run_a.pk}/anschreiben/" in body
