"""The real site, built strictly: navigation, links, diagrams, tooltips, and nothing fetched from elsewhere."""

from __future__ import annotations

import json
import posixpath
import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from generator.model import PartialDate
from generator.render.sources import backlinks
from generator.validate import build_model
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


def test_search_finds_sources_by_title_but_not_the_sources_page_quotes(built_site: Path) -> None:
    """The quotes are searched where they are used; on the sources page they were a quarter of the index."""
    model = build_model(ROOT / "data")
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    on_sources_page = [doc for doc in index["docs"] if doc["location"].split("#")[0] == "sources/"]
    titles = {BeautifulSoup(doc["title"], "html.parser").get_text() for doc in on_sources_page}
    assert {source.title for source in model.sources.values()} <= titles
    text = " ".join(BeautifulSoup(doc["text"], "html.parser").get_text() for doc in on_sources_page)
    quotes = {quote for uses in backlinks(model).values() for _, _, quote in uses}  # what the page lists
    assert len(quotes) > 100
    assert not [quote for quote in quotes if len(quote) > 40 and quote in text]
    assert "Publisher" in text and "Kind of source" in text  # the rest of each source's entry stays searchable


def test_diagrams_are_inline_svg_and_no_page_loads_the_mermaid_script(built_site: Path) -> None:
    # The script stays in the site for a hand-written fence the build does not draw (there is none now).
    assert (ROOT / "docs" / "assets" / "javascripts" / "mermaid.LICENSE.txt").read_text().startswith("The MIT License")
    drawn = 0
    for page in html_pages(built_site):
        soup = _soup(page)
        name = page.relative_to(built_site)
        assert not soup.select("pre.mermaid, div.mermaid, .mermaid"), f"{name}: a diagram left for the browser"
        assert not any("mermaid" in tag.get("src", "") for tag in soup.find_all("script")), name
        for svg in soup.select("div.diagram-svg > svg"):
            drawn += 1
            natural = svg.get("width") or "max-width" in svg.get("style", "")
            assert svg.get("viewbox") and natural, f"{name}: no natural size"
            assert not svg.find_all(["script", "a", "iframe"]), name
            assert not [a for e in svg.find_all(True) for a in e.attrs if a.lower().startswith("on")], name
            labels = [text for text in svg.stripped_strings if text != svg.style.get_text()]  # type: ignore[union-attr]
            assert len(labels) >= 2, f"{name}: a drawing without labels"
        ids = [element["id"] for element in soup.find_all(id=True)]
        assert len(ids) == len(set(ids)), f"{name}: repeated ids {sorted({i for i in ids if ids.count(i) > 1})[:3]}"
    assert drawn >= 28, drawn


def test_every_diagram_has_a_text_equivalent(built_site: Path) -> None:
    for page in html_pages(built_site):
        blocks = _soup(page).select("div.diagram-svg, div.diagram-text")
        kinds = ["diagram" if "diagram-svg" in block["class"] else "text" for block in blocks]
        for index, kind in enumerate(kinds):
            if kind == "diagram":
                following = kinds[index + 1 : index + 2]
                home_page = page == built_site / "index.html"
                assert following == ["text"] or home_page, f"{page.relative_to(built_site)}: diagram {index} has no text version"


# A drawn relationship: a line with an arrowhead (the invisible `~~~` links that keep bands in order don't count).
_DRAWN_LINE = re.compile(r"^\s+n_\w+ (?:==>|-->|-\.->)", re.MULTILINE)


def _fences_and_tables(markdown: str) -> list[tuple[str, int]]:
    """Each Mermaid fence of a generated page, with the number of rows in the text table that follows it."""
    found = []
    for match in re.finditer(r"```mermaid\n(.*?)```", markdown, flags=re.DOTALL):
        after = markdown[match.end() :].split('<div class="diagram-text" markdown>', 1)
        table = after[1].split("</div>", 1)[0] if len(after) == 2 else ""
        found.append((match.group(1), len(re.findall(r"^\| \[", table, flags=re.MULTILINE))))
    return found


def test_structure_diagrams_for_every_era(built_site: Path) -> None:
    for year in ("2013", "2016", "2019", "2022", "2026"):
        # The Mermaid source is in the generated page; the built page holds its drawing.
        fences = _fences_and_tables((ROOT / "generated" / "structures" / f"{year}.md").read_text(encoding="utf-8"))
        assert fences, year
        for text, rows in fences:
            assert "flowchart TB" in text and "subgraph band_national" in text, year
            lines = len(_DRAWN_LINE.findall(text))
            assert lines >= 6 and rows == lines, f"{year}: {lines} lines drawn, {rows} table rows"
            bodies = len(set(re.findall(r"^ {8}(n_\w+)", text, flags=re.MULTILINE)))
            assert bodies <= 15, f"{year}: {bodies} bodies in one diagram"
        soup = _soup(built_site / "structures" / year / "index.html")
        drawings = soup.select("div.diagram-svg > svg")
        assert len(drawings) == len(fences), f"{year}: {len(drawings)} drawings for {len(fences)} diagrams"
        assert all(svg.get("aria-roledescription") == "flowchart-v2" for svg in drawings), year
        assert soup.select("figure.diagram ul.diagram-key li"), f"{year}: no line key beside the diagram"
        gone = [heading for heading in soup.select("h3") if heading.get_text().startswith("Gone ")]
        assert len(gone) == 1, f"{year}: no 'gone since' list"


