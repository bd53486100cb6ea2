"""Shared fixtures: the project root, the real data, and one strict build of the real site."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = ROOT.parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from current output")


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under `--dist loadgroup` (scripts/test.sh) a test runs on one worker with the rest of its module, so
    module fixtures are made once, unless it names a group of its own (the browser views do)."""
    for item in items:
        if item.get_closest_marker("xdist_group") is None and isinstance(item, pytest.Function):
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))
    # Groups go to the workers in this order. The property tests are the longest stretch that needs no
    # built site: first, so one worker runs them while another builds the site for the browser views.
    items.sort(key=lambda item: item.path.name != "test_properties.py")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:  # worker_id: from pytest-xdist
    """The real site, built once per run with `mkdocs build --strict` into a temporary folder.

    Under pytest-xdist every worker asks for it: the first builds it into the run's shared temporary
    folder while holding a lock, and the others wait for that build instead of making their own.
    """
    if worker_id == "master":
        return _build_site(tmp_path_factory.mktemp("site"))
    shared = tmp_path_factory.getbasetemp().parent
    with (shared / "site.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        site_dir, built = shared / "site", shared / "site.built"
        if not built.is_file():  # a failed build leaves no mark, so each worker reports the failure
            _build_site(site_dir)
            built.touch()
    return site_dir


def _build_site(site_dir: Path) -> Path:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    return site_dir


def run_generator(*arguments: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run `python -m generator` as a contributor would, capturing its output."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *arguments], cwd=cwd, capture_output=True, text=True, timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


DEFAULT_CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's Chromium (never downloaded), for the browser suite and the Mermaid property checks."""
    if os.environ.get("NHS_EXPLAINER_SKIP_BROWSER") == "1":
        pytest.skip("browser tests skipped: NHS_EXPLAINER_SKIP_BROWSER=1")
    chosen = os.environ.get("NHS_EXPLAINER_CHROMIUM")
    wanted = chosen or DEFAULT_CHROMIUM
    # As scripts/install-browser.sh accepts it: the chosen binary, else Debian's path, else `chromium` on PATH.
    found = wanted if os.access(wanted, os.X_OK) else shutil.which(wanted) or (None if chosen else shutil.which("chromium"))
    if found is None:
        pytest.fail(
            f"Chromium not found at {wanted!r}. Install it with `bash scripts/install-browser.sh` "
            "(Debian/Ubuntu: `apt-get install chromium`), or set NHS_EXPLAINER_CHROMIUM to its path. "
            "To skip the browser tests instead, set NHS_EXPLAINER_SKIP_BROWSER=1.",
            pytrace=False,
        )
    return found


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Any]:
    """The one Playwright driver of the run: its sync API allows only one per thread at a time."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say which pages the browser visited (a sample: see tests/browser/conftest.py), so a run can be replayed."""
    for report in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", []):
        for name, value in getattr(report, "user_properties", []):
            if name == "browser_pages" and report.when == "call":
                terminalreporter.write_line(f"Browser visited {value}")
