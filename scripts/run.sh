#!/usr/bin/env bash
# Sets up the locked environment and runs the product on its embedded default with demo data:
# the web application (SQLite in ./data, demo organisations, logins and cases), served by gunicorn, with the
# background worker that screens uploaded caseloads (both stop together with Ctrl+C; --no-worker leaves it out).
# Prints the address and the demo logins. Options are passed on: --port 8080, --host 0.0.0.0, --data DIR.
# DATABASE_URL=postgres://… switches to PostgreSQL. The command line still works: uv run bleiberecht check FILE.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v uv >/dev/null 2>&1 || python3 -m pip install --quiet "uv>=0.5"
uv sync --frozen --quiet
exec uv run bleiberecht serve "$@"
