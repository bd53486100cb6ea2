"""One page per organisation (or type of organisation), and an index of them all."""

from __future__ import annotations

from generator import paths
from generator.model import Model, Organisation, Relationship
from generator.render.accountability import accountability_grid
from generator.render.common import (
    Page,
    describe_event_date,
    describe_lifetime,
    describe_when,
    entity_target,
    event_target,
    evidence,
    has_own_page,
    link,
    page_text,
    term_target,
    viewpoint_target,
)
from generator.render.escape import escape_markdown
from generator.render.relations import diagram_with_text

INDEX = paths.ORGANISATIONS
DATA_FILES = (
    "data/organisations.yaml",
    "data/relationships.yaml",
    "data/events.yaml",
    "data/viewpoints.yaml",
    "data/accountability.yaml",
)
LEVEL_ORDER = ["national", "regional", "system", "place", "neighbourhood", "local"]
LEVEL_WORDS = {
    "national": "National bodies",
    "regional": "Regional bodies",
    "system": "System level (an ICS or STP area)",
    "place": "Place level (a town, borough or county)",
    "neighbourhood": "Neighbourhood level",
    "local": "Local bodies",
}


def listed_organisations(model: Model) -> list[Organisation]:
    return sorted(
        (org for org in model.organisations.values() if has_own_page(org)), key=lambda org: org.name.casefold()
    )


def organisations_by_level(model: Model) -> list[tuple[str, list[Organisation]]]:
    """(heading, bodies) for each level that has a page, national first; bodies by name."""
    listed = listed_organisations(model)
    grouped = [(LEVEL_WORDS[level], [org for org in listed if org.level == level]) for level in LEVEL_ORDER]
    return [(heading, members) for heading, members in grouped if members]


def organisation_navigation(model: Model) -> list[dict[str, list[dict[str, str]]]]:
    # Grouped by level, so each page's sidebar (pruned by Material to the open group) stays short
    # and a build's navigation work grows with the data, not with its square.
    return [
        {heading: [{org.name: paths.organisation_page(org.id)} for org in members]}
        for heading, members in organisations_by_level(model)
    ]


def render_organisations(model: Model) -> list[Page]:
    """The index, then a page for each body that has one (the case study shows the rest)."""
    return [render_organisation_index(model), *(render_organisation(model, org) for org in listed_organisations(model))]


def render_organisation_index(model: Model) -> Page:
    body = [
        "The bodies that have planned, paid for, delivered and overseen NHS care in England since 2012, "
        "grouped by the level they work at. Each page says what the body is, when it existed, what it did, "
        "and how it relates to the others."
    ]
    for heading, members in organisations_by_level(model):
        rows = "\n".join(
            f"| {link(INDEX, org.name, entity_target(model, org.id))} | {escape_markdown(describe_lifetime(model, org.id))} |"
            for org in members
        )
        body.append(f"## {heading}\n\n| Body | When |\n| --- | --- |\n{rows}")
    return page_text(INDEX, "Organisations", body, DATA_FILES)


def involving(model: Model, organisation_id: str) -> list[Relationship]:
    return list(model.relationships_of.get(organisation_id, []))


def render_organisation(model: Model, organisation: Organisation) -> Page:
    path = paths.organisation_page(organisation.id)
    facts = [f"**When:** {escape_markdown(describe_lifetime(model, organisation.id))}"]
    if organisation.earlier_names:
        facts.append(
            "**Earlier names:** "
            + "; ".join(
                f"{escape_markdown(earlier.name)} (until {escape_markdown(describe_when(earlier.until))})"
                for earlier in organisation.earlier_names
            )
        )
    if organisation.count:
        facts.append(f"**How many:** {escape_markdown(organisation.count)}")
    if organisation.term:
        term = model.terms[organisation.term]
        facts.append(f"**Glossary:** {link(path, term.abbr or term.name, term_target(term.id))}")
    if organisation.instance_of:
        parent = model.organisations[organisation.instance_of]
        facts.append(f"**One of:** {link(path, parent.name, entity_target(model, parent.id))}")
    members = sorted(model.members_of.get(organisation.id, []), key=lambda org: org.name)
    if members:
        facts.append(
            "**Examples on this site:** "
            + ", ".join(link(path, org.name, entity_target(model, org.id)) for org in members)
        )
    body = [escape_markdown(organisation.summary), "  \n".join(facts), evidence(model, path, organisation.cite)]
    body.extend(_disagreements(model, path, organisation))
    body.append(accountability_grid(model, path, organisation.id))
    relationships = involving(model, organisation.id)
    if relationships:
        body.append("## How it relates to other bodies")
        body.append(diagram_with_text(model, path, relationships, "The same relationships as a table"))
    body.extend(_events(model, path, organisation.id))
    body.extend(_viewpoints(model, path, organisation.id))
    return page_text(path, organisation.name, body, DATA_FILES)


def _disagreements(model: Model, path: str, organisation: Organisation) -> list[str]:
    sections = []
    for disagreement in organisation.disagreements:
        sections.append(
            '!!! warning "Sources disagree"\n\n'
            f"    Another account says: {escape_markdown(disagreement.says)}\n\n"
            f"    Why this site does not follow it: {escape_markdown(disagreement.why_not_followed)}\n\n"
            + "\n".join(
                "    " + line for line in evidence(model, path, disagreement.cite, "The other account").splitlines()
            )
        )
    return sections


def _events(model: Model, path: str, organisation_id: str) -> list[str]:
    events = model.events_involving.get(organisation_id, [])
    if not events:
        return []
    items = "\n".join(
        f"- **{escape_markdown(describe_event_date(event))}:** {link(path, event.title, event_target(event.id))}"
        for event in events
    )
    return ["## Events", items]


def _viewpoints(model: Model, path: str, organisation_id: str) -> list[str]:
    viewpoints = model.viewpoints_involving.get(organisation_id, [])
    if not viewpoints:
        return []
    items = "\n".join(
        f"- {link(path, view.question, viewpoint_target(view.id))}" for view in sorted(viewpoints, key=lambda v: v.id)
    )
    return ["## Debates", items]
