"""Browser fixtures: Debian's Chromium driven by Playwright, the built site served on 127.0.0.1.

Chromium is never downloaded (`playwright install` is not used): install it with
`bash scripts/install-browser.sh`, point NHS_EXPLAINER_CHROMIUM at another binary, or skip these
tests with NHS_EXPLAINER_SKIP_BROWSER=1 (CI never sets it).
"""

from __future__ import annotations

import functools
import os
import random
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from generator.model import Model
from tests.browser.site_visit import (
    OPEN_SHADOW_ROOTS,
    Traffic,
    Visit,
    axe_script,
    site_pages,
    visit,
)
from tests.conftest import ROOT

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
PHONE_OPTIONS: dict[str, Any] = {"viewport": PHONE, "has_touch": True, "is_mobile": True}
# Pages visited besides the first of each kind (see browser_sample).
DEFAULT_SAMPLE = 8


@pytest.fixture(scope="session")
def model() -> Model:
    """The data the built site was made from (loaded alongside the build)."""
    from generator.validate import build_model

    return build_model(ROOT / "data")


@pytest.fixture(scope="session")
def site(model: Model, built_site: Path) -> Path:
    """The built site. Depends on `model` so the data is read as close to the build as possible."""
    return built_site


class _QuietHandler(SimpleHTTPRequestHandler):
    # Headers and body go out in separate writes: without this, Nagle's algorithm meets the
    # browser's delayed ACK and every file takes ~200 ms.
    disable_nagle_algorithm = True
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def origin(site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 by a threaded http.server; yields e.g. http://127.0.0.1:4321."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def pages(site: Path) -> list[str]:
    found = site_pages(site)
    assert "" in found, "the built site has no home page"
    return found


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright, chromium_path: str) -> Iterator[Browser]:
    browser = playwright_instance.chromium.launch(executable_path=chromium_path)
    yield browser
    browser.close()


class Session:
    """A browser context on the served site: shadow roots forced open, other origins blocked."""

    def __init__(self, browser: Browser, origin: str, site: Path, **options: Any) -> None:
        self.origin = origin
        self.site = site
        self.traffic = Traffic(origin)
        self.context: BrowserContext = browser.new_context(**options)
        self.context.add_init_script(OPEN_SHADOW_ROOTS)
        self.traffic.attach(self.context)
        # One tab for every visit: each page is still a fresh document, and the tab keeps its renderer
        # process, where a new tab a visit would start one each time (half the CPU of a browser view).
        self._tab: Page | None = None

    def visit(
        self, path: str, *, axe: str | None = None, colours_only: bool = False, settle_ms: int = 15_000,
        idle: bool = True,
    ) -> Visit:
        if self._tab is None or self._tab.is_closed():
            self._tab = self.context.new_page()
        return visit(
            self._tab, self.origin, self.site, path, self.traffic,
            axe=axe, colours_only=colours_only, settle_ms=settle_ms, idle=idle,
        )

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def session_factory(browser: Browser, origin: str, site: Path) -> Iterator[Callable[..., Session]]:
    """Make contexts for one test; closed when it ends."""
    sessions: list[Session] = []

    def make(**options: Any) -> Session:
        sessions.append(Session(browser, origin, site, **options))
        return sessions[-1]

    yield make
    for session in sessions:
        session.close()


def visit_all(
    chromium: str, origin: str, site: Path, pages: list[str], *, axe: str | None, idle: bool = True, **options: Any
) -> dict[str, Visit]:
    """Visit pages spread over worker threads, each with its own Chromium, context and tab, for speed.

    Playwright's sync API is bound to the thread that started it, so every worker starts its own.
    """
    script = axe_script() if axe else None
    workers = max(1, min(len(pages), os.cpu_count() or 1, 4))
    chunks = [pages[index::workers] for index in range(workers)]

    def work(chunk: list[str]) -> dict[str, Visit]:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium)
            session = Session(browser, origin, site, **options)
            try:
                return {page: session.visit(page, axe=script, colours_only=axe == "colours", idle=idle) for page in chunk}
            finally:
                session.close()
                browser.close()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(work, chunks))
    return {page: visits[page] for page in pages for visits in results if page in visits}


