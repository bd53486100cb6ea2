"""The structure of the NHS in England at each era, one diagram and one table per era."""

from __future__ import annotations

from generator import paths
from generator.model import Era, Model, Organisation, PartialDate, Relationship, parse_when
from generator.render.common import Page, describe_when, entity_target, era_target, evidence, link, page_text
from generator.render.escape import escape_markdown
from generator.render.mermaid import RELATION_LABELS, bodies_in
from generator.render.relations import diagram_with_text, legend

INDEX = paths.STRUCTURES
DATA_FILES = ("data/eras.yaml", "data/relationships.yaml", "data/organisations.yaml", "data/people.yaml")


# A replacement or a merger is a change, not a standing relationship: an era's diagram never draws it;
# the bodies it ended are listed beside the diagram as "gone since" the previous era.
CHANGES = frozenset({"replaced-by", "merged-into"})


def previous_era(model: Model, era: Era) -> Era | None:
    index = model.eras.index(era)
    return model.eras[index - 1] if index else None


def national_relationships(model: Model, era: Era) -> list[Relationship]:
    """Standing relationships in force at `era` between working national bodies (not the local case study)."""
    day = PartialDate.parse(era.snapshot)
    return [
        rel
        for rel in model.relationships_at(day)
        if rel.relation not in CHANGES
        and all(
            end in model.organisations
            and not paths.in_case_study(model.organisations[end])
            and not _closed_by(model, end, day)
            for end in (rel.subject, rel.object)
        )
    ]


def _closed_by(model: Model, organisation_id: str, day: PartialDate) -> bool:
    end = model.organisations[organisation_id].end
    return end is not None and parse_when(end)[0].earliest <= day.earliest


def gone_since(model: Model, era: Era) -> list[Organisation]:
    """National bodies closed since the previous era's snapshot (for the first era: those the era's own
    changes replaced), in the order they closed."""
    day = PartialDate.parse(era.snapshot)
    previous = previous_era(model, era)
    since = PartialDate.parse(previous.snapshot) if previous else None
    replaced_now = {rel.subject for rel in model.relationships_at(day) if rel.relation in CHANGES}
    gone = [
        org
        for org in model.organisations.values()
        if not paths.in_case_study(org)
        and org.end is not None
        and _closed_by(model, org.id, day)
        and (parse_when(org.end)[0].earliest > since.earliest if since else org.id in replaced_now)
    ]
    return sorted(gone, key=lambda org: (parse_when(org.end)[0].sort_key if org.end else (0, 0, 0), org.name))


def new_since(model: Model, era: Era) -> frozenset[str]:
    """Bodies drawn in this era's diagram that certainly started after the previous era's snapshot
    (a body first drawn now but older, such as councils, is not new; a start known only to the year
    counts from its earliest day, so it is never claimed as new when it may not be)."""
    previous = previous_era(model, era)
    if previous is None:
        return frozenset()
    since = PartialDate.parse(previous.snapshot)
    return frozenset(
        entity_id
        for entity_id in bodies_in(national_relationships(model, era))
        if (start := model.organisations[entity_id].start) is not None and parse_when(start)[0].earliest > since.earliest
    )


def era_label(era: Era) -> str:
    """An era's short name, e.g. '2019' from '2019: the Long Term Plan'."""
    return era.title.split(":")[0]


def _gone_list(model: Model, path: str, era: Era) -> str:
    previous = previous_era(model, era)
    gone = gone_since(model, era)
    day = PartialDate.parse(era.snapshot)
    heading = f"### Gone since {escape_markdown(era_label(previous))}" if previous else "### Gone when this era began"
    if not gone:
        return f"{heading}\n\nNo national body in this site's data closed in this period."
    items = []
    for org in gone:
        successors = [
            f"{RELATION_LABELS[rel.relation]} {link(path, model.name_of(rel.object, day), entity_target(model, rel.object))}"
            for rel in model.relationships_of.get(org.id, [])
            if rel.subject == org.id and rel.relation in CHANGES
        ]
        closed = f"closed {escape_markdown(describe_when(org.end, org.end_status))}"
        name = model.name_of(org.id, parse_when(org.end)[0]) if org.end is not None else org.name
        items.append(f"- {link(path, name, entity_target(model, org.id))}: " + "; ".join([closed, *successors]))
    return heading + "\n\n" + "\n".join(items)


def render_structures_index(model: Model) -> Page:
    items = "\n".join(
        f"- {link(INDEX, era.title, era_target(era.id))}: {escape_markdown(era.summary)}" for era in model.eras
    )
    body = [
        "How the bodies that plan, pay for, provide and oversee NHS care in England fitted together at five moments. "
        "Each diagram is drawn from the relationships in force on the date given; each has a table with the same facts.",
        items,
        "## How to read the diagrams",
        "Each box is a body or a kind of body, placed in a band by the level it works at: government and national "
        "bodies at the top, then regional, system, place and neighbourhood. The kind of line shows the kind of link "
        "(money, oversight, membership, or another link written on the line), and each diagram has its own key. "
        "A very thick outline marks a body that is new since the era before. Shapes and colours show the kind of body:",
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
        "Bodies sit in bands by level, national at the top; each body keeps its place from one era to the next. "
        f"Only bodies that existed on {day.human()} are drawn, under the names they had that day.",
        diagram_with_text(
            model,
            path,
            relationships,
            caption=f"Text version of the diagram: relationships in force on {day.human()}",
            new=new_since(model, era),
            new_since=era_label(previous) if previous else "",
            on=day,
        ),
        _gone_list(model, path, era),
        "## Key to shapes and colours",
        legend(),
    ]
    return page_text(path, era.title, body, DATA_FILES)


def era_navigation(model: Model) -> list[dict[str, str]]:
    return [{era.title: paths.era_page(era.id)} for era in model.eras]


def render_structures(model: Model) -> list[Page]:
    pages = [render_structures_index(model)]
    pages.extend(render_era(model, era) for era in model.eras)
    return pages
