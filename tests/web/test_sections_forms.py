"""Guided forms for every part of the case file: round trips through the rendered pages, unknown vs. "none",
inline errors, the check on change (no save), and a field for every fact the engine can ask about.

The POST data is what a browser sends for the rendered page (`_page_data` reads the page's inputs), changed by
the values a clerk would type; the stored document must then hold exactly the expected keys and values.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bleiberecht.web.audit.models import Action, AuditEvent
from bleiberecht.web.cases.models import Case, CaseVersion
from bleiberecht.web.cases.section_specs import Group, ListSpec
from bleiberecht.web.cases.sections import SECTIONS, _deref, schema_node, section_for_fact
from web.test_i18n import _engine_facts

# Facts that genuinely have no per-person field (none today). A fact listed here needs a reason.
FACTS_WITHOUT_FIELD: dict[str, str] = {}
# Keys of the case file that deliberately have no form field (only the expert JSON section edits them).
KEYS_WITHOUT_FIELD: dict[str, str] = {}


class _FormReader(HTMLParser):
    """The name/value pairs a browser submits for the page's first POST form (no submit button pressed)."""

    def __init__(self) -> None:
        super().__init__()
        self.data: list[tuple[str, str]] = []
        self.names: set[str] = set()  # every input's name, also of unchecked boxes
        self._select: str | None = None
        self._options: list[tuple[str, bool]] = []
        self._textarea: str | None = None
        self._text = ""
        self._in_form = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method") == "post":
            self._in_form = True
        if not self._in_form:
            return
        if tag in ("input", "select", "textarea") and a.get("name"):
            self.names.add(a["name"])
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("submit", "button"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.data.append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select":
            self._select, self._options = a.get("name"), []
        elif tag == "option" and self._select is not None:
            self._options.append((a.get("value", ""), "selected" in a))
        elif tag == "textarea":
            self._textarea, self._text = a.get("name"), ""

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_form = False
        elif tag == "select" and self._select is not None:
            chosen = [v for v, selected in self._options if selected] or [self._options[0][0]]
            self.data.append((self._select, chosen[0]))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.data.append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None


def _page_data(client: Client, url: str, names: set[str] | None = None) -> dict[str, Any]:
    response = client.get(url)
    assert response.status_code == 200
    reader = _FormReader()
    reader.feed(response.content.decode())
    data: dict[str, Any] = {}
    for name, value in reader.data:
        if name in data:  # checkboxes of one multiple choice
            data[name] = [*(data[name] if isinstance(data[name], list) else [data[name]]), value]
        else:
            data[name] = value
    data.pop("csrfmiddlewaretoken", None)
    if names is not None:
        names |= reader.names
    return data


def _edit(client: Client, case: Case, slug: str, person: int, changes: dict[str, Any]) -> Any:
    url = f"/faelle/{case.pk}/bearbeiten/{slug}/?person={person}"
    names: set[str] = set()
    data = _page_data(client, url, names)
    unknown = set(changes) - names
    assert not unknown, f"the page has no input named {sorted(unknown)}"
    data.update(changes)
    return client.post(url, data)


@pytest.fixture
def setup(org_a: Any, make_user: Any, client_for: Any, make_case: Any) -> tuple[Client, Case]:
    user = make_user("formulare", org_a)
    return client_for(user), make_case(org_a, user)


def _saved(case: Case, response: Any) -> dict[str, Any]:
    assert response.status_code == 302, response.content.decode()[:3000]
    case.refresh_from_db()
    assert case.version == 2
    return case.document


# (section, person, changes, expected person keys: value; None = the key must be absent)
ROUND_TRIPS: list[tuple[str, int, dict[str, Any], dict[str, Any]]] = [
    (
        "ausbildung",
        0,
        {
            "training-0-occupation": "Pflegefachmann",
            "training-0-state": "ongoing",
            "training-0-kind": "qualified",
            "training-0-from": "01.08.2025",
            "training-0-regulated_duration_months": "36",
            "training-0-documentation": "registered",
            "training-0-documentation_on": "2025-07-15",
            "training-0-receives_bab": "false",
            "training-0-monthly_net_pay_eur": "1100.50",
            "qualifications-0-kind": "school_leaving",
            "qualifications-0-date": "2025-06-30",
            "qualifications-0-obtained_in_germany": "true",
        },
        {
            "training": [
                {
                    "occupation": "Pflegefachmann",
                    "state": "ongoing",
                    "kind": "qualified",
                    "from": "2025-08-01",
                    "regulated_duration_months": 36,
                    "documentation": "registered",
                    "documentation_on": "2025-07-15",
                    "receives_bab": False,
                    "monthly_net_pay_eur": 1100.5,
                }
            ],
            "qualifications": [{"kind": "school_leaving", "date": "2025-06-30", "obtained_in_germany": True}],
            "schooling": None,  # untouched empty list: stays unknown
        },
    ),
    (
        "arbeit",
        0,
        {
            "employment-0-employer": "Bäckerei Sonne",
            "employment-0-permitted_on": "2024-01-20",
            "employment-0-ba_consent": "granted",
            "employment-0-ba_consent_on": "2024-01-25",
            "employment-0-temporary_agency": "false",
            "job_offers-0-employer": "Pflegeheim Linde",
            "job_offers-0-offered_on": "2026-11-01",
            "job_offers-0-start": "2027-01-01",
            "job_offers-0-hours_per_week": "39",
            "employment_permission_requests-0-filed_on": "2026-11-10",
            "employment_permission_requests-0-job_offer": "1",
            "employment_permission_requests-0-outcome": "pending",
            "employment_interruptions-known": "none",
        },
        {
            "employment": [
                {
                    "from": "2024-02-01",
                    "to": None,
                    "hours_per_week": 38,
                    "social_insurance": True,
                    "net_monthly_eur": 1950,
                    "employer": "Bäckerei Sonne",
                    "permitted_on": "2024-01-20",
                    "ba_consent": "granted",
                    "ba_consent_on": "2024-01-25",
                    "temporary_agency": False,
                }
            ],
            "job_offers": [
                {
                    "employer": "Pflegeheim Linde",
                    "offered_on": "2026-11-01",
                    "start": "2027-01-01",
                    "hours_per_week": 39,
                }
            ],
            "employment_permission_requests": [
                {"filed_on": "2026-11-10", "job_offer": 0, "outcome": "pending"}
            ],
            "employment_interruptions": [],  # explicitly "known: none"
        },
    ),
    (
        "lebensunterhalt",
        0,
        {
            "own_livelihood_secured-0-from": "2024-03-01",
            "own_livelihood_secured-0-by_employment": "true",
            "public_benefits-known": "none",
            "main-adequate_housing": "true",
        },
        {
            "own_livelihood_secured": [{"from": "2024-03-01", "by_employment": True}],
            "public_benefits": [],
            "adequate_housing": True,
            "livelihood_prognosis_positive": None,
        },
    ),
    (
        "deutsch",
        0,
        {
            "main-integration_course__obliged": "true",
            "main-integration_course__completed_successfully": "true",
            "main-integration_course__completed_on": "2025-06-01",
            "main-integration_prognosis": "positive",
        },
        {
            "integration_course": {
                "obliged": True,
                "completed_successfully": True,
                "completed_on": "2025-06-01",
            },
            "integration_prognosis": "positive",
            "integration_course_possible": None,
            "german": [{"level": "A2", "skill": "all", "date": "2024-11-02", "evidence": "certificate"}],
        },
    ),
    (
        "ausreise",
        0,
        {
            "main-departure_obstacle__exists": "true",
            "main-departure_obstacle__reason": "no_travel_documents",
            "main-departure_obstacle__since": "2023-06-01",
            "main-deportation_ban": "none",
            "main-expulsion_order": "false",
            "removal_measures-0-kind": "dublin_procedure",
            "removal_measures-0-date": "2022-01-10",
            "removal_measures-0-futile": "true",
            "main-employment_ban__imposed": "false",
        },
        {
            "departure_obstacle": {"exists": True, "reason": "no_travel_documents", "since": "2023-06-01"},
            "deportation_ban": "none",
            "expulsion_order": False,
            "removal_measures": [{"kind": "dublin_procedure", "date": "2022-01-10", "futile": True}],
            "employment_ban": {"imposed": False},
            "deportation_order_58a": None,
        },
    ),
    (
        "gesundheit",
        1,
        {"main-health__prevents_work_or_language": "false", "main-caring_for_relative": "true"},
        {"health": {"prevents_work_or_language": False}, "caring_for_relative": True},
    ),
    (
        "antraege",
        0,
        {
            "applications-0-path": "aufenthg_25b",
            "applications-0-filed_on": "2026-10-01",
            "main-notes": "  Termin beim Amt am Montag  ",
        },
        {
            "applications": [{"path": "aufenthg_25b", "filed_on": "2026-10-01"}],
            "notes": "Termin beim Amt am Montag",
        },
    ),
    (
        "identitaet",
        1,
        {
            "main-identity__level": "1",
            "main-identity__instructed": "true",
            "main-identity__instruction_deadline": "2026-10-31",
            "identity-efforts-0-date": "2026-09-01",
            "identity-efforts-0-action": "embassy_visit",
            "identity-efforts-0-evidence": "true",
            "main-deceived_authority_intentionally": "false",
        },
        {
            "identity": {
                "clarified": True,
                "passport": "valid",
                "deception": "none",
                "obstruction": "none",
                "level": 1,
                "instructed": True,
                "instruction_deadline": "2026-10-31",
                "efforts": [{"date": "2026-09-01", "action": "embassy_visit", "evidence": True}],
            },
            "deceived_authority_intentionally": False,
            "obstructed_removal_intentionally": None,
        },
    ),
    (
        "asyl",
        0,
        {
            "main-asylum__court_pending": "false",
            "asylum-follow_up_applications-0-applied_on": "2024-01-15",
            "asylum-follow_up_applications-0-outcome": "not_admitted",
        },
        {
            "asylum": {
                "applied_on": "2021-10-05",
                "outcome": "rejected",
                "decided_on": "2023-03-14",
                "final_on": "2023-05-30",
                "court_pending": False,
                "follow_up_applications": [{"applied_on": "2024-01-15", "outcome": "not_admitted"}],
            }
        },
    ),
    (
        "aufenthalt",
        0,
        {
            "statuses-1-basis": "60b",
            "statuses-1-duldung_grounds": ["passport_missing"],
            "statuses-1-zusatz_60b_grounds": ["passport_duties", "false_statements"],
            "statuses-1-zusatz_60b_occasion": "extension",
            "statuses-1-challenge": "none",
        },
        {
            "statuses": [
                {"type": "gestattung", "from": "2021-09-24", "to": "2023-05-31"},
                {
                    "type": "duldung",
                    "basis": "60b",
                    "from": "2023-06-01",
                    "to": None,
                    "valid_until": "2027-02-28",
                    "duldung_grounds": ["passport_missing"],
                    "zusatz_60b_grounds": ["passport_duties", "false_statements"],
                    "zusatz_60b_occasion": "extension",
                    "challenge": "none",
                },
            ]
        },
    ),
    (
        "straftaten",
        0,
        {
            "convictions-0-date": "2022-05-01",
            "convictions-0-sanction": "fine",
            "convictions-0-daily_rates": "30",
            "convictions-0-foreigner_only_offence": "true",
        },
        {
            "convictions": [
                {"date": "2022-05-01", "sanction": "fine", "daily_rates": 30, "foreigner_only_offence": True}
            ]
        },
    ),
    (
        "lid",
        0,
        {"main-fdgo_concerns": "false", "main-civics_test_passed_on": ""},
        {"fdgo_concerns": False, "civics_test_passed_on": None, "fdgo_declaration": True},
    ),
]


@pytest.mark.parametrize(
    ("slug", "person", "changes", "expected"), ROUND_TRIPS, ids=[r[0] for r in ROUND_TRIPS]
)
def test_section_round_trip(
    slug: str, person: int, changes: dict[str, Any], expected: dict[str, Any], setup: tuple[Client, Case]
) -> None:
    client, case = setup
    before = {k: v for k, v in case.document["persons"][person].items() if k not in expected}
    doc = _saved(case, _edit(client, case, slug, person, changes))
    stored = doc["persons"][person]
    for key, value in expected.items():
        if value is None:
            assert key not in stored, key
        else:
            assert stored[key] == value, key
    # Everything else of the person is exactly as it was; the other persons too.
    assert {k: v for k, v in stored.items() if k not in expected} == before
    assert AuditEvent.objects.filter(action=Action.CHANGE, object_id=case.pk).count() == 1
    # The saved values show up again in the form (the page reads what it wrote).
    page = client.get(f"/faelle/{case.pk}/bearbeiten/{slug}/?person={person}").content.decode()
    for name, value in changes.items():
        if isinstance(value, str) and value.strip() and name.endswith(("occupation", "employer", "notes")):
            assert value.strip() in page, name


def test_unchanged_page_saves_the_same_document(setup: tuple[Client, Case]) -> None:
    """Posting every section's page unchanged stores nothing new: the forms read and write every value."""
    client, case = setup
    original = case.document
    for section in SECTIONS:
        if section.raw:
            continue
        people = range(3) if section.scope == "person" else range(1)
        for person in people:
            response = _edit(client, case, section.slug, person, {})
            assert response.status_code == 302, (section.slug, person, response.content.decode()[:2000])
            case.refresh_from_db()
            assert case.document == original, (section.slug, person)


def test_blank_removes_the_key_and_an_emptied_object_goes(setup: tuple[Client, Case]) -> None:
    client, case = setup
    _saved(
        case,
        _edit(
            client,
            case,
            "ausreise",
            0,
            {"main-departure_obstacle__exists": "true", "main-departure_obstacle__lasting": "false"},
        ),
    )
    response = _edit(
        client,
        case,
        "ausreise",
        0,
        {"main-departure_obstacle__exists": "", "main-departure_obstacle__lasting": ""},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert "departure_obstacle" not in case.document["persons"][0]


def test_list_unknown_versus_known_none(setup: tuple[Client, Case]) -> None:
    client, case = setup
    # An untouched empty list stays unknown (the page starts at "unbekannt").
    data = _page_data(client, f"/faelle/{case.pk}/bearbeiten/lebensunterhalt/?person=0")
    assert data["public_benefits-known"] == "unknown" and data["public_benefits-TOTAL_FORMS"] == "1"
    # "bekannt: keine" stores [] ...
    _saved(case, _edit(client, case, "lebensunterhalt", 0, {"public_benefits-known": "none"}))
    assert case.document["persons"][0]["public_benefits"] == []
    data = _page_data(client, f"/faelle/{case.pk}/bearbeiten/lebensunterhalt/?person=0")
    assert data["public_benefits-known"] == "none"
    # ... and "unbekannt" removes the key again.
    _edit(client, case, "lebensunterhalt", 0, {"public_benefits-known": "unknown"})
    case.refresh_from_db()
    assert "public_benefits" not in case.document["persons"][0]
    # Rows win over the choice: an entry with "keine" is stored as the entry.
    _edit(
        client,
        case,
        "lebensunterhalt",
        0,
        {
            "public_benefits-known": "none",
            "public_benefits-0-from": "2023-06-01",
            "public_benefits-0-kind": "asylblg",
        },
    )
    case.refresh_from_db()
    assert case.document["persons"][0]["public_benefits"] == [{"from": "2023-06-01", "kind": "asylblg"}]


def test_deleting_every_row_of_a_known_list_says_none_unless_unknown_is_chosen(
    setup: tuple[Client, Case],
) -> None:
    """The statuses convention: a known list emptied by deleting its rows is "known: none"."""
    client, case = setup
    _saved(case, _edit(client, case, "deutsch", 1, {"german-0-DELETE": "on"}))
    assert case.document["persons"][1]["german"] == []
    _edit(client, case, "deutsch", 1, {"german-known": "unknown"})
    case.refresh_from_db()
    assert "german" not in case.document["persons"][1]


def test_nested_list_unknown_leaves_no_empty_object(setup: tuple[Client, Case]) -> None:
    """A list inside an object that is absent stays absent, and the object is not created for it."""
    client, case = setup
    response = _edit(client, case, "identitaet", 2, {"main-deceived_authority_intentionally": "true"})
    doc = _saved(case, response)
    assert "identity" not in doc["persons"][2]
    _edit(client, case, "identitaet", 2, {"identity-efforts-known": "none"})
    case.refresh_from_db()
    assert case.document["persons"][2]["identity"] == {"efforts": []}


# -- inline errors ------------------------------------------------------------------------------------------


def _slot(body: str, field_id: str) -> str:
    start = body.index(f'id="{field_id}-errors"')
    return body[start : body.index("</div>", start)]


def test_meaning_errors_are_shown_at_their_field(setup: tuple[Client, Case]) -> None:
    client, case = setup
    response = _edit(
        client,
        case,
        "arbeit",
        0,
        {
            "job_offers-0-start": "2027-01-01",
            "employment_permission_requests-0-filed_on": "2026-11-10",
            "employment_permission_requests-0-job_offer": "5",  # there is only one offer
        },
    )
    body = response.content.decode()
    assert response.status_code == 200 and "Nicht gespeichert" in body
    assert 'class="errorlist' in _slot(body, "id_employment_permission_requests-0-job_offer")
    assert "errorlist" not in _slot(body, "id_job_offers-0-start")
    case.refresh_from_db()
    assert case.version == 1


def test_required_and_date_errors_in_new_lists(setup: tuple[Client, Case]) -> None:
    client, case = setup
    response = _edit(
        client,
        case,
        "ausreise",
        0,
        {
            "removal_measures-0-kind": "transport_booking",
            "removal_measures-0-date": "2027-05-01",
        },  # after as_of
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="errorlist' in _slot(body, "id_removal_measures-0-date")
    assert "errorlist" not in _slot(body, "id_removal_measures-0-kind")
    response = _edit(client, case, "identitaet", 0, {"identity-efforts-0-date": "2026-09-01"})  # no action
    body = response.content.decode()
    assert 'class="errorlist' in _slot(body, "id_identity-efforts-0-action")
    case.refresh_from_db()
    assert case.version == 1


def test_error_in_folded_details_opens_them(setup: tuple[Client, Case]) -> None:
    client, case = setup
    body = _edit(
        client,
        case,
        "ausbildung",
        0,
        {"training-0-from": "2025-08-01", "training-0-documentation_on": "31.02.2025"},
    ).content.decode()
    item = body[body.index('id="f-training-0"') : body.index('id="f-qualifications"')]
    assert '<details class="more" open>' in item and 'class="errorlist' in _slot(
        item, "id_training-0-documentation_on"
    )


# -- check on change ----------------------------------------------------------------------------------------


def test_check_on_change_answers_errors_next_to_fields_and_saves_nothing(setup: tuple[Client, Case]) -> None:
    client, case = setup
    page = client.get(f"/faelle/{case.pk}/bearbeiten/aufenthalt/?person=0").content.decode()
    check_url = f"/faelle/{case.pk}/bearbeiten/aufenthalt/pruefen/?person=0"
    assert f'hx-post="{check_url}"' in page and 'hx-trigger="change"' in page
    scripts = re.findall(r"<script[^>]*>", page)
    assert scripts and all("src=" in tag for tag in scripts)  # no inline script (CSP)
    data = _page_data(client, f"/faelle/{case.pk}/bearbeiten/aufenthalt/?person=0")
    data["statuses-0-to"] = "2020-05-31"  # ends before it starts
    versions = CaseVersion.objects.filter(case=case).count()
    response = client.post(check_url, data, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Noch nicht gespeichert" in body
    slot = body[body.index('id="id_statuses-0-to-errors"') :]
    slot = slot[: slot.index("</div>")]
    assert 'hx-swap-oob="true"' in slot and 'class="errorlist' in slot
    assert 'id="id_statuses-1-from-errors" hx-swap-oob="true"></div>' in body  # cleared slot
    # Every error slot of the answer exists on the page (else HTMX reports a missing target).
    for slot_id in re.findall(r'id="([^"]+)" hx-swap-oob="true"', body):
        assert f'id="{slot_id}"' in page, slot_id
    case.refresh_from_db()
    assert case.version == 1 and CaseVersion.objects.filter(case=case).count() == versions
    assert not AuditEvent.objects.filter(action=Action.CHANGE, object_id=case.pk).exists()
    assert AuditEvent.objects.filter(action=Action.VIEW, object_id=case.pk, detail__part="check").count() == 1
    # The stored result (large, both languages) is not read for a check.
    with CaptureQueriesContext(connection) as queries:
        client.post(check_url, data)
    case_reads = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith("SELECT") and "cases_case" in q["sql"]
    ]
    assert case_reads and not any('"cases_case"."result"' in sql for sql in case_reads)
    # A valid state: no error, still nothing saved.
    ok = client.post(check_url, _page_data(client, f"/faelle/{case.pk}/bearbeiten/aufenthalt/?person=0"))
    assert "keine Fehler" in ok.content.decode() and "errorlist" not in ok.content.decode()
    case.refresh_from_db()
    assert case.version == 1
    assert client.get(check_url).status_code == 405


def test_check_on_change_for_every_section_matches_its_page(setup: tuple[Client, Case]) -> None:
    client, case = setup
    for section in SECTIONS:
        suffix = "?person=1" if section.scope == "person" else ""
        url = f"/faelle/{case.pk}/bearbeiten/{section.slug}/{suffix}"
        page = client.get(url).content.decode()
        ids_on_page = re.findall(r'\sid="([^"]+)"', page)
        assert len(ids_on_page) == len(set(ids_on_page)), (section.slug, "duplicate ids")
        answer = client.post(
            f"/faelle/{case.pk}/bearbeiten/{section.slug}/pruefen/{suffix}", _page_data(client, url)
        )
        assert answer.status_code == 200, section.slug
        body = answer.content.decode()
        assert "keine Fehler" in body, section.slug
        ids = re.findall(r'id="([^"]+)" hx-swap-oob="true"', body)
        assert ids, section.slug
        missing = [i for i in ids if f'id="{i}"' not in page]
        assert missing == [], (section.slug, missing)


def test_check_is_scoped_like_the_edit_view(
    org_a: Any, org_b: Any, make_user: Any, client_for: Any, make_case: Any
) -> None:
    from bleiberecht.web.cases.models import CaseShare

    owner = make_user("b-eigen", org_b)
    case = make_case(org_b, owner)
    outsider = client_for(make_user("a-fremd", org_a))
    url = f"/faelle/{case.pk}/bearbeiten/aufenthalt/pruefen/?person=0"
    assert outsider.post(url, {"person": "0"}).status_code == 404
    CaseShare.objects.create(case=case, organisation=org_a, shared_by=owner)  # shared read-only
    assert outsider.get(f"/faelle/{case.pk}/").status_code == 200
    assert outsider.post(url, {"person": "0"}).status_code == 404
    own = client_for(owner)
    assert own.post(f"/faelle/{case.pk}/bearbeiten/aufenthalt/pruefen/?person=7", {}).status_code == 404
    assert own.post(f"/faelle/{case.pk}/bearbeiten/gibtsnicht/pruefen/", {}).status_code == 404
    assert not AuditEvent.objects.filter(object_id=case.pk, detail__part="check").exists()


# -- coverage: every fact has a field, every key of the format a form ---------------------------------------


def test_every_fact_the_engine_can_ask_about_has_a_field(setup: tuple[Client, Case]) -> None:
    client, case = setup
    facts = _engine_facts()
    assert len(facts) > 30 and "removal_measures" in facts  # the collection itself works
    pages: dict[str, str] = {}
    without = []
    for fact in sorted(facts - set(FACTS_WITHOUT_FIELD)):
        slug, anchor = section_for_fact(fact, 1)
        if slug == "weitere":
            without.append(fact)
            continue
        if slug not in pages:
            pages[slug] = client.get(f"/faelle/{case.pk}/bearbeiten/{slug}/?person=1").content.decode()
        assert f'id="{anchor}"' in pages[slug], (fact, slug, anchor)
    assert without == [], f"facts that land on the JSON box instead of a field: {without}"
    assert set(FACTS_WITHOUT_FIELD) <= facts  # no stale entries


def _covered() -> set[tuple[str, ...]]:
    """Schema paths (person scope; list items stepped into) that have a form field."""
    found: set[tuple[str, ...]] = set()
    for section in SECTIONS:
        for part in section.parts:
            if isinstance(part, Group):
                found |= {((part.obj,) if part.obj else ()) + (s.key,) for s in part.fields}
            elif isinstance(part, ListSpec):
                path = tuple(part.key.split("."))
                if section.scope == "case" and path == ("persons",):
                    found |= {(s.key,) for s in part.all_fields}
                    continue
                found.add(path)
                found |= {(*path, s.key) for s in part.all_fields}
    return found


def _schema_paths() -> set[tuple[str, ...]]:
    """Every key below a person in the living schema (list items stepped into)."""
    paths: set[tuple[str, ...]] = set()

    def walk(prefix: tuple[str, ...]) -> None:
        node = schema_node("person", prefix)
        if node is None:
            return
        if node.get("type") == "array":
            node = _deref(node.get("items", {}))
        keys = set(node.get("properties", {}))
        for base in node.get("allOf", []):
            keys |= set(_deref(base).get("properties", {}))
        for key in keys:
            paths.add((*prefix, key))
            walk((*prefix, key))

    walk(())
    return paths


def test_every_key_of_a_person_has_a_form_field() -> None:
    covered = _covered()
    schema = _schema_paths()
    assert ("identity", "efforts", "action") in schema and ("training", "bafoeg_12_category") in schema
    missing = sorted(".".join(p) for p in schema - covered if ".".join(p) not in KEYS_WITHOUT_FIELD)
    # A list or object counts as covered when its parts are: only leaves must have a field.
    missing = [m for m in missing if not any(c[: len(m.split("."))] == tuple(m.split(".")) for c in covered)]
    assert missing == [], f"keys of the case file without a form field: {missing}"


def test_every_field_names_a_key_of_the_format() -> None:
    wrong = []
    for section in SECTIONS:
        for part in section.parts:
            specs = part.fields if isinstance(part, Group) else part.all_fields
            base = (
                ((part.obj,) if part.obj else ()) if isinstance(part, Group) else tuple(part.key.split("."))
            )
            scope = section.scope
            if scope == "case" and base == ("persons",):
                scope, base = "person", ()
            for spec in specs:
                if schema_node(scope, (*base, spec.key)) is None:
                    wrong.append(f"{section.slug}: {'.'.join((*base, spec.key))}")
    assert wrong == []


def test_add_row_to_a_list_inside_an_object(setup: tuple[Client, Case]) -> None:
    client, case = setup
    url = f"/faelle/{case.pk}/bearbeiten/identitaet/?person=0"
    data = _page_data(client, url)
    data["identity-efforts-0-date"] = "2026-09-01"
    data["_add"] = "identity-efforts"
    body = client.post(url, data).content.decode()
    assert 'id="f-identity-efforts-1"' in body and 'value="2026-09-01"' in body
    case.refresh_from_db()
    assert case.version == 1


# Codes shown as they are because they are the clerk's word already (language levels).
CODES_SHOWN_AS_THEY_ARE = {"A1", "A2", "B1", "B2", "C1", "C2"}


def test_every_choice_has_a_word_for_every_code() -> None:
    from bleiberecht.web.cases.section_specs import CHOICE_LABELS, CHOICE_LABELS_BY_FIELD
    from bleiberecht.web.cases.sections import _resolve

    raw = []
    for section in SECTIONS:
        for part in section.parts:
            if isinstance(part, Group):
                base, specs = ((part.obj,) if part.obj else ()), part.fields
            else:
                base, specs = tuple(part.key.split(".")), part.all_fields
            for spec in specs:
                resolved = _resolve(section, base, spec)
                if resolved.kind not in ("choice", "multi"):
                    continue
                assert resolved.enum, (section.slug, spec.key)
                raw += [
                    f"{spec.key}:{code}"
                    for code in resolved.enum
                    if code not in CHOICE_LABELS
                    and f"{spec.key}:{code}" not in CHOICE_LABELS_BY_FIELD
                    and code not in CODES_SHOWN_AS_THEY_ARE
                ]
    assert raw == [], f"codes shown raw: {raw}"


def test_section_pages_in_english(setup: tuple[Client, Case]) -> None:
    client, case = setup
    client.cookies["bleiberecht_language"] = "en"
    body = client.get(f"/faelle/{case.pk}/bearbeiten/identitaet/?person=0").content.decode()
    for text in ("Identity and cooperation (§ 60b)", "Acts of cooperation", "Without entries", "known: none"):
        assert text in body, text
    assert "Mitwirkungshandlungen" not in body
    body = client.get(f"/faelle/{case.pk}/bearbeiten/antraege/?person=0").content.decode()
    assert "Residence permit for sustainable integration" in body  # the path choice in English
