"""Dated parameters: files are well-formed; values change on their valid_from dates; every rule parameter exists."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from bleiberecht.law.params import ParameterError, _parse, load_params


def test_all_files_load_with_citation_and_review_date() -> None:
    params = load_params()
    assert len(params) > 20
    for p in params:
        assert p.citation
        # reviews up to the residence audit of 2026-12-06 (docs/legal-verification.md)
        assert p.last_verified <= date(2026, 12, 6)
        assert all(v.source for v in p.values)


def test_value_history_is_applied_by_date() -> None:
    params = load_params()
    assert params.value("aufenthg_25b.years", date(2022, 12, 30)) == 8
    assert params.value("aufenthg_25b.years", date(2022, 12, 31)) == 6
    assert params.value("aufenthg_25a.age_limit", date(2020, 1, 1)) == 21
    assert params.value("aufenthg_25a.age_limit", date(2026, 11, 25)) == 27
    with pytest.raises(ParameterError):
        params.value("aufenthg_104c.years", date(2020, 1, 1))


def test_column_form_follows_each_rows_date() -> None:
    df = pl.DataFrame({"as_of": [date(2021, 1, 1), date(2023, 1, 1), date(2010, 1, 1)]})
    got = df.select(load_params().expr("aufenthg_25b.years"))[:, 0].to_list()
    assert got == [8, 6, None]


def test_malformed_parameter_is_rejected() -> None:
    base = {
        "description": "x",
        "citation": "§ 1",
        "unit": "years",
        "confidence": "CONFIRMED-STATUTE",
        "last_verified": "2026-11-25",
        "values": [{"valid_from": "2020-01-01", "value": 1, "source": "s"}],
    }
    _parse("ok", base, "f.yaml")
    with pytest.raises(ParameterError, match="unknown unit"):
        _parse("bad", {**base, "unit": "parsecs"}, "f.yaml")
    with pytest.raises(ParameterError, match="order"):
        _parse(
            "bad",
            {
                **base,
                "values": [
                    {"valid_from": "2021-01-01", "value": 1, "source": "s"},
                    {"valid_from": "2020-01-01", "value": 2, "source": "s"},
                ],
            },
            "f.yaml",
        )
    with pytest.raises(ParameterError, match="missing"):
        _parse("bad", {k: v for k, v in base.items() if k != "citation"}, "f.yaml")


def test_uncertain_parameters_carry_a_verify_note() -> None:
    for p in load_params():
        if p.confidence == "UNCERTAIN":
            assert p.verify, f"{p.name} is UNCERTAIN but has no 'zu prüfen' note"
