"""The ICB directory in a real browser: the council filter, map labels and links, at both widths."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from generator.model import Model
from tests.browser.conftest import DESKTOP, PHONE, Session
from tests.browser.site_visit import icb_pages_of_each_kind

SessionFactory = Callable[..., Session]
VIEWPORTS = {"1280": DESKTOP, "375": PHONE}
# "Diagrams a reader can read": labels at least 12 px on a desktop screen, 11 px on a phone.
SMALLEST_LABEL = {"1280": 12.0, "375": 11.0}

LABEL_SIZES = """
() => Array.from(document.querySelectorAll(".icb-map__svg")).map((svg) => {
  const shown = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return Array.from(svg.querySelectorAll(".icb-map__labels text")).map(
    (text) => parseFloat(text.getAttribute("font-size")) * shown);
}).flat()
"""


def _open(session: Session, path: str) -> Page:
    page = session.context.new_page()
    page.goto(f"{session.origin}/{path}")
    return page


@pytest.mark.parametrize("width", sorted(VIEWPORTS))
def test_map_region_labels_are_legible_at_both_widths(
    width: str, site: Path, pages: list[str], session_factory: SessionFactory
) -> None:
    """The region names on the ICB index's two maps, as drawn on screen. (That the ICB pages fit the
    screen in both palettes is checked with every other page kind in test_every_page.py.)"""
    kinds = icb_pages_of_each_kind(site, pages)
    assert set(kinds) == {"index", "icb", "finder"}, f"expected the ICB index, an ICB page and the finder, found {kinds}"
    page = _open(session_factory(viewport=VIEWPORTS[width], color_scheme="light"), kinds["index"])
    sizes = page.evaluate(LABEL_SIZES)
    assert len(sizes) == 14, "seven region labels on each of the two maps"
    assert min(sizes) >= SMALLEST_LABEL[width], f"region labels {min(sizes):.1f} px at {width} px"


@pytest.mark.parametrize("width", sorted(VIEWPORTS))
def test_filter_narrows_the_council_list_as_you_type(
    width: str, model: Model, site: Path, pages: list[str], session_factory: SessionFactory
) -> None:
    assert model.areas is not None
    in_frimley = sum(1 for council in model.areas.derived.councils if any(share.icb == "QNQ" for share in council.icbs))
    finder = icb_pages_of_each_kind(site, pages)["finder"]
    session = session_factory(viewport=VIEWPORTS[width])
    page = _open(session, finder)
    entries = page.locator(".council-entry")
    box = page.get_by_label("Filter councils, ICBs, former CCGs or codes")
    expect(box).to_be_visible()
    assert entries.count() == 309
    box.fill("vale of white")
    visible = page.locator(".council-entry:visible h3")
    expect(visible).to_have_count(1)
    assert visible.first.inner_text().startswith("Vale of White Horse")
    expect(page.locator("#council-filter-count")).to_have_text("1 of 309 councils shown")
    box.fill("QNQ")  # an ODS code: every council Frimley covered, including the split ones
    expect(visible).to_have_count(in_frimley)
    box.fill("")
    expect(visible).to_have_count(309)


def test_whole_list_is_there_without_javascript(site: Path, pages: list[str], session_factory: SessionFactory) -> None:
    finder = icb_pages_of_each_kind(site, pages)["finder"]
    session = session_factory(viewport=DESKTOP, java_script_enabled=False)
    page = _open(session, finder)
    expect(page.locator(".council-entry:visible")).to_have_count(309)
    expect(page.locator(".council-filter")).to_be_hidden()


def test_a_map_area_is_a_keyboard_link_to_its_icb_page(site: Path, pages: list[str], session_factory: SessionFactory) -> None:
    index = icb_pages_of_each_kind(site, pages)["index"]
    session = session_factory(viewport=DESKTOP)
    page = _open(session, index)
    area = page.locator('#map-2022 a[aria-label^="NHS Frimley Integrated Care Board"]')
    area.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/icbs/frimley/")
    expect(page.locator("h1")).to_contain_text("NHS Frimley Integrated Care Board")
