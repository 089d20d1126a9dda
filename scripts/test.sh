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
# The web application's tests once more against PostgreSQL (SQLite ran above), when a server is reachable.
PG_URL="${WEB_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"
if uv run python -c "import sys, psycopg; psycopg.connect(sys.argv[1], connect_timeout=3).close()" "$PG_URL" 2>/dev/null; then
  echo "== pytest tests/web on PostgreSQL ($PG_URL)"
  DATABASE_URL="$PG_URL" uv run pytest -p no:cacheprovider tests/web
else
  echo "== pytest tests/web on PostgreSQL: SKIPPED (no server at $PG_URL)"
fi
