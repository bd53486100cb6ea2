"""The one in-memory model of the data, built and cross-checked once."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from generator.model.accountability import Accountability, Flow, Pool, Step
from generator.model.dates import PartialDate
from generator.model.schema import (
    Citation,
    EarlierName,
    Era,
    Event,
    Organisation,
    Person,
    Relationship,
    Source,
    Term,
    Viewpoint,
    When,
    parse_when,
)

if TYPE_CHECKING:
    from generator.areas.model import Areas

__all__ = [
    "Accountability",
    "Citation",
    "EarlierName",
    "Era",
    "Event",
    "Flow",
    "Model",
    "Organisation",
    "PartialDate",
    "Person",
    "Pool",
    "Relationship",
    "Source",
    "Step",
    "Term",
    "Viewpoint",
    "assemble",
    "parse_when",
]


@dataclass(frozen=True)
class Model:
    """Every fact, with every id already checked to resolve. Renderers read only this."""

    sources: dict[str, Source]
    terms: dict[str, Term]
    organisations: dict[str, Organisation]
    people: dict[str, Person]
    relationships: tuple[Relationship, ...]
    events: tuple[Event, ...]
    eras: tuple[Era, ...]
    viewpoints: dict[str, Viewpoint]
    # Money, accountability and complaints: organisation id -> its record, the funds, the flows, the steps.
    accountability: dict[str, Accountability]
    pools: dict[str, Pool]
    money: tuple[Flow, ...]
    complaints: tuple[Step, ...]
    # Every ICB in England (data/icbs.yaml and data/areas.yaml); None for data without them.
    areas: Areas | None = None

    # Indexes built once, on first use, so a page about one body does not scan every item.
    @cached_property
    def members_of(self) -> dict[str, list[Organisation]]:
        """Organisation id -> the bodies that are `instance_of` it, in data order."""
        found: dict[str, list[Organisation]] = {}
        for organisation in self.organisations.values():
            if organisation.instance_of is not None:
                found.setdefault(organisation.instance_of, []).append(organisation)
        return found

    @cached_property
    def relationships_of(self) -> dict[str, list[Relationship]]:
        """Entity id -> the relationships it is the subject or object of, in data order."""
        found: dict[str, list[Relationship]] = {}
        for relationship in self.relationships:
            for entity_id in dict.fromkeys((relationship.subject, relationship.object)):
                found.setdefault(entity_id, []).append(relationship)
        return found

    @cached_property
    def events_involving(self) -> dict[str, list[Event]]:
        """Entity id -> the events that involve it, in date order."""
        found: dict[str, list[Event]] = {}
        for event in self.events:
            for entity_id in dict.fromkeys(event.involves):
                found.setdefault(entity_id, []).append(event)
        return found

    @cached_property
    def viewpoints_involving(self) -> dict[str, list[Viewpoint]]:
        """Organisation id -> the viewpoints that involve it, in data order."""
        found: dict[str, list[Viewpoint]] = {}
        for viewpoint in self.viewpoints.values():
            for organisation_id in dict.fromkeys(viewpoint.involves):
                found.setdefault(organisation_id, []).append(viewpoint)
        return found

    def name_of(self, entity_id: str, on: PartialDate | None = None) -> str:
        """Display name of an organisation or person; with `on`, the name in force that day."""
        if entity_id not in self.organisations:
            return self.people[entity_id].name
        organisation = self.organisations[entity_id]
        if on is not None:
            for earlier in organisation.earlier_names:
                until, _ = parse_when(earlier.until)
                if on.earliest < until.earliest:
                    return earlier.name
        return organisation.name

    def term_span(self, term: Term) -> tuple[When | None, When | None]:
        """A term's start and end: those of the body it names, if it names one (one field per date)."""
        if term.organisation is not None:
            organisation = self.organisations[term.organisation]
            return organisation.start, organisation.end
        return term.start, term.end

    def exists_on(self, entity_id: str, day: PartialDate) -> bool:
        """Whether a body had started and not yet ended on `day` (people always exist)."""
        organisation = self.organisations.get(entity_id)
        if organisation is None:
            return True
        if organisation.start is not None and parse_when(organisation.start)[0].earliest > day.earliest:
            return False
        return organisation.end is None or parse_when(organisation.end)[0].earliest > day.earliest

    def relationships_at(self, day: PartialDate) -> list[Relationship]:
        """Relationships in force on `day` between bodies that existed that day: started on or before it, not yet ended."""
        in_force = []
        for relationship in self.relationships:
            if not (self.exists_on(relationship.subject, day) and self.exists_on(relationship.object, day)):
                continue
            if relationship.start is not None:
                start, _ = parse_when(relationship.start)
                if start.earliest > day.earliest:
                    continue
            if relationship.end is not None:
                end, _ = parse_when(relationship.end)
                if end.earliest <= day.earliest:
                    continue
            in_force.append(relationship)
        return in_force


def assemble(items: Mapping[str, Sequence[Any]]) -> Model:
    """The model from each data file's items (checked already: every id unique, every reference known).

    Items with ids are looked up by id; events are kept in date order and eras in snapshot order.
    """
    return Model(
        sources={source.id: source for source in items["sources"]},
        terms={term.id: term for term in items["terms"]},
        organisations={organisation.id: organisation for organisation in items["organisations"]},
        people={person.id: person for person in items["people"]},
        relationships=tuple(items["relationships"]),
        events=tuple(sorted(items["events"], key=lambda event: (parse_when(event.date)[0].sort_key, event.id))),
        eras=tuple(sorted(items["eras"], key=lambda era: era.snapshot)),
        viewpoints={viewpoint.id: viewpoint for viewpoint in items["viewpoints"]},
        accountability={record.organisation: record for record in items["accountability"]},
        pools={pool.id: pool for pool in items["pools"]},
        money=tuple(items["money"]),
        complaints=tuple(items["complaints"]),
    )
