"""Screening of whole caseloads; synthetic caseloads for demos, tests and benchmarks."""

from bleiberecht.screening.synth import generate_cases, persons_count, write_jsonl

__all__ = ["generate_cases", "persons_count", "write_jsonl"]
