"""Meaning checks: one failing fixture per check, with exact path, code and German text."""

from __future__ import annotations

import datetime as dt

import pytest

from bleiberecht.casefile import CaseFileError, load_case, validate_case

from .helpers import example, only_issue

# --- periods ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("list_key", ["statuses", "schooling", "training", "employment"])
def test_period_ending_before_it_starts(list_key: str) -> None:
    doc = example()
    person = doc["persons"][2]
    entry = {"from": "2023-05-01", "to": "2023-01-31"}
    if list_key == "statuses":
        person["statuses"] = [{"type": "duldung", **entry}]
    else:
        person[list_key] = [entry]
    issue = only_issue(doc)
    assert (issue.path, issue.code) == (f"$.persons[2].{list_key}[0].to", "period_ends_before_start")
    assert "Person 'kind'" in issue.message_de
    assert "Zeitraum endet (2023-01-31) vor seinem Beginn (2023-05-01)." in issue.message_de


def test_status_periods_sharing_a_day_overlap() -> None:
    doc = example()
    doc["persons"][0]["statuses"][1]["from"] = "2023-05-31"  # 'to' of the first is inclusive
    issue = only_issue(doc)
    assert (issue.path, issue.code) == ("$.persons[0].statuses[1].from", "status_overlap")
    assert issue.message_de.startswith(
        "Person 'vater': Aufenthaltszeit Nr. 2 (duldung, 2023-05-31 ohne Ende) überschneidet sich mit "
        "Aufenthaltszeit Nr. 1 (gestattung, 2021-09-24 bis 2023-05-31)."
    )


def test_an_open_ended_status_overlaps_any_later_one() -> None:
    doc = example()
    statuses = doc["persons"][1]["statuses"]
    del statuses[0]["to"]  # gestattung still ongoing, yet a duldung starts later
    issue = only_issue(doc)
    assert (issue.path, issue.code) == ("$.persons[1].statuses[1].from", "status_overlap")
    assert "(gestattung, 2021-09-24 ohne Ende)" in issue.message_de


def test_overlap_is_found_whatever_the_order_of_entries() -> None:
    doc = example()
    statuses = doc["persons"][0]["statuses"]
    statuses.reverse()
    statuses.insert(0, {"type": "visa", "from": "2022-01-01", "to": "2022-02-01"})
    issue = only_issue(doc)
    assert (issue.path, issue.code) == ("$.persons[0].statuses[0].from", "status_overlap")


def test_adjacent_statuses_and_overlapping_other_periods_are_fine() -> None:
    doc = example()
    doc["persons"][0]["employment"].append({"from": "2024-06-01", "to": "2024-12-31", "hours_per_week": 10})
    doc["persons"][2]["schooling"].append({"from": "2023-08-01", "kind": "school"})
    assert validate_case(doc) == []


# --- references ---------------------------------------------------------------------------------------------


def test_unknown_spouse() -> None:
    doc = example()
    doc["persons"][0]["spouse_id"] = "ehefrau"
    issues = validate_case(doc)
    [error] = [i for i in issues if i.severity == "error"]
    assert (error.path, error.code) == ("$.persons[0].spouse_id", "unknown_person_id")
    assert error.message_de == (
        "Person 'vater': Als Ehegatte ist 'ehefrau' eingetragen, aber keine Person hat diese ID. "
        "Vorhandene IDs: vater, mutter, kind."
    )


def test_unknown_parent() -> None:
    doc = example()
    doc["persons"][2]["parent_ids"] = ["vater", "mama"]
    issue = only_issue(doc)
    assert (issue.path, issue.code) == ("$.persons[2].parent_ids[1]", "unknown_person_id")
    assert "Als Elternteil ist 'mama' eingetragen" in issue.message_de


def test_unknown_household_member() -> None:
    doc = example()
    doc["households"][0]["members"].append("oma")
    issue = only_issue(doc)
    assert (issue.path, issue.code) == ("$.households[0].members[3]", "unknown_person_id")
    assert issue.message_de.startswith("Haushalt Nr. 1: Mitglied 'oma' ist keine Person dieses Falls.")


def test_unknown_application_path() -> None:
    doc = example()
    doc["persons"][0]["applications"] = [{"path": "aufenthg_25b", "filed_on": "2026-10-01"}]
    doc["persons"][1]["applications"] = [{"path": "25b", "filed_on": "2026-10-01"}]
    issue = only_issue(doc)
    assert (issue.path, issue.code) == ("$.persons[1].applications[0].path", "unknown_path_key")
    assert "Unbekannter Weg '25b' im Antrag. Erlaubte Werte: aufenthg_104c," in issue.message_de


