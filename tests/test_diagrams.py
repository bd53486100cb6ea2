"""Diagrams drawn at build time (generator/diagrams.py): safe, repeatable, cached, put in place."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator import diagrams
from generator.diagrams import DiagramCache, DiagramError, clean_svg, draw_svg, inline_diagrams
from generator.render.escape import flowchart_edge_label, flowchart_node_label
from tests.test_properties import HOSTILE_PIECES

SMALL = 'flowchart LR\n    n_a("Clinical Commissioning Groups") -->|"was replaced by"| n_b("Integrated Care Boards")\n'

# The hostile corpus, as labels a reader could see (whitespace-only and control characters are refused by the checker).
HOSTILE_LABELS = [piece for piece in HOSTILE_PIECES if piece.strip() and piece.isprintable()]


def _text(svg: str) -> str:
    soup = BeautifulSoup(svg, "html.parser")
    for style in soup.find_all("style"):
        style.decompose()
    # mermaid_text puts a word joiner (U+2060) inside Mermaid's own entity markers; it is invisible.
    return "".join(soup.get_text().split()).replace("\u2060", "")


def test_hostile_labels_are_drawn_as_text_by_the_build_renderer() -> None:
    lines = ["flowchart TB"]
    for index, label in enumerate(HOSTILE_LABELS):
        lines.append(f"    n_{index}({flowchart_node_label(label)})")
        if index:
            lines.append(f"    n_{index - 1} -->|{flowchart_edge_label(label)}| n_{index}")
    svg = draw_svg("\n".join(lines) + "\n")
    soup = BeautifulSoup(svg, "html.parser")
    elements = soup.find_all(True)
    assert {element.name.lower() for element in elements} <= {name.lower() for name in diagrams.ALLOWED_ELEMENTS}
    assert not soup.find_all("script") and not soup.find_all("a")
    assert not [name for element in elements for name in element.attrs if name.lower().startswith("on")]
    links = [element.get(name) for element in elements for name in ("href", "xlink:href", "src") if element.get(name)]
    assert all(str(link).startswith("#") for link in links), links
    text = _text(svg)
    for label in HOSTILE_LABELS:
        assert "".join(label.split()) in text, f"{label!r} is not drawn as text"


def test_clean_svg_keeps_the_picture_and_drops_scripts_handlers_and_outside_links() -> None:
    hostile = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" id="my-svg" '
        'viewBox="0 0 100.123456 50" onload="alert(1)">'
        "<style>#my-svg .node{fill:#fff;} @import url(https://evil.example/x.css); #my-svg .x{background:url(https://evil.example/y.png)}</style>"
        '<script>alert(2)</script><defs><marker id="my-svg_arrow"><path d="M 0 0 L 10.98765 5 z"/></marker></defs>'
        '<a xlink:href="https://evil.example/"><text x="1" y="2">linked label</text></a>'
        '<use href="https://evil.example/sprite.svg#x"/><path marker-end="url(#my-svg_arrow)" data-points="xyz" d="M1 1"/>'
        '<foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml"><iframe src="https://evil.example"/>'
        '<span onclick="alert(3)"><p>my-svg &lt;b&gt;as text&lt;/b&gt;</p></span></div></foreignObject></svg>'
    )
    cleaned = clean_svg(hostile, "diagram-x")
    soup = BeautifulSoup(cleaned, "html.parser")
    assert not soup.find_all(["script", "iframe", "a"])
    assert "evil.example" not in cleaned and "alert" not in cleaned and "@import" not in cleaned
    assert soup.svg["id"] == "diagram-x" and soup.find("marker")["id"] == "diagram-x_arrow"
    assert soup.find("path", attrs={"marker-end": "url(#diagram-x_arrow)"}) is not None
    assert "#diagram-x .node" in soup.style.get_text() and "data-points" not in cleaned
    assert soup.svg["viewbox"] == "0 0 100.12 50" and 'd="M 0 0 L 10.99 5 z"' in cleaned
    # Label text stays as it was, "my-svg" and markup-looking text included, and is still text.
    assert soup.find("text").get_text() == "linked label"
    assert soup.find("p").get_text() == "my-svg <b>as text</b>" and soup.find("b") is None


def test_a_drawing_is_the_same_every_time() -> None:
    assert draw_svg(SMALL) == draw_svg(SMALL)


def test_a_drawing_does_not_depend_on_what_was_drawn_before_it() -> None:
    # One Mermaid context serves every diagram a process draws (diagrams.MermaidPage); a browser would start afresh.
    bigger = (
        'flowchart TB\n    subgraph national["National"]\n        n_x("NHS England")\n    end\n'
        '    n_x ==>|"funds"| n_y("Integrated Care Boards")\n    n_y -.- n_z("Primary Care Networks")\n'
    )
    alone = diagrams.MermaidPage().draw(SMALL)
    after_others = diagrams.MermaidPage()
    after_others.draw(bigger)
    with pytest.raises(DiagramError):
        after_others.draw("flowchart LR\n    a --> ((( b\n")
    assert after_others.draw(SMALL) == alone


def test_the_cache_draws_each_diagram_once_and_keys_on_the_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = DiagramCache(tmp_path / "diagrams")
    first = cache.draw(SMALL)
    assert cache.drawn == 1 and len(list((tmp_path / "diagrams").glob("*.svg"))) == 1
    assert DiagramCache(tmp_path / "diagrams").draw(SMALL) == first  # a new build reads the file
    assert cache.draw(SMALL.rstrip("\n")) == first and cache.drawn == 1  # fence and HTML forms agree
    monkeypatch.setitem(diagrams.MERMAID_CONFIG, "handDrawnSeed", 2)
    cache.draw_all([SMALL], workers=1)
    assert cache.drawn == 2 and len(list((tmp_path / "diagrams").glob("*.svg"))) == 2


def test_only_the_fence_element_is_replaced_and_any_wrapper_stays(tmp_path: Path) -> None:
    escaped = SMALL.replace('"', "&quot;").replace(">", "&gt;")
    page = f'<p>Before</p>\n<figure class="diagram"><pre  class="mermaid"><code>{escaped}</code></pre></figure>\n<p>After</p>'
    out = inline_diagrams(page, DiagramCache(tmp_path), "structures/2022.md")
    soup = BeautifulSoup(out, "html.parser")
    assert soup.select_one("pre.mermaid") is None and soup.select(".mermaid") == []
    svg = soup.select_one("figure.diagram > div.diagram-svg > svg")
    assert svg is not None and svg.get("viewbox") and "max-width" in svg.get("style", "")
    assert re.fullmatch(r"diagram-[0-9a-f]{10}", svg["id"])
    assert "Clinical Commissioning Groups" in svg.get_text() and "was replaced by" in svg.get_text()
    assert out.startswith("<p>Before</p>") and out.endswith("<p>After</p>")


def test_a_diagram_mermaid_cannot_draw_names_the_page(tmp_path: Path) -> None:
    page = '<pre class="mermaid"><code>flowchart LR\n    a --&gt;&gt;&gt; ((( b\n</code></pre>'
    with pytest.raises(DiagramError, match=r"^case-study\.md: Mermaid could not draw a diagram"):
        inline_diagrams(page, DiagramCache(tmp_path), "case-study.md")
