"""Quote verification: every quote must appear word for word in one passage of its source's archived text."""

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
# The archive separates passages with a line holding only `...` (see shared/sources/README.md).
_PASSAGE_BREAK = re.compile(r"\n[ \t]*\.\.\.[ \t]*\n")


class ArchiveUnreadable(Exception):
    """An archived text that is not UTF-8; says where the first bad byte is."""

    def __init__(self, byte: int, offset: int):
        self.byte, self.offset = byte, offset
        super().__init__(f"byte 0x{byte:02x} at offset {offset:,} is not valid UTF-8")


def fold(text: str) -> str:
    """Normalise whitespace and typographic quotes and dashes, nothing else."""
    return _SPACES.sub(" ", text.translate(_FOLDS)).strip()


def read_archive_passages(path: Path) -> list[str]:
    """The folded passages of an archived source, without its header; ArchiveUnreadable if not UTF-8."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError as error:
        raise ArchiveUnreadable(raw[error.start], error.start) from None
    header, separator, body = text.partition("\n---\n")
    body = body if separator and header.startswith("url:") else text
    return [folded for passage in _PASSAGE_BREAK.split(f"\n{body}\n") if (folded := fold(passage))]


def find_quote(quote: str, passages: list[str]) -> str:
    """Where a quote stands: 'whole' (in one passage, on word boundaries), 'mid-word', 'across', or 'missing'.

    Why word boundaries: a quote cut mid-word ("local g") says something its source does not.
    A passage's own start and end count as boundaries, so text the archive itself cuts can be quoted
    up to the cut.
    """
    wanted = fold(quote)
    found_mid_word = False
    for passage in passages:
        start = passage.find(wanted)
        while start >= 0:
            end = start + len(wanted)
            if _boundary(passage, start - 1, wanted[0]) and _boundary(passage, end, wanted[-1]):
                return "whole"
            found_mid_word = True
            start = passage.find(wanted, start + 1)
    if found_mid_word:
        return "mid-word"
    return "across" if wanted in " ".join(passages) else "missing"


def _boundary(passage: str, index: int, edge: str) -> bool:
    """True unless the quote's edge and the passage character beside it are both letters or both digits.

    Why letters and digits apart: stored pages run section numbers into headings ("33Abolition").
    """
    if index < 0 or index >= len(passage):
        return True
    beside = passage[index]
    return not ((edge.isalpha() and beside.isalpha()) or (edge.isdigit() and beside.isdigit()))
