"""Every quote against the archived text of its source (only when the archive is given)."""

from __future__ import annotations

from pathlib import Path

from generator.model.citations import citations_with_paths
from generator.quotes import fold, read_archive_text
from generator.validate.files import Checker


def check_quotes(checker: Checker, archive_dir: Path) -> None:
    sources = {source.id: source for _, source in checker.items("sources")}
    for index, source in checker.items("sources"):
        if not (archive_dir / source.archive).is_file():
            checker.report(
                checker.at("sources", index, "archive"),
                f"archive file '{source.archive}' not found under {archive_dir}",
                "give the path relative to the archive folder, e.g. sources/kingsfund-ics-explained.txt",
            )
    archive_texts: dict[str, str | None] = {}
    for parsed in checker.parsed.values():
        for path, citation in citations_with_paths(parsed.content):
            if citation.source not in sources:
                continue  # reported with the other references
            if citation.source not in archive_texts:
                archive_path = archive_dir / sources[citation.source].archive
                archive_texts[citation.source] = read_archive_text(archive_path) if archive_path.is_file() else None
            text = archive_texts[citation.source]
            if text is not None and fold(citation.quote) not in text:
                checker.report(
                    parsed.at(*path, "quote"),
                    f"quote not found in the archived text of '{citation.source}'",
                    f"copy the words exactly from {sources[citation.source].archive}; "
                    "only whitespace, quote marks and dashes may differ",
                )
