"""The timeline: a Mermaid timeline of the major events and a full dated list."""

from __future__ import annotations

from generator import paths
from generator.model import Event, Model, parse_when
from generator.render.common import (
    Page,
    describe_when,
    entity_target,
    evidence,
    link,
    page_text,
    source_links,
    term_target,
)
from generator.render.mermaid import timeline
from generator.render.text import escape_markdown

PATH = paths.TIMELINE


def render_timeline(model: Model) -> Page:
    major = [event for event in model.events if event.major]
    years = sorted({parse_when(event.date)[0].year for event in model.events})
    body = [
        "What happened when, from the Health and Social Care Act 2012 to today. "
        "The diagram shows the major events; the list below it has every event, each with its sources.",
        timeline(major, "Major events"),
        '<div class="diagram-text" markdown>\n\n**Text version of the diagram: major events**\n\n'
        + "\n".join(
            f"- {escape_markdown(describe_when(event.date))}: {link(PATH, event.title, f'#{paths.event_anchor(event.id)}')}"
            for event in major
        )
        + "\n\n</div>",
    ]
    by_year: dict[int, list[Event]] = {}
    for event in model.events:
        by_year.setdefault(parse_when(event.date)[0].year, []).append(event)
    for year in years:
        body.append(f"## {year}")
        body.extend(_event_section(model, event) for event in by_year[year])
    return page_text(PATH, "Timeline", body, ("data/events.yaml",))


def _event_section(model: Model, event: Event) -> str:
    parts = [
        f"### {escape_markdown(event.title)} {{#{paths.event_anchor(event.id)}}}",
        f"**{escape_markdown(describe_when(event.date))}.** {escape_markdown(event.summary)}",
    ]
    links = [link(PATH, model.name_of(entity), entity_target(model, entity)) for entity in event.involves]
    links += [link(PATH, model.terms[term].abbr or model.terms[term].name, term_target(term)) for term in event.terms]
    if links:
        parts.append("**See:** " + ", ".join(links))
    parts.append("**Sources:** " + source_links(model, PATH, event.cite))
    for disagreement in event.disagreements:
        parts.append(
            '!!! warning "Sources disagree"\n\n'
            f"    Another account says: {escape_markdown(disagreement.says)}\n\n"
            f"    Why this site does not follow it: {escape_markdown(disagreement.why_not_followed)}\n\n"
            f"    Source of the other account: {source_links(model, PATH, disagreement.cite)}"
        )
    parts.append(evidence(model, PATH, event.cite, "Quotes"))
    return "\n\n".join(parts)
