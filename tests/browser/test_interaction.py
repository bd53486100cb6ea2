"""Using the site as a reader does: search, tooltips, keyboard only, a phone's menu.

What is searched for and where it should be found come from the data at test time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, Route, expect

from generator.model import Model
from generator.render.common import entity_target, organisation_target, term_target
from tests.browser.conftest import DESKTOP, PHONE, Session
from tests.browser.site_visit import diagrams_in_built_file

SessionFactory = Callable[..., Session]

FOCUSED = """
() => {
  const element = document.activeElement;
  return {
    tag: element.tagName,
    classes: element.className || "",
    inPrimaryNav: !!element.closest("nav.md-nav--primary"),
    inTabs: !!element.closest(".md-tabs"),
    text: (element.innerText || element.getAttribute("aria-label") || "").trim().slice(0, 60),
  };
}
"""


def _page_of(target: str) -> str:
    """The site path of a generator link target: 'glossary.md#term-x' -> 'glossary/'."""
    path = target.split("#", 1)[0].removesuffix(".md")
    return "" if path == "index" else path.removesuffix("/index") + "/"


def _searchable(name: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z][A-Za-z ]{3,}", name))


def _search(page: Page, query: str) -> list[str]:
    """Type a query into Material's search box and return the paths the results link to."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    page.keyboard.type(query)
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=20_000)
    hrefs: list[str] = page.eval_on_selector_all(
        ".md-search-result__item a.md-search-result__link", "links => links.map((link) => new URL(link.href).pathname)"
    )
    return hrefs


def test_search_works_offline_and_finds_a_term_an_organisation_and_a_person(
    model: Model, session_factory: SessionFactory
) -> None:
    terms = sorted((term for term in model.terms.values() if _searchable(term.name)), key=lambda term: term.id)
    organisations = sorted(
        (organisation for organisation in model.organisations.values() if _searchable(organisation.name)),
        key=lambda organisation: organisation.id,
    )
    people = sorted((person for person in model.people.values() if _searchable(person.name)), key=lambda person: person.id)
    assert terms, "no glossary term with a plain name to search for"
    assert organisations, "no organisation with a plain name to search for"
    assert people, "data/people.yaml has no person to search for: add at least one person"
    wanted = [
        ("term", terms[0].name, _page_of(term_target(terms[0].id))),
        ("organisation", organisations[0].name, _page_of(organisation_target(model, organisations[0].id))),
        ("person", people[0].name, _page_of(entity_target(model, people[0].id))),
    ]
    session = session_factory(viewport=DESKTOP)
    page = session.context.new_page()
    page.goto(f"{session.origin}/")
    missing = []
    for kind, query, expected in wanted:
        found = _search(page, query)
        if not any(path == f"/{expected}" for path in found):
            missing.append(f"searching for the {kind} {query!r} did not find /{expected}; results: {found[:10]}")
    assert not missing, "\n".join(missing)
    assert not session.traffic.blocked, f"search tried to reach another site: {session.traffic.blocked}"
    assert any(url.endswith("/search/search_index.json") for url in session.traffic.requested)


def test_acronym_tooltip_shows_on_hover(pages: list[str], site: Path, session_factory: SessionFactory) -> None:
    with_abbr = [page for page in pages if "<abbr title=" in _html(site, page)]
    assert with_abbr, "no page has an acronym tooltip"
    session = session_factory(viewport=DESKTOP)
    page = session.context.new_page()
    page.goto(f"{session.origin}/{with_abbr[0]}")
    abbr = page.locator("article abbr[title]").first
    title = abbr.get_attribute("title") or ""
    abbr.scroll_into_view_if_needed()
    abbr.hover()
    tooltip = page.locator(".md-tooltip2--active")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_attribute("role", "tooltip")
    assert " ".join(tooltip.inner_text().split()) == " ".join(title.split())


def _html(site: Path, page: str) -> str:
    path = site / page if page.endswith(".html") else site / page / "index.html"
    return path.read_text(encoding="utf-8")


def _tab_through(page: Page, presses: int) -> list[dict[str, object]]:
    stops: list[dict[str, object]] = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED))
    return stops


