"""JSON Schemas for the data files, and the guide's list of them, generated from the models that validate them."""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator.areas.schema import AREA_FILES
from generator.model import DATA_FILES


def schema_texts() -> dict[str, str]:
    """File name -> JSON Schema text, for every data file."""
    texts = {}
    for kind, model in {**DATA_FILES, **AREA_FILES}.items():
        schema = model.model_json_schema(by_alias=True)
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"data/{kind}.yaml"
        texts[f"{kind}.schema.json"] = json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return texts


def write_schemas(schema_dir: Path) -> list[Path]:
    schema_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = schema_dir / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


# The list of data files in CONTRIBUTING.md sits between these lines; `python -m generator schema` rewrites it.
FILE_LIST_START = "<!-- data files: written by `python -m generator schema` from the file models. Do not edit. -->"
FILE_LIST_END = "<!-- end of data files -->"


def file_list() -> str:
    """A Markdown table of every data file and what it holds (each file model's docstring)."""
    rows = [
        f"| `data/{kind}.yaml` | {' '.join((model.__doc__ or '').split())} | [`schema/{kind}.schema.json`](schema/{kind}.schema.json) |"
        for kind, model in {**DATA_FILES, **AREA_FILES}.items()
    ]
    return "\n".join([FILE_LIST_START, "", "| File | What it holds | Its schema |", "| --- | --- | --- |", *rows, "", FILE_LIST_END])


def with_file_list(guide: str) -> str:
    """The guide with its data-file list replaced by the current one."""
    pattern = re.compile(re.escape(FILE_LIST_START) + ".*?" + re.escape(FILE_LIST_END), re.DOTALL)
    if not pattern.search(guide):
        raise ValueError(f"the guide has no line {FILE_LIST_START!r}")
    return pattern.sub(lambda _: file_list(), guide)
