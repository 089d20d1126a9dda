"""Load ``calibration.yaml``: targets a synthetic caseload must meet and the model parameters behind them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True, slots=True)
class Target:
    """A person-level share the generated caseload must reproduce (see ``measure``)."""

    name: str
    value: float | dict[str, float]
    tolerance: float | dict[str, float]
    measure: str
    source: str
    status: str

    def tolerance_for(self, key: str | None = None) -> float:
        if isinstance(self.tolerance, dict):
            if key is None:
                raise ValueError(f"target {self.name}: tolerance is per key")
            return self.tolerance[key]
        return self.tolerance


@dataclass(frozen=True, slots=True)
class Calibration:
    targets: dict[str, Target]
    model: dict[str, Any]
    law: dict[str, Any]

    def nationality_mix(self, profile: str) -> dict[str, float]:
        mix: dict[str, float] = self.model["nationality_mix"][profile]["value"]
        return mix

    def law_date(self, name: str) -> date:
        return date.fromisoformat(self.law[name]["value"])

    def law_value(self, name: str) -> Any:
        return self.law[name]["value"]


@cache
def load_calibration() -> Calibration:
    text = resources.files("bleiberecht.screening").joinpath("calibration.yaml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    targets = {
        name: Target(
            name=name,
            value=spec["value"],
            tolerance=spec["tolerance"],
            measure=spec["measure"],
            source=spec["source"],
            status=spec["status"],
        )
        for name, spec in raw["targets"].items()
    }
    model = raw["model"]
    # nationality_mix is nested one level deeper (per profile)
    for name, spec in model.items():
        if "value" not in spec and name != "nationality_mix":
            raise ValueError(f"calibration.yaml: model.{name} has no value")
    return Calibration(targets=targets, model=model, law=raw["law"])
