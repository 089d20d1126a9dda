"""Case file v1 documents -> fact tables (Polars), one row per person plus long tables per list.

The rule of unknowns is kept all the way: an absent key becomes ``null``; for every list fact there is a
``known__<list>`` column that is ``False`` when the list was absent (unknown) and ``True`` when it was
given (an empty list means "known: none").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import polars as pl

D = pl.Date
S = pl.Utf8
B = pl.Boolean
F = pl.Float64
I = pl.Int64  # noqa: E741

# (column, path inside the person object, dtype); dates are read as text and parsed in one go.
PERSON_SCALARS: tuple[tuple[str, tuple[str, ...], pl.DataType | type[pl.DataType]], ...] = (
    ("person_id", ("id",), S),
    ("birth_date", ("birth_date",), D),
    ("nationality", ("nationality",), S),
    ("entry_date", ("entry_date",), D),
    ("spouse_id", ("spouse_id",), S),
    ("asylum_applied_on", ("asylum", "applied_on"), D),
    ("asylum_outcome", ("asylum", "outcome"), S),
    ("asylum_decided_on", ("asylum", "decided_on"), D),
    ("asylum_final_on", ("asylum", "final_on"), D),
    ("identity_clarified", ("identity", "clarified"), B),
    ("identity_clarified_on", ("identity", "clarified_on"), D),
    ("passport", ("identity", "passport"), S),
    ("passport_valid_until", ("identity", "passport_valid_until"), D),
    ("passport_obtainable", ("identity", "passport_obtainable"), S),
    ("deception", ("identity", "deception"), S),
    ("obstruction", ("identity", "obstruction"), S),
    ("instructed_on", ("identity", "instructed_on"), D),
    ("identity_level", ("identity", "level"), I),
    ("civics_test_passed_on", ("civics_test_passed_on",), D),
    ("civics_test_passed", ("civics_test_passed",), B),
    ("fdgo_declaration", ("fdgo_declaration",), B),
    ("integration_course_possible", ("integration_course_possible",), B),
    ("pending_criminal_proceedings", ("pending_criminal_proceedings",), B),
    ("entry_ban_active", ("entry_ban_active",), B),
    ("security_concerns", ("security_concerns",), B),
    ("health_prevents_work_or_language", ("health", "prevents_work_or_language"), B),
    ("pension_age_reached", ("health", "pension_age_reached"), B),
    ("caring_for_relative", ("caring_for_relative",), B),
    ("employment_ban_imposed", ("employment_ban", "imposed"), B),
    ("employment_ban_ground", ("employment_ban", "ground"), S),
    ("employment_ban_since", ("employment_ban", "since"), D),
    ("removal_measures_imminent", ("removal_measures_imminent",), B),
    ("departure_obstacle_exists", ("departure_obstacle", "exists"), B),
    ("departure_obstacle_reason", ("departure_obstacle", "reason"), S),
    ("departure_obstacle_since", ("departure_obstacle", "since"), D),
    ("departure_obstacle_lasting", ("departure_obstacle", "lasting"), B),
    ("livelihood_prognosis_positive", ("livelihood_prognosis_positive",), B),
    ("integration_prognosis", ("integration_prognosis",), S),
    ("fdgo_concerns", ("fdgo_concerns",), B),
    ("deportation_ban", ("deportation_ban",), S),
    # training and employment paths, reviews (issue 3)
    ("asylum_court_pending", ("asylum", "court_pending"), B),
    ("asylum_withdrawn_after_counselling", ("asylum", "withdrawn_after_bamf_counselling"), B),
    ("asylum_child_welfare_waiver", ("asylum", "child_welfare_waiver"), B),
    ("id_measures_complete_on", ("identity", "all_reasonable_measures_taken_on"), D),
    ("id_late_attributable", ("identity", "late_clarification_attributable"), B),
    ("instruction_given", ("identity", "instructed"), B),
    ("instruction_specific", ("identity", "instruction_specific"), B),
    ("instruction_deadline", ("identity", "instruction_deadline"), D),
    ("instruction_warned", ("identity", "instruction_warned_of_60b"), B),
    ("demanded_acts_unreasonable", ("identity", "demanded_acts_unreasonable"), B),
    ("ic_obliged", ("integration_course", "obliged"), B),
    ("ic_completed", ("integration_course", "completed_successfully"), B),
    ("ic_completed_on", ("integration_course", "completed_on"), D),
    ("ic_aborted", ("integration_course", "aborted"), B),
    ("ic_abort_attributable", ("integration_course", "abort_attributable"), B),
    ("adequate_housing", ("adequate_housing",), B),
    ("expulsion_order", ("expulsion_order",), B),
    ("deportation_order_58a", ("deportation_order_58a",), B),
    ("entry_for_benefits_established", ("entry_for_benefits_established",), B),
    ("deceived_authority_intentionally", ("deceived_authority_intentionally",), B),
    ("obstructed_removal_intentionally", ("obstructed_removal_intentionally",), B),
)

# list facts: name -> (path, columns (name, key, dtype)); the period lists have from/to.
LIST_FACTS: dict[
    str, tuple[tuple[str, ...], tuple[tuple[str, str, pl.DataType | type[pl.DataType]], ...]]
] = {
    "statuses": (
        ("statuses",),
        (
            ("type", "type", S),
            ("basis", "basis", S),
            ("from", "from", D),
            ("to", "to", D),
            ("valid_until", "valid_until", D),
            ("documented", "documented", B),
            ("duldung_grounds", "duldung_grounds", pl.List(S)),
            ("zusatz_issued_on", "zusatz_60b_issued_on", D),
            ("zusatz_occasion", "zusatz_60b_occasion", S),
            ("zusatz_grounds", "zusatz_60b_grounds", pl.List(S)),
            ("lifted_on", "lifted_on", D),
            ("lifted_retro_from", "lifted_retroactively_from", D),
            ("challenge", "challenge", S),
            ("last_reviewed_on", "last_reviewed_on", D),
        ),
    ),
    "schooling": (
        ("schooling",),
        (("kind", "kind", S), ("from", "from", D), ("to", "to", D), ("successful", "successful", B)),
    ),
    "qualifications": (
        ("qualifications",),
        (
            ("kind", "kind", S),
            ("date", "date", D),
            ("obtained_in_germany", "obtained_in_germany", B),
            ("recognised", "recognised", B),
            ("care_assistant", "care_assistant", B),
        ),
    ),
    "training": (
        ("training",),
        (
            ("from", "from", D),
            ("to", "to", D),
            ("kind", "kind", S),
            ("followup_commitment", "followup_commitment_shortage_occupation", B),
            ("contract_signed_on", "contract_signed_on", D),
            ("state", "state", S),
            ("preparatory_measure", "preparatory_measure", S),
            ("regulated_months", "regulated_duration_months", I),
            ("school_based", "school_based", B),
            ("documentation", "documentation", S),
            ("documentation_on", "documentation_on", D),
            ("started_with_permission", "started_with_permission", B),
            ("followup_conditional", "followup_commitment_conditional", B),
            ("followup_on", "followup_commitment_on", D),
            ("exam_passed_on", "exam_passed_on", D),
            ("net_pay", "monthly_net_pay_eur", F),
            ("bafoeg_category", "bafoeg_12_category", S),
            ("receives_bab", "receives_bab", B),
            ("receives_bafoeg", "receives_bafoeg", B),
        ),
    ),
    "employment": (
        ("employment",),
        (
            ("from", "from", D),
            ("to", "to", D),
            ("hours_per_week", "hours_per_week", F),
            ("social_insurance", "social_insurance", B),
            ("net_monthly_eur", "net_monthly_eur", F),
            ("qualified", "qualified", B),
            ("permitted_on", "permitted_on", D),
            ("ba_consent", "ba_consent", S),
            ("ba_consent_on", "ba_consent_on", D),
            ("matches_qualification", "matches_qualification", B),
            ("temporary_agency", "temporary_agency", B),
        ),
    ),
    "german": (
        ("german",),
        (("level", "level", S), ("skill", "skill", S), ("date", "date", D), ("evidence", "evidence", S)),
    ),
    "convictions": (
        ("convictions",),
        (
            ("date", "date", D),
            ("sanction", "sanction", S),
            ("daily_rates", "daily_rates", I),
            ("months", "months", F),
            ("suspended", "suspended", B),
            ("intentional", "intentional", B),
            ("foreigner_only_offence", "foreigner_only_offence", B),
            ("btmg", "btmg_29_1_nr1", B),
            ("catalogue_54_1", "aufenthg_54_1_catalogue", B),
        ),
    ),
    "applications": (
        ("applications",),
        (
            ("path", "path", S),
            ("filed_on", "filed_on", D),
            ("outcome", "outcome", S),
            ("decided_on", "decided_on", D),
        ),
    ),
    "efforts": (
        ("identity", "efforts"),
        (("date", "date", D), ("action", "action", S), ("evidence", "evidence", B)),
    ),
    # training and employment paths, reviews (issue 3)
    "removal_measures": (
        ("removal_measures",),
        (("kind", "kind", S), ("date", "date", D), ("futile", "futile", B), ("ended_on", "ended_on", D)),
    ),
    "public_benefits": (
        ("public_benefits",),
        (("from", "from", D), ("to", "to", D), ("kind", "kind", S), ("for_whom", "for_whom", S)),
    ),
    "own_livelihood": (
        ("own_livelihood_secured",),
        (("from", "from", D), ("to", "to", D), ("by_employment", "by_employment", B)),
    ),
    "interruptions": (
        ("employment_interruptions",),
        (("from", "from", D), ("to", "to", D), ("attributable", "attributable", B)),
    ),
    "job_offers": (
        ("job_offers",),
        (
            ("offered_on", "offered_on", D),
            ("start", "start", D),
            ("hours_per_week", "hours_per_week", F),
            ("social_insurance", "social_insurance", B),
            ("net_monthly_eur", "net_monthly_eur", F),
            ("qualified", "qualified", B),
            ("matches_qualification", "matches_qualification", B),
            ("temporary_agency", "temporary_agency", B),
            ("ba_consent", "ba_consent", S),
            ("ba_consent_on", "ba_consent_on", D),
        ),
    ),
    "permission_requests": (
        ("employment_permission_requests",),
        (("filed_on", "filed_on", D), ("job_offer", "job_offer", I), ("outcome", "outcome", S)),
    ),
    "follow_ups": (
        ("asylum", "follow_up_applications"),
        (("applied_on", "applied_on", D), ("outcome", "outcome", S), ("final_on", "final_on", D)),
    ),
}


@dataclass(frozen=True)
class FactTables:
    """All facts of a batch of cases. ``persons`` has one row per person, keyed by ``pk``."""

    persons: pl.DataFrame
    lists: dict[str, pl.DataFrame]
    households: pl.DataFrame

    def list(self, name: str) -> pl.DataFrame:
        return self.lists[name]


_EMPTY: Mapping[str, Any] = {}


def _mapping(value: Any) -> Mapping[str, Any]:
    """The object itself, or an empty one where it is absent, null or not an object (every key then unknown)."""
    if type(value) is dict or isinstance(value, Mapping):
        return value
    return _EMPTY


def _raw(dtype: pl.DataType | type[pl.DataType]) -> pl.DataType | type[pl.DataType]:
    """Dates are read as text and parsed in one go."""
    return S if dtype == D else dtype


class _Reader:
    """Reads many person objects at once: each object on a path is looked up once per person, the values of
    an object are read by Polars (``from_dicts`` with the schema: absent and null keys both give null)."""

    def __init__(self, persons: list[Mapping[str, Any]]) -> None:
        self._objects: dict[tuple[str, ...], list[Mapping[str, Any]]] = {(): persons}

    def objects(self, path: tuple[str, ...]) -> list[Mapping[str, Any]]:
        found = self._objects.get(path)
        if found is None:
            key = path[-1]
            found = [_mapping(o.get(key)) for o in self.objects(path[:-1])]
            self._objects[path] = found
        return found

    def values(self, path: Sequence[str]) -> list[Any]:
        """The value at ``path`` of every person (``None`` where it or an object on the way is absent)."""
        key = path[-1]
        return [o.get(key) for o in self.objects(tuple(path[:-1]))]


def _read(
    rows: Sequence[Mapping[str, Any]], columns: Iterable[tuple[str, str, pl.DataType | type[pl.DataType]]]
) -> list[pl.Series]:
    """Columns ``(name, key, dtype)`` of ``rows`` (dates still as text), named ``name``."""
    columns = list(columns)
    df = pl.from_dicts(rows, schema={key: _raw(dtype) for _, key, dtype in columns})
    return [df.get_column(key).alias(name) for name, key, _ in columns]


def _parse_dates(df: pl.DataFrame, types: dict[str, pl.DataType | type[pl.DataType]]) -> pl.DataFrame:
    dates = [pl.col(k).str.to_date("%Y-%m-%d") for k, t in types.items() if t == D]
    return df.with_columns(dates) if dates else df


def _typed(columns: dict[str, list[Any]], types: dict[str, pl.DataType | type[pl.DataType]]) -> pl.DataFrame:
    return _parse_dates(pl.DataFrame(columns, schema={k: _raw(t) for k, t in types.items()}), types)


def build_fact_tables(cases: Iterable[Mapping[str, Any]], *, default_as_of: date | None = None) -> FactTables:
    """Flatten validated case documents into fact tables. ``as_of`` of each case defaults to ``default_as_of``.

    The case level (ids, decision date, households) is read case by case; the person level and the list entries
    are read by Polars from all objects of the batch at once, which is what keeps a national caseload fast.
    """
    p_types: dict[str, pl.DataType | type[pl.DataType]] = {
        "pk": I,
        "case_idx": I,
        "case_id": S,
        "as_of": D,
        "land": S,
        "parent_ids": pl.List(S),
        "household_idx": I,
        "households_known": B,
        **{name: dtype for name, _, dtype in PERSON_SCALARS},
        **{f"known__{name}": B for name in LIST_FACTS},
    }
    ccols: dict[str, list[Any]] = {  # the case level, repeated for each person
        k: [] for k in ("case_idx", "case_id", "as_of", "land", "household_idx", "households_known")
    }
    l_types = {
        name: {"pk": I, **{col: dtype for col, _, dtype in cols}} for name, (_, cols) in LIST_FACTS.items()
    }
    h_types: dict[str, pl.DataType | type[pl.DataType]] = {
        "household_idx": I,
        "case_idx": I,
        "monthly_need_eur": F,
        "monthly_public_benefits_eur": F,
    }
    hcols: dict[str, list[Any]] = {k: [] for k in h_types}

    persons: list[Mapping[str, Any]] = []
    household_idx = 0
    for case_idx, case in enumerate(cases):
        as_of = case.get("as_of") or (
            default_as_of.isoformat() if default_as_of else date.today().isoformat()
        )
        member_household: dict[str, int] = {}
        households = case.get("households")
        for household in households or []:
            for member in household["members"]:
                member_household.setdefault(member, household_idx)
            hcols["household_idx"].append(household_idx)
            hcols["case_idx"].append(case_idx)
            hcols["monthly_need_eur"].append(household.get("monthly_need_eur"))
            hcols["monthly_public_benefits_eur"].append(household.get("monthly_public_benefits_eur"))
            household_idx += 1
        members = case["persons"]
        n = len(members)
        persons.extend(members)
        ccols["case_idx"] += [case_idx] * n
        ccols["case_id"] += [case.get("id")] * n
        ccols["as_of"] += [as_of] * n
        ccols["land"] += [case.get("land")] * n
        ccols["household_idx"] += [member_household.get(person["id"]) for person in members]
        ccols["households_known"] += [households is not None] * n

    series: dict[str, pl.Series] = {"pk": pl.Series("pk", range(len(persons)), dtype=I)}
    series.update({k: pl.Series(k, v, dtype=_raw(p_types[k])) for k, v in ccols.items()})
    read = _Reader(persons)
    by_object: dict[tuple[str, ...], list[tuple[str, str, pl.DataType | type[pl.DataType]]]] = {}
    by_object.setdefault((), []).append(("parent_ids", "parent_ids", pl.List(S)))
    for name, path, dtype in PERSON_SCALARS:
        by_object.setdefault(tuple(path[:-1]), []).append((name, path[-1], dtype))
    for obj, columns in by_object.items():
        series.update((column.name, column) for column in _read(read.objects(obj), columns))
    lists: dict[str, list[pl.Series]] = {}
    for name, (path, cols) in LIST_FACTS.items():
        values = read.values(path)
        series[f"known__{name}"] = pl.Series(f"known__{name}", [v is not None for v in values], dtype=B)
        pks: list[int] = []
        entries: list[Mapping[str, Any]] = []
        for pk, items in enumerate(values):
            if items:
                entries.extend(items)
                pks += [pk] * len(items)
        lists[name] = [pl.Series("pk", pks, dtype=I), *_read(entries, cols)]
    persons_df = _parse_dates(pl.DataFrame([series[k] for k in p_types]), p_types)
    lists_df = {name: _parse_dates(pl.DataFrame(lists[name]), l_types[name]) for name in LIST_FACTS}
    return FactTables(persons=persons_df, lists=lists_df, households=_typed(hcols, h_types))
