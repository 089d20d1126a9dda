"""Measure a caseload against the calibration targets (same names as ``targets`` in calibration.yaml)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any

from bleiberecht.screening.synth import names
from bleiberecht.screening.synth.calibration import Calibration, load_calibration
from bleiberecht.screening.synth.context import stay_bin
from bleiberecht.screening.synth.person import school_start

Value = float | dict[str, float]
REJECTED = (
    "rejected",
    "rejected_manifestly_unfounded",
    "rejected_manifestly_unfounded_qualified",
    "inadmissible",
)
_AGE_GROUPS = (
    (0, 5, "0-5"),
    (6, 13, "6-13"),
    (14, 17, "14-17"),
    (18, 26, "18-26"),
    (27, 39, "27-39"),
    (40, 59, "40-59"),
)


def _ordinal(text: str) -> int:
    return date.fromisoformat(text).toordinal()


def _age(birth: str, on: date) -> int:
    b = date.fromisoformat(birth)
    return on.year - b.year - ((on.month, on.day) < (b.month, b.day))


def _age_group(age: int) -> str:
    for lo, hi, label in _AGE_GROUPS:
        if lo <= age <= hi:
            return label
    return "60+"


def _ongoing(items: Iterable[Mapping[str, Any]], on: str) -> bool:
    return any(i["from"] <= on and (i.get("to") is None or i["to"] >= on) for i in items)


def _current_status(p: Mapping[str, Any], on: str) -> Mapping[str, Any] | None:
    statuses: list[Mapping[str, Any]] = p.get("statuses", [])
    return next((s for s in statuses if s["from"] <= on and (s.get("to") is None or s["to"] >= on)), None)


class _Share:
    """Counts hits over a denominator; a dict-valued share counts categories."""

    def __init__(self) -> None:
        self.hits = 0
        self.total = 0

    def add(self, hit: bool) -> None:
        self.total += 1
        self.hits += hit

    def value(self) -> float:
        return self.hits / self.total if self.total else float("nan")


def _shares(counter: Counter[str], keys: Iterable[str]) -> dict[str, float]:
    total = sum(counter.values())
    return {k: (counter[k] / total if total else float("nan")) for k in keys}


def measure(cases: Iterable[Mapping[str, Any]], cal: Calibration | None = None) -> dict[str, Value]:
    """Achieved value of every calibration target on the given cases."""
    cal = cal or load_calibration()
    ages: Counter[str] = Counter()
    stays: Counter[str] = Counter()
    nationality: Counter[str] = Counter()
    basis: Counter[str] = Counter()
    # one counter per scalar target; a target nobody counts stays NaN and fails the comparison
    s = {name: _Share() for name, target in cal.targets.items() if not isinstance(target.value, dict)}
    lands: set[str] = set()
    for case in cases:
        as_of = date.fromisoformat(case["as_of"])
        on = case["as_of"]
        lands.add(case.get("land", ""))
        persons = case["persons"]
        ids = {p["id"] for p in persons}
        ages_by_id = {p["id"]: _age(p["birth_date"], as_of) for p in persons if "birth_date" in p}
        with_children = any(
            ages_by_id.get(p["id"], 99) < 18 and set(p.get("parent_ids", [])) & ids for p in persons
        )
        for p in persons:
            age = ages_by_id.get(p["id"])
            s["in_family_with_children"].add(with_children)
            nationality[p.get("nationality", "?")] += 1
            if "name" in p:
                sex = names.sex_of(p["name"])
                if sex is not None:
                    s["male"].add(sex == "m")
            years = _age(p["entry_date"], as_of) if "entry_date" in p else None
            if years is not None:
                stays[stay_bin(years)] += 1
            status = _current_status(p, on)
            if status is not None and status["type"] == "duldung":
                basis[status.get("basis", "60a")] += 1
            s["removal_imminent"].add(p.get("removal_measures_imminent") is True)
            outcome = p.get("asylum", {}).get("outcome")
            if outcome is not None:
                s["asylum_rejected"].add(outcome in REJECTED)
            if age is None:
                continue
            ages[_age_group(age)] += 1
            s["minors"].add(age < 18)
            if (
                age <= 17
                and "schooling" in p
                and school_start(_ordinal(p["birth_date"])) <= as_of.toordinal()
            ):
                s["school_attendance"].add(_ongoing(p["schooling"], on))
            if age < 18:
                continue
            identity = p.get("identity", {})
            if "passport" in identity:
                s["passport_valid"].add(identity["passport"] == "valid")
            if "clarified" in identity:
                s["identity_unclarified"].add(identity["clarified"] is False)
            if "convictions" in p:
                s["convictions_over_threshold"].add(
                    any(
                        c["sanction"] in ("prison", "youth_custody") or c.get("daily_rates", 0) > 50
                        for c in p["convictions"]
                    )
                )
            if years is not None and years > 5 and "german" in p:
                s["german_a2_long_stay"].add(
                    any(
                        g["level"] != "A1" and g.get("evidence") in ("certificate", "school")
                        for g in p["german"]
                    )
                )
            if age <= 64:
                s["employment_ban"].add(p.get("employment_ban", {}).get("imposed") is True)
                if "employment" in p or "training" in p:
                    working = _ongoing(p.get("employment", []), on) or _ongoing(p.get("training", []), on)
                    s["employed_working_age"].add(working)
                    if years is not None and years > 6:
                        s["employed_long_stay"].add(working)
    result: dict[str, Value] = {name: share.value() for name, share in s.items()}
    result["age_groups"] = _shares(ages, [*(label for _, _, label in _AGE_GROUPS), "60+"])
    result["stay_years"] = _shares(stays, ["<1", "1-3", "3-6", "6-8", ">8"])
    result["duldung_basis"] = _shares(basis, ["60a", "60b", "60c", "60d"])
    profile = "SN" if lands == {"SN"} else "DE" if "SN" not in lands else "mixed"
    for target in cal.targets:
        if target.startswith("nationality_"):
            keys = cal.targets[target].value
            assert isinstance(keys, dict)
            result[target] = _shares(nationality, keys) if target == f"nationality_{profile}" else {}
    return result


def compare(
    achieved: Mapping[str, Value], cal: Calibration | None = None
) -> list[tuple[str, float, float, float, bool]]:
    """(target[key], target value, achieved, tolerance, ok) for every target that was measured."""
    cal = cal or load_calibration()
    rows: list[tuple[str, float, float, float, bool]] = []
    for name, target in cal.targets.items():
        got = achieved.get(name)
        if isinstance(target.value, dict):
            if not isinstance(got, dict) or not got:
                continue
            for key, want in target.value.items():
                tol = target.tolerance_for(key)
                rows.append((f"{name}[{key}]", want, got[key], tol, abs(got[key] - want) <= tol))
        elif isinstance(got, float):
            tol = target.tolerance_for()
            rows.append((name, target.value, got, tol, abs(got - target.value) <= tol))
    return rows


def report(rows: Iterable[tuple[str, float, float, float, bool]], out: Callable[[str], None] = print) -> None:
    for name, want, got, tol, ok in rows:
        out(f"{'ok ' if ok else 'OFF'} {name:40s} target {want:7.3f}  achieved {got:7.3f}  (± {tol})")
