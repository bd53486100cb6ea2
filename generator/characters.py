"""Invisible characters that data text must not hold, shared by the loader and the schema."""

from __future__ import annotations

import re

# Unicode's control characters (category Cc: U+0000-U+001F and U+007F-U+009F), less newline and
# tab; the byte-order mark U+FEFF, which Mermaid drops from labels; the bidirectional controls
# (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069), which can make text read differently
# from what it says; and the separators U+2028 and U+2029, which YAML and browsers read as line
# breaks where an editor shows none.
INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def invisible_message(character: str) -> str:
    return (
        f"contains the invisible character U+{ord(character):04X} (a control, direction or line-separator "
        "character, or a byte-order mark)"
    )
