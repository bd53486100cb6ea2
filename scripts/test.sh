#!/usr/bin/env bash
# Install everything the tests need, then run every test (unit, golden, build and browser).
# Usage: bash scripts/test.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install --quiet --disable-pip-version-check -e '.[test]'
if [ "${NHS_EXPLAINER_SKIP_BROWSER:-}" != "1" ]; then
  bash scripts/install-browser.sh
fi
export NO_MKDOCS_2_WARNING=1
# Two or more processes (pytest-xdist); tests of one module stay on one worker, so its fixtures
# (the browser visits, the property tests' renders) are made once. The built site is shared.
python -m pytest -n auto --dist loadscope "$@"
