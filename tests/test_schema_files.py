"""The committed JSON Schemas match the model, and every data file points editors at its schema.

Why: editors that read `# yaml-language-server: $schema=...` autocomplete keys and flag mistakes
as a contributor types, but only if the schema they read is the model's current one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from generator.load import load_file
from generator.model import DATA_FILES
from generator.schema_export import schema_texts
from tests.conftest import ROOT

SCHEMA_DIR = ROOT / "schema"
HEADER = re.compile(r"^# yaml-language-server: \$schema=(?P<path>\S+)$")
DATA_DIRS = [ROOT / "data", ROOT / "tests" / "fixtures" / "data"]
FIX = "run `python -m generator schema` and commit the files it writes"


def test_committed_schemas_match_the_model() -> None:
    expected = schema_texts()
    committed = {path.name for path in SCHEMA_DIR.glob("*.json")}
    problems = [f"schema/{name} is missing" for name in sorted(set(expected) - committed)]
    problems += [f"schema/{name} is not made from the model: delete it" for name in sorted(committed - set(expected))]
    problems += [
        f"schema/{name} is stale (the model in generator/model/schema.py has changed)"
        for name, text in expected.items()
        if name in committed and (SCHEMA_DIR / name).read_text(encoding="utf-8") != text
    ]
    assert not problems, "\n".join(problems) + f"\nTo fix: {FIX}."


@pytest.mark.parametrize("data_dir", DATA_DIRS, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_every_data_file_names_its_schema_on_its_first_line(data_dir: Path) -> None:
    for kind in DATA_FILES:
        path = data_dir / f"{kind}.yaml"
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        match = HEADER.match(first_line)
        assert match, f"{path.relative_to(ROOT)} must start with '# yaml-language-server: $schema=...'"
        target = (path.parent / match["path"]).resolve()
        assert target == SCHEMA_DIR / f"{kind}.schema.json", f"{path.relative_to(ROOT)} points at {match['path']}"


def _objects(schema: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(schema, dict):
        if schema.get("type") == "object":
            yield where or "/", schema
        for key, value in schema.items():
            yield from _objects(value, f"{where}/{key}")
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            yield from _objects(value, f"{where}/{index}")


def test_schemas_flag_unknown_keys() -> None:
    for name, text in schema_texts().items():
        schema = json.loads(text)
        open_objects = [where for where, item in _objects(schema) if item.get("additionalProperties") is not False]
        assert not open_objects, f"{name}: objects that accept any key, so editors miss typos: {open_objects}"
        assert schema["title"] == f"data/{name.removesuffix('.schema.json')}.yaml"


def test_editors_see_the_same_mistakes_as_the_checker() -> None:
    validators = {
        kind: jsonschema.Draft202012Validator(json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text()))
        for kind in DATA_FILES
    }
    for kind, validator in validators.items():
        data = load_file(ROOT / "data" / f"{kind}.yaml", f"data/{kind}.yaml").data
        errors = [error.message for error in validator.iter_errors(data)]
        assert not errors, f"data/{kind}.yaml does not match its schema: {errors[:5]}"
    typo = {"terms": [{"id": "ccg", "name": "Clinical Commissioning Group", "defintion": "A body.", "status": "gone",
                       "start": 2013, "cite": [{"source": "x", "quote": "Words from it."}]}]}  # fmt: skip
    messages = sorted(error.message for error in validators["terms"].iter_errors(typo))
    assert any("'defintion' was unexpected" in message for message in messages), messages
    assert any("'definition' is a required property" in message for message in messages), messages
    assert any("'gone' is not one of" in message for message in messages), messages
    assert any("2013 is not valid under any of the given schemas" in message for message in messages), messages
