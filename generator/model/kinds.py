"""Every kind of data, declared once: its file, its model, where it shows and how its quotes are cited.

The checker, the recent-changes page, the sources page, the downloads, the schema export, the
benchmark and the tests all read this list. To add a kind of data (see CONTRIBUTING.md,
"Changing the generator"): write its item and file models in schema.py (mark id fields that
point at other items with a `...Ref` type), add its field to `Model` and to `assemble`, and add
one `DataKind` below. tests/test_kinds.py fails until every part is in place.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from generator import paths
from generator.model import Model
from generator.model.schema import (
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
)


@dataclass(frozen=True)
class DataKind:
    """One data file and what the generator does with it."""

    # The file is data/<name>.yaml; its one key, `<name>:`, holds the list of items.
    name: str
    file_model: type[BaseModel]
    # The page that lists these facts, as (title, path): "Recent changes" links to it.
    shown_on: tuple[str, str]
    # The items as the model holds them, in the order the pages show them.
    items: Callable[[Model], Iterable[Any]]
    # For the sources page: (label, page target) of an item quoting a source; None if the kind
    # carries no citations of its own.
    cited_by: Callable[[Model, Any], tuple[str, str]] | None

    @property
    def path(self) -> str:
        return f"data/{self.name}.yaml"

    @property
    def item_model(self) -> type[BaseModel]:
        """The model of one item: the type inside the file model's list."""
        (item,) = typing.get_args(self.file_model.model_fields[self.name].annotation)
        return typing.cast(type[BaseModel], item)


def _entity_target(model: Model, entity_id: str) -> str:
    if entity_id in model.organisations:
        return paths.organisation_target(model.organisations[entity_id])
    return paths.person_target(entity_id)


def _term(model: Model, term: Term) -> tuple[str, str]:
    return f"Glossary: {term.abbr or term.name}", paths.term_target(term.id)


def _organisation(model: Model, organisation: Organisation) -> tuple[str, str]:
    return f"Organisation: {organisation.name}", paths.organisation_target(organisation)


def _person(model: Model, person: Person) -> tuple[str, str]:
    return f"Person: {person.name}", paths.person_target(person.id)


def _relationship(model: Model, relationship: Relationship) -> tuple[str, str]:
    label = f"Relationship: {model.name_of(relationship.subject)} and {model.name_of(relationship.object)}"
    return label, _entity_target(model, relationship.subject)


def _event(model: Model, event: Event) -> tuple[str, str]:
    return f"Event: {event.title}", paths.event_target(event.id)


def _era(model: Model, era: Era) -> tuple[str, str]:
    return f"Structure: {era.title}", paths.era_page(era.id)


def _viewpoint(model: Model, viewpoint: Viewpoint) -> tuple[str, str]:
    return f"Viewpoint: {viewpoint.question}", paths.viewpoint_page(viewpoint.id)


def _source_items(model: Model) -> Iterable[Source]:
    return model.sources.values()


# In the order the files are loaded and the downloads list them.
KINDS: tuple[DataKind, ...] = (
    DataKind("sources", SourcesFile, ("Sources", paths.SOURCES), _source_items, None),
    DataKind("terms", TermsFile, ("Glossary", paths.GLOSSARY), lambda model: model.terms.values(), _term),
    DataKind(
        "organisations",
        OrganisationsFile,
        ("Organisations", paths.ORGANISATIONS),
        lambda model: model.organisations.values(),
        _organisation,
    ),
    DataKind("people", PeopleFile, ("People", paths.PEOPLE), lambda model: model.people.values(), _person),
    DataKind(
        "relationships",
        RelationshipsFile,
        ("Structures", paths.STRUCTURES),
        lambda model: model.relationships,
        _relationship,
    ),
    DataKind("events", EventsFile, ("Timeline", paths.TIMELINE), lambda model: model.events, _event),
    DataKind("eras", ErasFile, ("Structures", paths.STRUCTURES), lambda model: model.eras, _era),
    DataKind(
        "viewpoints", ViewpointsFile, ("Viewpoints", paths.VIEWPOINTS), lambda model: model.viewpoints.values(), _viewpoint
    ),
)
BY_NAME: dict[str, DataKind] = {kind.name: kind for kind in KINDS}
# Data file name -> the model of the whole file (what the checker validates and the schemas describe).
DATA_FILES: dict[str, type[BaseModel]] = {kind.name: kind.file_model for kind in KINDS}
