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
# Two or more processes (pytest-xdist). Tests run in groups, one worker a group: a module by default, so
# its fixtures (the property tests' renders) are made once, and one group for each browser view
# (tests/browser/conftest.py), so the four views' visits are spread over the workers. The built site is shared.
python -m pytest -n auto --dist loadgroup "$@"
