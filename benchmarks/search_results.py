"""What the site's own search shows for readers' queries, and what the search index weighs.

    python benchmarks/search_results.py site/                 # the built site in site/
    python benchmarks/search_results.py before/ after/        # two builds, side by side

Types each query into Material's search box in headless Chromium (Debian's, as the browser tests
use) and prints the first results, so a change to what the index holds can be judged by the lists
a reader would get, not only by its size.
"""

from __future__ import annotations

import argparse
import gzip
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import serving

# Queries a councillor, journalist or member of the public might type.
QUERIES = (
    "ICB",
    "clinical commissioning group",
    "Wiltshire",
    "complain",
    "who pays",
    "sustainability and transformation",
    "Lansley",
    "health and wellbeing board",
    "abolish NHS England",
    "primary care network",
    "GP",
    "Commissioning Board",
)
SHOWN = 5


def index_weight(site: Path) -> tuple[int, int]:
    """The search index as served: bytes, and bytes gzip-compressed."""
    raw = (site / "search" / "search_index.json").read_bytes()
    return len(raw), len(gzip.compress(raw, 9))


def results(site: Path, queries: tuple[str, ...]) -> dict[str, list[str]]:
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("NHS_EXPLAINER_CHROMIUM", "/usr/bin/chromium")
    found: dict[str, list[str]] = {}
    with serving(site) as origin, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(origin)
        box = page.locator("input.md-search__input")
        for query in queries:
            box.click()
            box.fill("")
            page.keyboard.type(query)  # as a reader types: Material searches on key presses
            page.locator(".md-search-result__item").first.wait_for(timeout=20_000)
            page.wait_for_timeout(1000)  # the worker answers as each letter is typed: let the last answer land
            found[query] = page.eval_on_selector_all(
                ".md-search-result__item > a.md-search-result__link",
                """links => links.map((link) => {
                    const title = link.querySelector("h1, h2")?.textContent.trim() ?? "";
                    return `${title}  (${new URL(link.href).pathname})`;
                })""",
            )
        browser.close()
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sites", nargs="+", type=Path, help="built site folders (one, or before and after)")
    arguments = parser.parse_args(argv)
    lists = {site: results(site, QUERIES) for site in arguments.sites}
    for site in arguments.sites:
        raw, compressed = index_weight(site)
        print(f"{site}: search index {raw / 1000:,.0f} KB, {compressed / 1000:,.0f} KB gzip")
    for query in QUERIES:
        print(f"\n## {query!r}")
        for site in arguments.sites:
            shown = lists[site][query][:SHOWN]
            print(f"  {site} ({len(lists[site][query])} pages found):")
            print("\n".join(f"    {number}. {line}" for number, line in enumerate(shown, 1)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
