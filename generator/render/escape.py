"""Escaping: the one place data text is made safe for Markdown/HTML and for each Mermaid grammar.

Why: contributors type free text into YAML. Whatever they type must show as text,
never as markup, links, snippets or diagram syntax. Each place text goes in a Mermaid
flowchart (node label, edge label, subgraph title, node id) has its own function, so a
fix for one grammar is made, and tested in tests/test_escaping.py, in one place.
"""

from __future__ import annotations

import functools
import re
import string

_HTML_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
# pymdownx.escapeall makes a backslash escape every ASCII punctuation mark.
_MARKDOWN_PUNCTUATION = set(string.punctuation) - set(_HTML_ENTITIES)

# Mermaid decodes `#name;` and `#123;` entity codes inside labels.
_MERMAID_ENTITIES = {
    '"': "#quot;",
    "&": "#amp;",
    "<": "#lt;",
    ">": "#gt;",
    "#": "#35;",
    ";": "#59;",
    "%": "#37;",
    "`": "#96;",
    ":": "#58;",
    "|": "#124;",
    "[": "#91;",
    "]": "#93;",
    "{": "#123;",
    "}": "#125;",
    "(": "#40;",
    ")": "#41;",
    # Mermaid hides its own entity codes as `ﬂ°name¶ß` while it parses, and turns every `ﬂ°` into `&`
    # and `¶ß` into `;` (even in the finished drawing). An invisible word joiner after `ﬂ` and `¶`
    # keeps typed text from forming those pairs.
    "\ufb02": "#64258;#8288;",
    "\u00b6": "#182;#8288;",
}

# Escaping runs in C (a regular expression, str.replace, str.translate), never a Python loop over
# characters: escaping was the renderer's main cost.
_ATTRIBUTE_TABLE = str.maketrans(_HTML_ENTITIES)
_MARKDOWN_PUNCTUATION_PATTERN = re.compile("[" + re.escape("".join(sorted(_MARKDOWN_PUNCTUATION))) + "]")
# An `&` that could start an entity (`&amp;`, `&#35;`). Any other `&` is left as typed: Markdown writes
# it out as `&amp;`, and the `abbr` extension can still see it, so an abbreviation such as B&NES gets
# its tooltip (an entity or an escape there hides the text from it). `;` and `#` are escaped anyway.
_ENTITY_START = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_HTML_ENTITIES_BUT_AMPERSAND = [(char, entity) for char, entity in _HTML_ENTITIES.items() if char != "&"]
_MERMAID_TABLE = str.maketrans(_MERMAID_ENTITIES)


# Cached: the same names and quotes are escaped on many pages (about 4 calls per distinct text).
@functools.cache
def escape_markdown(text: str) -> str:
    """Text shown exactly as written: no Markdown, HTML, links or snippet markers take effect."""
    parts = _ENTITY_START.split(" ".join(text.split()))
    return "&amp;".join(_escape_markdown_part(part) for part in parts)


def _escape_markdown_part(text: str) -> str:
    text = _MARKDOWN_PUNCTUATION_PATTERN.sub(r"\\\g<0>", text)
    # `&` is handled by the caller; the backslashes above come first so these entities stay intact.
    for char, entity in _HTML_ENTITIES_BUT_AMPERSAND:
        text = text.replace(char, entity)
    return text


def escape_attribute(text: str) -> str:
    """Text for an HTML attribute value in double quotes."""
    return " ".join(text.split()).translate(_ATTRIBUTE_TABLE)


def flowchart_node_label(text: str) -> str:
    """A node's label, quoted: `id["label"]`. Shows `text` literally; cannot end the label or the diagram."""
    return '"' + _mermaid_entities(text) + '"'


def flowchart_edge_label(text: str) -> str:
    """An edge's label, quoted, for `a -->|"label"| b`: a `|` or `"` in the text cannot end it."""
    return '"' + _mermaid_entities(text) + '"'


def subgraph_title(text: str) -> str:
    """A subgraph's title, quoted, for `subgraph id["title"]`: `end` or `]` in the text cannot close it."""
    return '"' + _mermaid_entities(text) + '"'


def node_id(entity_id: str) -> str:
    """A node id Mermaid cannot mistake for a keyword (`end`) or an arrow (`--`)."""
    return "n_" + entity_id.replace("-", "_")


def _mermaid_entities(text: str) -> str:
    """Text with every character that has meaning in Mermaid written as an entity code."""
    return " ".join(text.split()).translate(_MERMAID_TABLE)
