#!/usr/bin/env bash
# The README's test command: a fresh virtual environment with the package and its test
# dependencies, ruff (lint and format check), then the whole test suite (slow tests included).
set -euo pipefail
cd "$(dirname "$0")/.."
# the `kg viz` browser tests drive Debian's own Chromium (never a downloaded browser)
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
    else
        echo "scripts/test.sh: /usr/bin/chromium or /usr/bin/chromedriver is missing and this is not root;" \
             "run 'sudo apt-get install chromium chromium-driver', or the browser tests will be skipped" >&2
    fi
fi
python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -e '.[test]'
# lint and formatting first: a finding fails the script (set -e) before the tests run
.venv/bin/ruff check .
.venv/bin/ruff format --check .
exec .venv/bin/python -m pytest -q "$@"
