"""Pydantic's validation errors, retold in a contributor's terms with the file, line and column."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.errors import Problem
from generator.load import LoadedFile, PathKey
from generator.model import DATA_FILES
from generator.model.schema import DATE_PATTERN

# A file with thousands of mistakes is one mistake repeated: show the first ones, count the rest.
MAX_PROBLEMS_PER_FILE = 50
# Guessing the intended word costs len(a) * len(b); a pasted paragraph is not a typo.
MAX_GUESS_LENGTH = 100


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
    best = min(choices, key=lambda choice: distance(value, choice), default=None)
    return best if best is not None and distance(value, best) <= max(2, len(value) // 3) else None


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
    if kind == "string_pattern_mismatch" and error.get("ctx", {}).get("pattern") == DATE_PATTERN:
        return f"'{value}' is not a date", 'write YYYY, YYYY-MM or YYYY-MM-DD in quotes, e.g. "2019-03"'
    if kind == "string_pattern_mismatch" and field == "archive":
        return (
            f"'{value}' is not a file name in the archive",
            "write seeds/NAME.txt or sources/NAME.txt: a file inside the archive folder, with no '..' and no leading '/'",
        )
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
    if kind == "bool_type":
        return f"'{field}' must be true or false, not '{value}'", f"write '{field}: true' or '{field}: false'"
    if kind == "too_short":
        needed = error["ctx"]["min_length"]
        items = "one item" if needed == 1 else f"{needed} items"
        return f"'{field}' must be a list with at least {items}", "write one '- item' per line under the key"
    if kind == "list_type":
        return f"'{field}' must be a list", "write one '- item' per line under the key, or [a, b]"
    return f"'{field}': {error['msg']}", "see schema/ for what this key takes"


def _data_path(data: Any, error: ErrorDetails) -> PathKey:
    """Pydantic's error location as a path into the data: the names it gives union branches are left out.

    Why walk the data: a branch name ('InferredDate', 'str') and a mistyped key ('Title') look alike;
    only a key or an index the data really has is part of the path, and a missing key at the end.
    """
    loc = error["loc"]
    path: list[str | int] = []
    here = data
    for position, part in enumerate(loc):
        in_data = (isinstance(here, dict) and part in here) or (
            isinstance(here, list) and isinstance(part, int) and 0 <= part < len(here)
        )
        if in_data:
            here = here[part]
        elif not (error["type"] == "missing" and position == len(loc) - 1):
            continue
        path.append(part)
    return tuple(path)


def validation_problems(loaded: LoadedFile, error: ValidationError) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[PathKey] = set()
    errors = [
        (_data_path(loaded.data, item), item)
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


def distance(left: str, right: str) -> int:
    """Levenshtein distance, to suggest the id that was probably meant."""
    previous = list(range(len(right) + 1))
    for i, left_char in enumerate(left, 1):
        current = [i]
        for j, right_char in enumerate(right, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (left_char != right_char)))
        previous = current
    return previous[-1]
