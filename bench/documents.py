"""Time to render documents: the example family's dossier (PDF, DOCX) and outreach letters (PDF, ZIP of DOCX).

Usage (from the repository root)::

    .venv/bin/python bench/documents.py [--runs N] [--letters N]

Prints the median and maximum per document over ``--runs`` runs (after one warm-up that loads fonts and
templates) and the load average, since the machine may be shared. A measurement, not a test; it sizes the
web's per-request cap on letters (`BLEIBERECHT_LETTERS_MAX`, default 30) against the server's worker timeout.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import statistics
import time
from collections.abc import Callable
from datetime import date
from typing import Any

REPO = pathlib.Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "family-25b.json"


def timed(fn: Callable[[], Any], runs: int) -> tuple[float, float, float, Any]:
    """Median and maximum wall time and median CPU time of this process (less disturbed by a busy machine)."""
    fn()  # warm-up: fonts, templates, imports
    wall, cpu = [], []
    out = None
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        out = fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), max(wall), statistics.median(cpu), out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--letters", type=int, default=50)
    args = parser.parse_args()

    from bleiberecht.documents import build_dossier, build_letters
    from bleiberecht.documents import docx as docx_out
    from bleiberecht.documents import pdf as pdf_out
    from bleiberecht.law.engine import evaluate_cases
    from bleiberecht.law.norms import ALL_NORMS
    from bleiberecht.law.result import build_results

    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    [result] = build_results(evaluate_cases([doc]), lang="de")
    dossier = build_dossier(doc, result, lang="de", organisation="Bench", created_on=date.today())
    # Letters for every path in turn (long and short evidence lists), all green.
    rows = [
        {
            "case_id": f"AZ-{i}",
            "person_id": "p1",
            "name": f"Person {i}",
            "traffic_light": "green",
            "best_path_key": ALL_NORMS[i % len(ALL_NORMS)].key,
            "best_outcome": "eligible",
        }
        for i in range(args.letters)
    ]
    letters = build_letters(rows, lang="de", organisation="Bench", created_on=date.today())

    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}, cores: {os.cpu_count()}")
    cases: list[tuple[str, Callable[[], Any]]] = [
        ("dossier PDF (example family)", lambda: pdf_out.dossier_pdf(dossier)),
        ("dossier DOCX (example family)", lambda: docx_out.dossier_docx(dossier)),
        (
            f"letters PDF ({len(letters)} letters)",
            lambda: pdf_out.letters_pdf(letters, lang="de", organisation="B"),
        ),
        (f"letters ZIP ({len(letters)} DOCX)", lambda: docx_out.letters_zip(letters)),
    ]
    for name, fn in cases:
        median, worst, cpu, out = timed(fn, args.runs)
        print(
            f"{name:32} wall median {median:6.2f} s  max {worst:6.2f} s  CPU median {cpu:6.2f} s"
            f"  size {len(out) / 1024:6.0f} KB"
        )
    pages = len(pdf_out.layout(pdf_out.dossier_html(dossier)).pages)
    print(f"dossier pages: {pages}")
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
