"""Text equivalents of diagrams: the same relationships as a table, for screen readers and print."""

from __future__ import annotations

from collections.abc import Iterable

from generator.model import Model, PartialDate, Relationship
from generator.render.common import describe_span, entity_target, link, source_links
from generator.render.escape import escape_attribute, escape_markdown
from generator.render.mermaid import LINE_STYLES, NODE_STYLES, RELATION_LABELS, bodies_in, flowchart, line_style


def relationship_table(
    model: Model, from_page: str, relationships: Iterable[Relationship], caption: str, on: PartialDate | None = None
) -> str:
    """A table with one row per relationship, marked as the diagram's text equivalent."""
    rows = []
    for rel in sorted(relationships, key=lambda rel: (rel.subject, rel.relation, rel.object)):
        rows.append(
            f"| {link(from_page, model.name_of(rel.subject, on), entity_target(model, rel.subject))} "
            f"| {RELATION_LABELS[rel.relation]} "
            f"| {link(from_page, model.name_of(rel.object, on), entity_target(model, rel.object))} "
            f"| {escape_markdown(describe_span(rel.start, rel.end))} "
            f"| {source_links(model, from_page, rel.cite)} |"
        )
    table = "| Body | Relationship | Body | When | Source |\n| --- | --- | --- | --- | --- |\n" + "\n".join(rows)
    return f'<div class="diagram-text" markdown>\n\n**{escape_markdown(caption)}**\n\n{table}\n\n</div>'


def legend() -> str:
    """What each node shape and colour in the diagrams means."""
    rows = "\n".join(
        f'| <span class="legend-swatch" style="background:{style.fill};border-color:{style.stroke}"></span> '
        f"{style.shape} | {style.label} |"
        for style in NODE_STYLES.values()
    )
    return f"| Shape and colour | Kind of body |\n| --- | --- |\n{rows}"


# A diagram drawing more bodies than this is split by relation group (issue 11: about 15 at most).
MAX_BODIES = 15
SPLITS: tuple[tuple[str, frozenset[str]], ...] = (
    ("Who pays for and oversees whom", frozenset({"funds", "commissions", "oversees", "accountable-to", "hosts", "supports"})),
    ("Who belongs to what", frozenset({"member-of", "part-of", "partners-with", "replaced-by", "merged-into"})),
    ("Who leads what", frozenset({"led-by"})),
)


def split_diagrams(model: Model, relationships: list[Relationship]) -> list[tuple[str, list[Relationship]]]:
    """One diagram, or (if it would draw more than MAX_BODIES bodies) one per relation group,
    neighbouring groups joined while they still fit. Titles are empty for an unsplit diagram."""
    if len(bodies_in(relationships)) <= MAX_BODIES:
        return [("", relationships)]
    parts: list[tuple[str, list[Relationship]]] = []
    for title, relations in SPLITS:
        chosen = [rel for rel in relationships if rel.relation in relations]
        if not chosen:
            continue
        if parts and len(bodies_in(parts[-1][1] + chosen)) <= MAX_BODIES:
            parts[-1] = (f"{parts[-1][0]}; {title[0].lower()}{title[1:]}", parts[-1][1] + chosen)
        else:
            parts.append((title, chosen))
    return parts


def diagram_with_text(
    model: Model,
    from_page: str,
    relationships: list[Relationship],
    caption: str,
    new: frozenset[str] = frozenset(),
    new_since: str = "",
    on: PartialDate | None = None,
) -> str:
    """Structure diagrams, each in a sideways-scrolling box with its key, followed by its text equivalent;
    or a plain note when there is nothing to draw. `new` bodies are outlined, as new since `new_since`;
    bodies are named as they were `on` that day, if given."""
    if not relationships:
        return "*No relationships are recorded for this yet.*"
    blocks = []
    for title, part in split_diagrams(model, relationships):
        drawn_new = new & bodies_in(part)
        blocks.append(figure(flowchart(model, part, drawn_new, on), title, line_key(part, new_since if drawn_new else "")))
        blocks.append(
            relationship_table(model, from_page, part, f"{caption}: {title[0].lower()}{title[1:]}" if title else caption, on)
        )
    return "\n\n".join(blocks)


def figure(fence: str, title: str, key: str) -> str:
    """A diagram in a box that scrolls sideways (by keyboard too) instead of shrinking its text."""
    heading = f'<p class="diagram-title">{escape_attribute(title)}</p>\n\n' if title else ""
    name = escape_attribute(f"Diagram: {title}" if title else "Diagram")
    return (
        f'<figure class="diagram" markdown>\n\n{heading}'
        f'<div class="diagram-scroll" tabindex="0" role="region" aria-label="{name} (scrolls sideways)" markdown>\n\n'
        f"{fence}\n\n</div>\n\n"
        '<p class="diagram-hint">If the diagram is wider than the page, scroll it sideways, '
        "or select it and use the arrow keys.</p>\n\n"
        f"{key}\n\n</figure>"
    )


def line_key(relationships: list[Relationship], new_since: str) -> str:
    """The legend beside a diagram: the line styles it uses and, if any body is outlined, what that means."""
    used = {line_style(rel.relation) for rel in relationships}
    items = [
        f'<li><svg class="line-swatch" viewBox="0 0 48 12" aria-hidden="true"><line x1="0" y1="6" x2="48" y2="6" '
        f'stroke-width="{style.width.removesuffix("px")}" stroke-dasharray="{style.dash}"/></svg> {escape_attribute(style.legend)}</li>'
        for style in LINE_STYLES.values()
        if style in used
    ]
    if new_since:
        items.append(
            '<li><span class="new-swatch" aria-hidden="true"></span> '
            f"Very thick outline: new since {escape_attribute(new_since)}.</li>"
        )
    return '<ul class="diagram-key">' + "".join(items) + "</ul>"
