"""Rules that keep the facts true to each other over time, run once the model is built.

Each rule returns findings (data file, path inside it, message, hint); the validator turns them into
`data/FILE:LINE:COL` problems. Why a module of its own: these are about meaning (names in force,
what the sources say happened, who holds a view, when a body existed), not about the shape of the data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from generator.model import Model, Organisation, PartialDate, parse_when
from generator.model.schema import Citation, Status, When

Path = tuple[str | int, ...]

# Relations that record a change (the subject ended when it began), not a standing link.
CHANGE_RELATIONS = frozenset({"replaced-by", "merged-into"})


@dataclass(frozen=True)
class Finding:
    kind: str  # the data file, e.g. "organisations"
    path: Path  # where inside it: the item's id (or its index, for relationships), then keys, e.g. ("ccgs", "start")
    message: str
    hint: str


def check_rules(model: Model) -> list[Finding]:
    return [
        *_names_over_time(model),
        *_statuses(model),
        *_one_field_per_quantity(model),
        *_holders(model),
        *_existence(model),
    ]


def _day(when: When) -> PartialDate:
    return parse_when(when)[0]


# ---------------------------------------------------------------- rule 1: names over time
def _names_over_time(model: Model) -> Iterator[Finding]:
    """Earlier names end in order, inside the body's life; dated text uses no name before it was in use."""
    organisations = list(model.organisations.values())
    for index, organisation in enumerate(organisations):
        previous: PartialDate | None = None
        for position, earlier in enumerate(organisation.earlier_names):
            until = _day(earlier.until)
            if previous is not None and until.earliest <= previous.earliest:
                yield Finding(
                    "organisations",
                    (index, "earlier_names", position, "until"),
                    f"'{earlier.name}' ends on or before the name listed above it",
                    "list earlier names oldest first, each ending after the one before",
                )
            if organisation.end is not None and until.earliest > _day(organisation.end).latest:
                yield Finding(
                    "organisations",
                    (index, "earlier_names", position, "until"),
                    f"'{earlier.name}' ends after '{organisation.id}' itself ended",
                    "correct the date, or the body's end date",
                )
            previous = until
    renamed = _renamed_bodies(model)
    for era in model.eras:
        yield from _anachronisms(model, renamed, "eras", (era.id, "summary"), era.summary, PartialDate.parse(era.snapshot))
    for event in model.events:
        day = _day(event.date)
        yield from _anachronisms(model, renamed, "events", (event.id, "title"), event.title, day)
        yield from _anachronisms(model, renamed, "events", (event.id, "summary"), event.summary, day)


def _renamed_bodies(model: Model) -> list[Organisation]:
    """The bodies with earlier names, one for each history of names: bodies with the same names on the same
    dates would give the same findings, and the check runs over every dated text, so it must not grow with both."""
    histories: dict[tuple[str, tuple[tuple[str, str], ...]], Organisation] = {}
    for organisation in model.organisations.values():
        if organisation.earlier_names:
            history = (organisation.name, tuple((earlier.name, str(earlier.until)) for earlier in organisation.earlier_names))
            histories.setdefault(history, organisation)
    return list(histories.values())


def _anachronisms(
    model: Model, renamed: list[Organisation], kind: str, path: Path, text: str, day: PartialDate
) -> Iterator[Finding]:
    """A later name of a body used in text about a day before that name was in use."""
    for organisation in renamed:
        in_force = model.name_of(organisation.id, day)
        later_names = [name for name in _names_after(organisation, day) if name != in_force]
        # "Department of Health" is inside "Department of Health and Social Care": look for it elsewhere.
        rest = text
        for later in later_names:
            rest = re.sub(rf"\b{re.escape(later)}\b", " ", rest, flags=re.IGNORECASE)
        for later in later_names:
            if _mentions(text, later) and not _mentions(rest, in_force):
                yield Finding(
                    kind,
                    path,
                    f"says '{later}', a name not used until after {day.human()}; on that day it was '{in_force}'",
                    f"write '{in_force}' (the name in force on {day.human()})",
                )


def _names_after(organisation: Organisation, day: PartialDate) -> list[str]:
    names = [(earlier.name, _day(earlier.until)) for earlier in organisation.earlier_names]
    later = [name for (name, _), (_, until) in zip(names[1:], names, strict=False) if until.earliest > day.earliest]
    if names and names[-1][1].earliest > day.earliest:
        later.append(organisation.name)
    return later


def _mentions(text: str, name: str) -> bool:
    return re.search(rf"\b{re.escape(name)}\b", text, flags=re.IGNORECASE) is not None


