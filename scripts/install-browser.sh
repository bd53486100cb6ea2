#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests (never `playwright install`: no downloads
# beyond the package registries). Does nothing when Chromium is already there.
# Without recommended packages (they bring a print system and a network discovery daemon); the one
# recommendation the tests need is a font with Latin metrics, so pages render text as readers see it.
set -euo pipefail
CHROMIUM="${NHS_EXPLAINER_CHROMIUM:-/usr/bin/chromium}"
PACKAGES=(chromium fonts-liberation)
if [ -x "$CHROMIUM" ] || command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}"
elif command -v sudo >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  sudo apt-get update -qq
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}"
else
  echo "Chromium is needed for the browser tests and could not be installed here." >&2
  echo "Install it (Debian/Ubuntu: apt-get install chromium), or set NHS_EXPLAINER_CHROMIUM" >&2
  echo "to its path, or skip the browser tests with NHS_EXPLAINER_SKIP_BROWSER=1." >&2
  exit 1
fi
