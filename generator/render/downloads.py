"""Downloads for people who reuse the data: the whole data set as JSON and the glossary as CSV.

Why here and not in `generated/`: these are not pages. The MkDocs hook hands them to the
site as files, so `python -m generator generate` still writes only Markdown.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from generator.model import KINDS, Citation, Model, Term
from generator.model.citations import citations_in
from generator.model.schema import When

DATA_JSON_PATH = "downloads/nhs-explainer-data.json"
GLOSSARY_CSV_PATH = "downloads/glossary.csv"
GLOSSARY_COLUMNS = ("id", "abbreviation", "name", "definition", "status", "start", "end", "sources")
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@")


def render_downloads(model: Model) -> dict[str, str]:
    """Site path -> file content, for every download."""
    from generator.render.icb_downloads import render_icb_downloads

    return {
        DATA_JSON_PATH: render_data_json(model),
        GLOSSARY_CSV_PATH: render_glossary_csv(model),
        **render_icb_downloads(model),
    }


def render_data_json(model: Model) -> str:
    """Every validated item of every data file, keyed by file, in the shape the data files use."""
    document: dict[str, Any] = {
        "about": {
            "title": "NHS England reorganised, explained: the data set",
            "description": (
                "Every fact behind the site, one list per data file in the project's data/ folder. "
                "Each fact cites one or more sources (see 'sources') with words quoted exactly from them."
            ),
            "shape": "Each list has the shape of data/<name>.yaml, described by schema/<name>.schema.json.",
            "dates": "YYYY, YYYY-MM or YYYY-MM-DD as the source states it, or {date, inferred: true, basis}.",
        },
    }
    for kind in KINDS:
        document[kind.name] = [_dump(item) for item in kind.items(model)]
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _dump(item: BaseModel) -> Any:
    return item.model_dump(mode="json", by_alias=True)


def render_glossary_csv(model: Model) -> str:
    """One row per glossary term, sorted by id; sources are the cited source ids, separated by '; '."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(GLOSSARY_COLUMNS)
    for term in sorted(model.terms.values(), key=lambda term: term.id):
        writer.writerow([_cell(value) for value in _glossary_row(model, term)])
    return buffer.getvalue()


def _glossary_row(model: Model, term: Term) -> tuple[str, ...]:
    start, end = model.term_span(term)
    return (
        term.id,
        term.abbr or "",
        term.name,
        term.definition,
        term.status,
        _date(start),
        _date(end),
        "; ".join(_source_ids(citations_in(term))),
    )


def _date(when: When | None) -> str:
    """The date as written; an inferred date keeps its date (the JSON has the reasoning)."""
    if when is None:
        return ""
    return when if isinstance(when, str) else when.date


def _source_ids(citations: Iterable[Citation]) -> list[str]:
    seen: list[str] = []
    for citation in citations:
        if citation.source not in seen:
            seen.append(citation.source)
    return seen


def _cell(value: str) -> str:
    """One line of text a spreadsheet shows as text: a leading ' stops it being run as a formula."""
    text = " ".join(value.split())
    return "'" + text if text.startswith(_FORMULA_STARTS) else text
