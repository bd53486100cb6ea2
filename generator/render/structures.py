"""The structure of the NHS in England at each era, one diagram and one table per era."""

from __future__ import annotations

from generator import paths
from generator.model import Era, Model, PartialDate, Relationship, parse_when
from generator.render.common import Page, era_target, evidence, link, page_text
from generator.render.relations import diagram_with_text, legend
from generator.render.text import escape_markdown

INDEX = paths.STRUCTURES
DATA_FILES = ("data/eras.yaml", "data/relationships.yaml", "data/organisations.yaml", "data/people.yaml")


# A replacement or a merger is a change, not a standing relationship: an era's diagram draws it only
# when it happened since the previous era, so abolished bodies don't linger in every later diagram.
CHANGES = frozenset({"replaced-by", "merged-into"})


def previous_era(model: Model, era: Era) -> Era | None:
    index = model.eras.index(era)
    return model.eras[index - 1] if index else None


def national_relationships(model: Model, era: Era) -> list[Relationship]:
    """Relationships in force at `era` between bodies outside the local case study, plus changes since the era before."""
    previous = previous_era(model, era)
    since = PartialDate.parse(previous.snapshot) if previous else None
    return [
        rel
        for rel in model.relationships_at(PartialDate.parse(era.snapshot))
        if all(
            model.organisations.get(end) is not None and not paths.in_case_study(model.organisations[end])
            for end in (rel.subject, rel.object)
        )
        and (rel.relation not in CHANGES or since is None or _started_after(rel, since))
    ]


def _started_after(relationship: Relationship, day: PartialDate) -> bool:
    if relationship.start is None:
        return False
    start, _ = parse_when(relationship.start)
    return start.earliest > day.earliest


def era_title(era: Era) -> str:
    return era.title


def render_structures_index(model: Model) -> Page:
    items = "\n".join(
        f"- {link(INDEX, era.title, era_target(era.id))}: {escape_markdown(era.summary)}" for era in model.eras
    )
    body = [
        "How the bodies that plan, pay for, provide and oversee NHS care in England fitted together at five moments. "
        "Each diagram is drawn from the relationships in force on the date given; each has a table with the same facts.",
        items,
        "## How to read the diagrams",
        "Each box is a body or a kind of body; each arrow reads as a sentence, from the arrow's start to its end "
        "(for example, *NHS England oversees Clinical Commissioning Groups*). Shapes and colours show the kind of body:",
        legend(),
    ]
    return page_text(INDEX, "Structures by era", body, DATA_FILES)


def render_era(model: Model, era: Era) -> Page:
    path = era_target(era.id)
    previous = previous_era(model, era)
    day = PartialDate.parse(era.snapshot)
    relationships = national_relationships(model, era)
    changed = (
        "What changed since " + (previous.title if previous else "the previous system")
        if previous
        else "What this era was"
    )
    body = [
        f"The national structure on {day.human()}.",
        f"## {escape_markdown(changed)}",
        escape_markdown(era.summary),
        evidence(model, path, era.cite),
        "## Diagram",
        diagram_with_text(
            model, path, relationships, caption=f"Text version of the diagram: relationships in force on {day.human()}"
            + (f", and bodies replaced or merged since {PartialDate.parse(previous.snapshot).human()}" if previous else ""),
        ),
        "## Key",
        legend(),
    ]
    return page_text(path, era.title, body, DATA_FILES)


def render_structures(model: Model) -> list[Page]:
    pages = [render_structures_index(model)]
    pages.extend(render_era(model, era) for era in model.eras)
    return pages
