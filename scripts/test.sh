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
python -m pytest "$@"
