#!/usr/bin/env bash
# Regenerate the README's sample outputs by running the commands (cog; scripts/readme_samples.py).
# tests/test_readme.py fails when README.md differs from what this would write.
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python -m cogapp -r -I scripts README.md
