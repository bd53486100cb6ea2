"""Check every data file and build the Model; all problems in all files are reported together.

One module per job: `schema_errors` (pydantic's errors in a contributor's terms), `files` (reading
each file against its schema), `references` (ids unique and every reference known), `cycles`
(loops in hierarchies), `content` (rules within an item), `accountability` (money, accountability and
complaints) and `quotes` (quotes against the archive).
The model itself is assembled in generator/model/ once the checks pass.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from generator.areas.load import load_areas
from generator.errors import DataError
from generator.model import KINDS, Model, assemble
from generator.rules import check_rules
from generator.validate.accountability import check_money_and_accountability
from generator.validate.content import check_content
from generator.validate.cycles import check_cycles
from generator.validate.files import Checker, parse_files
from generator.validate.pages import check_page_paths, hand_written_pages
from generator.validate.quotes import check_quotes
from generator.validate.references import check_ids_and_references

__all__ = ["build_model"]


def build_model(data_dir: Path, archive_dir: Path | None = None) -> Model:
    """Check everything under `data_dir` (and quotes against `archive_dir`); raise DataError listing every problem."""
    parsed, problems = parse_files(data_dir)
    if problems:
        raise DataError(problems)
    checker = Checker(parsed)
    check_ids_and_references(checker)
    check_content(checker)
    check_money_and_accountability(checker)
    check_page_paths(checker, hand_written_pages(data_dir.parent / "docs"))
    check_cycles(checker)
    if archive_dir is not None:
        check_quotes(checker, archive_dir)
    # Every ICB in England: its own two files, checked against the facts' sources and organisations.
    areas, area_problems = load_areas(
        data_dir,
        {source.id: source.archive for _, source in checker.items("sources")},
        {organisation.id for _, organisation in checker.items("organisations")},
        archive_dir,
    )
    checker.problems.extend(area_problems)
    if checker.problems:
        raise DataError(checker.capped())
    model = assemble({kind.name: [item for _, item in checker.items(kind.name)] for kind in KINDS})
    _check_rules(checker, model)
    if checker.problems:
        raise DataError(checker.capped())
    return dataclasses.replace(model, areas=areas)


def _check_rules(checker: Checker, model: Model) -> None:
    """The truth rules (generator/rules.py), located in the files: an item's id becomes its index there."""
    for finding in check_rules(model):
        first, *rest = finding.path
        if isinstance(first, str):
            first = next(index for index, item in checker.items(finding.kind) if item.id == first)
        where = checker.parsed[finding.kind].at(finding.kind, first, *rest)
        checker.report(where, finding.message, finding.hint)
