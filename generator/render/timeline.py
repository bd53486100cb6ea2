"""The timeline, in HTML: year headings, one entry per event in date order, each with its sources.

Why HTML and not a diagram: text reflows on a phone, prints, and every entry is a link a keyboard
reaches. An event known only to the month or year says so and sorts after that period's dated events
(the order comes from the model; see PartialDate.sort_key).
"""

from __future__ import annotations

from generator import paths
from generator.model import Event, Model, parse_when
from generator.render.common import (
    Page,
    describe_event_date,
    entity_target,
    evidence,
    link,
    page_text,
    source_links,
    term_target,
)
from generator.render.escape import escape_attribute, escape_markdown

PATH = paths.TIMELINE


def render_timeline(model: Model) -> Page:
    by_year: dict[int, list[Event]] = {}
    for event in model.events:
        by_year.setdefault(parse_when(event.date)[0].year, []).append(event)
    body = [
        "What happened when, from the Health and Social Care Act 2012 to today, in date order. "
        "An event the sources date only to a month or a year is shown that way, after the dated events of "
        "that month or year. Major events are marked; each event has its sources.",
        '<nav class="timeline-years" aria-label="Years">'
        + " ".join(f'<a href="#year-{year}">{year}</a>' for year in by_year)
        + "</nav>",
    ]
    for year, events in by_year.items():
        body.append(f"## {year} {{#year-{year}}}")
        body.append('<ol class="timeline" markdown>\n\n' + "\n\n".join(_entry(model, e) for e in events) + "\n\n</ol>")
    return page_text(PATH, "Timeline", body, ("data/events.yaml",))


def _entry(model: Model, event: Event) -> str:
    date, _ = parse_when(event.date)
    major = ' <strong class="timeline-major">Major event</strong>' if event.major else ""
    parts = [
        f'<time datetime="{date.iso()}">{escape_attribute(describe_event_date(event))}</time>{major}',
        f"### {escape_markdown(event.title)} {{#event-{event.id}}}",
        escape_markdown(event.summary),
    ]
    links = [link(PATH, model.name_of(entity, date), entity_target(model, entity)) for entity in event.involves]
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
    classes = "timeline-entry timeline-entry--major" if event.major else "timeline-entry"
    return f'<li class="{classes}" markdown="block">\n\n' + "\n\n".join(parts) + "\n\n</li>"
