"""The one place data text is made safe for Markdown/HTML and for Mermaid.

Why: contributors type free text into YAML. Whatever they type must show as text,
never as markup, links, snippets or diagram syntax.
"""

from __future__ import annotations

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


def escape_markdown(text: str) -> str:
    """Text shown exactly as written: no Markdown, HTML, links or snippet markers take effect."""
    pieces = []
    for char in " ".join(text.split()):
        if char in _HTML_ENTITIES:
            pieces.append(_HTML_ENTITIES[char])
        elif char in _MARKDOWN_PUNCTUATION:
            pieces.append("\\" + char)
        else:
            pieces.append(char)
    return "".join(pieces)


def escape_attribute(text: str) -> str:
    """Text for an HTML attribute value in double quotes."""
    return "".join(_HTML_ENTITIES.get(char, char) for char in " ".join(text.split()))


def mermaid_label(text: str) -> str:
    """A quoted Mermaid label that shows `text` literally and cannot end the label or the diagram."""
    return '"' + mermaid_text(text) + '"'


def mermaid_text(text: str) -> str:
    """Mermaid text with every character that has meaning in Mermaid written as an entity code."""
    return "".join(_MERMAID_ENTITIES.get(char, char) for char in " ".join(text.split()))


def mermaid_id(entity_id: str) -> str:
    """A node id Mermaid cannot mistake for a keyword (`end`) or an arrow (`--`)."""
    return "n_" + entity_id.replace("-", "_")
