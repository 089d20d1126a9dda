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
        ),
    ),
    "applications": (("applications",), (("path", "path", S), ("filed_on", "filed_on", D))),
    "efforts": (
        ("identity", "efforts"),
        (("date", "date", D), ("action", "action", S), ("evidence", "evidence", B)),
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


def _get(obj: Mapping[str, Any], path: Sequence[str]) -> Any:
    cur: Any = obj
    for key in path:
        if not isinstance(cur, Mapping):
            return None
        cur = cur.get(key)
        if cur is None:
            return None
    return cur


def _typed(columns: dict[str, list[Any]], types: dict[str, pl.DataType | type[pl.DataType]]) -> pl.DataFrame:
    raw_schema = {k: (S if t == D else t) for k, t in types.items()}
    df = pl.DataFrame(columns, schema=raw_schema)
    dates = [pl.col(k).str.to_date("%Y-%m-%d") for k, t in types.items() if t == D]
    return df.with_columns(dates) if dates else df


def build_fact_tables(cases: Iterable[Mapping[str, Any]], *, default_as_of: date | None = None) -> FactTables:
    """Flatten validated case documents into fact tables. ``as_of`` of each case defaults to ``default_as_of``."""
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
    pcols: dict[str, list[Any]] = {k: [] for k in p_types}
    l_types = {
        name: {"pk": I, **{col: dtype for col, _, dtype in cols}} for name, (_, cols) in LIST_FACTS.items()
    }
    lcols: dict[str, dict[str, list[Any]]] = {name: {k: [] for k in t} for name, t in l_types.items()}
    h_types: dict[str, pl.DataType | type[pl.DataType]] = {
        "household_idx": I,
        "case_idx": I,
        "monthly_need_eur": F,
        "monthly_public_benefits_eur": F,
    }
    hcols: dict[str, list[Any]] = {k: [] for k in h_types}

    pk = 0
    household_idx = 0
    for case_idx, case in enumerate(cases):
        as_of = case.get("as_of") or (
            default_as_of.isoformat() if default_as_of else date.today().isoformat()
        )
        member_household: dict[str, int] = {}
        for household in case.get("households") or []:
            for member in household["members"]:
                member_household.setdefault(member, household_idx)
            hcols["household_idx"].append(household_idx)
            hcols["case_idx"].append(case_idx)
            hcols["monthly_need_eur"].append(household.get("monthly_need_eur"))
            hcols["monthly_public_benefits_eur"].append(household.get("monthly_public_benefits_eur"))
            household_idx += 1
        for person in case["persons"]:
            pcols["pk"].append(pk)
            pcols["case_idx"].append(case_idx)
            pcols["case_id"].append(case.get("id"))
            pcols["as_of"].append(as_of)
            pcols["land"].append(case.get("land"))
            parents = person.get("parent_ids")
            pcols["parent_ids"].append(list(parents) if parents is not None else None)
            pcols["household_idx"].append(member_household.get(person["id"]))
            pcols["households_known"].append(case.get("households") is not None)
            for name, path, _ in PERSON_SCALARS:
                pcols[name].append(_get(person, path))
            for name, (path, cols) in LIST_FACTS.items():
                items = _get(person, path)
                pcols[f"known__{name}"].append(items is not None)
                target = lcols[name]
                for item in items or []:
                    target["pk"].append(pk)
                    for col, key, _ in cols:
                        target[col].append(item.get(key))
            pk += 1
    persons = _typed(pcols, p_types)
    lists = {name: _typed(lcols[name], l_types[name]) for name in LIST_FACTS}
    return FactTables(persons=persons, lists=lists, households=_typed(hcols, h_types))
