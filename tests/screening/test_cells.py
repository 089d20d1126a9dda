"""Reading single cells: dates, yes/no, numbers, codes, nationalities, counts; empty = unknown."""

from __future__ import annotations

import datetime as dt

import pytest

from bleiberecht.screening.tabular.cells import AT_LEAST_ONE, CellError, CellParser, is_empty
from bleiberecht.screening.tabular.columns import PERSONS_SHEET, SHEETS, Column

P = CellParser()


def col(header: str, sheet: str = "Personen") -> Column:
    found = SHEETS[sheet].column(header)
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("01.02.2003", "2003-02-01"),
        ("1.2.2003", "2003-02-01"),
        ("2003-02-01", "2003-02-01"),
        ("2003-02-01 00:00:00", "2003-02-01"),
        (dt.date(2003, 2, 1), "2003-02-01"),
        (dt.datetime(2003, 2, 1), "2003-02-01"),
        ("29.02.2024", "2024-02-29"),
    ],
)
def test_dates(raw: object, iso: str) -> None:
    assert P.date(raw) == iso


@pytest.mark.parametrize(
    ("raw", "code"),
    [("31.02.2001", "invalid_date"), ("2001/02/03", "invalid_date_format"), ("01.02.01", "invalid_date_format"),
     (37000, "date_is_number")],
)  # fmt: skip
def test_bad_dates(raw: object, code: str) -> None:
    with pytest.raises(CellError) as exc:
        P.date(raw)
    assert exc.value.code == code
    assert exc.value.de and exc.value.en


def test_extra_date_format_from_mapping() -> None:
    assert CellParser.with_extras(date_formats=["%d/%m/%Y"]).date("01/02/2003") == "2003-02-01"


@pytest.mark.parametrize(
    ("raw", "value"), [("Ja", True), ("nein", False), ("J", True), ("x", True), (True, True), (0, False)]
)
def test_booleans(raw: object, value: bool) -> None:
    assert P.boolean(raw) is value


def test_bad_boolean_and_extra_words() -> None:
    with pytest.raises(CellError):
        P.boolean("vielleicht")
    assert CellParser.with_extras(yes=["vielleicht"]).boolean("Vielleicht") is True


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("1.234,50", 1234.5),
        ("1234,5", 1234.5),
        ("1.234", 1234),
        ("38", 38),
        ("1950.5", 1950.5),
        ("2.400 €", 2400),
        (12, 12),
    ],
)
def test_numbers(raw: object, value: float) -> None:
    assert P.number(raw) == value


def test_enums_accept_words_and_codes() -> None:
    basis = col("Duldungsart")
    assert P.parse(basis, "§ 60b") == "60b"
    assert P.parse(basis, "60 B") == "60b"
    assert P.parse(basis, "Ausbildungsduldung") == "60c"
    assert P.parse(col("Asylverfahren"), "offensichtlich unbegründet (qualifiziert)") == (
        "rejected_manifestly_unfounded_qualified"
    )
    assert P.parse(col("Art", "Aufenthalte"), "Fiktionsbescheinigung") == "fiktion"
    with pytest.raises(CellError) as exc:
        P.parse(basis, "§ 99z")
    assert exc.value.code == "unknown_value" and "§ 60a" in exc.value.de


def test_nationalities() -> None:
    nat = col("Staatsangehörigkeit")
    assert P.parse(nat, "irq") == "IRQ"
    assert P.parse(nat, "Irak") == "IRQ"
    assert P.parse(nat, "staatenlos") == "XXA"
    assert P.parse(nat, "XKX") == "XKX"
    for bad in ("QQQ", "IRK", "Atlantis"):
        with pytest.raises(CellError) as exc:
            P.parse(nat, bad)
        assert exc.value.code == "unknown_nationality"


def test_counts_and_ids() -> None:
    count = col("Verurteilungen")
    assert P.parse(count, "keine") == 0
    assert P.parse(count, "Ja") == AT_LEAST_ONE
    assert P.parse(count, 3) == 3
    with pytest.raises(CellError):
        P.parse(count, "viele")
    assert P.parse(col("Eltern"), "p1; p2") == ["p1", "p2"]
    assert P.parse(col("Eltern"), "keine") == []
    assert P.parse(col(PERSONS_SHEET.columns[3].header), 12.0) == "12"


def test_empty_means_unknown() -> None:
    assert is_empty(None) and is_empty("  ") and not is_empty(0) and not is_empty("Nein")
