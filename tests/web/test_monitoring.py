"""Monitoring: exact figures on a seeded set of cases, small-number suppression, exports, scope, audit.

The seeded cases carry hand-written stored results (the monitoring reads `Case.result`, it never evaluates),
so every expected number below is counted by hand from `SEED`.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import openpyxl
import pytest

from bleiberecht.web.accounts.models import Role
from bleiberecht.web.accounts.roles import ROLE_PERMS, Perm
from bleiberecht.web.audit.models import Action, AuditEvent, ObjectType
from bleiberecht.web.cases.models import Case
from bleiberecht.web.monitoring.figures import aggregate, best_path, open_windows, summarize
from bleiberecht.web.monitoring.tables import shown
from web.conftest import SECRET_NAME


def _path(key: str, outcome: str, **extra: Any) -> dict[str, Any]:
    return {"path": key, "outcome": outcome, "consequence": "soll", "requirements": [], **extra}


def _not_met(actionable: bool) -> list[dict[str, Any]]:
    return [{"status": "met"}, {"status": "not_met", "actionable": actionable}]


SEED: list[dict[str, Any]] = [
    {  # case 1: two persons, applications granted/pending/refused
        "light": "green",
        "result": {
            "as_of": "2026-01-15",
            "persons": [
                {
                    "id": "p1",
                    "traffic_light": "green",
                    "paths": [
                        _path("aufenthg_25b", "eligible", eligible_from="2025-11-01"),
                        _path("aufenthg_60d", "eligible_later", eligible_from="2026-03-01"),
                    ],
                    "reviews": [{"review": "review_60b", "flag": True}],
                },
                {
                    "id": "p2",
                    "traffic_light": "yellow",
                    "paths": [
                        _path("aufenthg_25a", "undetermined", apply_by="2027-01-01"),
                        _path("aufenthg_25b", "eligible_later", eligible_from="2026-06-01"),
                    ],
                    "reviews": [{"review": "review_employment_ban", "flag": False}],
                },
            ],
        },
        "persons": [
            {
                "id": "p1",
                "name": SECRET_NAME,
                "applications": [
                    {
                        "path": "aufenthg_25b",
                        "filed_on": "2026-01-10",
                        "outcome": "granted",
                        "decided_on": "2026-02-01",
                    },
                    {"path": "aufenthg_60d", "filed_on": "2026-01-20"},
                ],
            },
            {
                "id": "p2",
                "applications": [{"path": "aufenthg_25b", "filed_on": "2026-01-05", "outcome": "refused"}],
            },
        ],
    },
    {  # case 2: not eligible, once through actionable requirements only
        "light": "yellow",
        "result": {
            "as_of": "2026-01-15",
            "persons": [
                {
                    "id": "p3",
                    "traffic_light": "yellow",
                    "paths": [
                        _path("aufenthg_25b", "not_eligible", requirements=_not_met(False)),
                        _path("aufenthg_60c", "not_eligible", requirements=_not_met(True)),
                    ],
                    "reviews": [],
                },
                {
                    "id": "p4",
                    "traffic_light": "red",
                    "paths": [
                        _path("aufenthg_25b", "not_eligible", requirements=_not_met(False)),
                        _path("aufenthg_25a", "not_eligible", requirements=_not_met(False)),
                    ],
                },
            ],
        },
        "persons": [{"id": "p3"}, {"id": "p4", "applications": []}],
    },
    {  # case 3: evaluation failed, no stored result; its application still counts
        "light": "",
        "result": None,
        "persons": [
            {
                "id": "p5",
                "applications": [{"path": "aufenthg_25a", "filed_on": "2025-12-03", "outcome": "withdrawn"}],
            }
        ],
    },
]


def _seed(organisation: Any, seed: list[dict[str, Any]] = SEED, prefix: str = "M") -> None:
    for index, case in enumerate(seed):
        Case.objects.create(
            organisation=organisation,
            reference=f"{prefix}-{index}",
            document={"format": "bleiberecht.case/1", "id": f"{prefix}-{index}", "persons": case["persons"]},
            result={"de": case["result"], "en": case["result"]} if case["result"] else None,
            evaluation_failed=case["result"] is None,
            best_light=case["light"],
            persons_count=len(case["persons"]),
        )


def _table(page: str, key: str) -> list[list[str]]:
    """The rows of one table of the page (cells as text)."""
    part = page.split(f'data-table="{key}"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", part.split("<tbody>", 1)[1], re.S)
    return [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)]
        for r in rows
    ]


def _row(table: list[list[str]], start: str) -> list[str]:
    found = [row for row in table if row[0] == start or row[0].startswith(start + " – ")]
    assert len(found) == 1, (start, table)
    return found[0][1:]


def test_figures_counted_from_stored_results(org_a: Any) -> None:
    _seed(org_a)
    rows = Case.objects.order_by("pk").values_list("best_light", "result__de", "document")
    figures = aggregate(summarize(*row) for row in rows)
    assert (figures.cases, figures.persons, figures.cases_without_result) == (3, 4, 1)
    assert figures.cases_by_light == {"green": 1, "yellow": 1, "": 1}
    assert figures.persons_by_light == {"green": 1, "yellow": 2, "red": 1}
    assert figures.persons_by_best_path == {"aufenthg_25b": 2, "aufenthg_60c": 1, "aufenthg_25a": 1}
    assert figures.cases_by_best_path == {"aufenthg_25b": 1, "aufenthg_60c": 1}
    assert figures.open_within["aufenthg_25b"] == {"now": 1, 3: 1, 6: 2, 12: 2}
    assert figures.open_within["aufenthg_60d"] == {3: 1, 6: 1, 12: 1}
    assert figures.open_within["*"] == {"now": 1, 3: 1, 6: 2, 12: 2}
    assert set(figures.open_within) == {"aufenthg_25b", "aufenthg_60d", "*"}
    assert figures.applications == {
        ("aufenthg_25b", "2026-01"): {"filed": 2, "granted": 1, "refused": 1},
        ("aufenthg_60d", "2026-01"): {"filed": 1, "pending": 1},
        ("aufenthg_25a", "2025-12"): {"filed": 1, "withdrawn": 1},
    }
    assert figures.reviews_flagged == {"review_60b": 1}


def test_windows_follow_the_bgb_month_end_and_best_path_the_worklist_rule() -> None:
    from datetime import date

    later = _path("x", "eligible_later", eligible_from="2026-04-15")
    assert open_windows(later, date(2026, 1, 15)) == [6, 12]  # fulfilled on 15.04.: not within 3 months
    assert open_windows(_path("x", "eligible_later", eligible_from="2026-04-14"), date(2026, 1, 15)) == [
        3,
        6,
        12,
    ]
    assert open_windows(_path("x", "undetermined"), date(2026, 1, 15)) == []
    sooner = _path("aufenthg_25b", "eligible_later", eligible_from="2026-02-01")
    kann = _path("aufenthg_25a", "eligible_later", eligible_from="2026-02-01", consequence="kann")
    assert best_path({"paths": [kann, sooner]}) == "aufenthg_25b"  # same date: soll before kann
    assert best_path({"paths": []}) == ""


def test_page_shows_exact_numbers_to_coordinators(
    org_a: Any, org_b: Any, make_user: Any, client_for: Any, monkeypatch: Any
) -> None:
    _seed(org_a)
    _seed(org_b, SEED[:1], prefix="B")  # another organisation's cases are not counted

    def no_evaluation(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("the monitoring must not evaluate")

    monkeypatch.setattr("bleiberecht.web.cases.evaluation.evaluate", no_evaluation)
    monkeypatch.setattr("bleiberecht.law.engine.evaluate_cases", no_evaluation)
    boss = make_user("koordination", org_a, Role.COORDINATOR)
    client = client_for(boss)
    response = client.get("/monitoring/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Monitoring" in page and "Kleine Zahlen (1 bis 4)" not in page and SECRET_NAME not in page
    assert _row(_table(page, "overview"), "Fälle") == ["3"]
    assert _row(_table(page, "overview"), "Personen") == ["4"]
    assert _row(_table(page, "traffic_light"), "grün") == ["1", "1"]
    assert _row(_table(page, "traffic_light"), "gelb") == ["1", "2"]
    assert _row(_table(page, "traffic_light"), "rot") == ["0", "1"]
    assert _row(_table(page, "traffic_light"), "ohne Ergebnis") == ["1", "0"]
    assert _row(_table(page, "best_path"), "§ 25b Abs. 1 AufenthG") == ["1", "2"]
    assert _row(_table(page, "best_path"), "§ 60c AufenthG") == ["1", "1"]
    assert _row(_table(page, "best_path"), "§ 25a Abs. 1 AufenthG") == ["0", "1"]
    assert _row(_table(page, "open_paths"), "§ 25b Abs. 1 AufenthG") == ["1", "1", "2", "2"]
    assert _row(_table(page, "open_paths"), "§ 60d AufenthG") == ["0", "1", "1", "1"]
    assert _row(_table(page, "open_paths"), "irgendein Weg") == ["1", "1", "2", "2"]
    applications = _table(page, "applications")
    assert applications == [
        [
            "2025-12",
            "§ 25a Abs. 1 AufenthG – Aufenthaltserlaubnis für gut integrierte Jugendliche und junge Volljährige",
            "1",
            "0",
            "0",
            "1",
            "0",
        ],
        [
            "2026-01",
            "§ 25b Abs. 1 AufenthG – Aufenthaltserlaubnis bei nachhaltiger Integration",
            "2",
            "1",
            "1",
            "0",
            "0",
        ],
        ["2026-01", "§ 60d AufenthG – Beschäftigungsduldung", "1", "0", "0", "0", "1"],
    ]
    assert _row(_table(page, "reviews"), "§ 60b Abs. 2–4, § 105 AufenthG") == ["1"]
    event = AuditEvent.objects.get(action=Action.VIEW, object_type=ObjectType.ORGANISATION)
    assert event.organisation_id == org_a.pk and event.user_id == boss.pk
    assert event.detail == {"part": "monitoring", "suppressed": 0}
    # one organisation chosen; another organisation's id is not a valid choice
    assert client.get("/monitoring/", {"organisation": org_a.pk}).status_code == 200
    other = client.get("/monitoring/", {"organisation": org_b.pk}).content.decode()
    assert _row(_table(other, "overview"), "Fälle") == ["3"]


def test_page_suppresses_small_numbers_for_roles_without_case_access(
    org_a: Any, make_user: Any, client_for: Any, monkeypatch: Any
) -> None:
    _seed(org_a)
    # a monitoring-only role (no case access), e.g. for the council's office
    monkeypatch.setitem(ROLE_PERMS, Role.ADVISOR, frozenset({Perm.MONITORING}))
    page = client_for(make_user("gremium", org_a, Role.ADVISOR)).get("/monitoring/").content.decode()
    assert "Kleine Zahlen (1 bis 4)" in page
    assert _row(_table(page, "overview"), "Fälle") == ["&lt; 5"]
    assert _row(_table(page, "traffic_light"), "rot") == ["0", "&lt; 5"]  # zero stays zero
    assert AuditEvent.objects.get(action=Action.VIEW, object_type="organisation").detail["suppressed"] == 1


def test_suppression_rule() -> None:
    assert [shown(n, True) for n in (0, 1, 4, 5, 17)] == [0, "< 5", "< 5", 5, 17]
    assert [shown(n, False) for n in (0, 1, 4, 5)] == [0, 1, 4, 5]


def test_exports_are_suppressed_and_audited(org_a: Any, make_user: Any, client_for: Any) -> None:
    _seed(org_a)
    for index in range(5):  # five more green cases: 6 green cases, 3 + 5 * 3 = 18 persons
        Case.objects.create(
            organisation=org_a,
            reference=f"G-{index}",
            document={"persons": [{"id": "a"}, {"id": "b"}, {"id": "c"}]},
            result={"de": {"as_of": "2026-01-15", "persons": [{"traffic_light": "green", "paths": []}] * 3}},
            best_light="green",
        )
    boss = make_user("koordination", org_a, Role.COORDINATOR)
    client = client_for(boss)
    response = client.get("/monitoring/export.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    assert SECRET_NAME not in text
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["Tabelle", "Titel", "Merkmal", "Wert", "Anzahl"]
    cells = {(r[0], r[2], r[3]): r[4] for r in rows[1:]}
    assert cells[("overview", "Fälle", "Anzahl")] == "8"
    assert cells[("overview", "Personen", "Anzahl")] == "19"
    assert cells[("traffic_light", "grün", "Fälle")] == "6"
    assert cells[("traffic_light", "gelb", "Fälle")] == "< 5"  # 1
    assert cells[("traffic_light", "rot", "Fälle")] == "0"
    assert (
        cells[
            (
                "best_path",
                "aufenthg_25b | § 25b Abs. 1 AufenthG – Aufenthaltserlaubnis bei nachhaltiger Integration",
                "Personen",
            )
        ]
        == "< 5"
    )
    assert (
        cells[
            (
                "reviews",
                "review_60b | § 60b Abs. 2–4, § 105 AufenthG – Überprüfung der Duldung für Personen mit ungeklärter Identität (§ 60b)",
                "Personen",
            )
        ]
        == "< 5"
    )
    assert not any(value in ("1", "2", "3", "4") for value in cells.values())  # nothing small leaves exactly
    xlsx = client.get("/monitoring/export.xlsx")
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    values = [cell for row in book["Monitoring"].iter_rows(values_only=True) for cell in row]
    assert SECRET_NAME not in [str(v) for v in values] and not any(v in (1, 2, 3, 4) for v in values)
    assert {"overview", "traffic_light", "best_path", "open_paths", "applications", "reviews"} <= set(
        book.sheetnames
    )
    exports = AuditEvent.objects.filter(action=Action.EXPORT, object_type=ObjectType.ORGANISATION)
    assert sorted(e.detail["format"] for e in exports) == ["csv", "xlsx"]
    assert all(e.organisation_id == org_a.pk and e.user_id == boss.pk for e in exports)
    assert all(e.detail["part"] == "monitoring" for e in exports)


def test_real_stored_result_of_the_example_family(org_a: Any, make_user: Any, make_case: Any) -> None:
    case = make_case(org_a)  # the example family, evaluated by the engine
    persons = case.result["de"]["persons"]
    figures = aggregate(
        summarize(*row) for row in Case.objects.values_list("best_light", "result__de", "document")
    )
    assert figures.persons == len(persons) == 3
    assert sum(figures.persons_by_light.values()) == 3
    assert figures.persons_by_light == {
        light: sum(p["traffic_light"] == light for p in persons)
        for light in {p["traffic_light"] for p in persons}
    }
    assert sum(figures.persons_by_best_path.values()) == 3 and "" not in figures.persons_by_best_path


@pytest.mark.parametrize("role", [Role.ADVISOR, Role.AUTHORITY_CLERK])
def test_monitoring_only_for_coordinators_and_admins(
    role: str, org_a: Any, make_user: Any, client_for: Any
) -> None:
    _seed(org_a)
    client = client_for(make_user(f"a-{role}", org_a, role))
    for url in ("/monitoring/", "/monitoring/export.csv", "/monitoring/export.xlsx"):
        assert client.get(url).status_code == 403
    assert "/monitoring/" not in client.get("/faelle/").content.decode()  # not in the navigation
    assert not AuditEvent.objects.filter(object_type="organisation").exists()


def test_admins_see_the_navigation_link(org_a: Any, make_user: Any, client_for: Any) -> None:
    client = client_for(make_user("admin", org_a, Role.ADMIN))
    assert 'href="/monitoring/"' in client.get("/faelle/").content.decode()
    assert client.get("/monitoring/").status_code == 200


def test_summaries_are_kept_per_case_and_the_page_reads_no_stored_result(
    org_a: Any, make_user: Any, make_case: Any, client_for: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bleiberecht.web.monitoring.models import CaseFigures, stamp_of

    _seed(org_a)
    real = make_case(org_a, reference="REAL")  # saved through cases.services: summarised on save
    figures = CaseFigures.objects.get(case=real)
    assert figures.stamp == stamp_of(real.version, real.updated_at) and len(figures.data["persons"]) == 3
    assert SECRET_NAME not in str(figures.data) and "Amal" not in str(figures.data)  # no names
    client = client_for(make_user("koordination", org_a, Role.COORDINATOR))
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/monitoring/").content.decode()
    assert _row(_table(page, "overview"), "Personen") == ["7"]
    assert not any('"result"' in q["sql"] for q in queries.captured_queries)  # summaries only
    # a later save updates the summary; a missing summary is built from the stored result
    case = Case.objects.get(reference="M-1")
    case.best_light = "green"
    case.save()
    CaseFigures.objects.filter(case__reference="M-2").delete()
    page = client.get("/monitoring/").content.decode()
    assert _row(_table(page, "traffic_light"), "grün")[0] == "3"  # M-0, M-1 and the example family
    assert _row(_table(page, "traffic_light"), "ohne Ergebnis")[0] == "1"  # M-2 counted again
    assert CaseFigures.objects.get(case=case).stamp == stamp_of(case.version, case.updated_at)
    assert CaseFigures.objects.filter(case__reference="M-2").exists()
