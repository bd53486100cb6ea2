"""Every quote against the archived text of its source (only when the archive is given)."""

from __future__ import annotations

from pathlib import Path

from generator.model.citations import citations_with_paths
from generator.quotes import ArchiveUnreadable, find_quote, read_archive_passages
from generator.validate.files import Checker

# What a quote that is not whole and within one passage gets told, by where it stands.
_QUOTE_PROBLEMS = {
    "missing": (
        "quote not found in the archived text of '{source}'",
        "copy the words exactly from {archive}; only whitespace, quote marks and dashes may differ",
    ),
    "across": (
        "quote joins two passages of '{source}' (the archive separates them with a line of '...')",
        "quote from one passage of {archive}; cite each passage separately if you need both",
    ),
    "mid-word": (
        "quote starts or ends in the middle of a word of '{source}'",
        "quote whole words from {archive}: extend or trim the quote to a word boundary",
    ),
}


def check_quotes(checker: Checker, archive_dir: Path) -> None:
    sources = {source.id: source for _, source in checker.items("sources")}
    passages = _archive_passages(checker, archive_dir)
    for parsed in checker.parsed.values():
        for path, citation in citations_with_paths(parsed.content):
            if citation.source not in passages:
                continue  # an unknown source, or its archive, is reported once elsewhere
            found = find_quote(citation.quote, passages[citation.source])
            if found != "whole":
                message, hint = _QUOTE_PROBLEMS[found]
                checker.report(
                    parsed.at(*path, "quote"),
                    message.format(source=citation.source),
                    hint.format(archive=sources[citation.source].archive),
                )


def _archive_passages(checker: Checker, archive_dir: Path) -> dict[str, list[str]]:
    """Each source's archived passages; a missing, unreadable or escaping archive file is reported at its source."""
    root = archive_dir.resolve()
    found: dict[str, list[str]] = {}
    for index, source in checker.items("sources"):
        where = checker.at("sources", index, "archive")
        path = (archive_dir / source.archive).resolve()
        if not path.is_relative_to(root):
            checker.report(
                where,
                f"archive file '{source.archive}' is outside the archive folder",
                "name a file inside the archive folder, e.g. sources/kingsfund-ics-explained.txt",
            )
        elif not path.is_file():
            checker.report(
                where,
                f"archive file '{source.archive}' not found under {archive_dir}",
                "give the path relative to the archive folder, e.g. sources/kingsfund-ics-explained.txt",
            )
        else:
            try:
                found[source.id] = read_archive_passages(path)
            except ArchiveUnreadable as error:
                checker.report(
                    where,
                    f"archive file '{source.archive}' is not UTF-8: {error}",
                    "save the archived text as UTF-8 (retype or re-copy the text around that byte)",
                )
    return found
