"""The local case study: Bath and North East Somerset, Swindon and Wiltshire (BSW)."""

from __future__ import annotations

from generator import paths
from generator.model import Model
from generator.render.common import (
    Page,
    describe_span,
    describe_when,
    entity_target,
    event_target,
    evidence,
    link,
    page_text,
)
from generator.render.relations import diagram_with_text, legend
from generator.render.text import escape_markdown

PATH = paths.CASE_STUDY
DATA_FILES = ("data/organisations.yaml", "data/relationships.yaml", "data/people.yaml", "data/events.yaml")


def local_ids(model: Model) -> set[str]:
    """BSW bodies, and the people who held roles in them."""
    bodies = {org.id for org in model.organisations.values() if paths.in_case_study(org)}
    people = {
        person.id for person in model.people.values() if any(role.organisation in bodies for role in person.roles)
    }
    return bodies | people


def render_case_study(model: Model) -> Page:
    local = local_ids(model)
    bodies = sorted(
        (org for org in model.organisations.values() if paths.in_case_study(org)), key=lambda org: org.name.casefold()
    )
    relationships = [rel for rel in model.relationships if rel.subject in local or rel.object in local]
    events = [event for event in model.events if local.intersection(event.involves)]
    body = [
        "How the national reorganisations played out in one area: Bath and North East Somerset, Swindon and "
        "Wiltshire (BSW), where three clinical commissioning groups came together under one management team "
        "and then one integrated care system.",
        "## Diagram",
        diagram_with_text(
            model,
            PATH,
            relationships,
            caption="Text version of the diagram: local relationships over time",
            direction="LR",
        ),
        legend(),
        "## Bodies",
    ]
    for org in bodies:
        section = [
            f"### {escape_markdown(org.name)} {{#{paths.case_study_anchor(org.id)}}}",
            escape_markdown(org.summary),
            f"**When:** {escape_markdown(describe_span(org.start, org.end))}",
        ]
        if org.instance_of:
            parent = model.organisations[org.instance_of]
            section.append(f"**One of:** {link(PATH, parent.name, entity_target(model, parent.id))}")
        section.append(evidence(model, PATH, org.cite))
        body.append("\n\n".join(section))
    people = sorted((model.people[pid] for pid in local if pid in model.people), key=lambda person: person.name)
    if people:
        body.append("## People")
        body.extend(
            f"- {link(PATH, person.name, entity_target(model, person.id))}: {escape_markdown(person.summary)}"
            for person in people
        )
    if events:
        body.append("## Local timeline")
        body.append(
            "\n".join(
                f"- **{escape_markdown(describe_when(event.date))}:** {link(PATH, event.title, event_target(event.id))}"
                for event in events
            )
        )
    return page_text(PATH, "Case study: Bath and North East Somerset, Swindon and Wiltshire", body, DATA_FILES)
