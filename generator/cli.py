"""Command line: `python -m generator check|generate|schema`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.errors import DataError

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    parser.add_argument("--data", type=Path, default=PROJECT_ROOT / "data", help="data folder (default: data/)")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the data and report every problem")
    check.add_argument("--archive", type=Path, help="folder holding the archived source texts, e.g. ../shared")
    generate = commands.add_parser("generate", help="write the generated Markdown pages")
    generate.add_argument(
        "--out", type=Path, default=PROJECT_ROOT / "generated", help="output folder (default: generated/)"
    )
    commands.add_parser("schema", help="rewrite the JSON Schemas in schema/, and the list of data files in CONTRIBUTING.md, from the model")
    derive = commands.add_parser("derive", help="derive data/areas.yaml from the ONS tables in the archive")
    derive.add_argument("--archive", type=Path, required=True, help="folder holding datasets/, e.g. ../shared")
    return parser


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    try:
        if arguments.command == "check":
            return _check(arguments.data, arguments.archive)
        if arguments.command == "generate":
            return _generate(arguments.data, arguments.out)
        if arguments.command == "derive":
            return _derive(arguments.data, arguments.archive)
        return _schema()
    except DataError as error:
        print(error, file=sys.stderr)
        count = len(error.problems)
        print(f"\n{count} problem{'s' if count != 1 else ''} found; nothing was written.", file=sys.stderr)
        return 1


def _check(data_dir: Path, archive_dir: Path | None) -> int:
    from generator.model import KINDS
    from generator.model.citations import citations_in
    from generator.staleness import build_date_from_environment, stale_warnings
    from generator.validate import build_model

    if archive_dir is not None and not archive_dir.is_dir():
        print(f"--archive {archive_dir}: no such folder", file=sys.stderr)
        return 2
    model = build_model(data_dir, archive_dir)
    for warning in stale_warnings(data_dir, model, build_date_from_environment()):
        print(warning)
    counts = {kind.name: list(kind.items(model)) for kind in KINDS}
    quotes = sum(len(list(citations_in(item))) for items in counts.values() for item in items)
    verified = "verified against the archive" if archive_dir else "not verified (pass --archive ../shared)"
    listed = ", ".join(f"{len(items)} {name}" for name, items in counts.items())
    print(f"OK: {listed}; {quotes} quotes {verified}.")
    if model.areas is not None:
        derived = "matches the ONS tables" if archive_dir else "not compared with the ONS tables"
        print(
            f"ICBs: {len(model.areas.icbs_2022)} of July 2022, {len(model.areas.new_icbs)} new on 1 April 2026 "
            f"({len(model.areas.icbs_2026)} after it), {len(model.areas.derived.councils)} councils; "
            f"data/areas.yaml {derived}."
        )
    return 0


def _derive(data_dir: Path, archive_dir: Path) -> int:
    from generator.areas.derive import write

    councils = write(archive_dir, data_dir / "areas.yaml")
    print(f"wrote {data_dir / 'areas.yaml'} ({councils} councils); check it with `python -m generator check --archive {archive_dir}`")
    return 0


def _generate(data_dir: Path, out_dir: Path) -> int:
    from generator.build import write_pages
    from generator.pages import render_site
    from generator.staleness import build_date_from_environment
    from generator.validate import build_model

    pages = render_site(build_model(data_dir), build_date_from_environment())
    changed = write_pages(pages, out_dir)
    print(f"{len(pages)} pages generated in {out_dir} ({changed} changed).")
    return 0


def _schema() -> int:
    from generator.schema_export import with_file_list, write_schemas

    for path in write_schemas(PROJECT_ROOT / "schema"):
        print(f"wrote {path.relative_to(PROJECT_ROOT)}")
    guide = PROJECT_ROOT / "CONTRIBUTING.md"
    guide.write_text(with_file_list(guide.read_text(encoding="utf-8")), encoding="utf-8")
    print("wrote the list of data files in CONTRIBUTING.md")
    return 0