def test_bodies_gone_since_the_previous_era_are_listed_not_drawn(built_site: Path) -> None:
    soup = _soup(built_site / "structures" / "2022" / "index.html")
    heading = next(heading for heading in soup.select("h3") if heading.get_text().startswith("Gone since 2019"))
    listed = heading.find_next("ul")
    assert listed is not None
    names = [item.get_text() for item in listed.select("li")]
    assert any(name.startswith("Clinical Commissioning Groups: closed 1 July 2022") for name in names), names
    markdown = (ROOT / "generated" / "structures" / "2022.md").read_text(encoding="utf-8")
    drawn = " ".join(text for text, _ in _fences_and_tables(markdown))
    assert "n_ccgs" not in drawn and "n_icbs" in drawn
    assert "n_icbs" in re.findall(r"class ([\w,]+) new_body", drawn)[0].split(","), "new ICBs are not marked"


def test_diagrams_scroll_inside_a_keyboard_reachable_box(built_site: Path) -> None:
    for page in html_pages(built_site):
        for diagram in _soup(page).select("div.diagram-svg"):
            box = diagram.find_parent("div", class_="diagram-scroll")
            where = page.relative_to(built_site)
            assert box is not None, f"{where}: a diagram outside a scrolling box"
            assert box.get("tabindex") == "0" and box.get("role") == "region" and box.get("aria-label"), where
    for markdown in (ROOT / "generated").rglob("*.md"):
        for text, _ in _fences_and_tables(markdown.read_text(encoding="utf-8")):
            assert 'useMaxWidth": false' in text, f"{markdown.name}: a diagram shrunk to fit the column"


def _sort_key(shown: str) -> tuple[int, int, int]:
    """The sort key of a date as the site shows it: '27 March 2012', 'March 2012', '2012', 'about ... (inferred)'."""
    words = re.sub(r" \([^)]*\)$", "", shown).removeprefix("about ").split()  # "(inferred)", "(planned)"...
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"]  # fmt: skip
    iso = words[-1]
    if len(words) >= 2:
        iso += f"-{months.index(words[-2]) + 1:02d}"
    if len(words) == 3:
        iso += f"-{int(words[0]):02d}"
    return PartialDate.parse(iso).sort_key


def test_timeline_is_html_in_true_date_order_with_honest_precision(built_site: Path) -> None:
    soup = _soup(built_site / "timeline" / "index.html")
    assert soup.select_one("pre.mermaid, .mermaid") is None, "the timeline is still a diagram"
    entries = soup.select("ol.timeline > li")
    assert len(entries) >= 40
    keys = []
    for entry in entries:
        time = entry.select_one("time[datetime]")
        assert time is not None and entry.select_one("h3[id^=event-]") is not None
        assert entry.select('a[href*="sources/#src-"]'), entry.select_one("h3")
        precise = PartialDate.parse(str(time["datetime"]))
        assert _sort_key(time.get_text()) == precise.sort_key, time  # shown as precisely as known, no more
        keys.append(precise.sort_key)
    assert keys == sorted(keys), "timeline entries are out of date order"
    years = [heading.get_text().strip("¶") for heading in soup.select("h2[id^=year-]")]
    assert years == sorted(set(years)) and len(years) >= 10


def test_event_lists_on_organisation_and_case_study_pages_are_in_date_order(built_site: Path) -> None:
    checked = 0
    for page in [*sorted((built_site / "organisations").glob("*/index.html")), built_site / "case-study" / "index.html"]:
        soup = _soup(page)
        for heading in soup.select("h2"):
            if heading.get_text().strip("¶") not in ("Events", "Local timeline"):
                continue
            listed = heading.find_next("ul")
            assert listed is not None
            keys = [_sort_key(item.strong.get_text().rstrip(":")) for item in listed.select("li") if item.strong]
            assert keys == sorted(keys), f"{page.relative_to(built_site)}: events out of date order"
            checked += len(keys)
    assert checked >= 30


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
    assert article.select_one("div.diagram-svg > svg") is not None, "the then-and-now diagram is missing"
    targets = {anchor["href"] for anchor in article.select("a[href]")}
    for page in ("glossary/", "structures/", "timeline/", "viewpoints/", "case-study/", "sources/"):
        assert page in targets, page
