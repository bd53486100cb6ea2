"""Load every data file, validate it, resolve every reference, and build the Model.

All problems in all files are collected and reported together.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.areas.load import load_areas
from generator.errors import DataError, Problem
from generator.load import LoadedFile, PathKey, load_file
from generator.model import Model, parse_when
from generator.model.schema import DATA_FILES, Citation
from generator.quotes import fold, read_archive_text
from generator.speed import gc_paused

MAX_DEFINITION_WORDS = 35
# A file with thousands of mistakes is one mistake repeated: show the first ones, count the rest.
MAX_PROBLEMS_PER_FILE = 50
# Guessing the intended word costs len(a) * len(b); a pasted paragraph is not a typo.
MAX_GUESS_LENGTH = 100
MAX_GUESSED_REFERENCES = 20
# Relations that describe a hierarchy or a succession, so a loop is a mistake.
ACYCLIC_RELATIONS = ("part-of", "replaced-by", "merged-into", "member-of")


def _known_keys() -> set[str]:
    """Every key any data file may use, to suggest the one a typo meant."""
    keys: set[str] = set()
    pending: list[type[BaseModel]] = list(DATA_FILES.values())
    while pending:
        model = pending.pop()
        for name, field in model.model_fields.items():
            keys.add(field.alias or name)
            pending.extend(_models_in(field.annotation))
    return keys


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for argument in getattr(annotation, "__args__", ()) for model in _models_in(argument)]


def _nearest(value: str, choices: Iterable[str]) -> str | None:
    if len(value) > MAX_GUESS_LENGTH:
        return None
    best = min(choices, key=lambda choice: _distance(value, choice), default=None)
    return best if best is not None and _distance(value, best) <= max(2, len(value) // 3) else None


def _shown(value: object, limit: int = 80) -> str:
    """A value as one short line for a message: long values cut, control characters made visible."""
    text = "".join(char if char.isprintable() or char == " " else repr(char)[1:-1] for char in str(value)[: limit + 1])
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _friendly(error: ErrorDetails, field: str) -> tuple[str, str]:
    """Message and hint for one pydantic error, in a contributor's terms."""
    kind, raw_value = error["type"], error.get("input")
    value, field = _shown(raw_value), _shown(field)
    if kind == "extra_forbidden":
        guess = _nearest(field, _known_keys())
        return f"unknown key '{field}'", (
            f"did you mean '{guess}'? " if guess else ""
        ) + "remove it or fix its spelling"
    if kind == "missing":
        return f"missing required key '{field}'", f"add '{field}:' to this item"
    if kind == "string_pattern_mismatch" and field == "url" and str(raw_value).startswith("https://"):
        return (
            f"'{value}' has characters a web address cannot contain as they are",
            "copy the address from the browser's address bar: spaces, quotes, brackets [ ], backslashes "
            "and backticks must be percent-encoded (e.g. %20 for a space)",
        )
    if kind == "string_pattern_mismatch" and field == "url":
        return (
            f"'{value}' is not an https:// address",
            "use the page's https:// address, or leave url out and explain in url_note",
        )
    if kind == "string_pattern_mismatch" and field in {
        "date",
        "start",
        "end",
        "from",
        "until",
        "snapshot",
        "published",
    }:
        return f"'{value}' is not a date", 'write YYYY, YYYY-MM or YYYY-MM-DD in quotes, e.g. "2019-03"'
    if kind == "string_pattern_mismatch":
        return f"'{value}' is not a valid {field}", "ids are lower-case letters, digits and hyphens, e.g. 'nhs-england'"
    if kind == "string_too_long":
        limit = error["ctx"]["max_length"]
        return f"'{field}' is too long ({len(str(raw_value)):,} characters)", f"shorten it to at most {limit:,} characters"
    if kind == "string_too_short":
        return f"'{field}' is too short", error["msg"].replace("String should", "it should")
    if kind == "literal_error":
        guess = _nearest(str(raw_value), re.findall(r"'([^']+)'", error["ctx"]["expected"]))
        return f"'{value}' is not allowed for '{field}'", (
            f"did you mean '{guess}'? " if guess else ""
        ) + "use one of: " + error["ctx"]["expected"]
    if kind == "value_error":
        return f"'{field}': {error['ctx']['error']}", "correct the value"
    if kind == "string_type" and isinstance(raw_value, (int, float, bool)):
        return f"'{field}' must be text, not the number or word {value}", f'put the value in quotes, e.g. {field}: "{value}"'
    if kind == "too_short":
        needed = error["ctx"]["min_length"]
        items = "one item" if needed == 1 else f"{needed} items"
        return f"'{field}' must be a list with at least {items}", "write one '- item' per line under the key"
    if kind == "list_type":
        return f"'{field}' must be a list", "write one '- item' per line under the key, or [a, b]"
    return f"'{field}': {error['msg']}", "see schema/ for what this key takes"


