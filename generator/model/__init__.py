"""The one in-memory model of the data, built and cross-checked once.

Each field of `Model` with `kind(...)` as its metadata is a kind of data: one file in data/, declared once, here.
To add one (see CONTRIBUTING.md, "Changing the generator"): write its item and file models in
schema.py, and add its field below, with the label the sources page gives an item that quotes a
source. Everything else reads `KINDS`; tests/test_kinds.py fails until every part is in place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from generator import paths
from generator.model.accountability import (
    Accountability,
    AccountabilityFile,
    ComplaintsFile,
    Flow,
    MoneyFile,
    Pool,
    PoolsFile,
    Step,
)
from generator.model.dates import PartialDate
from generator.model.kinds import DataKind, kind, kinds_of, labelled
from generator.model.schema import (
    Citation,
    EarlierName,
    Era,
    ErasFile,
    Event,
    EventsFile,
    Organisation,
    OrganisationsFile,
    PeopleFile,
    Person,
    Relationship,
    RelationshipsFile,
    Source,
    SourcesFile,
    Term,
    TermsFile,
    Viewpoint,
    ViewpointsFile,
    When,
    parse_when,
)

if TYPE_CHECKING:
    from generator.areas.model import Areas

__all__ = [
    "BY_NAME",
    "DATA_FILES",
    "KINDS",
    "Accountability",
    "Citation",
    "DataKind",
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
    "entity_target",
    "parse_when",
]


def entity_target(model: Model, entity_id: str) -> str:
    """Where an organisation or a person is shown: its page, its section of the case study, or the people page."""
    if entity_id in model.organisations:
        return paths.organisation_target(model.organisations[entity_id])
    return paths.person_target(entity_id)


# How the sources page labels, and links to, an item of each kind that quotes a source; in kind order.
def _term(model: Model, term: Term) -> tuple[str, str]:
    return f"Glossary: {term.abbr or term.name}", paths.term_target(term.id)


def _organisation(model: Model, organisation: Organisation) -> tuple[str, str]:
    return f"Organisation: {organisation.name}", paths.organisation_target(organisation)


_person = labelled("Person", "name", paths.person_target)


def _relationship(model: Model, relationship: Relationship) -> tuple[str, str]:
    label = f"Relationship: {model.name_of(relationship.subject)} and {model.name_of(relationship.object)}"
    return label, entity_target(model, relationship.subject)


_event = labelled("Event", "title", paths.event_target)
_era = labelled("Structure", "title", paths.era_page)
_viewpoint = labelled("Viewpoint", "question", paths.viewpoint_page)


def _accountability(model: Model, record: Accountability) -> tuple[str, str]:
    return f"Who answers for: {model.name_of(record.organisation)}", entity_target(model, record.organisation)


_pool = labelled("Money", "name", paths.pool_target)


def _flow(model: Model, flow: Flow) -> tuple[str, str]:
    return f"Money in {flow.moment}: {flow.label}", paths.money_target(flow.moment)


_step = labelled("Complaints", "title", paths.step_target)


def _date_order(event: Event) -> tuple[Any, str]:
    return parse_when(event.date)[0].sort_key, event.id


@dataclass(frozen=True)
class Model:
    """Every fact, with every id already checked to resolve. Renderers read only this."""

    sources: dict[str, Source] = field(metadata=kind(SourcesFile, paths.SOURCES, keyed_by="id"))
    terms: dict[str, Term] = field(metadata=kind(TermsFile, paths.GLOSSARY, keyed_by="id", cited_by=_term))
    organisations: dict[str, Organisation] = field(
        metadata=kind(OrganisationsFile, paths.ORGANISATIONS, keyed_by="id", cited_by=_organisation)
    )
    people: dict[str, Person] = field(metadata=kind(PeopleFile, paths.PEOPLE, keyed_by="id", cited_by=_person))
    relationships: tuple[Relationship, ...] = field(
        metadata=kind(RelationshipsFile, paths.STRUCTURES, keyed_by=None, cited_by=_relationship)
    )
    events: tuple[Event, ...] = field(
        metadata=kind(EventsFile, paths.TIMELINE, keyed_by=None, cited_by=_event, order=_date_order)
    )
    eras: tuple[Era, ...] = field(
        metadata=kind(ErasFile, paths.STRUCTURES, keyed_by=None, cited_by=_era, order=lambda era: era.snapshot)
    )
    viewpoints: dict[str, Viewpoint] = field(
        metadata=kind(ViewpointsFile, paths.VIEWPOINTS, keyed_by="id", cited_by=_viewpoint)
    )
    # Money, accountability and complaints: organisation id -> its record, the funds, the flows, the steps.
    accountability: dict[str, Accountability] = field(
        metadata=kind(AccountabilityFile, paths.ACCOUNTABILITY, keyed_by="organisation", cited_by=_accountability)
    )
    pools: dict[str, Pool] = field(metadata=kind(PoolsFile, paths.MONEY, keyed_by="id", cited_by=_pool))
    money: tuple[Flow, ...] = field(metadata=kind(MoneyFile, paths.MONEY, keyed_by=None, cited_by=_flow))
    complaints: tuple[Step, ...] = field(metadata=kind(ComplaintsFile, paths.COMPLAINTS, keyed_by=None, cited_by=_step))
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
    """The model from each data file's items (checked already: every id unique, every reference known)."""
    return Model(**{kind.name: kind.collect(items[kind.name]) for kind in KINDS})


# In the order the files are loaded and the downloads list them: the order of Model's fields.
KINDS: tuple[DataKind, ...] = kinds_of(Model)
BY_NAME: dict[str, DataKind] = {kind.name: kind for kind in KINDS}
# Data file name -> the model of the whole file (what the checker validates and the schemas describe).
DATA_FILES = {kind.name: kind.file_model for kind in KINDS}
