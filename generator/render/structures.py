"""The structure of the NHS in England at each era, one diagram and one table per era."""

from __future__ import annotations

from generator import paths
from generator.model import Era, Model, PartialDate, Relationship, parse_when
from generator.render.common import Page, describe_when, entity_target, era_target, evidence, link, page_text
from generator.render.mermaid import RELATION_LABELS
from generator.render.relations import diagram_with_text, legend
from generator.render.text import escape_markdown

INDEX = paths.STRUCTURES
DATA_FILES = ("data/eras.yaml", "data/relationships.yaml", "data/organisations.yaml", "data/people.yaml")


# A replacement or a merger is a change, not a standing relationship. An era's diagram draws only
# bodies that existed on its snapshot day, so changes since the previous era are listed in words.
CHANGES = frozenset({"replaced-by", "merged-into"})


def previous_era(model: Model, era: Era) -> Era | None:
    index = model.eras.index(era)
    return model.eras[index - 1] if index else None


def _national(model: Model, rel: Relationship) -> bool:
    return all(
        model.organisations.get(end) is not None and not paths.in_case_study(model.organisations[end])
        for end in (rel.subject, rel.object)
    )


def national_relationships(model: Model, era: Era) -> list[Relationship]:
    """Standing relationships in force at `era` between national bodies that existed on its snapshot day."""
    return [
        rel
        for rel in model.relationships_at(PartialDate.parse(era.snapshot))
        if _national(model, rel) and rel.relation not in CHANGES
    ]


def changes_since_previous(model: Model, era: Era) -> list[Relationship]:
    """Replacements and mergers of national bodies after the previous era's snapshot, up to this one's."""
    previous = previous_era(model, era)
    since = None if previous is None else PartialDate.parse(previous.snapshot)
    day = PartialDate.parse(era.snapshot)
    return [
        rel
        for rel in model.relationships
        if rel.relation in CHANGES
        and _national(model, rel)
        and rel.start is not None
        and parse_when(rel.start)[0].earliest <= day.earliest
        and (since is None or _started_after(rel, since))
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
    changes = changes_since_previous(model, era)
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
        f"Only bodies that existed on {day.human()} are drawn, under the names they had that day.",
        diagram_with_text(
            model,
            path,
            relationships,
            caption=f"Text version of the diagram: relationships in force on {day.human()}",
            on=day,
        ),
    ]
    if changes:
        body.append(
            "## Bodies replaced or merged "
            + (f"since {PartialDate.parse(previous.snapshot).human()}" if previous else "at the start of this era")
        )
        body.append(
            "\n".join(
                f"- {link(path, model.name_of(rel.subject, parse_when(rel.start)[0]), entity_target(model, rel.subject))}: "
                f"{RELATION_LABELS[rel.relation].removeprefix('was ')} "
                f"{link(path, model.name_of(rel.object, parse_when(rel.start)[0]), entity_target(model, rel.object))} "
                f"({escape_markdown(describe_when(rel.start))})"
                for rel in changes
                if rel.start is not None
            )
        )
    body.extend(["## Key", legend()])
    return page_text(path, era.title, body, DATA_FILES)


def render_structures(model: Model) -> list[Page]:
    pages = [render_structures_index(model)]
    pages.extend(render_era(model, era) for era in model.eras)
    return pages
