"""Rules about content that a schema cannot express: each within one item."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from generator.model import KINDS, parse_when
from generator.model.schema import InferredDate
from generator.validate.files import Checker

MAX_DEFINITION_WORDS = 35
# Statuses that say a date is a plan, not a fact, so it may lie beyond the sources' horizon.
PLANNED_STATUSES = frozenset({"proposed", "planned", "announced"})
_DATE_FIELDS = ("date", "start", "end", "snapshot")
Where = tuple[str, int, int]


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
        dates_in_order(checker, "terms", (index,), term)
    for index, organisation in checker.items("organisations"):
        dates_in_order(checker, "organisations", (index,), organisation)
    for index, person in checker.items("people"):
        for role_index, role in enumerate(person.roles):
            dates_in_order(checker, "people", (index, "roles", role_index), role)
    for index, relationship in checker.items("relationships"):
        dates_in_order(checker, "relationships", (index,), relationship, "from", "until")
    _self_references(checker)
    _duplicates_within(checker)
    _date_horizon(checker)


def dates_in_order(
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


class SelfReference(NamedTuple):
    """Items of one kind that must not name themselves in some fields."""

    kind: str
    own_id: Callable[[Any], str]
    # The (path within the item, id) pairs that must differ from the item's own id.
    references: Callable[[Any], list[tuple[tuple[str | int, ...], str]]]
    problem: str  # with {own} for the item's id
    hint: str


SELF_REFERENCES = (
    SelfReference(
        "terms", lambda term: term.id,
        lambda term: [(("related", position), related) for position, related in enumerate(term.related)],
        "term '{own}' lists itself as related", "remove it from 'related'; list other terms only",
    ),
    SelfReference(
        "organisations", lambda organisation: organisation.id,
        lambda organisation: [(("instance_of",), organisation.instance_of)],
        "organisation '{own}' is an instance of itself", "name the type it is one of (e.g. 'ccg'), or remove 'instance_of'",
    ),
    SelfReference(
        "relationships", lambda relationship: relationship.subject,
        lambda relationship: [(("object",), relationship.object)],
        "'{own}' is related to itself", "the object must be a different body",
    ),
)  # fmt: skip


def _self_references(checker: Checker) -> None:
    for rule in SELF_REFERENCES:
        for index, item in checker.items(rule.kind):
            own = rule.own_id(item)
            for path, reference in rule.references(item):
                if reference == own:
                    checker.report(checker.at(rule.kind, index, *path), rule.problem.format(own=own), rule.hint)


def _duplicates_within(checker: Checker) -> None:
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


def _date_horizon(checker: Checker) -> None:
    """No date after the newest source's year plus one, unless the item is marked as planned."""
    years = [parse_when(source.published)[0].year for _, source in checker.items("sources") if source.published != "not stated"]
    if not years:
        return
    horizon = max(years) + 1
    for kind in KINDS:
        for index, item in checker.items(kind.name):
            if getattr(item, "status", None) in PLANNED_STATUSES:
                continue
            for path, year in _dates(item, (index,)):
                if year > horizon:
                    checker.report(
                        checker.at(kind.name, *path),
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
