"""The recent-changes page: what changed in the data, newest first.

Why the history is passed in: running git is the hook's job (it may be missing, or the clone
shallow). This module only parses git's text and renders, so the same input gives the same page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generator import paths
from generator.model import DATA_FILES, KINDS, Model, PartialDate, parse_when
from generator.render.common import Page, event_target, link, page_text, source_target
from generator.render.escape import escape_markdown

PATH = paths.CHANGES
MAX_ROWS = 50
# Where each data file's facts are shown, as (title, path) (declared with each kind of data in generator/model).
SHOWN_ON = {kind.name: (paths.title_of(kind.shown_on), kind.shown_on) for kind in KINDS}
_RECORD, _FIELD = "\x1e", "\x1f"
# `git` + these arguments, run in the project folder, prints what `parse_git_log` reads:
# one record per commit (date, subject), then the data files it changed.
GIT_LOG_ARGUMENTS = (
    "log",
    "--no-merges",
    "--date=short",
    f"--format={_RECORD}%ad{_FIELD}%s",
    "--name-only",
    "--relative",
    "-n",
    "200",
    "--",
    "data/",
)


@dataclass(frozen=True)
class Change:
    """One change to one data file: when (YYYY, YYYY-MM or YYYY-MM-DD), which file, and what.

    `target` is the page (and anchor) that shows the fact, when the change is one fact.
    """

    date: str
    data_file: str
    summary: str
    target: str = ""

    @property
    def kind(self) -> str:
        return self.data_file.removeprefix("data/").removesuffix(".yaml")


def parse_git_log(text: str) -> list[Change]:
    """Changes from the output of `git GIT_LOG_ARGUMENTS`, in git's order (newest first).

    Files other than the data files (a README in data/, say) are left out.
    """
    changes = []
    for record in text.split(_RECORD)[1:]:
        header, _, names = record.partition("\n")
        date, _, summary = header.partition(_FIELD)
        try:
            PartialDate.parse(date)
        except ValueError:
            continue
        for name in names.split("\n"):
            name = name.strip()
            if name.removeprefix("data/").removesuffix(".yaml") in DATA_FILES and name.endswith(".yaml"):
                changes.append(Change(date, name, summary.strip() or "(no description)"))
    return changes


def changes_from_data(model: Model) -> list[Change]:
    """Without history: the newest dated facts (events, and sources by publication date)."""
    changes = [
        Change(parse_when(event.date)[0].iso(), "data/events.yaml", f"Event: {event.title}", event_target(event.id))
        for event in model.events
    ]
    for source in model.sources.values():
        if source.published != "not stated":
            published = parse_when(source.published)[0].iso()
            changes.append(
                Change(published, "data/sources.yaml", f"Source published: {source.title}", source_target(source.id))
            )
    return changes


def render_changes(model: Model, history: Sequence[Change] | None) -> Page:
    """The page: changes from `history` (None when there is no git history), else the data's own dates."""
    data_files = tuple(f"data/{kind}.yaml" for kind in DATA_FILES)
    if history:
        body = [
            "Every fact on this site lives in a data file, and every change to the facts is a change to one of "
            "those files. These are the most recent, newest first, from the project's history.",
            _history_table(history),
        ]
    else:
        why = (
            "This copy of the site was built without the project's history, so it cannot list changes to the data."
            if history is None
            else "The project's history has no changes to the data files yet."
        )
        body = [
            f"{why} Here instead are the newest dated facts in the data: events by when they happened, and sources "
            "by when they were published.",
            _newest_facts_table(changes_from_data(model)),
        ]
    return page_text(PATH, "Recent changes to the data", body, data_files)


def _newest_first(changes: Sequence[Change]) -> list[Change]:
    """Newest first (a bare year counts from its first day); ties keep their given order."""
    return sorted(changes, key=lambda change: PartialDate.parse(change.date).earliest, reverse=True)[:MAX_ROWS]


def _history_table(history: Sequence[Change]) -> str:
    # One row per commit: consecutive changes with the same date and summary are one commit's files.
    rows: list[tuple[Change, list[str]]] = []
    for change in _newest_first([change for change in history if change.kind in SHOWN_ON]):
        if rows and (rows[-1][0].date, rows[-1][0].summary) == (change.date, change.summary):
            if change.kind not in rows[-1][1]:
                rows[-1][1].append(change.kind)
            continue
        rows.append((change, [change.kind]))
    lines = ["| Date | Change | Data files | Shown on |", "| --- | --- | --- | --- |"]
    for change, kinds in rows:
        files = ", ".join(f"`data/{kind}.yaml`" for kind in kinds)
        shown = ", ".join(dict.fromkeys(link(PATH, *SHOWN_ON[kind]) for kind in kinds))
        lines.append(f"| {_when(change.date)} | {escape_markdown(change.summary)} | {files} | {shown} |")
    return "\n".join(lines)


def _newest_facts_table(changes: Sequence[Change]) -> str:
    if not changes:
        return "*The data has no dated events or sources yet.*"
    lines = ["| Date | Fact | Data file |", "| --- | --- | --- |"]
    for change in _newest_first(changes):
        fact = link(PATH, change.summary, change.target) if change.target else escape_markdown(change.summary)
        lines.append(f"| {_when(change.date)} | {fact} | `data/{change.kind}.yaml` |")
    return "\n".join(lines)


def _when(date: str) -> str:
    return escape_markdown(PartialDate.parse(date).human())
