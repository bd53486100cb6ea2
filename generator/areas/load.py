"""Load and cross-check data/icbs.yaml and data/areas.yaml; with the archive, derive areas.yaml again.

Every problem names data/FILE:LINE:COL, as the other data files' problems do.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from pydantic import BaseModel, ValidationError

from generator.areas.derive import derive
from generator.areas.model import Areas
from generator.areas.schema import AreasFile, IcbsFile
from generator.errors import DataError, Problem
from generator.load import LoadedFile, PathKey, display_name, load_file
from generator.quotes import ArchiveUnreadable, find_quote, read_archive_passages

CURATED = "icbs"
DERIVED = "areas"
# Shares are rounded to one decimal place, so two of them may miss 100 by a rounding step.
SHARE_TOLERANCE = 0.15


class _Check:
    def __init__(self, curated: LoadedFile, derived: LoadedFile):
        self.files = {CURATED: curated, DERIVED: derived}
        self.problems: list[Problem] = []

    def report(self, kind: str, path: PathKey, message: str, hint: str) -> None:
        loaded = self.files[kind]
        line, column = loaded.locate(path)
        self.problems.append(Problem(loaded.name, line, column, message, hint))

    def unique(self, kind: str, items: list[Any], field: str, key: str, what: str) -> None:
        seen: dict[str, PathKey] = {}
        for index, item in enumerate(items):
            value = getattr(item, key)
            path: PathKey = (field, index, key)
            if value in seen:
                line, _ = self.files[kind].locate(seen[value])
                self.report(kind, path, f"duplicate {what} '{value}' (first at line {line})", f"give each {what} once")
            else:
                seen[value] = path


def load_areas(
    data_dir: Path, source_archives: dict[str, str], organisation_ids: set[str], archive_dir: Path | None
) -> tuple[Areas | None, list[Problem]]:
    """The areas model, or None if data/ has neither file (e.g. a small test fixture); and any problems.

    `source_archives` maps each source id to its archived text, relative to the archive folder.
    """
    paths = {kind: data_dir / f"{kind}.yaml" for kind in (CURATED, DERIVED)}
    present = [kind for kind, path in paths.items() if path.is_file()]
    if not present:
        return None, []
    problems: list[Problem] = []
    loaded: dict[str, LoadedFile] = {}
    contents: dict[str, BaseModel] = {}
    models: dict[str, type[BaseModel]] = {CURATED: IcbsFile, DERIVED: AreasFile}
    for kind, path in paths.items():
        name = display_name(path)
        if kind not in present:
            other = display_name(paths[CURATED if kind == DERIVED else DERIVED])
            problems.append(Problem(other, 1, 1, f"{name} is missing", f"{name} and {other} come as a pair: restore it"))
            continue
        try:
            loaded[kind] = load_file(path, name)
        except DataError as error:
            problems.extend(error.problems)
            continue
        try:
            contents[kind] = models[kind].model_validate(loaded[kind].data, by_alias=True)
        except ValidationError as error:
            from generator.validate.schema_errors import validation_problems

            problems.extend(validation_problems(loaded[kind], error))
    if problems:
        return None, problems
    # Each was validated against its own model just above.
    curated, derived = cast(IcbsFile, contents[CURATED]), cast(AreasFile, contents[DERIVED])
    check = _Check(loaded[CURATED], loaded[DERIVED])
    consistent = _check_derived(check, derived)
    _check_curated(check, curated, derived, source_archives, archive_dir)
    for field in ("new_icbs", "organisation_pages"):
        for index, item in enumerate(getattr(curated, field)):
            if item.organisation is not None and item.organisation not in organisation_ids:
                check.report(
                    CURATED, (field, index, "organisation"), f"unknown organisation '{item.organisation}'",
                    "use the id of an organisation in data/organisations.yaml",
                )
    if archive_dir is not None and consistent:
        _compare_with_derivation(check, loaded[DERIVED], archive_dir)
    return Areas(curated=curated, derived=derived), check.problems


def _check_derived(check: _Check, derived: AreasFile) -> bool:
    before = len(check.problems)
    check.unique(DERIVED, derived.regions, "regions", "code", "region code")
    check.unique(DERIVED, derived.icbs, "icbs", "code", "ICB code")
    check.unique(DERIVED, derived.icbs, "icbs", "ons", "ICB ONS code")
    check.unique(DERIVED, derived.councils, "councils", "code", "council code")
    check.unique(DERIVED, derived.boundaries, "boundaries", "icb", "boundary ICB")
    regions = {region.code for region in derived.regions}
    icbs = {icb.code for icb in derived.icbs}
    locations: dict[str, PathKey] = {}
    for index, icb in enumerate(derived.icbs):
        if icb.region not in regions:
            check.report(DERIVED, ("icbs", index, "region"), f"unknown region '{icb.region}'", "use a code from 'regions'")
        for position, location in enumerate(icb.locations):
            path: PathKey = ("icbs", index, "locations", position, "code")
            if location.code in locations:
                check.report(DERIVED, path, f"duplicate sub-ICB location code '{location.code}'", "give each location once")
            locations[location.code] = path
    for index, council in enumerate(derived.councils):
        for position, share in enumerate(council.icbs):
            if share.icb not in icbs:
                check.report(
                    DERIVED, ("councils", index, "icbs", position, "icb"),
                    f"council '{council.name}' is mapped to unknown ICB '{share.icb}'",
                    "use the code of an ICB listed under 'icbs'",
                )
        total = sum(share.share for share in council.icbs)
        if abs(total - 100) > SHARE_TOLERANCE:
            check.report(
                DERIVED, ("councils", index, "icbs"),
                f"shares of council '{council.name}' add up to {total:g}%, not 100%",
                "each council's shares must add up to 100; derive the file again",
            )
        if sum(share.small_areas for share in council.icbs) != council.small_areas:
            check.report(
                DERIVED, ("councils", index, "small_areas"),
                f"council '{council.name}' has {council.small_areas} small areas but its ICB shares count "
                f"{sum(share.small_areas for share in council.icbs)}",
                "derive the file again",
            )
        for position, code in enumerate(council.locations):
            if code not in locations:
                check.report(
                    DERIVED, ("councils", index, "locations", position),
                    f"unknown sub-ICB location '{code}'", "use a location code listed under 'icbs'",
                )
    for index, boundary in enumerate(derived.boundaries):
        if boundary.icb not in icbs:
            check.report(DERIVED, ("boundaries", index, "icb"), f"boundary of unknown ICB '{boundary.icb}'", "use an ICB code")
    drawn = {boundary.icb for boundary in derived.boundaries}
    for index, icb in enumerate(derived.icbs):
        if icb.code not in drawn:
            check.report(DERIVED, ("icbs", index, "code"), f"ICB '{icb.code}' has no boundary", "derive the file again")
    return len(check.problems) == before


def _check_curated(
    check: _Check, curated: IcbsFile, derived: AreasFile, source_archives: dict[str, str], archive_dir: Path | None
) -> None:
    old = {icb.code for icb in derived.icbs}
    check.unique(CURATED, curated.new_icbs, "new_icbs", "code", "ICB code")
    new = {icb.code for icb in curated.new_icbs}
    for index, icb in enumerate(curated.new_icbs):
        if icb.code in old:
            check.report(CURATED, ("new_icbs", index, "code"), f"'{icb.code}' is already an ICB of 2022", "use the new ICB's ODS code")
    every = old | new
    for index, succession in enumerate(curated.successions):
        if succession.predecessor not in old:
            check.report(
                CURATED, ("successions", index, "from"),
                f"predecessor '{succession.predecessor}' is not an ICB of July 2022", "use a code from data/areas.yaml",
            )
        if succession.successor not in every:
            check.report(
                CURATED, ("successions", index, "to"),
                f"successor '{succession.successor}' does not exist",
                "add it under 'new_icbs' (with its source) or use an existing ICB's code",
            )
    for index, icb in enumerate(curated.new_icbs):
        if not any(succession.successor == icb.code for succession in curated.successions):
            check.report(CURATED, ("new_icbs", index, "code"), f"new ICB '{icb.code}' has no predecessor", "add its succession records")
    for field in ("clusters", "planned_mergers"):
        items = getattr(curated, field)
        check.unique(CURATED, items, field, "id", "id")
        for index, item in enumerate(items):
            for key in ("members", "parts"):
                for position, code in enumerate(getattr(item, key, [])):
                    if code not in old:
                        check.report(
                            CURATED, (field, index, key, position),
                            f"unknown ICB '{code}'", "use the ODS code of an ICB of July 2022 (data/areas.yaml)",
                        )
    regions = {region.code for region in derived.regions}
    for index, entry in enumerate(curated.no_clusters):
        if entry.region not in regions:
            check.report(CURATED, ("no_clusters", index, "region"), f"unknown region '{entry.region}'", "use a region code")
    _check_citations(check, curated, source_archives, archive_dir)


def _check_citations(check: _Check, curated: IcbsFile, source_archives: dict[str, str], archive_dir: Path | None) -> None:
    from generator.model.citations import citations_with_paths

    passages: dict[str, list[str] | None] = {}
    for path, citation in citations_with_paths(curated):
        if citation.source not in source_archives:
            check.report(CURATED, (*path, "source"), f"unknown source '{citation.source}'", "use the id of a source in data/sources.yaml")
            continue
        if archive_dir is None:
            continue
        if citation.source not in passages:
            # A missing, unreadable or escaping archive file is reported at its source in sources.yaml.
            archive = archive_dir / source_archives[citation.source]
            try:
                passages[citation.source] = read_archive_passages(archive) if archive.is_file() else None
            except ArchiveUnreadable:
                passages[citation.source] = None
        found = passages[citation.source]
        if found is not None and find_quote(citation.quote, found) != "whole":
            check.report(
                CURATED, (*path, "quote"), f"quote not found whole, in one passage, in the archived text of '{citation.source}'",
                "copy whole words exactly from one passage of the archived source; only whitespace, quote marks and dashes may differ",
            )


def _compare_with_derivation(check: _Check, loaded: LoadedFile, archive_dir: Path) -> None:
    """Report the first places where data/areas.yaml differs from a fresh derivation."""
    try:
        fresh = derive(archive_dir)
    except DataError as error:
        check.problems.extend(error.problems)
        return
    differences: list[tuple[PathKey, str]] = []
    _diff(loaded.data, fresh, (), differences)
    for path, said in differences[:10]:
        check.report(
            DERIVED, path, f"differs from the ONS tables: {said}",
            "do not edit this file by hand: run `python -m generator derive --archive ../shared`",
        )
    if len(differences) > 10:
        check.report(DERIVED, differences[10][0], f"...and {len(differences) - 10} more differences", "derive the file again")


def _diff(have: Any, want: Any, path: PathKey, out: list[tuple[PathKey, str]]) -> None:
    if isinstance(want, dict) and isinstance(have, dict):
        for key in want:
            if key not in have:
                out.append((path, f"'{key}' is missing"))
            else:
                _diff(have[key], want[key], (*path, key), out)
        for key in have:
            if key not in want:
                out.append(((*path, key), f"'{key}' is not in the derivation"))
    elif isinstance(want, list) and isinstance(have, list):
        for index, (left, right) in enumerate(zip(have, want, strict=False)):
            _diff(left, right, (*path, index), out)
        if len(have) != len(want):
            out.append((path, f"{len(have)} entries where the derivation has {len(want)}"))
    elif have != want or type(have) is not type(want):
        out.append((path, f"{have!r} where the derivation has {want!r}"))
