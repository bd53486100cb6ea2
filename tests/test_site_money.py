"""The built site: the money, accountability and complaints pages, 'as at' lines and stale-plan notices."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from generator.staleness import build_date_from_environment, stale_plans
from generator.validate import build_model
from tests.conftest import ROOT

NEW_PAGES = ("money/", "accountability/", "complaints/")


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_new_pages_are_one_click_from_home_in_the_article_and_the_tabs(built_site: Path) -> None:
    home = _soup(built_site / "index.html")
    article_links = {anchor["href"] for anchor in home.select("article a[href]")}
    tab_links = {anchor["href"] for anchor in home.select("a.md-tabs__link[href]")}
    for page in NEW_PAGES:
        assert page in article_links, page
        assert (built_site / page / "index.html").is_file(), page
    # The "Money and complaints" tab opens the first of the three; its sidebar lists the other two.
    assert "money/" in tab_links
    sidebar = {anchor["href"] for anchor in _soup(built_site / "money" / "index.html").select("nav.md-nav--primary a[href]")}
    assert {"../accountability/", "../complaints/"} <= sidebar


def test_money_page_draws_both_moments_with_a_table_beside_each(built_site: Path) -> None:
    article = _soup(built_site / "money" / "index.html").select_one("article")
    assert article is not None
    assert len(article.select("div.diagram-svg > svg")) == 2  # drawn at build time
    assert len(article.select(".diagram-text table")) == 2
    text = article.get_text(" ")
    assert "£127.2 billion (2024/25)" in text and "£3.858 billion (2025/26)" in text


def test_every_organisation_page_shows_its_accountability_grid(built_site: Path) -> None:
    pages = [path for path in (built_site / "organisations").glob("*/index.html")]
    assert len(pages) > 20
    for page in pages:
        assert _soup(page).select_one("h2#who-answers-for-it") is not None, page


def test_every_generated_page_shows_an_as_at_line(built_site: Path) -> None:
    hand_written = {path.stem for path in (ROOT / "docs").glob("*.md")}
    for page in built_site.rglob("index.html"):
        if {"assets", "downloads", "search"} & set(page.parts) or page.parent.name in hand_written:
            continue
        line = _soup(page).select_one("article div.as-at")
        assert line is not None and line.get_text().strip().startswith("As at"), page


def test_pages_mentioning_a_stale_plan_show_the_notice(built_site: Path) -> None:
    """The same build date as the build (today, or SOURCE_DATE_EPOCH): stale plans come and go with time."""
    plans = stale_plans(build_model(ROOT / "data"), build_date_from_environment())
    timeline = _soup(built_site / "timeline" / "index.html").get_text(" ")
    for plan in plans:
        assert "This may have happened; check" in timeline
        assert plan.title in timeline
    if not plans:
        assert "This may have happened; check" not in timeline