def _is_union_branch(part: str | int) -> bool:
    """Pydantic names the branch of a union in the error path; data keys are lower-case words."""
    return isinstance(part, str) and (
        part[:1].isupper() or "[" in part or part in {"str", "int", "bool", "list", "dict"}
    )


def _validation_problems(loaded: LoadedFile, error: ValidationError) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[PathKey] = set()
    errors = [
        (tuple(part for part in item["loc"] if not _is_union_branch(part)), item)
        for item in error.errors(include_url=False)
    ]
    # A union (a date, or a mapping with a date and a basis) reports each branch's errors; when one
    # branch got further into the value, the others' complaints about the value's type are noise.
    deeper = {path[:cut] for path, item in errors if len(item["loc"]) > len(path) for cut in range(len(path))}
    for path, item in errors:
        # Unions report one error per branch; keep the first for each place.
        if path in seen or (path in deeper and len(item["loc"]) > len(path)):
            continue
        seen.add(path)
        line, column = loaded.locate(path, key=item["type"] == "extra_forbidden")
        if len(problems) == MAX_PROBLEMS_PER_FILE:
            more = error.error_count() - len(seen) + 1
            problems.append(
                Problem(
                    loaded.name,
                    line,
                    column,
                    f"...and up to {more:,} more problems from here on, not shown",
                    "fix the problems above (the rest are probably the same mistake) and check again",
                )
            )
            break
        field = next((str(part) for part in reversed(path) if isinstance(part, str)), "item")
        message, hint = _friendly(item, field)
        problems.append(Problem(loaded.name, line, column, message, hint))
    return problems


@dataclass
class _Parsed:
    """One file's validated content and where its items are."""

    loaded: LoadedFile
    content: BaseModel

    def at(self, *path: str | int) -> tuple[str, int, int]:
        line, column = self.loaded.locate(path)
        return (self.loaded.name, line, column)


def _parse_files(data_dir: Path) -> tuple[dict[str, _Parsed], list[Problem]]:
    parsed: dict[str, _Parsed] = {}
    problems: list[Problem] = []
    for kind, file_model in DATA_FILES.items():
        name = _display_name(data_dir / f"{kind}.yaml")
        try:
            loaded = load_file(data_dir / f"{kind}.yaml", name)
        except DataError as error:
            problems.extend(error.problems)
            continue
        if not isinstance(loaded.data, dict):
            problems.append(
                Problem(
                    name,
                    1,
                    1,
                    "the file must be a mapping",
                    f"start the file with '{kind}:' followed by a list of items",
                )
            )
            continue
        try:
            parsed[kind] = _Parsed(loaded, file_model.model_validate(loaded.data, by_alias=True))
        except ValidationError as error:
            problems.extend(_validation_problems(loaded, error))
    return parsed, problems


