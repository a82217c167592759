#!/usr/bin/env bash
# The README's test command: a fresh virtual environment with the package and its test
# dependencies, then the whole test suite (slow tests included).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -e '.[test]'
exec .venv/bin/python -m pytest -q "$@"
