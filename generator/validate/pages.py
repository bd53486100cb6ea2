"""Every page an item gets has a path of its own: not another item's, a section's index or a hand-written page.

Two ids can give one path (an era `2013` beside `era-2013`), and an id can land on an index page
(an organisation called `index`); the build would then let one page silently replace the other.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator import paths
from generator.validate.files import Checker

Where = tuple[str, int, int]
SECTION_INDEXES = (paths.STRUCTURES, paths.VIEWPOINTS, paths.ORGANISATIONS)


def hand_written_pages(docs_dir: Path) -> set[str]:
    """Pages written by hand in docs/, which a generated page must not replace."""
    if not docs_dir.is_dir():
        return set()
    return {path.relative_to(docs_dir).as_posix() for path in docs_dir.rglob("*.md")}


def check_page_paths(checker: Checker, hand_written: set[str]) -> None:
    """Every page an item gets has a path of its own: not another item's, a section index or a hand-written page."""
    taken: dict[str, Where] = {path: ("a section's index page", 0, 0) for path in SECTION_INDEXES}
    taken.update({path: (f"the hand-written page docs/{path}", 0, 0) for path in hand_written})
    for kind, index, item, path in _item_pages(checker):
        where = checker.at(kind, index, "id")
        first = taken.get(path)
        if first is None:
            taken[path] = where
            continue
        clash = f"the item at {first[0]}:{first[1]}" if first[1] else first[0]
        checker.report(
            where,
            f"id '{item.id}' would give the page {path}, which is already {clash}",
            "choose another id: the page would silently replace the other one",
        )


def _item_pages(checker: Checker) -> Iterator[tuple[str, int, Any, str]]:
    for index, era in checker.items("eras"):
        yield "eras", index, era, paths.era_page(era.id)
    for index, viewpoint in checker.items("viewpoints"):
        yield "viewpoints", index, viewpoint, paths.viewpoint_page(viewpoint.id)
    for index, organisation in checker.items("organisations"):
        if not paths.in_case_study(organisation):
            yield "organisations", index, organisation, paths.organisation_page(organisation.id)
