"""The two escaping helpers, against hostile strings, through the site's own Markdown setup."""

from __future__ import annotations

import re

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from generator.render.text import escape_markdown, mermaid_id, mermaid_label, mermaid_text
from tests.conftest import ROOT

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click me](javascript:alert(1))",
    "![x](https://evil.example/x.png)",
    "<https://evil.example>",
    "**bold** _em_ `code` ~~strike~~",
    "# not a heading",
    "--8<-- \"/etc/passwd\"",
    "*[CCG]: hijacked tooltip",
    "{: .admonition onclick=alert(1) }",
    "a | b | c",
    "&amp; &lt; &#x3c; \\ back\\slash",
    "1. not a list",
    '"quotes" and \'apostrophes\' and “curly” ones',
    "end --> x %% comment click n_x call alert() ; classDef x fill:#f00",
    "line one\nline two\ttabbed",
    "[^1] footnote and <!-- comment -->",
]

SITE_EXTENSIONS = ["abbr", "attr_list", "md_in_html", "tables", "pymdownx.escapeall", "pymdownx.superfences"]


def _render(text: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(text, extensions=SITE_EXTENSIONS), "html.parser")


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_text_is_shown_exactly_and_adds_no_markup(text: str) -> None:
    html = _render(f"Before {escape_markdown(text)} after")
    assert html.get_text() == f"Before {' '.join(text.split())} after"
    assert [tag.name for tag in html.find_all(True)] == ["p"]


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_text_in_a_table_cell_stays_in_its_cell(text: str) -> None:
    html = _render(f"| A | B |\n| --- | --- |\n| {escape_markdown(text)} | next |")
    cells = [cell.get_text() for cell in html.find_all("td")]
    assert cells == [" ".join(text.split()), "next"]


@pytest.mark.parametrize("text", HOSTILE)
def test_mermaid_label_cannot_close_the_label_or_start_syntax(text: str) -> None:
    label = mermaid_label(text)
    assert label.startswith('"') and label.endswith('"')
    bare = re.sub(r"#(?:[a-z]+|\d+);", "", label[1:-1])
    for dangerous in '"<>&;%`|[]{}():#\n':
        assert dangerous not in bare, (text, label)


@pytest.mark.parametrize("text", HOSTILE)
def test_mermaid_text_round_trips_through_its_entity_codes(text: str) -> None:
    decoded = re.sub(r"#(\d+);", lambda match: chr(int(match.group(1))), mermaid_text(text))
    decoded = decoded.replace("#quot;", '"').replace("#amp;", "&").replace("#lt;", "<").replace("#gt;", ">")
    assert decoded == " ".join(text.split())


def test_mermaid_ids_avoid_keywords_and_arrows() -> None:
    assert mermaid_id("end") == "n_end"
    assert mermaid_id("nhs-england") == "n_nhs_england"
    assert "-" not in mermaid_id("a--b")


def test_site_config_enables_escapeall() -> None:
    """escape_markdown relies on every backslash escape working, which escapeall provides."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=_ConfigLoader)
    names = [next(iter(ext)) if isinstance(ext, dict) else ext for ext in config["markdown_extensions"]]
    assert "pymdownx.escapeall" in names


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring its !!python/name tags."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: suffix)
