#!/usr/bin/env bash
# The README's test command: a fresh virtual environment with the package and its test
# dependencies, ruff (lint and format check), then the whole test suite (slow tests included).
set -euo pipefail
cd "$(dirname "$0")/.."
# the `kg viz` browser tests drive Debian's own Chromium (never a downloaded browser): installed
# when missing and running as root, and nothing else; skipped with the reason when that cannot be
source scripts/browser.sh
ensure_browser
python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -e '.[test]'
# lint and formatting first: a finding fails the script (set -e) before the tests run
.venv/bin/ruff check .
.venv/bin/ruff format --check .
exec .venv/bin/python -m pytest -q "$@"
