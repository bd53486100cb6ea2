"""Ids: each unique, and each reference to another item pointing at one that exists."""

from __future__ import annotations

from typing import Any

from generator.model import KINDS
from generator.model.references import references_in
from generator.model.schema import RefersTo
from generator.validate.files import Checker
from generator.validate.schema_errors import distance

MAX_GUESSED_REFERENCES = 20


def check_ids_and_references(checker: Checker) -> None:
    """Duplicate ids within a file, and within kinds one reference may name (organisations and people);
    then every id an item refers to (fields marked with RefersTo in the schema)."""
    known: dict[tuple[str, ...], dict[str, Any]] = {}
    for kind in KINDS:
        if "id" in kind.item_model.model_fields:
            known[(kind.name,)] = _unique_ids(checker, (kind.name,))
    marks = {mark for kind in KINDS for _, _, mark in _references(checker, kind.name)}
    for kinds in sorted({mark.kinds for mark in marks if len(mark.kinds) > 1}):
        known[kinds] = _unique_ids(checker, kinds)
    guesses: dict[str, list[str]] = {}
    for kind in KINDS:
        for path, value, mark in _references(checker, kind.name):
            if value not in _known(known, mark):
                _report_unknown(checker, kind.name, path, value, mark, _known(known, mark), guesses)


def _references(checker: Checker, kind: str) -> list[tuple[tuple[str | int, ...], str, RefersTo]]:
    if kind not in checker.parsed:
        return []
    return [
        ((index, *path), value, mark)
        for index, item in checker.items(kind)
        for path, value, mark in references_in(item)
    ]


def _known(known: dict[tuple[str, ...], dict[str, Any]], mark: RefersTo) -> dict[str, Any]:
    return known[mark.kinds]


def _unique_ids(checker: Checker, kinds: tuple[str, ...]) -> dict[str, Any]:
    """Id -> item over the files of `kinds`, reporting each id used twice."""
    found: dict[str, tuple[str, int, int]] = {}
    result = {}
    for kind in kinds:
        for index, item in checker.items(kind):
            where = checker.at(kind, index, "id")
            if item.id in found:
                first = found[item.id]
                checker.report(
                    where, f"duplicate id '{item.id}' (first used at {first[0]}:{first[1]})", "give each item its own id"
                )
                continue
            found[item.id] = where
            result[item.id] = item
    return result


def _report_unknown(
    checker: Checker,
    kind: str,
    path: tuple[str | int, ...],
    value: str,
    mark: RefersTo,
    known: dict[str, Any],
    guesses: dict[str, list[str]],
) -> None:
    # Each guess compares against every id: make only the first few, once per value.
    if value not in guesses and len(guesses) < MAX_GUESSED_REFERENCES:
        guesses[value] = sorted(known, key=lambda other: distance(value, other))[:3]
    suggestions = guesses.get(value)
    checker.report(
        checker.at(kind, *path),
        f"unknown {mark.what} '{value}'",
        f"use the id of an existing {mark.what}" + (f"; nearest: {', '.join(suggestions)}" if suggestions else ""),
    )