def _display_name(path: Path) -> str:
    """The path as a contributor would type it: relative to the working folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


class _Checker:
    """Cross-file checks on files that each passed their schema."""

    def __init__(self, parsed: dict[str, _Parsed]):
        self.parsed = parsed
        self.problems: list[Problem] = []
        self.guesses: dict[str, list[str]] = {}

    def report(self, where: tuple[str, int, int], message: str, hint: str) -> None:
        self.problems.append(Problem(*where, message, hint))

    def items(self, kind: str) -> Iterator[tuple[int, Any]]:
        return enumerate(getattr(self.parsed[kind].content, kind))

    def unique_ids(self, kinds: tuple[str, ...]) -> dict[str, Any]:
        found: dict[str, tuple[str, int, int]] = {}
        result = {}
        for kind in kinds:
            for index, item in self.items(kind):
                where = self.parsed[kind].at(kind, index, "id")
                if item.id in found:
                    first = found[item.id]
                    self.report(
                        where,
                        f"duplicate id '{item.id}' (first used at {first[0]}:{first[1]})",
                        "give each item its own id",
                    )
                    continue
                found[item.id] = where
                result[item.id] = item
        return result

    def reference(
        self, kind: str, path: tuple[str | int, ...], value: str | None, known: dict[str, Any], what: str
    ) -> None:
        if value is not None and value not in known:
            # Each guess compares against every id: make only the first few, once per value.
            if value not in self.guesses and len(self.guesses) < MAX_GUESSED_REFERENCES:
                self.guesses[value] = sorted(known, key=lambda other: _distance(value, other))[:3]
            suggestions = self.guesses.get(value)
            self.report(
                self.parsed[kind].at(kind, *path),
                f"unknown {what} '{value}'",
                f"use the id of an existing {what}"
                + (f"; nearest: {', '.join(suggestions)}" if suggestions else ""),
            )

    def dates_in_order(
        self, kind: str, path: tuple[str | int, ...], item: Any, start_key: str = "start", end_key: str = "end"
    ) -> None:
        start, end = getattr(item, "start", None), getattr(item, "end", None)
        if start is None or end is None:
            return
        start_date, _ = parse_when(start)
        end_date, _ = parse_when(end)
        if end_date.latest < start_date.earliest:
            self.report(
                self.parsed[kind].at(kind, *path, end_key),
                f"'{end_key}' {end_date.iso()} is before '{start_key}' {start_date.iso()}",
                "swap the dates or correct the one that is wrong",
            )


def _distance(left: str, right: str) -> int:
    """Levenshtein distance, to suggest the id that was probably meant."""
    previous = list(range(len(right) + 1))
    for i, left_char in enumerate(left, 1):
        current = [i]
        for j, right_char in enumerate(right, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (left_char != right_char)))
        previous = current
    return previous[-1]


def _citations(content: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], Citation]]:
    """Every citation inside an item, with its path, however deeply nested."""
    if isinstance(content, Citation):
        yield path, content
    elif isinstance(content, BaseModel):
        for field_name in type(content).model_fields:
            field = type(content).model_fields[field_name]
            key = field.alias or field_name
            yield from _citations(getattr(content, field_name), (*path, key))
    elif isinstance(content, (list, tuple)):
        for index, item in enumerate(content):
            yield from _citations(item, (*path, index))


def _check_citations(checker: _Checker, sources: dict[str, Any], archive_dir: Path | None) -> None:
    archive_texts: dict[str, str | None] = {}
    for kind, parsed in checker.parsed.items():
        for path, citation in _citations(parsed.content, ()):
            if citation.source not in sources:
                checker.reference(kind, (*path[1:], "source"), citation.source, sources, "source")
                continue
            if archive_dir is None:
                continue
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


def _check_archives(checker: _Checker, archive_dir: Path) -> None:
    for index, source in checker.items("sources"):
        if not (archive_dir / source.archive).is_file():
            checker.report(
                checker.parsed["sources"].at("sources", index, "archive"),
                f"archive file '{source.archive}' not found under {archive_dir}",
                "give the path relative to the archive folder, e.g. sources/kingsfund-ics-explained.txt",
            )


def _check_cycles(checker: _Checker) -> None:
    for relation in ACYCLIC_RELATIONS:
        edges: dict[str, list[tuple[str, int]]] = {}
        for index, rel in checker.items("relationships"):
            if rel.relation == relation:
                edges.setdefault(rel.subject, []).append((rel.object, index))
        reported: set[str] = set()
        on_loops = _nodes_on_loops(edges)
        for start in sorted(edges):
            # A body on no loop needs no search (so a long chain costs one pass, not one per body).
            if start not in on_loops or start in reported:
                continue
            cycle = _find_cycle(edges, start)
            if cycle and not reported.intersection(node for node, _ in cycle):
                reported.update(node for node, _ in cycle)
                chain = " -> ".join([start, *(node for node, _ in cycle)])
                checker.report(
                    checker.parsed["relationships"].at("relationships", cycle[-1][1], "object"),
                    f"'{relation}' relationships form a loop: {chain}",
                    "a body cannot be (even indirectly) part of or replaced by itself; remove one link",
                )


def _nodes_on_loops(edges: dict[str, list[tuple[str, int]]]) -> set[str]:
    """Nodes that lie on some loop: members of a strongly connected component with an internal edge.

    Tarjan's algorithm, written without recursion so a long chain cannot exhaust the stack.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: set[str] = set()
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(edges.get(root, [])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, targets = work[-1]
            advanced = False
            for target, _ in targets:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(edges.get(target, []))))
                    advanced = True
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or any(target == node for target, _ in edges.get(node, [])):
                    found.update(component)
    return found


def _find_cycle(edges: dict[str, list[tuple[str, int]]], start: str) -> list[tuple[str, int]]:
    stack: list[tuple[str, list[tuple[str, int]]]] = [(start, [])]
    visited: set[str] = set()
    while stack:
        node, trail = stack.pop()
        for target, index in edges.get(node, []):
            if target == start:
                return [*trail, (target, index)]
            if target not in visited:
                visited.add(target)
                stack.append((target, [*trail, (target, index)]))
    return []


