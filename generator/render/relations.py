"""Text equivalents of diagrams: the same relationships as a table, for screen readers and print."""

from __future__ import annotations

from collections.abc import Iterable

from generator.model import Model, PartialDate, Relationship
from generator.render.common import describe_span, entity_target, link, source_links
from generator.render.mermaid import NODE_STYLES, RELATION_LABELS, flowchart
from generator.render.text import escape_markdown


def relationship_table(
    model: Model, from_page: str, relationships: Iterable[Relationship], caption: str, on: PartialDate | None = None
) -> str:
    """A table with one row per relationship, marked as the diagram's text equivalent; names as on `on`."""
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


def diagram_with_text(
    model: Model,
    from_page: str,
    relationships: list[Relationship],
    caption: str,
    direction: str = "TB",
    on: PartialDate | None = None,
) -> str:
    """A structure diagram followed by its text equivalent, or a plain note when there is nothing to draw."""
    if not relationships:
        return "*No relationships are recorded for this yet.*"
    return (
        flowchart(model, relationships, direction, on)
        + "\n\n"
        + relationship_table(model, from_page, relationships, caption, on)
    )
