"""Checks that keep pages, ids and dates from quietly overwriting or contradicting each other.

Each check reads the parsed files (items in file order, so every problem has its line) and
reports through the checker; none of them needs the archive.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from generator.model import parse_when
from generator.model.schema import DATA_FILES, InferredDate
from generator.render.common import era_target, organisation_page, viewpoint_target

Where = tuple[str, int, int]

# Folders whose index page the site writes itself; an item's page must not land on one.
SECTION_INDEXES = ("structures/index.md", "viewpoints/index.md", "organisations/index.md")
# Statuses that say a date is a plan, not a fact, so it may lie beyond the sources' horizon.
PLANNED_STATUSES = frozenset({"proposed", "planned", "announced"})
_DATE_FIELDS = ("date", "start", "end", "snapshot")


class Checker(Protocol):
    def items(self, kind: str) -> Iterator[tuple[int, Any]]: ...

    def at(self, kind: str, *path: str | int) -> Where: ...

    def report(self, where: Where, message: str, hint: str) -> None: ...


def check_data_folder(data_dir: Path, display: str) -> list[tuple[str, str, str]]:
    """Files in the data folder that the site would silently ignore: (name, message, hint)."""
    known = {f"{kind}.yaml" for kind in DATA_FILES}
    found = []
    for path in sorted(data_dir.iterdir()):
        if path.name in known or path.name.startswith(".") or path.is_dir():
            continue
        stem = path.name.split(".", 1)[0]
        hint = (
            f"rename it to {stem}.yaml" if f"{stem}.yaml" in known
            else "the data lives in " + ", ".join(sorted(known)) + "; move its content into one of them or delete it"
        )
        found.append((f"{display}/{path.name}", f"unknown file '{path.name}' in the data folder: the site would ignore it", hint))
    return found


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
        yield "eras", index, era, era_target(era.id)
    for index, viewpoint in checker.items("viewpoints"):
        yield "viewpoints", index, viewpoint, viewpoint_target(viewpoint.id)
    for index, organisation in checker.items("organisations"):
        path = organisation_page(organisation)
        if path is not None:
            yield "organisations", index, organisation, path


def check_self_references(checker: Checker) -> None:
    for index, term in checker.items("terms"):
        for position, related in enumerate(term.related):
            if related == term.id:
                checker.report(
                    checker.at("terms", index, "related", position),
                    f"term '{term.id}' lists itself as related",
                    "remove it from 'related'; list other terms only",
                )
    for index, organisation in checker.items("organisations"):
        if organisation.instance_of == organisation.id:
            checker.report(
                checker.at("organisations", index, "instance_of"),
                f"organisation '{organisation.id}' is an instance of itself",
                "name the type it is one of (e.g. 'ccg'), or remove 'instance_of'",
            )


def check_duplicates_within(checker: Checker) -> None:
    """Position ids unique within their viewpoint; each abbreviation on one term only."""
    for index, viewpoint in checker.items("viewpoints"):
        seen: set[str] = set()
        for position, stance in enumerate(viewpoint.positions):
            if stance.id in seen:
                checker.report(
                    checker.at("viewpoints", index, "positions", position, "id"),
                    f"position id '{stance.id}' appears twice in viewpoint '{viewpoint.id}'",
                    "give each position of a viewpoint its own id",
                )
            seen.add(stance.id)
    abbreviations: dict[str, Where] = {}
    for index, term in checker.items("terms"):
        if term.abbr is None:
            continue
        where = checker.at("terms", index, "abbr")
        if term.abbr in abbreviations:
            first = abbreviations[term.abbr]
            checker.report(
                where,
                f"abbreviation '{term.abbr}' is already used at {first[0]}:{first[1]}",
                "an abbreviation gets one tooltip: keep it on one term and mention the other meaning in its definition",
            )
        else:
            abbreviations[term.abbr] = where


def check_date_horizon(checker: Checker) -> None:
    """No date after the newest source's year plus one, unless the item is marked as planned."""
    years = [parse_when(source.published)[0].year for _, source in checker.items("sources") if source.published != "not stated"]
    if not years:
        return
    horizon = max(years) + 1
    for kind in DATA_FILES:
        for index, item in checker.items(kind):
            if getattr(item, "status", None) in PLANNED_STATUSES:
                continue
            for path, year in _dates(item, (index,)):
                if year > horizon:
                    checker.report(
                        checker.at(kind, *path),
                        f"date {year} is after {horizon}, a year past the newest source",
                        "check the year for a typo; a future date needs a source and a 'planned' status",
                    )


def _dates(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], int]]:
    """Every date inside an item, with its path, and its year."""
    if isinstance(value, InferredDate):
        yield (*path, "date"), parse_when(value)[0].year
        return
    fields = getattr(type(value), "model_fields", None)
    if fields is not None:
        for name, field in fields.items():
            key = field.alias or name
            inner = getattr(value, name)
            if name in _DATE_FIELDS and isinstance(inner, str):
                yield (*path, key), parse_when(inner)[0].year
            else:
                yield from _dates(inner, (*path, key))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _dates(item, (*path, index))
