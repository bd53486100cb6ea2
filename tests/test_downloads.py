"""Downloads for people who reuse the data: the JSON data set and the glossary CSV."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.model import DATA_FILES, Model
from generator.model.schema import InferredDate, RelationshipsFile, Term
from generator.render.downloads import (
    DATA_JSON_PATH,
    GLOSSARY_COLUMNS,
    GLOSSARY_CSV_PATH,
    render_data_json,
    render_downloads,
    render_glossary_csv,
)
from generator.validate import build_model
from tests.conftest import ROOT

FIXTURE = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def model() -> Model:
    return build_model(FIXTURE / "data", FIXTURE / "archive")


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_json_holds_every_data_file_in_the_shape_of_its_schema(model: Model) -> None:
    document = json.loads(render_data_json(model))
    assert list(document) == ["about", *DATA_FILES]
    for kind, file_model in DATA_FILES.items():
        # What a reuser downloads is what a contributor could paste back into the data file.
        # A file holding several lists (money.yaml: pools and flows) is downloaded as a mapping of them.
        payload = document[kind] if isinstance(document[kind], dict) else {kind: document[kind]}
        file_model.model_validate(payload, by_alias=True)
    assert [term["id"] for term in document["terms"]] == list(model.terms)
    assert len(document["events"]) == len(model.events)
    assert document["sources"][1]["published"] == {
        "date": "2022",
        "inferred": True,
        "basis": "It describes July 2022 as past.",
    }


def test_json_keeps_the_data_files_key_names() -> None:
    relationships = RelationshipsFile.model_validate(
        {
            "relationships": [
                {
                    "subject": "a",
                    "relation": "part-of",
                    "object": "b",
                    "from": "2013",
                    "until": "2022-07",
                    "cite": [{"source": "alpha", "quote": "Words from the source."}],
                }
            ]
        },
        by_alias=True,
    )
    model = build_model(FIXTURE / "data")
    with_relationship = dataclasses.replace(model, relationships=tuple(relationships.relationships))
    dumped = json.loads(render_data_json(with_relationship))["relationships"][0]
    assert (dumped["from"], dumped["until"]) == ("2013", "2022-07")
    assert "start" not in dumped and "end" not in dumped


def test_glossary_csv_has_one_row_per_term_sorted_by_id(model: Model) -> None:
    text = render_glossary_csv(model)
    assert text.splitlines()[0] == ",".join(GLOSSARY_COLUMNS)
    rows = _rows(text)
    assert [row["id"] for row in rows] == sorted(model.terms)
    assert rows[0] == {
        "id": "ccg",
        "abbreviation": "CCG",
        "name": "Clinical Commissioning Group",
        "definition": "A GP-led body that planned and paid for local health services.",
        "status": "abolished",
        "start": "2013-04-01",
        "end": "2022-07-01",
        "sources": "alpha",
    }


def test_glossary_csv_survives_commas_quotes_formulas_and_inferred_dates(model: Model) -> None:
    hostile = Term(
        id="hostile",
        name='=HYPERLINK("https://example.com", "click")',
        definition='A term, with "quotes", commas\nand a line break.',
        status="proposed",
        start=InferredDate(date="2024-05", inferred=True, basis="A guess."),
        cite=[
            {"source": "alpha", "quote": "Words from alpha."},
            {"source": "beta", "quote": "Words from beta."},
            {"source": "alpha", "quote": "More words from alpha."},
        ],
    )
    rows = _rows(render_glossary_csv(dataclasses.replace(model, terms={**model.terms, "hostile": hostile})))
    row = next(row for row in rows if row["id"] == "hostile")
    assert row["name"] == "'" + hostile.name, "a cell starting with = must not run as a spreadsheet formula"
    assert row["definition"] == 'A term, with "quotes", commas and a line break.'
    assert (row["abbreviation"], row["start"], row["end"]) == ("", "2024-05", "")
    assert row["sources"] == "alpha; beta"


def test_downloads_are_the_json_and_the_csv(model: Model) -> None:
    assert set(render_downloads(model)) == {DATA_JSON_PATH, GLOSSARY_CSV_PATH}


def test_built_site_serves_the_downloads_and_links_them(built_site: Path) -> None:
    real = render_downloads(build_model(ROOT / "data"))
    for path, content in real.items():
        assert (built_site / path).read_bytes() == content.encode("utf-8"), path
    about = BeautifulSoup((built_site / "about" / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = {anchor["href"] for anchor in about.select("article a[href]")}
    assert {f"../{DATA_JSON_PATH}", f"../{GLOSSARY_CSV_PATH}"} <= links, links
