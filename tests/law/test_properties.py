"""Properties of the engine over random schema-valid cases (hypothesis).

(a) any valid case evaluates and yields a coherent result v1;
(b) information monotonicity: replacing one known fact by "unknown" never turns ``eligible``/``eligible_later``
    into ``not_eligible`` or back; it may only leave the outcome unchanged or make it ``undetermined``;
(c) a case evaluated alone gives the same result as inside a batch with other cases.
"""

from __future__ import annotations

import copy
import os
from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bleiberecht.casefile import validate_case
from bleiberecht.law.engine import evaluate_cases
from bleiberecht.law.result import build_results
from rich_cases import rich_cases
from strategies import case_documents

OUTCOMES = {"eligible", "eligible_later", "not_eligible", "undetermined"}
POSITIVE = {"eligible", "eligible_later"}
SETTINGS = settings(
    max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "80")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Keys that are not facts about the world: identifiers, display text, and the links that make up the
# case's family structure (a link that is absent means "not in this case", not "unknown").
NOT_FACTS = {"id", "name", "notes", "spouse_id", "parent_ids"}
# Negative conditions whose burden of proof lies with the authority: without recorded indications the
# statute treats them as absent (§ 5 Abs. 4 / § 54 Abs. 1 Nr. 2, 4; § 25a Abs. 1 S. 1 Nr. 5
# "keine konkreten Anhaltspunkte"). Removing them is not a loss of information the engine could use.
PRESUMED_ABSENT = {"security_concerns", "fdgo_concerns"}


def results(doc: dict[str, Any]) -> dict[str, Any]:
    return build_results(evaluate_cases([doc]))[0]


def outcomes(result: dict[str, Any]) -> dict[tuple[str, str], str]:
    return {(p["id"], path["path"]): path["outcome"] for p in result["persons"] for path in p["paths"]}


def removable_facts(doc: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Places in the document holding a known fact: (person index, key) or (person index, key, subkey)."""
    places: list[tuple[Any, ...]] = []
    for i, person in enumerate(doc["persons"]):
        for key, value in person.items():
            if key in NOT_FACTS or key in PRESUMED_ABSENT or value is None:
                continue
            if isinstance(value, dict):
                places += [(i, key, sub) for sub, v in value.items() if v is not None]
            places.append((i, key))
    if doc.get("households") is not None:
        places.append(("households",))
        for h, household in enumerate(doc["households"]):
            places += [
                ("household", h, k)
                for k in ("monthly_need_eur", "monthly_public_benefits_eur")
                if k in household
            ]
    return places


def forget(doc: dict[str, Any], place: tuple[Any, ...]) -> dict[str, Any]:
    out = copy.deepcopy(doc)
    if place[0] == "households":
        del out["households"]
    elif place[0] == "household":
        del out["households"][place[1]][place[2]]
    elif len(place) == 2:
        del out["persons"][place[0]][place[1]]
    else:
        del out["persons"][place[0]][place[1]][place[2]]
    return out


@SETTINGS
@given(doc=st.one_of(case_documents(), rich_cases()))
def test_any_valid_case_evaluates_coherently(doc: dict[str, Any]) -> None:
    assert not [i for i in validate_case(doc) if i.severity == "error"]
    result = results(doc)
    assert result["format"] == "bleiberecht.result/1"
    as_of = date.fromisoformat(result["as_of"])
    assert [p["id"] for p in result["persons"]] == [p["id"] for p in doc["persons"]]
    for person in result["persons"]:
        assert person["traffic_light"] in {"green", "yellow", "red"}
        for path in person["paths"]:
            assert path["outcome"] in OUTCOMES
            ef = path["eligible_from"]
            if path["outcome"] == "eligible":
                assert ef is not None and date.fromisoformat(ef) <= as_of
            elif path["outcome"] == "eligible_later":
                assert ef is not None and date.fromisoformat(ef) > as_of
            else:
                assert ef is None
            statuses = {r["status"] for r in path["requirements"]}
            if path["outcome"] in POSITIVE:
                assert "not_met" not in statuses
            if path["outcome"] == "undetermined":
                assert "not_met" not in statuses and "unknown" in statuses
        if any(p["outcome"] == "eligible" for p in person["paths"]):
            assert person["traffic_light"] == "green"


@SETTINGS
@given(doc=st.one_of(case_documents(), rich_cases(), rich_cases()), data=st.data())
def test_information_monotonicity(doc: dict[str, Any], data: st.DataObject) -> None:
    places = removable_facts(doc)
    if not places:
        return
    place = data.draw(st.sampled_from(places), label="forgotten fact")
    before = outcomes(results(doc))
    after = outcomes(results(forget(doc, place)))
    for key, old in before.items():
        new = after[key]
        if old in POSITIVE:
            assert new != "not_eligible", f"{key}: {old} -> {new} after forgetting {place}"
        if old == "not_eligible":
            assert new not in POSITIVE, f"{key}: {old} -> {new} after forgetting {place}"


@SETTINGS
@given(doc=case_documents(), others=st.lists(case_documents(), min_size=1, max_size=3), pos=st.integers(0, 3))
def test_batch_equals_single(doc: dict[str, Any], others: list[dict[str, Any]], pos: int) -> None:
    alone = results(doc)
    batch = [*others[:pos], doc, *others[pos:]]
    together = build_results(evaluate_cases(batch))[min(pos, len(others))]
    assert together == alone
