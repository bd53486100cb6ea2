"""Rules about content that a schema cannot express: each within one item."""

from __future__ import annotations

from typing import Any

from generator.model import parse_when
from generator.validate.files import Checker

MAX_DEFINITION_WORDS = 35


def check_content(checker: Checker) -> None:
    for index, source in checker.items("sources"):
        if source.url is None and source.url_note is None:
            checker.report(
                checker.at("sources", index, "id"),
                f"source '{source.id}' has neither url nor url_note",
                "add the https:// address, or say in url_note why there is none",
            )
    for index, term in checker.items("terms"):
        words = len(term.definition.split())
        if words > MAX_DEFINITION_WORDS:
            checker.report(
                checker.at("terms", index, "definition"),
                f"definition has {words} words, over {MAX_DEFINITION_WORDS}",
                "say it in one short plain-English sentence",
            )
        _dates_in_order(checker, "terms", (index,), term)
    for index, organisation in checker.items("organisations"):
        _dates_in_order(checker, "organisations", (index,), organisation)
    for index, person in checker.items("people"):
        for role_index, role in enumerate(person.roles):
            _dates_in_order(checker, "people", (index, "roles", role_index), role)
    for index, relationship in checker.items("relationships"):
        if relationship.subject == relationship.object:
            checker.report(
                checker.at("relationships", index, "object"),
                f"'{relationship.subject}' is related to itself",
                "the object must be a different body",
            )
        _dates_in_order(checker, "relationships", (index,), relationship, "from", "until")


def _dates_in_order(
    checker: Checker, kind: str, path: tuple[str | int, ...], item: Any, start_key: str = "start", end_key: str = "end"
) -> None:
    start, end = getattr(item, "start", None), getattr(item, "end", None)
    if start is None or end is None:
        return
    start_date, _ = parse_when(start)
    end_date, _ = parse_when(end)
    if end_date.latest < start_date.earliest:
        checker.report(
            checker.at(kind, *path, end_key),
            f"'{end_key}' {end_date.iso()} is before '{start_key}' {start_date.iso()}",
            "swap the dates or correct the one that is wrong",
        )
