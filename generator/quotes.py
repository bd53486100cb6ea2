"""Quote verification: every quote must appear word for word in its source's archived text."""

from __future__ import annotations

import re
from pathlib import Path

# Typographic marks an editor or a web page may swap for plain ones.
_FOLDS = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2011": "-", "\u2010": "-", "\u2212": "-",
        "\u2026": "...", "\u00a0": " ", "\u202f": " ", "\u2009": " ",
    }
)  # fmt: skip
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Normalise whitespace and typographic quotes and dashes, nothing else."""
    return _SPACES.sub(" ", text.translate(_FOLDS)).strip()


def read_archive_text(path: Path) -> str:
    """The folded passages of an archived source, without its header."""
    text = path.read_text(encoding="utf-8")
    header, separator, body = text.partition("\n---\n")
    return fold(body if separator and header.startswith("url:") else text)
