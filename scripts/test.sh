#!/usr/bin/env bash
# Sets up the locked environment and runs every check: lint, format, types, all tests.
# This is the README's test command; CI (.ci/run) calls exactly this script.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v uv >/dev/null 2>&1 || python3 -m pip install --quiet "uv>=0.5"
uv sync --frozen --quiet

echo "== ruff (lint + format)"
uv run ruff check .
uv run ruff format --check .
echo "== mypy --strict (law, casefile)"
uv run mypy
echo "== pytest"
uv run pytest -p no:cacheprovider "$@"
