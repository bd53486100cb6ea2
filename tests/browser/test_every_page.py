"""Checks made on every page of the built site, from one visit per page and viewport.

The pages are found in the build, never listed here; each test names every failing page.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser

from generator.model import Model
from tests.browser.site_visit import INSPECT_PAGE, Visit, diagrams_in_built_file, label, report, words_used

PHONE_WIDTH = 375


def test_every_built_page_is_visited(site: Path, pages: list[str], desktop_visits: dict[str, Visit]) -> None:
    built = {path for path in site.rglob("*.html") if "assets" not in path.relative_to(site).parts}
    assert len(pages) == len(built), "some built HTML files are not pages the tests know how to visit"
    assert set(desktop_visits) == set(pages)
    assert len(pages) > 1, "the site should have more than a home page"


def test_every_diagram_renders_to_svg_without_errors(desktop_visits: dict[str, Visit], phone_visits: dict[str, Visit]) -> None:
    failures: dict[str, list[str]] = {}
    for visits, where in ((desktop_visits, "desktop"), (phone_visits, "375 px")):
        for page, found in visits.items():
            problems = [f"{where}: {problem}" for problem in found.diagram_problems()]
            if problems:
                failures.setdefault(page, []).extend(problems)
    assert not failures, report(failures)
    assert any(found.diagrams_in_html for found in desktop_visits.values()), "no page has a Mermaid diagram"


def test_no_page_logs_an_error(desktop_visits: dict[str, Visit], phone_visits: dict[str, Visit]) -> None:
    failures: dict[str, list[str]] = {}
    for visits, where in ((desktop_visits, "desktop"), (phone_visits, "375 px")):
        for page, found in visits.items():
            if found.errors:
                failures.setdefault(page, []).extend(f"{where}: {error}" for error in found.errors)
    assert not failures, report(failures)


def test_no_request_leaves_the_local_server(
    desktop_visits: dict[str, Visit], phone_visits: dict[str, Visit], dark_visits: dict[str, Visit]
) -> None:
    """No CDN (Material falls back to unpkg when `window.mermaid` is missing), no fonts, no analytics."""
    failures: dict[str, list[str]] = {}
    for visits, where in ((desktop_visits, "desktop"), (phone_visits, "375 px"), (dark_visits, "dark")):
        for page, found in visits.items():
            if found.blocked:
                failures.setdefault(page, []).extend(f"{where}: requested {url}" for url in found.blocked)
    assert not failures, report(failures)


def test_no_page_downloads_the_mermaid_script(desktop_visits: dict[str, Visit]) -> None:
    """The build draws every diagram; the script would only be for a fence it left (there is none)."""
    failures: dict[str, list[str]] = {}
    for page, found in desktop_visits.items():
        mermaid = [url for url in found.requested if "mermaid" in url.rsplit("/", 1)[-1]]
        if mermaid:
            failures[page] = [f"downloaded {', '.join(mermaid)}"]
    assert not failures, report(failures)
    assert sum(found.diagrams_in_html for found in desktop_visits.values()) >= 28


def test_diagrams_show_with_javascript_off(
    browser: Browser, origin: str, site: Path, pages: list[str]
) -> None:
    """Every diagram page shows its drawing, labels and all, to a reader without JavaScript."""
    with_diagrams = [page for page in pages if diagrams_in_built_file(site, page)]
    assert len(with_diagrams) >= 28, with_diagrams
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    failures: dict[str, list[str]] = {}
    try:
        page = context.new_page()
        for path in with_diagrams:
            page.goto(f"{origin}/{path}", wait_until="load")
            found = page.evaluate(INSPECT_PAGE)  # runs in the test's own world, not the page's
            if found["rendered"] != diagrams_in_built_file(site, path):
                failures[path] = [f"{found['rendered']} of {diagrams_in_built_file(site, path)} drawings shown with labels"]
    finally:
        context.close()
    assert not failures, report(failures)


def _abbreviation_titles(model: Model) -> dict[str, str]:
    """Each abbreviation form the glossary defines (CCG and CCGs) and the start of its tooltip."""
    forms: dict[str, str] = {}
    for term in model.terms.values():
        if term.abbr:
            forms[term.abbr] = term.name
            if term.abbr[-1].isupper():
                forms[term.abbr + "s"] = term.name
    return forms


def test_every_page_mentioning_an_acronym_has_its_tooltip(model: Model, desktop_visits: dict[str, Visit]) -> None:
    titles = _abbreviation_titles(model)
    assert titles, "the glossary defines no abbreviations"
    failures: dict[str, list[str]] = {}
    pages_with_tooltips = 0
    for page, found in desktop_visits.items():
        tooltips = {text: title for text, title in found.abbr}
        pages_with_tooltips += bool(tooltips)
        problems = [
            f"mentions {used} but has no <abbr title> for it"
            for used in sorted(words_used(found.prose, set(titles)))
            if not tooltips.get(used, "").startswith(titles[used])
        ]
        if problems:
            failures[page] = problems
    assert not failures, report(failures)
    assert pages_with_tooltips, "no page has an acronym tooltip"


def test_every_page_passes_axe_at_wcag_22_aa(desktop_visits: dict[str, Visit]) -> None:
    failures = {page: found.violations for page, found in desktop_visits.items() if found.violations}
    assert not failures, report(failures)


def test_dark_palette_passes_axe_on_the_home_page_and_every_page_with_a_diagram(dark_visits: dict[str, Visit]) -> None:
    assert "" in dark_visits
    wrong_scheme = [label(page) for page, found in dark_visits.items() if found.scheme != "slate"]
    assert not wrong_scheme, f"the dark palette (slate) was not applied on {wrong_scheme}"
    failures = {page: found.violations for page, found in dark_visits.items() if found.violations}
    assert not failures, report(failures)


def test_no_page_scrolls_sideways_at_375_px(phone_visits: dict[str, Visit]) -> None:
    failures = {
        page: [f"the page is {found.scroll_width} px wide"]
        for page, found in phone_visits.items()
        if found.scroll_width > PHONE_WIDTH + 1
    }
    assert not failures, report(failures)
