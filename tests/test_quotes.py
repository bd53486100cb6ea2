"""Quote verification against archived passages: one passage, whole words, readable files only."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.errors import DataError
from generator.quotes import ArchiveUnreadable, find_quote, read_archive_passages
from generator.validate import build_model

FIXTURE = Path(__file__).parent / "fixtures"
PASSAGES = ["the new local government bodies began in 2013", "33Abolition of Monitor", "local g"]


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("new local government bodies", "whole"),
        ("Abolition of Monitor", "whole"),  # a section number run into a heading is not one word
        ("local g", "whole"),  # the archive itself is cut here
        ("ew local government", "mid-word"),
        ("local gov", "mid-word"),
        ("in 2013 33Abolition", "across"),
        ("bodies ended in 2013", "missing"),
    ],
)
def test_a_quote_is_found_only_whole_and_within_one_passage(quote: str, expected: str) -> None:
    assert find_quote(quote, PASSAGES) == expected


def test_passages_are_split_on_the_archive_separator(tmp_path: Path) -> None:
    archive = tmp_path / "x.txt"
    archive.write_text("url: https://example.org\ntitle: X\n---\nFirst passage.\n...\nSecond “passage”.\n", encoding="utf-8")
    assert read_archive_passages(archive) == ["First passage.", 'Second "passage".']


def test_a_non_utf8_archive_names_the_byte_and_its_offset(tmp_path: Path) -> None:
    archive = tmp_path / "x.txt"
    archive.write_bytes(b"url: https://example.org\n---\nabc\xff")
    with pytest.raises(ArchiveUnreadable, match="byte 0xff at offset 32"):
        read_archive_passages(archive)


def test_an_archive_link_out_of_the_archive_folder_is_refused(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    shutil.copytree(FIXTURE / "archive", archive)
    outside = tmp_path / "outside.txt"
    outside.write_text((archive / "sources" / "alpha.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (archive / "sources" / "alpha.txt").unlink()
    (archive / "sources" / "alpha.txt").symlink_to(outside)
    with pytest.raises(DataError, match=re.escape("archive file 'sources/alpha.txt' is outside the archive folder")):
        build_model(FIXTURE / "data", archive)
