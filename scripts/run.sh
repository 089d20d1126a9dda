#!/usr/bin/env bash
# Sets up the locked environment and runs the product on its embedded default with demo data:
# checks the example family and prints the result in German.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v uv >/dev/null 2>&1 || python3 -m pip install --quiet "uv>=0.5"
uv sync --frozen --quiet
uv run bleiberecht check examples/family-25b.json "$@"