def _check_content(checker: _Checker) -> Model:
    sources = checker.unique_ids(("sources",))
    terms = checker.unique_ids(("terms",))
    organisations = checker.unique_ids(("organisations",))
    people = checker.unique_ids(("people",))
    entities = checker.unique_ids(("organisations", "people"))
    eras = checker.unique_ids(("eras",))
    events = checker.unique_ids(("events",))
    viewpoints = checker.unique_ids(("viewpoints",))
    for index, source in checker.items("sources"):
        if source.url is None and source.url_note is None:
            checker.report(
                checker.parsed["sources"].at("sources", index, "id"),
                f"source '{source.id}' has neither url nor url_note",
                "add the https:// address, or say in url_note why there is none",
            )
    for index, term in checker.items("terms"):
        words = len(term.definition.split())
        if words > MAX_DEFINITION_WORDS:
            checker.report(
                checker.parsed["terms"].at("terms", index, "definition"),
                f"definition has {words} words, over {MAX_DEFINITION_WORDS}",
                "say it in one short plain-English sentence",
            )
        for position, related in enumerate(term.related):
            checker.reference("terms", (index, "related", position), related, terms, "term")
        checker.reference("terms", (index, "organisation"), term.organisation, organisations, "organisation")
        checker.dates_in_order("terms", (index,), term)
    for index, organisation in checker.items("organisations"):
        checker.reference("organisations", (index, "term"), organisation.term, terms, "term")
        checker.reference(
            "organisations", (index, "instance_of"), organisation.instance_of, organisations, "organisation"
        )
        checker.dates_in_order("organisations", (index,), organisation)
    for index, person in checker.items("people"):
        for role_index, role in enumerate(person.roles):
            checker.reference(
                "people", (index, "roles", role_index, "organisation"), role.organisation, organisations, "organisation"
            )
            checker.dates_in_order("people", (index, "roles", role_index), role)
    for index, rel in checker.items("relationships"):
        checker.reference("relationships", (index, "subject"), rel.subject, entities, "organisation or person")
        checker.reference("relationships", (index, "object"), rel.object, entities, "organisation or person")
        if rel.subject == rel.object:
            checker.report(
                checker.parsed["relationships"].at("relationships", index, "object"),
                f"'{rel.subject}' is related to itself",
                "the object must be a different body",
            )
        checker.dates_in_order("relationships", (index,), rel, "from", "until")
    for index, event in checker.items("events"):
        for position, involved in enumerate(event.involves):
            checker.reference("events", (index, "involves", position), involved, entities, "organisation or person")
        for position, term_id in enumerate(event.terms):
            checker.reference("events", (index, "terms", position), term_id, terms, "term")
    for index, viewpoint in checker.items("viewpoints"):
        for position, involved in enumerate(viewpoint.involves):
            checker.reference("viewpoints", (index, "involves", position), involved, organisations, "organisation")
    _check_cycles(checker)
    ordered_events = sorted(events.values(), key=lambda event: (parse_when(event.date)[0], event.id))
    ordered_eras = sorted(eras.values(), key=lambda era: era.snapshot)
    return Model(
        sources=sources,
        terms=terms,
        organisations=organisations,
        people=people,
        relationships=tuple(rel for _, rel in checker.items("relationships")),
        events=tuple(ordered_events),
        eras=tuple(ordered_eras),
        viewpoints=viewpoints,
    )


def build_model(data_dir: Path, archive_dir: Path | None = None) -> Model:
    """Validate everything under `data_dir`; raise DataError listing every problem found."""
    with gc_paused():
        return _build_model(data_dir, archive_dir)


def _build_model(data_dir: Path, archive_dir: Path | None) -> Model:
    parsed, problems = _parse_files(data_dir)
    if problems:
        raise DataError(problems)
    checker = _Checker(parsed)
    model = _check_content(checker)
    if archive_dir is not None:
        _check_archives(checker, archive_dir)
    _check_citations(checker, model.sources, archive_dir)
    areas, area_problems = load_areas(
        data_dir, {source.id: source.archive for source in model.sources.values()}, set(model.organisations), archive_dir
    )
    checker.problems.extend(area_problems)
    model = dataclasses.replace(model, areas=areas)
    if checker.problems:
        raise DataError(_capped(checker.problems))
    return model


def _capped(problems: list[Problem]) -> list[Problem]:
    """At most MAX_PROBLEMS_PER_FILE problems per file, then one line counting the rest."""
    kept: list[Problem] = []
    shown: dict[str, int] = {}
    hidden: dict[str, list[Problem]] = {}
    for problem in sorted(set(problems)):
        if shown.get(problem.file, 0) < MAX_PROBLEMS_PER_FILE:
            shown[problem.file] = shown.get(problem.file, 0) + 1
            kept.append(problem)
        else:
            hidden.setdefault(problem.file, []).append(problem)
    for rest in hidden.values():
        kept.append(
            Problem(
                rest[0].file,
                rest[0].line,
                rest[0].column,
                f"...and {len(rest):,} more problems from here on, not shown",
                "fix the problems above (the rest are probably the same mistake) and check again",
            )
        )
    return kept
