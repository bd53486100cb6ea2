"""'As at' dates and stale plans.

Every page says how recent its newest source is. A fact the sources give as planned for a date that
has passed by the build date gets a visible "this may have happened; check" notice, and the check
command lists it as a warning. Why the build date is passed in, never read here: the same data must
give the same pages on any day a test chooses.
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from generator import paths
from generator.load import display_name, load_file
from generator.model import Model, parse_when
from generator.model.schema import When
from generator.render.common import Page, describe_when, link

# Statuses that word a date as a plan, not a fact: once the date passes, the plan may have happened.
PLAN_STATUSES = frozenset({"planned", "announced"})

_SOURCE_LINK = re.compile(r"#src-([a-z0-9]+(?:-[a-z0-9]+)*)\)")


@dataclass(frozen=True)
class StalePlan:
    """A fact worded as planned for a date that has passed."""

    anchor: str  # the id its page section carries, e.g. `event-first-icb-mergers-take-effect`
    target: str  # the page and section that describes it
    title: str
    when: When
    data_file: str
    path: tuple[str | int, ...]  # where the date is in the data file, for the warning


def build_date_from(environ: Mapping[str, str], today: datetime.date) -> datetime.date:
    """The build date: SOURCE_DATE_EPOCH (seconds since 1970, UTC) when set, else `today`."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC).date()
    return today


def build_date_from_environment() -> datetime.date:
    """For the command line and the MkDocs hook only: renderers receive the date as an argument."""
    return build_date_from(os.environ, datetime.datetime.now(tz=datetime.UTC).date())


def stale_plans(model: Model, build_date: datetime.date) -> list[StalePlan]:
    """Planned facts whose whole date (a year or month counts to its last day) is before `build_date`."""
    found = []
    for event in model.events:
        if event.status in PLAN_STATUSES and _passed(event.date, build_date):
            found.append(
                StalePlan(
                    paths.event_anchor(event.id), paths.event_target(event.id), event.title, event.date,
                    "data/events.yaml", ("id", event.id),
                )
            )
    for step in model.complaints:
        if step.status in PLAN_STATUSES and step.start is not None and _passed(step.start, build_date):
            found.append(
                StalePlan(
                    paths.step_anchor(step.id), paths.step_target(step.id), step.title, step.start,
                    "data/complaints.yaml", ("id", step.id),
                )
            )
    return found


def _passed(when: When, build_date: datetime.date) -> bool:
    return parse_when(when)[0].latest < (build_date.year, build_date.month, build_date.day)


def add_as_at_and_notices(model: Model, pages: dict[str, Page], build_date: datetime.date | None) -> dict[str, Page]:
    """Each page with its 'as at' line and, given a build date, a notice for each stale plan it mentions."""
    stale = stale_plans(model, build_date) if build_date is not None else []
    return {path: _annotated(model, page, stale) for path, page in pages.items()}


def _annotated(model: Model, page: Page, stale: list[StalePlan]) -> Page:
    head, marker, rest = page.content.partition("\n\n# ")
    if not marker:
        return page  # not a titled page (the abbreviations include)
    title, _, body = rest.partition("\n\n")
    extra = [as_at_line(model, page.content)]
    # The sources page lists every use of every quote; a notice there would only repeat the others.
    mentioned = [] if page.path == paths.SOURCES else [plan for plan in stale if re.search(rf"#{re.escape(plan.anchor)}(?![a-z0-9-])", page.content)]
    if mentioned:
        extra.append(stale_notice(page.path, mentioned))
    return replace(page, content=f"{head}{marker}{title}\n\n" + "\n\n".join(extra) + f"\n\n{body}")


def as_at_line(model: Model, content: str) -> str:
    """'Sources as at 14 May 2026': the publication date of the newest dated source the page links to."""
    dated = []
    for source_id in set(_SOURCE_LINK.findall(content)):
        source = model.sources.get(source_id)
        if source is not None and source.published != "not stated":
            date, inferred = parse_when(source.published)
            dated.append((date, inferred))
    if not dated:
        return _as_at("As at: none of the sources on this page states its date.")
    newest, inferred = max(dated, key=lambda pair: pair[0].latest)
    when = f"about {newest.human()} (inferred)" if inferred else newest.human()
    return _as_at(f"As at {when}, the date of the newest source on this page.")


def _as_at(text: str) -> str:
    # A block of its own: page metadata, kept apart from the page's prose.
    return f'<div class="as-at" markdown>\n\n*{text}*\n\n</div>'


def stale_notice(from_page: str, plans: list[StalePlan]) -> str:
    items = "\n".join(
        f"    - {link(from_page, plan.title, plan.target)}, planned for {describe_when(plan.when)}" for plan in plans
    )
    return (
        '!!! warning "This may have happened; check"\n\n'
        "    This page gives these as plans, but their date has passed and our sources do not yet say "
        "whether they happened:\n\n" + items
    )


def stale_warnings(data_dir: Path, model: Model, build_date: datetime.date) -> list[str]:
    """One 'FILE:LINE:COL: warning: ...' line per stale plan, for `python -m generator check`."""
    lines = []
    loaded_files = {}
    for plan in stale_plans(model, build_date):
        name = plan.data_file.removeprefix("data/")
        if name not in loaded_files:
            loaded_files[name] = load_file(data_dir / name, display_name(data_dir / name))
        loaded = loaded_files[name]
        kind = name.removesuffix(".yaml")
        items = loaded.data.get(kind, []) if isinstance(loaded.data, dict) else []
        index = next((i for i, item in enumerate(items) if isinstance(item, dict) and item.get("id") == plan.path[1]), 0)
        line, column = loaded.locate((kind, index, "date" if kind == "events" else "start"))
        lines.append(
            f"{loaded.name}:{line}:{column}: warning: '{plan.title}' is worded as planned for "
            f"{describe_when(plan.when)}, which has passed (build date {build_date.isoformat()}); "
            "find a source saying whether it happened, then update the data"
        )
    return lines
