"""Case documents as a nested Polars frame -> fact tables, without one Python object per person.

The frame has one row per case in the nested layout of case v1 (columns ``id``, ``as_of``, ``land``,
``persons`` as list<struct>, ``households`` as list<struct>), as nested Parquet or ``pl.read_ndjson`` give it.
The result is the same `FactTables` that `build_fact_tables` builds from the equivalent dicts, row for row:
the persons are the exploded ``persons`` lists, each value is a struct field, each list fact an exploded list.

The rule of unknowns is the same: a null value or a null object on the way gives null; ``known__<list>`` is
False for a null list and True for a present one (even empty). A column or struct field the frame does not
have at all (a file whose cases never use it) is unknown everywhere: a null column of the fact's type.
"""

from __future__ import annotations

from datetime import date

import polars as pl
from polars.datatypes import DataTypeClass

from .facts import LIST_FACTS, PERSON_SCALARS, FactTables

DataType = pl.DataType | DataTypeClass | type[pl.DataType]
DATE_FORMAT = "%Y-%m-%d"  # as `build_fact_tables`


class _Value:
    """An expression with the type it has in the frame (``None``: the frame lacks it, so it is null)."""

    def __init__(self, expr: pl.Expr | None, dtype: DataType | None) -> None:
        self.expr = expr
        self.dtype = dtype

    def field(self, key: str) -> _Value:
        if self.expr is None or not isinstance(self.dtype, pl.Struct):
            return _Value(None, None)
        for f in self.dtype.fields:
            if f.name == key:
                return _Value(self.expr.struct.field(key), f.dtype)
        return _Value(None, None)

    def path(self, keys: tuple[str, ...]) -> _Value:
        value = self
        for key in keys:
            value = value.field(key)
        return value

    def is_list(self) -> bool:
        return self.expr is not None and isinstance(self.dtype, pl.List)

    def inner(self) -> DataType | None:
        return self.dtype.inner if isinstance(self.dtype, pl.List) else None

    def as_(self, target: DataType, name: str) -> pl.Expr:
        """The value as the fact's type; dates as text (parsed afterwards, all at once)."""
        raw = pl.Utf8 if target == pl.Date else target
        if self.expr is None or self.dtype is None or self.dtype == pl.Null:
            return pl.lit(None, dtype=raw).alias(name)
        if self.dtype == raw:
            return self.expr.alias(name)
        return self.expr.cast(raw).alias(name)  # e.g. an integer column for a number fact


def _column(frame: pl.DataFrame, name: str) -> _Value:
    if name not in frame.columns:
        return _Value(None, None)
    return _Value(pl.col(name), frame.schema[name])


def _parse_dates(df: pl.DataFrame, types: dict[str, DataType]) -> pl.DataFrame:
    dates = [pl.col(k).str.to_date(DATE_FORMAT) for k, t in types.items() if t == pl.Date]
    return df.with_columns(dates) if dates else df


def _non_empty(value: _Value) -> pl.Expr:
    assert value.expr is not None
    return value.expr.list.len().fill_null(0) > 0


def build_fact_tables_columnar(frame: pl.DataFrame, *, default_as_of: date | None = None) -> FactTables:
    """Flatten a frame of validated case documents into fact tables (see the module docstring).

    ``as_of`` of each case defaults to ``default_as_of`` (today without it), as in `build_fact_tables`.
    """
    default = (default_as_of or date.today()).isoformat()
    as_of = _column(frame, "as_of").as_(pl.Utf8, "as_of")
    cases = frame.select(
        pl.int_range(pl.len(), dtype=pl.Int64).alias("case_idx"),
        _column(frame, "id").as_(pl.Utf8, "case_id"),
        pl.when(as_of.is_null() | (as_of == "")).then(pl.lit(default)).otherwise(as_of).alias("as_of"),
        _column(frame, "land").as_(pl.Utf8, "land"),
        _households_known(frame),
        _persons_column(frame),
    )
    households, member_household = _households(frame)
    people = (
        cases.filter(_non_empty(_column(cases, "persons")))
        .select("case_idx", "case_id", "as_of", "land", "households_known", "persons")
        .explode("persons", empty_as_null=False)
        .with_columns(pl.int_range(pl.len(), dtype=pl.Int64).alias("pk"))
    )
    person = _Value(pl.col("persons"), _inner(cases.schema["persons"]))
    people = people.with_columns(person.field("id").as_(pl.Utf8, "__person_id")).join(
        member_household,
        left_on=["case_idx", "__person_id"],
        right_on=["case_idx", "member"],
        how="left",
        maintain_order="left",
    )
    p_types: dict[str, DataType] = {
        "pk": pl.Int64,
        "case_idx": pl.Int64,
        "case_id": pl.Utf8,
        "as_of": pl.Date,
        "land": pl.Utf8,
        "parent_ids": pl.List(pl.Utf8),
        "household_idx": pl.Int64,
        "households_known": pl.Boolean,
        **{name: dtype for name, _, dtype in PERSON_SCALARS},
        **{f"known__{name}": pl.Boolean for name in LIST_FACTS},
    }
    columns: list[pl.Expr] = [
        pl.col("pk"),
        pl.col("case_idx"),
        pl.col("case_id"),
        pl.col("as_of"),
        pl.col("land"),
        person.field("parent_ids").as_(pl.List(pl.Utf8), "parent_ids"),
        pl.col("household_idx"),
        pl.col("households_known"),
        *(person.path(path).as_(dtype, name) for name, path, dtype in PERSON_SCALARS),
    ]
    for name, (path, _) in LIST_FACTS.items():
        value = person.path(path)
        known = value.expr.is_not_null() if value.expr is not None else pl.lit(False)
        columns.append(known.alias(f"known__{name}"))
    persons_df = _parse_dates(people.select(columns), p_types)
    lists = {name: _list_table(people, person, name) for name in LIST_FACTS}
    return FactTables(persons=persons_df, lists=lists, households=households)


