"""Reading every data file against its schema, and the collector of problems the later checks share."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.areas.load import CURATED, DERIVED
from generator.errors import DataError, Problem
from generator.load import LoadedFile, display_name, load_file
from generator.model import KINDS
from generator.validate.schema_errors import MAX_PROBLEMS_PER_FILE, validation_problems


@dataclass
class ParsedFile:
    """One file's validated content and where its items are."""

    loaded: LoadedFile
    content: BaseModel

    def at(self, *path: str | int) -> tuple[str, int, int]:
        line, column = self.loaded.locate(path)
        return (self.loaded.name, line, column)


def parse_files(data_dir: Path) -> tuple[dict[str, ParsedFile], list[Problem]]:
    """Every data file that passed its schema, and the problems of those that did not."""
    parsed: dict[str, ParsedFile] = {}
    problems = _unknown_files(data_dir)
    for kind in KINDS:
        name = display_name(data_dir / f"{kind.name}.yaml")
        try:
            loaded = load_file(data_dir / f"{kind.name}.yaml", name)
        except DataError as error:
            problems.extend(error.problems)
            continue
        if not isinstance(loaded.data, dict):
            problems.append(
                Problem(name, 1, 1, "the file must be a mapping", f"start the file with '{kind.name}:' followed by a list of items")
            )
            continue
        try:
            parsed[kind.name] = ParsedFile(loaded, kind.file_model.model_validate(loaded.data, by_alias=True))
        except ValidationError as error:
            problems.extend(validation_problems(loaded, error))
    return parsed, problems


# Every ICB in England: checked by generator/areas/, not declared as kinds of facts.
AREA_FILES = (CURATED, DERIVED)


def _unknown_files(data_dir: Path) -> list[Problem]:
    """Files in the data folder that the site would silently ignore."""
    known = {f"{name}.yaml" for name in (*(kind.name for kind in KINDS), *AREA_FILES)}
    problems = []
    for path in sorted(data_dir.iterdir()) if data_dir.is_dir() else []:
        if path.name in known or path.name.startswith(".") or path.is_dir():
            continue
        stem = path.name.split(".", 1)[0]
        hint = (
            f"rename it to {stem}.yaml"
            if f"{stem}.yaml" in known
            else "the data lives in " + ", ".join(sorted(known)) + "; move its content into one of them or delete it"
        )
        message = f"unknown file '{path.name}' in the data folder: the site would ignore it"
        problems.append(Problem(display_name(path), 1, 1, message, hint))
    return problems


class Checker:
    """The files that each passed their schema, and the problems the cross-file checks find in them."""

    def __init__(self, parsed: dict[str, ParsedFile]):
        self.parsed = parsed
        self.problems: list[Problem] = []

    def report(self, where: tuple[str, int, int], message: str, hint: str) -> None:
        self.problems.append(Problem(*where, message, hint))

    def at(self, kind: str, *path: str | int) -> tuple[str, int, int]:
        """Where the value at `path` inside the list of `kind` is: (file, line, column)."""
        return self.parsed[kind].at(kind, *path)

    def items(self, kind: str) -> Iterator[tuple[int, Any]]:
        """(index, item) for each item of a data file; the file model's list is named after the file."""
        return enumerate(getattr(self.parsed[kind].content, kind))

    def capped(self) -> list[Problem]:
        """The problems, sorted, at most MAX_PROBLEMS_PER_FILE per file, then one line counting the rest."""
        kept: list[Problem] = []
        shown: dict[str, int] = {}
        hidden: dict[str, list[Problem]] = {}
        for problem in sorted(set(self.problems)):
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