# ---------------------------------------------------------------- rule 2: planned, announced, done
def _statuses(model: Model) -> Iterator[Finding]:
    """A start, end or event marked done, on a stated date, must be reported by a source that could have seen it."""
    for index, organisation in enumerate(model.organisations.values()):
        for field, status_field in (("start", "start_status"), ("end", "end_status")):
            when = getattr(organisation, field)
            status: Status = getattr(organisation, status_field)
            if when is not None and status == "done":
                yield from _done_too_early(model, "organisations", (index, field), when, organisation.cite)
    for event in model.events:
        if event.status == "done":
            yield from _done_too_early(model, "events", (event.id, "date"), event.date, event.cite)


def _done_too_early(model: Model, kind: str, path: Path, when: When, cite: list[Citation]) -> Iterator[Finding]:
    day, inferred = parse_when(when)
    if inferred:
        return  # an inferred date gives its basis, which says how sure we are it happened
    published: list[PartialDate] = []
    for citation in cite:
        source = model.sources[citation.source]
        if source.published == "not stated":
            return  # an undated source may have been written after the day
        published.append(PartialDate.parse(source.updated) if source.updated else _day(source.published))
    if published and all(date.latest < day.earliest for date in published):
        latest = max(published, key=lambda date: date.latest)
        yield Finding(
            kind,
            path,
            f"{day.human()} is shown as done, but every source cited was published before it (latest: "
            f"{latest.human()})",
            "set the status to planned or announced, cite a source that reports it happened, or mark the date "
            "inferred and give the basis",
        )


# ---------------------------------------------------------------- rule 4: one quantity, one field
def _one_field_per_quantity(model: Model) -> Iterator[Finding]:
    """A glossary term that names a body takes its dates from the body, never its own copy."""
    for index, term in enumerate(model.terms.values()):
        if term.organisation is None:
            continue
        for field in ("start", "end"):
            if getattr(term, field) is not None:
                yield Finding(
                    "terms",
                    (index, field),
                    f"term '{term.id}' states its own {field}, but it names organisation '{term.organisation}', "
                    f"which holds that date",
                    f"delete '{field}' here; the glossary shows the dates of '{term.organisation}' in organisations.yaml",
                )


# ---------------------------------------------------------------- rule 5: who holds a view
def _holders(model: Model) -> Iterator[Finding]:
    """A holder is attributed by a quote shown with the position, from a source that can hold views."""
    for view_index, view in enumerate(model.viewpoints.values()):
        for position_index, position in enumerate(view.positions):
            for holder_index, holder in enumerate(position.holders):
                path: Path = (view_index, "positions", position_index, "holders", holder_index, "attributed_by")
                source = model.sources[holder.attributed_by.source]
                if source.background_only:
                    yield Finding(
                        "viewpoints",
                        path,
                        f"'{holder.name}' is attributed by '{source.id}', a neutral background source that "
                        "holds no view",
                        "cite words in which the holder states the view or is reported as holding it, or "
                        "remove the holder (background sources can still support the argument)",
                    )
                if holder.attributed_by not in position.cite:
                    yield Finding(
                        "viewpoints",
                        path,
                        f"the quote attributing the view to '{holder.name}' is not among the position's citations",
                        "copy this citation into the position's `cite` list, so readers see it",
                    )


# ---------------------------------------------------------------- rule 6: when a body existed
def _existence(model: Model) -> Iterator[Finding]:
    """A relationship lies inside the lives of both its bodies (a change starts as its subject ends)."""
    for index, relationship in enumerate(model.relationships):
        for end_name in ("subject", "object"):
            entity_id = getattr(relationship, end_name)
            organisation = model.organisations.get(entity_id)
            if organisation is None:
                continue
            is_changed_body = end_name == "subject" and relationship.relation in CHANGE_RELATIONS
            if (
                organisation.start is not None
                and relationship.start is not None
                and _day(relationship.start).latest < _day(organisation.start).earliest
            ):
                yield Finding(
                    "relationships",
                    (index, "from"),
                    f"starts before '{entity_id}' existed (it began {_day(organisation.start).human()})",
                    "correct the `from` date, or the body's start date",
                )
            if organisation.end is None or is_changed_body:
                continue
            body_end = _day(organisation.end)
            if relationship.end is None or _day(relationship.end).earliest > body_end.latest:
                yield Finding(
                    "relationships",
                    (
                        index,
                        "until" if relationship.end is not None else "object" if end_name == "object" else "subject",
                    ),
                    f"runs on after '{entity_id}' ended ({body_end.human()})",
                    f"set `until` to the day '{entity_id}' ended, or earlier",
                )