def test_duplicate_person_id() -> None:
    doc = example()
    doc["persons"][2]["id"] = "mutter"
    del doc["persons"][2]["parent_ids"]
    doc["households"][0]["members"] = ["vater", "mutter"]
    issue = only_issue(doc)
    assert (issue.path, issue.code) == ("$.persons[2].id", "duplicate_person_id")
    assert "Die Personen-ID 'mutter' kommt mehrfach vor (schon bei Person Nr. 2)." in issue.message_de


def test_own_spouse() -> None:
    doc = example()
    doc["persons"][2]["spouse_id"] = "kind"
    issue = only_issue(doc)
    assert (issue.path, issue.code) == ("$.persons[2].spouse_id", "self_reference")
    assert issue.message_de == "Person 'kind' ist als eigener Ehegatte eingetragen."


def test_own_parent() -> None:
    doc = example()
    doc["persons"][2]["parent_ids"] = ["kind", "mutter"]
    issue = only_issue(doc)
    assert (issue.path, issue.code) == ("$.persons[2].parent_ids[0]", "self_reference")
    assert issue.message_de == "Person 'kind' ist als eigener Elternteil eingetragen."


def test_spouse_link_not_mutual_is_a_warning() -> None:
    doc = example()
    doc["persons"][1]["spouse_id"] = "kind"
    issues = validate_case(doc)
    assert [(i.path, i.code, i.severity) for i in issues] == [
        ("$.persons[0].spouse_id", "spouse_not_mutual", "warning"),
        ("$.persons[1].spouse_id", "spouse_not_mutual", "warning"),
    ]
    assert issues[0].message_de == (
        "Person 'vater' nennt 'mutter' als Ehegatten, aber 'mutter' nennt 'kind' als Ehegatten. "
        "Bitte beide Einträge prüfen."
    )
    assert len(load_case(doc).warnings) == 2


def test_person_in_two_households() -> None:
    doc = example()
    doc["households"].append({"members": ["kind"]})
    issue = only_issue(doc)
    assert (issue.path, issue.code) == ("$.households[1].members[0]", "person_in_two_households")
    assert "Person 'kind' gehört schon zu Haushalt Nr. 1." in issue.message_de


def test_person_twice_in_one_household() -> None:
    doc = example()
    doc["households"][0]["members"].append("vater")
    issue = only_issue(doc)
    assert (issue.path, issue.code) == ("$.households[0].members[3]", "duplicate_household_member")


# --- dates --------------------------------------------------------------------------------------------------

AFTER_AS_OF = [
    ("status-from", ("persons", 1, "statuses"), {"type": "abroad", "from": "2027-01-01"}, "statuses[2].from"),
    ("german", ("persons", 0, "german"), {"level": "B1", "date": "2026-12-01"}, "german[1].date"),
    (
        "conviction",
        ("persons", 0, "convictions"),
        {"date": "2026-11-26", "sanction": "fine"},
        "convictions[0].date",
    ),
    (
        "application",
        ("persons", 0, "applications"),
        {"path": "aufenthg_25b", "filed_on": "2027-01-01"},
        "applications[0].filed_on",
    ),
    ("employment", ("persons", 1, "employment"), {"from": "2027-01-01"}, "employment[0].from"),
    ("training-not-planned", ("persons", 1, "training"), {"from": "2027-01-01"}, "training[0].from"),
]


@pytest.mark.parametrize(
    ("where", "entry", "tail"), [c[1:] for c in AFTER_AS_OF], ids=[c[0] for c in AFTER_AS_OF]
)
def test_events_after_as_of(where: tuple[str, int, str], entry: dict[str, str], tail: str) -> None:
    doc = example()
    person = doc["persons"][where[1]]
    person.setdefault(where[2], []).append(entry)
    if where[2] == "statuses":
        person["statuses"][1]["to"] = "2026-12-31"
    issue = only_issue(doc)
    assert (issue.path, issue.code) == (f"$.persons[{where[1]}].{tail}", "date_after_as_of")
    assert "liegt nach dem Prüfdatum as_of (2026-11-25)" in issue.message_de


def test_civics_test_after_as_of() -> None:
    doc = example()
    doc["persons"][0]["civics_test_passed_on"] = "2026-11-26"
    issue = only_issue(doc)
    assert (issue.path, issue.code) == ("$.persons[0].civics_test_passed_on", "date_after_as_of")
    assert issue.message_de == (
        "Person 'vater': Datum des Tests „Leben in Deutschland“ (2026-11-26) liegt nach dem Prüfdatum "
        "as_of (2026-11-25)."
    )


def test_planned_ends_and_planned_training_may_lie_after_as_of() -> None:
    doc = example()
    doc["persons"][0]["statuses"][1]["to"] = "2027-02-28"
    doc["persons"][0]["employment"][0]["to"] = "2027-12-31"
    doc["persons"][1]["training"] = [
        {"from": "2027-08-01", "state": "planned", "contract_signed_on": "2026-11-01"}
    ]
    assert validate_case(doc) == []


