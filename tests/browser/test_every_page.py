"""Checks made in the browser on every kind of page, from one visit per page, width and palette.

The pages are found in the build, never listed here: the first page of each kind plus a sample of
the rest that changes daily (see `browser_sample`); each test names every failing page.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from generator.model import Model
from tests.browser.conftest import DESKTOP, PHONE, VIEWS, Session, page_kind, view_params
from tests.browser.site_visit import (
    DIAGRAM_TEXT_SIZES,
    DIAGRAMS_SETTLED,
    INSPECT_PAGE,
    Visit,
    diagrams_in_built_file,
    label,
    report,
    words_used,
)
from tests.conftest import ROOT

SCREENSHOTS = ROOT / "tests" / "browser" / "screenshots"

PHONE_WIDTH = 375


def problems_on_each_page(visits: dict[str, Visit], problems_of: Callable[[Visit], list[str]]) -> dict[str, list[str]]:
    """Page → its problems, for the pages that have any."""
    return {page: problems for page, found in visits.items() if (problems := problems_of(found))}


def test_every_kind_of_page_is_visited_in_both_widths_and_palettes(
    site: Path,
    pages: list[str],
    visited: list[str],
    sample_seed: str,
    view: str,
    visits: dict[str, Visit],
    record_property: Callable[[str, object], None],
) -> None:
    record_property("browser_pages", f"seed {sample_seed}: {len(visited)} of {len(pages)} pages: {', '.join(label(page) for page in visited)}")
    built = {path for path in site.rglob("*.html") if "assets" not in path.relative_to(site).parts}
    assert len(pages) == len(built), "some built HTML files are not pages the tests know how to visit"
    assert {page_kind(page) for page in visited} == {page_kind(page) for page in pages}
    assert len(visited) < len(pages), "the sample should leave pages for other days (the site is bigger than its kinds)"
    assert list(visits) == visited
    scheme = "slate" if VIEWS[view]["color_scheme"] == "dark" else "default"
    wrong_scheme = [label(page) for page, found in visits.items() if found.scheme != scheme]
    assert not wrong_scheme, f"the {scheme} palette was not applied on {wrong_scheme}"


def test_every_diagram_renders_to_svg_without_errors(visits: dict[str, Visit]) -> None:
    failures = problems_on_each_page(visits, Visit.diagram_problems)
    assert not failures, report(failures)
    assert any(found.diagrams_in_html for found in visits.values()), "no page has a Mermaid diagram"


def test_no_page_logs_an_error(visits: dict[str, Visit]) -> None:
    failures = problems_on_each_page(visits, lambda found: found.errors)
    assert not failures, report(failures)


def test_no_request_leaves_the_local_server(visits: dict[str, Visit]) -> None:
    """No CDN (Material falls back to unpkg when `window.mermaid` is missing), no fonts, no analytics."""
    failures = problems_on_each_page(visits, lambda found: [f"requested {url}" for url in found.blocked])
    assert not failures, report(failures)


def test_no_page_downloads_the_mermaid_script(visits: dict[str, Visit]) -> None:
    """The build draws every diagram; the script would only be for a fence it left (there is none)."""
    failures = problems_on_each_page(
        visits, lambda found: [f"downloaded {url}" for url in found.requested if "mermaid" in url.rsplit("/", 1)[-1]]
    )
    assert not failures, report(failures)
    # The visit includes a page of every kind, the era pages among them: some drawings were checked.
    assert sum(found.diagrams_in_html for found in visits.values()) >= 2


def _abbreviation_titles(model: Model) -> dict[str, str]:
    """Each abbreviation form the glossary defines (CCG and CCGs) and the start of its tooltip."""
    forms: dict[str, str] = {}
    for term in model.terms.values():
        if term.abbr:
            forms[term.abbr] = term.name
            if term.abbr[-1].isupper():
                forms[term.abbr + "s"] = term.name
    return forms


def test_every_page_mentioning_an_acronym_has_its_tooltip(model: Model, visits: dict[str, Visit]) -> None:
    titles = _abbreviation_titles(model)
    assert titles, "the glossary defines no abbreviations"
    failures = problems_on_each_page(
        visits,
        lambda found: [
            f"mentions {used} but has no <abbr title> for it"
            for used in sorted(words_used(found.prose, set(titles)))
            if not dict(found.abbr).get(used, "").startswith(titles[used])
        ],
    )
    assert not failures, report(failures)
    assert any(found.abbr for found in visits.values()), "no page has an acronym tooltip"


@pytest.mark.parametrize("view", view_params(lambda options: options["axe"]))
def test_every_page_passes_axe_at_wcag_22_aa(visits: dict[str, Visit]) -> None:
    failures = problems_on_each_page(visits, lambda found: found.violations)
    assert not failures, report(failures)


@pytest.mark.parametrize("view", view_params(lambda options: options["viewport"] == PHONE))
def test_no_page_scrolls_sideways_at_375_px(visits: dict[str, Visit]) -> None:
    failures = problems_on_each_page(
        visits, lambda found: [f"the page is {found.scroll_width} px wide"] if found.scroll_width > PHONE_WIDTH + 1 else []
    )
    assert not failures, report(failures)


# Issue 11: a diagram's text, as drawn on screen (font size x the SVG's on-screen scale), is at least
# this many pixels at each viewport width.
LEGIBLE_PX = {"desktop (1280 px)": 12.0, "phone (375 px)": 11.0}


def test_era_pages_are_saved_as_screenshots_at_both_widths(
    pages: list[str], session_factory: Callable[..., Session]
) -> None:
    """PNGs of each era page at 1280 and 375 px, for a reviewer to look at (git-ignored folder)."""
    era_pages = [page for page in pages if page.startswith("structures/") and page != "structures/"]
    assert era_pages, "no era page found"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, viewport in (("1280", DESKTOP), ("375", PHONE)):
        session = session_factory(viewport=viewport, color_scheme="light")
        for page in era_pages:
            tab = session.context.new_page()
            tab.goto(f"{session.origin}/{page}")
            tab.wait_for_function(DIAGRAMS_SETTLED, timeout=15_000)
            path = SCREENSHOTS / f"{page.strip('/').replace('/', '-')}-{name}.png"
            tab.screenshot(path=str(path), full_page=True)
            tab.close()
            assert path.stat().st_size > 10_000, path


def test_every_drawing_shows_without_javascript_and_is_legible_at_both_widths(
    browser: Browser, origin: str, site: Path, pages: list[str]
) -> None:
    """Every page with a drawing, not only the sampled ones, with JavaScript off: each drawing shows with
    its labels (issue 12), and its smallest text is above issue 11's floor. Drawings are static SVG
    that no script resizes, so what a reader sees is the same with JavaScript on (the sampled visits
    check that they are drawn there too)."""
    with_drawings = [page for page in pages if diagrams_in_built_file(site, page)]
    assert len(with_drawings) >= 28, with_drawings
    failures: dict[str, list[str]] = {}
    for (where, floor), viewport in zip(LEGIBLE_PX.items(), (DESKTOP, PHONE), strict=True):
        context = browser.new_context(java_script_enabled=False, viewport=viewport)
        try:
            tab = context.new_page()
            for page in with_drawings:
                expected = diagrams_in_built_file(site, page)
                tab.goto(f"{origin}/{page}", wait_until="load")
                # Both run in the test's own world, not the page's, so they work with JavaScript off.
                shown = tab.evaluate(INSPECT_PAGE)["rendered"]
                sizes = tab.evaluate(f"({DIAGRAM_TEXT_SIZES.strip()})([...document.querySelectorAll('div.diagram-svg')])")
                if shown != expected or len(sizes) != expected:
                    failures.setdefault(page, []).append(
                        f"{where}: {shown} of {expected} drawings shown with labels, {len(sizes)} measured"
                    )
                for index, (size, text) in enumerate(sizes):
                    if size < floor:
                        failures.setdefault(page, []).append(f"{where}: drawing {index + 1}: {text!r} is {size:.1f} px (< {floor})")
        finally:
            context.close()
    assert not failures, report(failures)
