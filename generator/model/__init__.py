"""The one in-memory model of the data, built and cross-checked once."""

from __future__ import annotations

from dataclasses import dataclass

from generator.model.dates import PartialDate
from generator.model.schema import (
    Citation,
    Era,
    Event,
    Organisation,
    Person,
    Relationship,
    Source,
    Term,
    Viewpoint,
    parse_when,
)

__all__ = [
    "Citation",
    "Era",
    "Event",
    "Model",
    "Organisation",
    "PartialDate",
    "Person",
    "Relationship",
    "Source",
    "Term",
    "Viewpoint",
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

    def name_of(self, entity_id: str) -> str:
        """Display name of an organisation or person."""
        if entity_id in self.organisations:
            return self.organisations[entity_id].name
        return self.people[entity_id].name

    def relationships_at(self, day: PartialDate) -> list[Relationship]:
        """Relationships in force on `day`: started on or before it, not yet ended."""
        in_force = []
        for relationship in self.relationships:
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
