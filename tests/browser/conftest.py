"""Browser fixtures: Debian's Chromium driven by Playwright, the built site served on 127.0.0.1.

Chromium is never downloaded (`playwright install` is not used): install it with
`bash scripts/install-browser.sh`, point NHS_EXPLAINER_CHROMIUM at another binary, or skip these
tests with NHS_EXPLAINER_SKIP_BROWSER=1 (CI never sets it).
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Playwright, sync_playwright

from generator.model import Model
from tests.browser.site_visit import (
    OPEN_SHADOW_ROOTS,
    Traffic,
    Visit,
    axe_script,
    diagrams_in_built_file,
    icb_pages_of_each_kind,
    site_pages,
    visit,
)
from tests.conftest import ROOT

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}


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

    def visit(self, path: str, *, axe: str | None = None, settle_ms: int = 15_000, idle: bool = True) -> Visit:
        page = self.context.new_page()
        try:
            return visit(page, self.origin, self.site, path, self.traffic, axe=axe, settle_ms=settle_ms, idle=idle)
        finally:
            page.close()

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


def visit_all(chromium: str, origin: str, site: Path, pages: list[str], *, axe: bool, idle: bool = True, **options: Any) -> dict[str, Visit]:
    """Visit pages in a fresh context each, spread over worker threads (one Chromium each) for speed.

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
                return {page: session.visit(page, axe=script, idle=idle) for page in chunk}
            finally:
                session.close()
                browser.close()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(work, chunks))
    return {page: visits[page] for page in pages for visits in results if page in visits}


@pytest.fixture(scope="session")
def desktop_visits(chromium_path: str, origin: str, site: Path, pages: list[str]) -> dict[str, Visit]:
    """One visit to every page at desktop width in the light palette, with axe-core run on each."""
    return visit_all(chromium_path, origin, site, pages, axe=True, viewport=DESKTOP, color_scheme="light")


@pytest.fixture(scope="session")
def phone_visits(chromium_path: str, origin: str, site: Path, pages: list[str]) -> dict[str, Visit]:
    """One visit to every page on a 375 px wide touch screen (no axe: layout, diagrams, traffic)."""
    return visit_all(
        chromium_path, origin, site, pages, axe=False, idle=False,
        viewport=PHONE, color_scheme="light", has_touch=True, is_mobile=True,
    )


@pytest.fixture(scope="session")
def dark_visits(chromium_path: str, origin: str, site: Path, pages: list[str]) -> dict[str, Visit]:
    """The dark (slate) palette, with axe-core: the home page and, for each section of the site, its
    first page with a diagram (contrast is what changes with the palette; axe is slow on big pages)."""
    chosen = [""]
    for page in pages:
        section = page.split("/", 1)[0]
        if diagrams_in_built_file(site, page) and not any(other.split("/", 1)[0] == section for other in chosen[1:]):
            chosen.append(page)
    # One page of each kind the ICB directory adds: the index with its maps, an ICB page, the finder.
    chosen += [page for page in icb_pages_of_each_kind(site, pages).values() if page not in chosen]
    return visit_all(chromium_path, origin, site, chosen, axe=True, viewport=DESKTOP, color_scheme="dark")
