"""The escaping module, against hostile strings: through the site's own Markdown setup, and as the
flowchart text a diagram is drawn from (pure Python: a wrong fix fails here without a browser)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from generator.model import Model
from generator.render.escape import (
    escape_markdown,
    flowchart_edge_label,
    flowchart_node_label,
    node_id,
    subgraph_title,
)
from generator.render.mermaid import flowchart
from generator.validate import build_model
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


MERMAID_LABELS = [flowchart_node_label, flowchart_edge_label, subgraph_title]
_ENTITY = re.compile(r"#(?:[a-z]+|\d+);")


def _decode(label: str) -> str:
    decoded = re.sub(r"#(\d+);", lambda match: chr(int(match.group(1))), label)
    return decoded.replace("#quot;", '"').replace("#amp;", "&").replace("#lt;", "<").replace("#gt;", ">")


@pytest.mark.parametrize("escape", MERMAID_LABELS, ids=lambda escape: escape.__name__)
@pytest.mark.parametrize("text", HOSTILE)
def test_mermaid_label_cannot_close_the_label_or_start_syntax(escape: Callable[[str], str], text: str) -> None:
    label = escape(text)
    assert label.startswith('"') and label.endswith('"')
    bare = _ENTITY.sub("", label[1:-1])
    for dangerous in '"<>&;%`|[]{}():#\n':
        assert dangerous not in bare, (text, label)


@pytest.mark.parametrize("escape", MERMAID_LABELS, ids=lambda escape: escape.__name__)
@pytest.mark.parametrize("text", HOSTILE)
def test_mermaid_label_round_trips_through_its_entity_codes(escape: Callable[[str], str], text: str) -> None:
    assert _decode(escape(text)[1:-1]) == " ".join(text.split())


def test_mermaid_ids_avoid_keywords_and_arrows() -> None:
    assert node_id("end") == "n_end"
    assert node_id("nhs-england") == "n_nhs_england"
    assert "-" not in node_id("a--b")


# One flowchart line per grammar, as generator/render/mermaid.py writes them.
_NODE_LINE = re.compile(r'^ {8}n_[a-z0-9_]+(?:\{\{|\[\[|\(\(\(|\(\(|\(\[|\[\(|\[/|\[|\(|>)"([^"]*)"(?:\}\}|\]\]|\)\)\)|\)\)|\]\)|\)\]|/\]|\\\]|\]|\))$')
_SUBGRAPH_LINE = re.compile(r'^ {4}subgraph band_[a-z]+\["([^"]*)"\]$')
_EDGE_LINE = re.compile(r'^ {4}n_[a-z0-9_]+ (?:==>|-->|-\.->)(?:\|"([^"]*)"\|)? n_[a-z0-9_]+$')
_OTHER_LINE = re.compile(r"^(?: {4}(?:direction LR|end|style band_[a-z]+ [a-z0-9:#,]+|linkStyle \d+ [a-z0-9:;,. -]+|classDef [a-z_]+ [a-z0-9:#,-]+|class [a-z0-9_,]+ [a-z_]+|n_[a-z0-9_]+ ~~~ n_[a-z0-9_]+)|flowchart TB|%%\{init: .*\}%%)$")


@pytest.fixture(scope="module")
def model() -> Model:
    return build_model(ROOT / "data")


@pytest.mark.parametrize("text", HOSTILE)
def test_a_hostile_name_stays_inside_its_label_in_the_drawn_flowchart(model: Model, text: str) -> None:
    """The whole fence, parsed line by line: every line is one the renderer means to write, and the
    hostile name comes back, decoded, from exactly one node label; nothing else in the fence changes."""
    organisations = dict(model.organisations)
    organisations["ccgs"] = organisations["ccgs"].model_copy(update={"name": text})
    hostile = dataclasses.replace(model, organisations=organisations)
    relationships = [rel for rel in model.relationships if "ccgs" in (rel.subject, rel.object)]
    fence = flowchart(hostile, relationships, new=frozenset({"ccgs"})).splitlines()
    assert fence[0] == "```mermaid" and fence[-1] == "```"
    assert "```" not in "".join(fence[1:-1])
    labels = []
    for line in fence[1:-1]:
        if match := _NODE_LINE.match(line) or _SUBGRAPH_LINE.match(line) or _EDGE_LINE.match(line):
            labels.append(_decode(match.group(1) or ""))
        else:
            assert _OTHER_LINE.match(line), f"unexpected line in the fence: {line!r}"
    assert labels.count(" ".join(text.split())) == 1


def test_site_config_enables_escapeall() -> None:
    """escape_markdown relies on every backslash escape working, which escapeall provides."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=_ConfigLoader)
    names = [next(iter(ext)) if isinstance(ext, dict) else ext for ext in config["markdown_extensions"]]
    assert "pymdownx.escapeall" in names


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring its !!python/name tags."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: suffix)
