"""Dated parameters: every threshold, cut-off date and list the law uses, with its history.

Each parameter lives in a YAML file under ``law/params/`` with its citation, source, confidence label,
``last_verified`` date, an optional "to verify" note, and a list of values each valid from a date.
Rule code never contains a bare legal number or date; it asks for the value in force on the decision
date (``as_of``), row by row, so one batch may mix decision dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import polars as pl
import yaml

from .calendar import fulfilled_on_expr

UNITS = {
    "years",
    "months",
    "days",
    "hours",
    "eur",
    "percent",
    "date",
    "bool",
    "count",
    "list",
    "table",
    "text",
}
CONFIDENCE = {"CONFIRMED-STATUTE", "CONFIRMED-SECONDARY", "GUIDANCE", "CASE-LAW", "UNCERTAIN", "PRODUCT"}


class ParameterError(ValueError):
    """A parameter file is malformed or a parameter is asked for on a date it does not cover."""


@dataclass(frozen=True)
class ParamValue:
    valid_from: date
    value: Any
    source: str


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    citation: str
    unit: str
    confidence: str
    last_verified: date
    verify: str | None
    values: tuple[ParamValue, ...]
    file: str

    def value_on(self, on: date) -> Any:
        current = [v for v in self.values if v.valid_from <= on]
        if not current:
            raise ParameterError(f"{self.name}: no value in force on {on.isoformat()}")
        return current[-1].value

    def expr(self, on: pl.Expr) -> pl.Expr:
        """The value in force on each row's date ``on`` (null before the first ``valid_from``)."""
        if self.unit in {"table", "list"}:
            raise ParameterError(f"{self.name}: unit {self.unit} has no column form; use value_on()")
        chain: Any = pl
        for v in reversed(self.values):
            chain = chain.when(on >= pl.lit(v.valid_from)).then(pl.lit(v.value))
        result: pl.Expr = chain.otherwise(None)
        return result


def _as_date(raw: Any, where: str) -> date:
    if isinstance(raw, date):
        return raw
    try:
        return date.fromisoformat(str(raw))
    except ValueError as exc:
        raise ParameterError(f"{where}: not a date: {raw!r}") from exc


def _parse(name: str, raw: Any, file: str) -> Parameter:
    where = f"{file}: {name}"
    if not isinstance(raw, dict):
        raise ParameterError(f"{where}: expected a mapping")
    missing = {"description", "citation", "unit", "confidence", "last_verified", "values"} - raw.keys()
    if missing:
        raise ParameterError(f"{where}: missing {sorted(missing)}")
    unit = str(raw["unit"])
    if unit not in UNITS:
        raise ParameterError(f"{where}: unknown unit {unit!r}")
    if raw["confidence"] not in CONFIDENCE:
        raise ParameterError(f"{where}: unknown confidence label {raw['confidence']!r}")
    values: list[ParamValue] = []
    for i, item in enumerate(raw["values"]):
        if not isinstance(item, dict) or not {"valid_from", "value", "source"} <= item.keys():
            raise ParameterError(f"{where}: values[{i}] needs valid_from, value and source")
        value = item["value"]
        if unit == "date" and value is not None:
            value = _as_date(value, f"{where}: values[{i}].value")
        values.append(ParamValue(_as_date(item["valid_from"], where), value, str(item["source"])))
    if not values:
        raise ParameterError(f"{where}: no values")
    if [v.valid_from for v in values] != sorted(v.valid_from for v in values):
        raise ParameterError(f"{where}: values must be in valid_from order")
    return Parameter(
        name=name,
        description=str(raw["description"]),
        citation=str(raw["citation"]),
        unit=unit,
        confidence=str(raw["confidence"]),
        last_verified=_as_date(raw["last_verified"], where),
        verify=str(raw["verify"]) if raw.get("verify") else None,
        values=tuple(values),
        file=file,
    )


class Params:
    """All parameters, by dotted name (``aufenthg_25b.years``)."""

    def __init__(self, parameters: dict[str, Parameter]) -> None:
        self._p = parameters

    def __getitem__(self, name: str) -> Parameter:
        try:
            return self._p[name]
        except KeyError:
            raise ParameterError(f"unknown parameter {name!r}") from None

    def __iter__(self) -> Any:
        return iter(sorted(self._p.values(), key=lambda p: p.name))

    def __len__(self) -> int:
        return len(self._p)

    def expr(self, name: str) -> pl.Expr:
        """Column expression: the value in force on each row's ``as_of``."""
        return self[name].expr(pl.col("as_of"))

    def fulfilled_after(self, start: pl.Expr, name: str, *, before: bool = False) -> pl.Expr:
        """Day on which a period of the length given by parameter ``name`` (unit years or months), beginning on
        ``start``, is fulfilled (§§ 187 Abs. 2, 188 BGB); ``before`` counts backwards (for early alerts).

        One fast constant-offset branch per distinct value of the parameter, chosen by each row's ``as_of``.
        """
        param = self[name]
        factor = {"years": 12, "months": 1}.get(param.unit)
        if factor is None:
            raise ParameterError(f"{name}: unit {param.unit} is not a period length")
        chain: Any = pl
        for value in sorted({v.value for v in param.values}):
            months = -value * factor if before else value * factor
            chain = chain.when(self.expr(name) == value).then(fulfilled_on_expr(start, months=months))
        result: pl.Expr = chain.otherwise(None)
        return result

    def value(self, name: str, on: date) -> Any:
        return self[name].value_on(on)

    @property
    def last_verified(self) -> date:
        return min(p.last_verified for p in self._p.values())


@cache
def load_params() -> Params:
    """Load every ``*.yaml`` under ``law/params`` (cached: parameters are immutable at run time)."""
    found: dict[str, Parameter] = {}
    folder = resources.files("bleiberecht.law") / "params"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        data = yaml.safe_load(entry.read_text(encoding="utf-8")) or {}
        for name, raw in data.items():
            if name in found:
                raise ParameterError(f"{entry.name}: {name} is also defined in {found[name].file}")
            found[name] = _parse(name, raw, entry.name)
    return Params(found)
