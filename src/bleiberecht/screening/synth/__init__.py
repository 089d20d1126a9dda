"""Synthetic caseloads: realistic, schema-valid ``bleiberecht.case/1`` documents for demos, tests, benchmarks.

Real personal data never enter the repository. This generator draws households of people with a Duldung whose
shares (age, nationality, years in Germany, Duldung kinds, work, identity, record …) follow the calibration in
``bleiberecht/screening/calibration.yaml`` (sources: the research dossier on Geduldete, see
docs/synthetic-caseloads.md). Output is deterministic for (persons, seed, as_of, land).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path
from random import Random
from typing import Any

from bleiberecht.screening.synth.context import make_context
from bleiberecht.screening.synth.generator import build_case

DEFAULT_AS_OF = date(2026, 11, 25)


def generate_cases(
    persons: int, seed: int, *, as_of: date = DEFAULT_AS_OF, land: str = "SN"
) -> Iterator[dict[str, Any]]:
    """Yield case documents (one household each, ids ``SYN-<seed>-000001`` …) until ``persons`` persons.

    The stream for a smaller ``persons`` is a prefix of the stream for a larger one, except that its last case
    may be cut short to hit the count.
    """
    if persons < 0:
        raise ValueError("persons must be >= 0")
    ctx = make_context(as_of, land)
    rng = Random(seed)
    made = 0
    number = 0
    while made < persons:
        number += 1
        case = build_case(rng, ctx, f"SYN-{seed}-{number:06d}", persons - made, seed)
        made += len(case["persons"])
        yield case


def persons_count(case: Mapping[str, Any]) -> int:
    """Number of persons in a case document."""
    return len(case["persons"])


def write_jsonl(cases: Iterable[Mapping[str, Any]], path: str | Path) -> int:
    """Write one compact JSON document per line (UTF-8); returns the number of cases written."""
    n = 0
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for case in cases:
            fh.write(json.dumps(case, ensure_ascii=False, separators=(",", ":")))
            fh.write("\n")
            n += 1
    return n


__all__ = ["DEFAULT_AS_OF", "generate_cases", "persons_count", "write_jsonl"]