def page_kind(page: str) -> str:
    """What kind of page a site path is: 'home', 'glossary', 'structures' (the index), 'structures/*' (one era)..."""
    if page in ("", "404.html"):
        return {"": "home", "404.html": "404"}[page]
    parts = page.strip("/").split("/")
    return parts[0] if len(parts) == 1 else f"{parts[0]}/*"


def browser_sample(pages: list[str], seed: str, size: int | None) -> list[str]:
    """The first page of every kind, plus `size` of the others chosen by `seed` (None: every page).

    Why a sample: each page of a kind is made by the same renderer from different data, and the
    HTML-level tests (tests/test_site.py) read every page. The seed changes daily, so over days the
    browser sees every page, and a failure names its seed so it can be replayed.
    """
    if size is None:
        return list(pages)
    first_of_kind = {}
    for page in pages:
        first_of_kind.setdefault(page_kind(page), page)
    rest = [page for page in pages if page not in first_of_kind.values()]
    chosen = set(first_of_kind.values()) | set(random.Random(seed).sample(rest, min(size, len(rest))))
    return [page for page in pages if page in chosen]


@pytest.fixture(scope="session")
def sample_seed() -> str:
    """NHS_EXPLAINER_BROWSER_SEED, else today's date (UTC): every worker and every run that day agree."""
    return os.environ.get("NHS_EXPLAINER_BROWSER_SEED") or datetime.now(UTC).date().isoformat()


@pytest.fixture(scope="session")
def visited(pages: list[str], sample_seed: str) -> list[str]:
    """The pages the browser visits: every kind and a rotating sample (NHS_EXPLAINER_BROWSER_SAMPLE=all for all)."""
    wanted = os.environ.get("NHS_EXPLAINER_BROWSER_SAMPLE", str(DEFAULT_SAMPLE))
    return browser_sample(pages, sample_seed, None if wanted == "all" else int(wanted))


# The views the browser suite takes of each visited page: name → how to visit. Axe-core runs at desktop
# width: every WCAG 2.2 A and AA rule in the light palette, and in the dark palette the rules that
# colours decide (the document is the same). The 375 px views check layout, diagrams
# and traffic.
VIEWS: dict[str, dict[str, Any]] = {
    "light-1280": {"axe": "all", "viewport": DESKTOP, "color_scheme": "light"},
    "light-375": {"axe": None, "idle": False, **PHONE_OPTIONS, "color_scheme": "light"},
    "dark-1280": {"axe": "colours", "viewport": DESKTOP, "color_scheme": "dark"},
    "dark-375": {"axe": None, "idle": False, **PHONE_OPTIONS, "color_scheme": "dark"},
}


def view_params(wanted: Callable[[dict[str, Any]], bool] = lambda options: True) -> list[Any]:
    """The views as test parameters. Each view's tests form one pytest-xdist group, so one worker makes its
    visits and the four views are spread over the workers (scripts/test.sh runs `--dist loadgroup`)."""
    return [
        pytest.param(view, id=view, marks=pytest.mark.xdist_group(f"browser-{view}"))
        for view, options in VIEWS.items()
        if wanted(options)
    ]


@pytest.fixture(scope="session", params=view_params())
def view(request: pytest.FixtureRequest) -> str:
    return str(request.param)


# Visits made in this worker, by view and origin: a test may pick its views with its own parametrize,
# and that must not make the same visits again.
_visits_made: dict[tuple[str, str], dict[str, Visit]] = {}


@pytest.fixture
def visits(view: str, chromium_path: str, origin: str, site: Path, visited: list[str]) -> dict[str, Visit]:
    """One visit to each visited page in one of VIEWS: page → what the visit found."""
    if (view, origin) not in _visits_made:
        _visits_made[view, origin] = visit_all(chromium_path, origin, site, visited, **VIEWS[view])
    return _visits_made[view, origin]