def test_keyboard_reaches_skip_link_search_and_navigation(session_factory: SessionFactory) -> None:
    session = session_factory(viewport=DESKTOP)
    page = session.context.new_page()
    # A page inside a section, so the sidebar lists the section's pages (the home page has no sidebar
    # entries of its own: its navigation is the section tabs, tested below).
    page.goto(f"{session.origin}/structures/2013/")
    stops = _tab_through(page, 30)
    assert "md-skip" in str(stops[0]["classes"]), f"the first Tab stop should be the skip link, not {stops[0]}"
    assert any("md-search__input" in str(stop["classes"]) for stop in stops), f"Tab never reached the search box: {stops}"
    assert any(stop["inTabs"] for stop in stops), f"Tab never reached the section tabs: {stops}"
    assert any(stop["inPrimaryNav"] for stop in stops), f"Tab never reached the sidebar navigation: {stops}"
    # The search box works from the keyboard alone.
    page.goto(f"{session.origin}/")
    while "md-search__input" not in str(page.evaluate(FOCUSED)["classes"]):
        page.keyboard.press("Tab")
    page.keyboard.type("integrated care")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=20_000)
    page.keyboard.press("Escape")
    # The skip link moves the reader past the header and navigation.
    page.goto(f"{session.origin}/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    target = page.evaluate("() => location.hash")
    assert target and page.locator(target).first.is_visible(), "the skip link did not lead to the content"
    assert session.traffic.blocked == []


def test_search_dialog_is_named(session_factory: SessionFactory) -> None:
    session = session_factory(viewport=DESKTOP)
    page = session.context.new_page()
    page.goto(f"{session.origin}/")
    dialog = page.locator('[role="dialog"].md-search')
    expect(dialog).to_have_attribute("aria-label", re.compile(r"\S"))


def test_keyboard_reaches_and_follows_the_navigation_tabs(session_factory: SessionFactory) -> None:
    """The header's section tabs (Material's navigation.tabs) are in the Tab order and work with Enter."""
    session = session_factory(viewport=DESKTOP)
    page = session.context.new_page()
    page.goto(f"{session.origin}/")
    expect(page.locator(".md-tabs")).to_be_visible()
    stops = _tab_through(page, 25)
    in_tabs = [stop for stop in stops if stop["inTabs"]]
    assert len(in_tabs) >= 5, f"Tab reached {len(in_tabs)} section tabs: {stops}"
    # Keyboard only: Tab to the "Timeline" section tab and press Enter.
    page.goto(f"{session.origin}/")
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["inTabs"] and focused["text"] == "Timeline":
            break
    else:
        raise AssertionError("Tab never reached the Timeline section tab")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{session.origin}/timeline/")
    expect(page.locator(".md-tabs__item--active")).to_have_text(re.compile(r"\s*Timeline\s*"))
    assert session.traffic.blocked == []


def test_navigation_opens_from_the_menu_button_at_375_px(pages: list[str], session_factory: SessionFactory) -> None:
    session = session_factory(viewport=PHONE, has_touch=True, is_mobile=True)
    page = session.context.new_page()
    page.goto(f"{session.origin}/")
    link = page.locator(
        "nav.md-nav--primary > .md-nav__list > .md-nav__item > a.md-nav__link[href]:not([href^='#'], .md-nav__link--active)"
    ).first
    expect(link).not_to_be_in_viewport()
    page.locator('label.md-header__button[for="__drawer"]').click()
    expect(link).to_be_in_viewport()
    href = link.get_attribute("href")
    link.click()
    page.wait_for_load_state("load")
    assert page.url != f"{session.origin}/", f"following {href} from the drawer did not navigate"
    assert session.traffic.blocked == []


def test_a_broken_diagram_would_be_caught(pages: list[str], site: Path, session_factory: SessionFactory) -> None:
    """Self-check: break one diagram on the fly and make sure the checks used on every page notice."""
    with_diagram = next((page for page in pages if diagrams_in_built_file(site, page)), None)
    assert with_diagram is not None, "no page has a Mermaid diagram"
    session = session_factory(viewport=DESKTOP)

    def break_diagram(route: Route) -> None:
        html = route.fetch().text()
        # The drawing is made at build time: swap the first for Mermaid's error graphic, as a failed drawing would be.
        broken = re.sub(r'(<div class="diagram-svg"[^>]*>)<svg.*?</svg>', r'\1<svg aria-roledescription="error"></svg>', html, count=1, flags=re.S)
        assert broken != html
        route.fulfill(body=broken, content_type="text/html")

    session.context.route(f"{session.origin}/{with_diagram}", break_diagram)
    found = session.visit(with_diagram, settle_ms=5_000)
    assert found.diagram_problems() or found.errors, f"a broken diagram on {with_diagram or '(home)'} went unnoticed: {found}"
