"""The real site, built strictly: navigation, links, diagrams, tooltips, and nothing fetched from elsewhere."""

from __future__ import annotations

import posixpath
import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROOT


def html_pages(site: Path) -> list[Path]:
    return sorted(
        path for path in site.rglob("*.html") if path.name != "404.html" and "assets" not in path.relative_to(site).parts
    )


@cache
def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _page_url(site: Path, page: Path) -> str:
    """The site-relative URL of a built page, as the navigation links it ('' for home)."""
    relative = page.relative_to(site).as_posix()
    return relative.removesuffix("index.html")


def _resolve(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    """The file and fragment an internal link points at; None for external links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("mailto:"):
        return None
    if not parts.path:
        return page, unquote(parts.fragment)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page.relative_to(site).as_posix()), unquote(parts.path)))
    path = site / target
    if path.is_dir() or parts.path.endswith("/"):
        path = path / "index.html"
    return path, unquote(parts.fragment)


def test_every_page_is_in_the_navigation(built_site: Path) -> None:
    """Each page is the active entry of its own sidebar, under a section tab that every page shows."""
    home_tabs = [
        _resolve(built_site, built_site / "index.html", anchor["href"])
        for anchor in _soup(built_site / "index.html").select("a.md-tabs__link[href]")
    ]
    assert len(home_tabs) >= 8, "the header has no section tabs"
    missing = []
    for page in html_pages(built_site):
        soup = _soup(page)
        active = [
            _resolve(built_site, page, anchor["href"])
            for anchor in soup.select("nav.md-nav--primary a.md-nav__link--active[href]")
        ]
        tabs = [_resolve(built_site, page, anchor["href"]) for anchor in soup.select("a.md-tabs__link[href]")]
        if not any(found and found[0].resolve() == page.resolve() for found in active):
            missing.append(f"{page.relative_to(built_site)}: not the active entry of its sidebar")
        if [found and found[0].resolve() for found in tabs] != [found and found[0].resolve() for found in home_tabs]:
            missing.append(f"{page.relative_to(built_site)}: shows different section tabs from the home page")
        if not soup.select_one(".md-tabs__item--active"):
            missing.append(f"{page.relative_to(built_site)}: no section tab is marked as the current one")
    assert not missing, missing


@cache
def _ids(path: Path) -> frozenset[str]:
    """Every element id on a built page: indexed once, as thousands of links point into a few pages."""
    return frozenset(str(element["id"]) for element in _soup(path).find_all(id=True))


def test_every_internal_link_resolves(built_site: Path) -> None:
    files = {path for path in built_site.rglob("*") if path.is_file()}
    broken = []
    for page in html_pages(built_site):
        for anchor in _soup(page).select("a[href]"):
            resolved = _resolve(built_site, page, anchor["href"])
            if resolved is None:
                continue
            target, fragment = resolved
            if target not in files:
                broken.append(f"{page.relative_to(built_site)} -> {anchor['href']} (no such page)")
            elif fragment and target.suffix == ".html" and fragment not in _ids(target):
                broken.append(f"{page.relative_to(built_site)} -> {anchor['href']} (no such anchor)")
    assert not broken, "\n".join(broken[:50])


def test_nothing_is_loaded_from_another_site(built_site: Path) -> None:
    external = []
    for page in [*html_pages(built_site), built_site / "404.html"]:
        soup = _soup(page)
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src")):
            for element in soup.find_all(tag):
                value = element.get(attribute, "")
                if tag == "link" and "stylesheet" not in element.get("rel", []) and "preload" not in element.get("rel", []):
                    continue
                if urlsplit(value).scheme or value.startswith("//"):
                    external.append(f"{page.relative_to(built_site)}: <{tag} {attribute}={value}>")
    assert not external, "\n".join(external)


def test_mermaid_is_served_from_the_site_only_where_there_are_diagrams(built_site: Path) -> None:
    script = built_site / "assets" / "javascripts" / "mermaid.min.js"
    assert script.is_file() and script.stat().st_size > 1_000_000
    assert (ROOT / "docs" / "assets" / "javascripts" / "mermaid.LICENSE.txt").read_text().startswith("The MIT License")
    for page in html_pages(built_site):
        soup = _soup(page)
        has_diagram = bool(soup.select("pre.mermaid"))
        loads_mermaid = any(tag.get("src", "").endswith("mermaid.min.js") for tag in soup.find_all("script"))
        assert has_diagram == loads_mermaid, page.relative_to(built_site)
        if loads_mermaid:
            src = next(tag["src"] for tag in soup.find_all("script") if tag.get("src", "").endswith("mermaid.min.js"))
            assert _resolve(built_site, page, src)[0].resolve() == script.resolve()  # type: ignore[index]


def test_every_diagram_has_a_text_equivalent(built_site: Path) -> None:
    for page in html_pages(built_site):
        blocks = _soup(page).select("pre.mermaid, div.diagram-text")
        kinds = ["diagram" if block.name == "pre" else "text" for block in blocks]
        for index, kind in enumerate(kinds):
            if kind == "diagram":
                following = kinds[index + 1 : index + 2]
                home_page = page == built_site / "index.html"
                assert following == ["text"] or home_page, f"{page.relative_to(built_site)}: diagram {index} has no text version"


def test_structure_diagrams_for_every_era(built_site: Path) -> None:
    for year in ("2013", "2016", "2019", "2022", "2026"):
        page = built_site / "structures" / year / "index.html"
        soup = _soup(page)
        diagram = soup.select_one("pre.mermaid code")
        assert diagram is not None and "flowchart" in diagram.get_text(), year
        rows = soup.select("div.diagram-text table tbody tr")
        arrows = diagram.get_text().count("-->")
        assert arrows >= 6 and len(rows) == arrows, f"{year}: {arrows} arrows, {len(rows)} table rows"


def _abbreviations() -> list[str]:
    """Every abbreviation the generated snippet defines (``*[CCG]: ...`` lines)."""
    text = (ROOT / "generated" / "includes" / "abbreviations.md").read_text(encoding="utf-8")
    return re.findall(r"^\*\[([^\]]+)\]:", text, flags=re.MULTILINE)


def test_every_page_has_tooltips_for_the_acronyms_it_uses(built_site: Path) -> None:
    abbreviations = _abbreviations()
    assert len(abbreviations) >= 20
    untitled = []
    for page in html_pages(built_site):
        article = _soup(page).select_one("article")
        assert article is not None
        prose = BeautifulSoup(str(article), "html.parser")
        for code in prose.select("pre, code, script, svg"):
            code.decompose()
        text = prose.get_text(" ")
        with_tooltips = {abbr.get_text() for abbr in article.select("abbr[title]")}
        for abbreviation in abbreviations:
            used = re.search(rf"(?<![\w-]){re.escape(abbreviation)}(?![\w-])", text)
            if used and abbreviation not in with_tooltips:
                untitled.append(f"{page.relative_to(built_site)}: {abbreviation}")
    assert not untitled, f"acronyms shown without a tooltip: {untitled[:20]}"


def test_glossary_defines_the_core_terms(built_site: Path) -> None:
    soup = _soup(built_site / "glossary" / "index.html")
    headings = " ".join(heading.get_text() for heading in soup.select("h2"))
    for abbreviation in ("CCG", "STP", "ICS", "ICB", "PCN", "CSU", "PCT", "SHA", "LTP", "HWB", "CQC"):
        assert abbreviation in headings, abbreviation
    assert "NHSE" in headings or "NHS England" in headings


def test_every_viewpoint_shows_two_positions_with_citations(built_site: Path) -> None:
    pages = [page for page in html_pages(built_site) if page.parent.parent.name == "viewpoints"]
    assert len(pages) >= 5
    for page in pages:
        positions = _soup(page).select(".viewpoint-positions > ul > li")
        assert len(positions) >= 2, page
        for position in positions:
            quotes = position.select("blockquote")
            assert quotes and all(quote.select('a[href*="sources/#src-"]') for quote in quotes), page


@pytest.mark.parametrize("page_path", ["glossary/index.html", "timeline/index.html", "structures/2013/index.html"])
def test_edit_link_opens_the_data_file(built_site: Path, page_path: str) -> None:
    edit = _soup(built_site / page_path).select_one('a[title="Edit this page"]')
    assert edit is not None and "/edit/main/data/" in edit["href"] and edit["href"].endswith(".yaml")


def test_home_page_explains_in_under_300_words_and_links_onwards(built_site: Path) -> None:
    article = _soup(built_site / "index.html").select_one("article")
    assert article is not None
    prose = [paragraph.get_text(" ") for paragraph in article.find_all("p", recursive=False)]
    words = sum(len(text.split()) for text in prose)
    assert 50 <= words < 300, words
    assert article.select_one("pre.mermaid") is not None, "the then-and-now diagram is missing"
    targets = {anchor["href"] for anchor in article.select("a[href]")}
    for page in ("glossary/", "structures/", "timeline/", "viewpoints/", "case-study/", "sources/"):
        assert page in targets, page