def _inner(dtype: DataType) -> DataType | None:
    return dtype.inner if isinstance(dtype, pl.List) else None


def _persons_column(frame: pl.DataFrame) -> pl.Expr:
    value = _column(frame, "persons")
    if not value.is_list():
        raise ValueError("case frame without a list column 'persons'")
    assert value.expr is not None
    return value.expr.alias("persons")


def _households_known(frame: pl.DataFrame) -> pl.Expr:
    value = _column(frame, "households")
    known = value.expr.is_not_null() if value.expr is not None else pl.lit(False)
    return known.alias("households_known")


_NO_MEMBERS = {"case_idx": pl.Int64, "member": pl.Utf8, "household_idx": pl.Int64}
_NO_HOUSEHOLDS = {
    "household_idx": pl.Int64,
    "case_idx": pl.Int64,
    "monthly_need_eur": pl.Float64,
    "monthly_public_benefits_eur": pl.Float64,
}


def _households(frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The households table, and (case, member) -> the first household of the case that lists the member."""
    value = _column(frame, "households")
    if not value.is_list():
        return pl.DataFrame(schema=_NO_HOUSEHOLDS), pl.DataFrame(schema=_NO_MEMBERS)
    assert value.expr is not None
    rows = (
        frame.select(pl.int_range(pl.len(), dtype=pl.Int64).alias("case_idx"), value.expr.alias("households"))
        .filter(pl.col("households").list.len().fill_null(0) > 0)
        .explode("households", empty_as_null=False)
        .with_columns(pl.int_range(pl.len(), dtype=pl.Int64).alias("household_idx"))
    )
    h = _Value(pl.col("households"), value.inner())
    households = rows.select(
        "household_idx",
        "case_idx",
        h.field("monthly_need_eur").as_(pl.Float64, "monthly_need_eur"),
        h.field("monthly_public_benefits_eur").as_(pl.Float64, "monthly_public_benefits_eur"),
    )
    members = h.field("members")
    if not members.is_list():
        return households, pl.DataFrame(schema=_NO_MEMBERS)
    member_household = (
        rows.select("case_idx", members.as_(pl.List(pl.Utf8), "member"), "household_idx")
        .explode("member", empty_as_null=False)
        .drop_nulls("member")
        .unique(subset=["case_idx", "member"], keep="first", maintain_order=True)
    )
    return households, member_household


def _list_table(people: pl.DataFrame, person: _Value, name: str) -> pl.DataFrame:
    path, cols = LIST_FACTS[name]
    types: dict[str, DataType] = {"pk": pl.Int64, **{col: dtype for col, _, dtype in cols}}
    value = person.path(path)
    if not value.is_list():
        empty = pl.DataFrame(schema={k: (pl.Utf8 if t == pl.Date else t) for k, t in types.items()})
        return _parse_dates(empty, types)
    assert value.expr is not None
    entries = (
        people.select("pk", value.expr.alias("__entry"))
        .filter(pl.col("__entry").list.len().fill_null(0) > 0)
        .explode("__entry", empty_as_null=False)
    )
    entry = _Value(pl.col("__entry"), value.inner())
    return _parse_dates(
        entries.select(pl.col("pk"), *(entry.field(key).as_(dtype, col) for col, key, dtype in cols)), types
    )


def person_names(frame: pl.DataFrame) -> pl.Series:
    """The ``name`` of every person, in the order of the fact tables' ``pk`` (null where not given)."""
    value = _column(frame, "persons")
    if not value.is_list():
        return pl.Series("name", [], dtype=pl.Utf8)
    assert value.expr is not None
    person = _Value(pl.col("persons"), value.inner())
    return (
        frame.select(value.expr.alias("persons"))
        .filter(pl.col("persons").list.len().fill_null(0) > 0)
        .explode("persons", empty_as_null=False)
        .select(person.field("name").as_(pl.Utf8, "name"))
        .to_series()
    )
