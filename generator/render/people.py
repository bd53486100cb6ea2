"""People in public roles named by the sources, with their roles and dates."""

from __future__ import annotations

from generator import paths
from generator.model import Model
from generator.render.common import Page, describe_span, entity_target, evidence, link, page_text
from generator.render.text import escape_markdown

PATH = paths.PEOPLE


def render_people(model: Model) -> Page:
    body = ["People in public roles who appear in the story, with the roles the sources record."]
    for person in sorted(model.people.values(), key=lambda person: person.name.casefold()):
        roles = "\n".join(
            f"- {escape_markdown(role.title)}, {link(PATH, model.name_of(role.organisation), entity_target(model, role.organisation))} "
            f"({escape_markdown(describe_span(role.start, role.end))})"
            for role in person.roles
        )
        citations = [citation for role in person.roles for citation in role.cite]
        body.append(
            f"## {escape_markdown(person.name)} {{#{paths.person_anchor(person.id)}}}\n\n{escape_markdown(person.summary)}\n\n"
            f"{roles}\n\n{evidence(model, PATH, citations)}"
        )
    return page_text(PATH, "People", body, ("data/people.yaml",))