def test_as_of_defaults_to_today_for_the_date_checks() -> None:
    doc = example()
    del doc["as_of"]
    issues = validate_case(doc, today=dt.date(2025, 1, 1))
    assert ("$.persons[0].civics_test_passed_on", "date_after_as_of") in [(i.path, i.code) for i in issues]
    assert validate_case(doc, today=dt.date(2026, 11, 25)) == []


def test_birth_after_entry() -> None:
    doc = example()
    doc["persons"][2]["entry_date"] = "2017-04-02"
    issue = only_issue(doc)
    assert (issue.path, issue.code) == ("$.persons[2].entry_date", "birth_after_entry")
    assert (
        issue.message_de
        == "Person 'kind': Das Einreisedatum (2017-04-02) liegt vor dem Geburtsdatum (2017-04-03)."
    )


def test_born_in_germany_on_the_day_of_entry_is_fine() -> None:
    doc = example()
    doc["persons"][2]["entry_date"] = "2017-04-03"
    assert validate_case(doc) == []


def test_period_starting_before_birth() -> None:
    doc = example()
    doc["persons"][2]["birth_date"] = "2022-01-01"
    doc["persons"][2]["entry_date"] = "2022-01-01"
    issue = only_issue(doc)
    assert (issue.path, issue.code) == ("$.persons[2].statuses[0].from", "date_before_birth")
    assert issue.message_de == (
        "Person 'kind': Beginn der Aufenthaltszeit Nr. 1 (2021-09-24) liegt vor dem Geburtsdatum "
        "(2022-01-01)."
    )


def test_event_before_birth() -> None:
    doc = example()
    doc["persons"][2]["identity"] = {"efforts": [{"date": "2016-01-01", "action": "embassy_visit"}]}
    issue = only_issue(doc)
    assert (issue.path, issue.code) == ("$.persons[2].identity.efforts[0].date", "date_before_birth")
    assert "Datum der Mitwirkungshandlung Nr. 1 (2016-01-01) liegt vor dem Geburtsdatum" in issue.message_de


def test_birth_after_as_of() -> None:
    doc = example()
    doc["persons"].append({"id": "baby", "birth_date": "2027-01-01"})
    issue = only_issue(doc)
    assert (issue.path, issue.code) == ("$.persons[3].birth_date", "date_after_as_of")


def test_invalid_calendar_date_is_an_error() -> None:
    doc = example()
    doc["persons"][0]["german"][0]["date"] = "2024-02-30"
    with pytest.raises(CaseFileError) as caught:
        load_case(doc)
    [issue] = caught.value.issues
    assert (issue.path, issue.code) == ("$.persons[0].german[0].date", "invalid_date")
    assert "den 30.02.2024 gibt es nicht" in issue.message_de


def test_person_without_id_is_named_by_position() -> None:
    doc = example()
    doc["persons"].append({"statuses": [{"type": "duldung", "from": "2024-01-01", "to": "2023-01-01"}]})
    issues = validate_case(doc)
    assert [(i.path, i.code) for i in issues] == [
        ("$.persons[3].id", "missing_field"),
        ("$.persons[3].statuses[0].to", "period_ends_before_start"),
    ]
    assert issues[1].message_de.startswith("Person Nr. 4, Aufenthaltszeit Nr. 1: Zeitraum endet")


def test_permission_request_must_point_to_a_job_offer() -> None:
    doc = example()
    doc["persons"][0]["job_offers"] = [{"start": "2027-01-04"}]
    doc["persons"][0]["employment_permission_requests"] = [
        {"filed_on": "2026-11-20", "job_offer": 0},
        {"filed_on": "2026-11-21", "job_offer": 1},
    ]
    issue = only_issue(doc)
    assert (issue.path, issue.code) == (
        "$.persons[0].employment_permission_requests[1].job_offer",
        "unknown_job_offer",
    )


def test_job_offer_may_start_after_as_of_but_benefits_may_not() -> None:
    doc = example()
    doc["persons"][0]["job_offers"] = [{"offered_on": "2026-11-20", "start": "2027-06-01"}]
    assert validate_case(doc) == []
    doc["persons"][0]["public_benefits"] = [{"from": "2026-12-01", "to": None, "kind": "asylblg"}]
    issue = only_issue(doc)
    assert (issue.path, issue.code) == ("$.persons[0].public_benefits[0].from", "date_after_as_of")


def test_removal_measure_after_as_of() -> None:
    doc = example()
    doc["persons"][0]["removal_measures"] = [{"kind": "transport_booking", "date": "2026-12-01"}]
    issue = only_issue(doc)
    assert (issue.path, issue.code) == ("$.persons[0].removal_measures[0].date", "date_after_as_of")
