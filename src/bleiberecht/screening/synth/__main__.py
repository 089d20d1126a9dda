"""``python -m bleiberecht.screening.synth``: write a synthetic caseload, time it, check the targets."""

from __future__ import annotations

import argparse
import time
from datetime import date

from bleiberecht.screening.synth import DEFAULT_AS_OF, generate_cases, write_jsonl
from bleiberecht.screening.synth.measure import compare, measure, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bleiberecht.screening.synth", description=__doc__)
    parser.add_argument("--persons", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--as-of", type=date.fromisoformat, default=DEFAULT_AS_OF)
    parser.add_argument("--land", default="SN")
    parser.add_argument("--out", help="write JSON Lines here (one case per line)")
    parser.add_argument("--report", action="store_true", help="compare with the calibration targets")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    cases = list(generate_cases(args.persons, args.seed, as_of=args.as_of, land=args.land))
    generated = time.perf_counter() - started
    print(f"{args.persons} persons in {len(cases)} cases generated in {generated:.2f} s")
    if args.out:
        started = time.perf_counter()
        write_jsonl(cases, args.out)
        print(f"written to {args.out} in {time.perf_counter() - started:.2f} s")
    if args.report:
        rows = compare(measure(cases))
        report(rows)
        return 0 if all(ok for *_, ok in rows) else 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
