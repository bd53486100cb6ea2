"""JSON Schemas for the data files, generated from the same models that validate them."""

from __future__ import annotations

import json
from pathlib import Path

from generator.areas.schema import AREA_FILES
from generator.model.kinds import DATA_FILES


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
