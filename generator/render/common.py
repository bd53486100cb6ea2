"""Pieces every page uses: where things live, links, dates and the evidence behind a fact."""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass

from generator import paths
from generator.model import Citation, Event, Model, Organisation, parse_when
from generator.model import entity_target as entity_target
from generator.model.schema import Status, When
from generator.paths import event_target as event_target
from generator.paths import source_target as source_target
from generator.paths import term_target as term_target
from generator.render.escape import escape_markdown

# entity_target, event_target, source_target and term_target (`import x as x` above) are re-exported
# for the renderers, which link to them from many pages.

era_target = paths.era_page
viewpoint_target = paths.viewpoint_page


@dataclass(frozen=True)
class Page:
    """A generated Markdown page and the data files it is made from."""

    path: str
    content: str
    data_files: tuple[str, ...]

    @property
    def edit_file(self) -> str:
        """The data file an 'edit this page' link opens: the first one it is made from."""
        return self.data_files[0]


def page_text(path: str, title: str, body: list[str], data_files: tuple[str, ...]) -> Page:
    """Assemble a page: do-not-edit banner, title, body, and a note naming its data files."""
    names = ", ".join(f"`{name}`" for name in data_files)
    banner = f"<!-- Generated from {', '.join(data_files)} by `python -m generator`. Do not edit: edit the data. -->"
    footer = f"*This page is generated from {names}. To correct it, edit the data file and cite a source.*"
    content = "\n\n".join([banner, f"# {escape_markdown(title)}", *body, footer]) + "\n"
    return Page(path=path, content=content, data_files=data_files)


@functools.cache
def relative(from_page: str, target: str) -> str:
    """Link from one page to another page (optionally `page.md#anchor`)."""
    target_path, _, anchor = target.partition("#")
    if not target_path:
        return f"#{anchor}"
    link = posixpath.relpath(target_path, posixpath.dirname(from_page) or ".")
    return f"{link}#{anchor}" if anchor else link


def link(from_page: str, text: str, target: str) -> str:
    return f"[{escape_markdown(text)}]({relative(from_page, target)})"


# Where each kind of thing is shown: spelled in generator/paths.py, looked up in the model here.
def organisation_target(model: Model, organisation_id: str) -> str:
    return paths.organisation_target(model.organisations[organisation_id])


def has_own_page(organisation: Organisation) -> bool:
    return not paths.in_case_study(organisation)


# The one wording of each status, used wherever a date is shown, so no two pages can disagree.
STATUS_WORDS: dict[str, str] = {
    "done": "",
    "planned": "planned",
    "announced": "announced, not yet law",
}


def describe_when(when: When | None, status: Status = "done") -> str:
    """'21 March 2019', 'about March 2019 (inferred)', '1 April 2027 (planned)'."""
    if when is None:
        return ""
    date, inferred = parse_when(when)
    notes = [note for note in ("inferred" if inferred else "", STATUS_WORDS[status]) if note]
    shown = f"about {date.human()}" if inferred else date.human()
    return f"{shown} ({'; '.join(notes)})" if notes else shown


def describe_span(start: When | None, end: When | None, start_status: Status = "done", end_status: Status = "done") -> str:
    if start is None and end is None:
        return "dates not stated in the sources"
    if end is None:
        return f"from {describe_when(start, start_status)}"
    if start is None:
        return f"until {describe_when(end, end_status)}"
    return f"{describe_when(start, start_status)} to {describe_when(end, end_status)}"


def describe_event_date(event: Event) -> str:
    return describe_when(event.date, event.status)


def describe_lifetime(model: Model, organisation_id: str) -> str:
    """When a body existed, from its one pair of fields (glossary terms that name it show the same)."""
    organisation = model.organisations[organisation_id]
    return describe_span(organisation.start, organisation.end, organisation.start_status, organisation.end_status)


def source_label(model: Model, source_id: str) -> str:
    source = model.sources[source_id]
    published = "" if source.published == "not stated" else f", {describe_when(source.published)}"
    return f"{source.publisher}{published}"


def evidence(model: Model, from_page: str, citations: Iterable[Citation], title: str = "Sources") -> str:
    """A collapsible block holding each verbatim quote and a link to its source entry."""
    lines = [f'??? quote "{title}"']
    for citation in citations:
        label = source_label(model, citation.source)
        lines.append(f"    > {escape_markdown(citation.quote)}")
        lines.append("    >")
        lines.append(f"    > — {link(from_page, label, source_target(citation.source))}")
        lines.append("")
    return "\n".join(lines).rstrip()


def source_links(model: Model, from_page: str, citations: Iterable[Citation]) -> str:
    """Short inline links to the sources of a fact, each once, in order."""
    seen: list[str] = []
    for citation in citations:
        if citation.source not in seen:
            seen.append(citation.source)
    return "; ".join(link(from_page, source_label(model, source_id), source_target(source_id)) for source_id in seen)
