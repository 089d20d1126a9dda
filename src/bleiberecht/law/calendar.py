"""German period arithmetic (§§ 187–193 BGB, applied via § 31 VwVfG).

Every "since N years/months" requirement and every age limit goes through this module; library month
arithmetic is never used silently elsewhere.

- A period that starts with the beginning of a day (a status that begins on a day, a birth: § 187 Abs. 2)
  ends with the end of the day *before* the day that corresponds in number to the start day
  (§ 188 Abs. 2 Alt. 2). It is therefore fulfilled on the corresponding day: a stay that began on
  2020-11-26 has lasted six years on 2026-11-26.
- If the corresponding day does not exist in the last month (31st, 29 February), the period ends with
  the last day of that month (§ 188 Abs. 3) and is fulfilled on the first day of the next month.
- Age (§ 187 Abs. 2 S. 2): the N-th year of life is completed at the end of the day before the N-th
  birthday. "Vor Vollendung des 27. Lebensjahres" therefore means: at the latest on the day before the
  27th birthday.
- § 193 BGB (weekend/holiday extension) applies to deadlines for declarations, not to qualifying periods
  or age limits; it is not applied here.
"""

from __future__ import annotations

import calendar as _cal
from datetime import date, timedelta

import polars as pl

ONE_DAY = timedelta(days=1)


def _shift_months(start: date, months: int) -> tuple[date, bool]:
    """The day corresponding to ``start`` ``months`` later, clamped to the month end, and whether it was."""
    total = start.year * 12 + (start.month - 1) + months
    year, month = divmod(total, 12)
    month += 1
    last = _cal.monthrange(year, month)[1]
    if start.day > last:
        return date(year, month, last), True
    return date(year, month, start.day), False


def fulfilled_on(start: date, *, years: int = 0, months: int = 0, days: int = 0) -> date:
    """First day on which a period of the given length, beginning on ``start`` (counted), has elapsed."""
    if days and (years or months):
        raise ValueError("mixing days with months/years is ambiguous (§ 191 BGB); use one unit")
    if days:
        return start + timedelta(days=days)
    corresponding, clamped = _shift_months(start, years * 12 + months)
    # § 188 Abs. 3: missing corresponding day -> period ends on the month's last day, fulfilled the next day.
    return corresponding + ONE_DAY if clamped else corresponding


def period_end(start: date, *, years: int = 0, months: int = 0, days: int = 0) -> date:
    """Last day of a period beginning on ``start`` (counted)."""
    return fulfilled_on(start, years=years, months=months, days=days) - ONE_DAY


def birthday(birth: date, age: int) -> date:
    """Day from which a person born on ``birth`` has completed ``age`` years (is ``age`` years old)."""
    return fulfilled_on(birth, years=age)


def last_day_before_completing(birth: date, age: int) -> date:
    """Last day before the ``age``-th year of life is completed (e.g. § 25a Abs. 1 S. 1 Nr. 3: 27)."""
    return birthday(birth, age) - ONE_DAY


def age_on(birth: date, on: date) -> int:
    """Completed years of life on ``on``."""
    years = on.year - birth.year
    if birthday(birth, years) > on:
        years -= 1
    return years


# --- vectorised forms (same rules, Polars expressions) ---------------------------------------------


def fulfilled_on_expr(start: pl.Expr, *, years: pl.Expr | int = 0, months: pl.Expr | int = 0) -> pl.Expr:
    """Vectorised :func:`fulfilled_on` for years/months.

    Constant lengths use Polars' native month offset (which clamps to the month end) and then step past a
    missing corresponding day (§ 188 Abs. 3). Lengths given as expressions fall back to integer month
    arithmetic; for dated parameters prefer ``Params.fulfilled_after``, which uses the fast path per value.
    """
    if isinstance(years, int) and isinstance(months, int):
        shifted = start.dt.offset_by(f"{years * 12 + months}mo")
        return (
            pl.when(shifted.dt.day() != start.dt.day()).then(shifted + pl.duration(days=1)).otherwise(shifted)
        )
    return _fulfilled_on_months(start, (pl.lit(years) if isinstance(years, int) else years) * 12 + months)


def _fulfilled_on_months(start: pl.Expr, n: pl.Expr | int) -> pl.Expr:
    total = start.dt.year().cast(pl.Int64) * 12 + start.dt.month().cast(pl.Int64) - 1 + n
    year, month = total // 12, total % 12 + 1
    first = pl.date(year, month, 1)
    last_day = first.dt.month_end().dt.day()
    day = start.dt.day()
    # clamp before building the date (all branches are evaluated), then step past a missing day
    corresponding = pl.date(year, month, pl.when(day > last_day).then(last_day).otherwise(day))
    return pl.when(day > last_day).then(corresponding + pl.duration(days=1)).otherwise(corresponding)


def add_days_expr(start: pl.Expr, days: pl.Expr | int) -> pl.Expr:
    return start + pl.duration(days=days if isinstance(days, pl.Expr) else pl.lit(days))


def birthday_expr(birth: pl.Expr, age: pl.Expr | int) -> pl.Expr:
    return fulfilled_on_expr(birth, years=age)


def age_on_expr(birth: pl.Expr, on: pl.Expr) -> pl.Expr:
    """Completed years of life on ``on`` (vectorised, BGB rules incl. 29 February)."""
    years = on.dt.year() - birth.dt.year()
    return pl.when(birthday_expr(birth, years) > on).then(years - 1).otherwise(years)


# Sentinels far outside any case date, as full-length columns (built from the row key ``pk`` that every
# fact frame has): horizontal min/max over inputs that are all null/constant would otherwise collapse
# into a length-1 column in Polars.
_ZERO_DAYS = pl.duration(days=pl.col("pk") * 0)
_FAR_PAST = pl.date(1000, 1, 1) + _ZERO_DAYS
_FAR_FUTURE = pl.date(9000, 1, 1) + _ZERO_DAYS


def earliest(*dates: pl.Expr | str) -> pl.Expr:
    """Earliest non-null date per row (null if all are null)."""
    m = pl.min_horizontal(*[pl.col(d) if isinstance(d, str) else d for d in dates], _FAR_FUTURE)
    return pl.when(m == _FAR_FUTURE).then(None).otherwise(m)


def latest(*dates: pl.Expr | str) -> pl.Expr:
    """Latest non-null date per row (null if all are null)."""
    m = pl.max_horizontal(*[pl.col(d) if isinstance(d, str) else d for d in dates], _FAR_PAST)
    return pl.when(m == _FAR_PAST).then(None).otherwise(m)
