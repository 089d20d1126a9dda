"""German period arithmetic (§§ 187, 188 BGB): month ends, leap years, age limits; scalar = vectorised."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bleiberecht.law.calendar import (
    age_on,
    age_on_expr,
    birthday,
    fulfilled_on,
    fulfilled_on_expr,
    last_day_before_completing,
    period_end,
)


@pytest.mark.parametrize(
    ("start", "kwargs", "expected"),
    [
        (date(2020, 11, 26), {"years": 6}, date(2026, 11, 26)),  # result-v1.md example
        (date(2020, 2, 29), {"years": 6}, date(2026, 3, 1)),  # § 188 Abs. 3: no 29 Feb -> ends 28 Feb
        (date(2020, 2, 29), {"years": 4}, date(2024, 2, 29)),  # leap year again
        (date(2021, 1, 31), {"months": 1}, date(2021, 3, 1)),  # no 31 Feb
        (date(2024, 1, 31), {"months": 1}, date(2024, 3, 1)),  # no 31 Feb in a leap year either
        (date(2021, 1, 30), {"months": 1}, date(2021, 3, 1)),
        (date(2021, 1, 28), {"months": 1}, date(2021, 2, 28)),
        (date(2023, 6, 1), {"months": 12}, date(2024, 6, 1)),
        (date(2023, 8, 31), {"months": 18}, date(2025, 3, 1)),  # no 31 Feb
        (date(2023, 5, 31), {"months": 18}, date(2024, 12, 1)),  # no 30 Nov... 31 Nov
        (date(2025, 12, 31), {"months": 2}, date(2026, 3, 1)),
        (date(2020, 1, 1), {"days": 10}, date(2020, 1, 11)),
    ],
)
def test_fulfilled_on(start: date, kwargs: dict[str, int], expected: date) -> None:
    assert fulfilled_on(start, **kwargs) == expected
    assert period_end(start, **kwargs) == date.fromordinal(expected.toordinal() - 1)


def test_mixing_units_is_refused() -> None:
    with pytest.raises(ValueError, match="ambiguous"):
        fulfilled_on(date(2020, 1, 1), months=1, days=1)


def test_27th_birthday_application_deadline() -> None:
    # Ex. 25a-2: born 1999-12-20; an application on 2026-12-18 is in time, on 2026-12-21 too late
    assert last_day_before_completing(date(1999, 12, 20), 27) == date(2026, 12, 19)
    # born on 29 February: the 27th year is completed at the end of 28 February
    assert last_day_before_completing(date(2000, 2, 29), 27) == date(2027, 2, 28)


@pytest.mark.parametrize(
    ("birth", "on", "age"),
    [
        (date(2008, 3, 10), date(2026, 3, 9), 17),
        (date(2008, 3, 10), date(2026, 3, 10), 18),
        (date(2008, 2, 29), date(2026, 2, 28), 17),
        (date(2008, 2, 29), date(2026, 3, 1), 18),
        (date(2008, 2, 29), date(2028, 2, 29), 20),
    ],
)
def test_age(birth: date, on: date, age: int) -> None:
    assert age_on(birth, on) == age
    df = pl.DataFrame({"b": [birth], "o": [on]})
    assert df.select(age_on_expr(pl.col("b"), pl.col("o")))[0, 0] == age
    assert (birthday(birth, age) <= on) and (birthday(birth, age + 1) > on)


dates = st.dates(min_value=date(1950, 1, 1), max_value=date(2040, 12, 31))


@given(start=dates, years=st.integers(0, 30), months=st.integers(0, 30))
def test_vectorised_equals_scalar(start: date, years: int, months: int) -> None:
    df = pl.DataFrame({"s": [start]})
    got = df.select(fulfilled_on_expr(pl.col("s"), years=years, months=months))[0, 0]
    assert got == fulfilled_on(start, years=years, months=months)


@given(start=dates, n=st.integers(1, 40))
def test_monotone_and_after_start(start: date, n: int) -> None:
    assert fulfilled_on(start, months=n) > start
    assert fulfilled_on(start, months=n + 1) > fulfilled_on(start, months=n)
