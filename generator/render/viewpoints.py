"""One page per contested question, its positions side by side in a grid of cards."""

from __future__ import annotations

from generator import paths
from generator.model import Model, Viewpoint
from generator.render.common import Page, entity_target, link, page_text, source_label, source_target, viewpoint_target
from generator.render.escape import escape_markdown

INDEX = paths.VIEWPOINTS
DATA_FILES = ("data/viewpoints.yaml",)


def render_viewpoint_index(model: Model) -> Page:
    items = "\n".join(
        f"- {link(INDEX, view.question, viewpoint_target(view.id))} ({len(view.positions)} positions)"
        for view in sorted(model.viewpoints.values(), key=lambda view: view.id)
    )
    body = [
        "Reorganising the NHS is argued over. Each page takes one question and sets the positions side by side, "
        "with who holds them and their own words.",
        items,
    ]
    return page_text(INDEX, "Viewpoints", body, DATA_FILES)


def render_viewpoint(model: Model, view: Viewpoint) -> Page:
    path = viewpoint_target(view.id)
    body = ["## Why it matters", escape_markdown(view.context), "## The positions"]
    cards = []
    for position in view.positions:
        lines = [
            f"-   **{escape_markdown(position.stance)}**",
            "",
            "    ---",
            "",
            "    *Held by:*",
            "",
        ]
        # Each holder is named with the start of the words, quoted in full below, that attribute the view to them.
        for holder in position.holders:
            quote = holder.attributed_by
            source = link(path, source_label(model, quote.source), source_target(quote.source))
            lines.append(
                f"    - {escape_markdown(holder.name)}, in “{escape_markdown(_opening(quote.quote))}” ({source})"
            )
        lines.extend(["", f"    {escape_markdown(position.argument)}", ""])
        for citation in position.cite:
            lines.append(f"    > {escape_markdown(citation.quote)}")
            lines.append("    >")
            lines.append(f"    > — {link(path, source_label(model, citation.source), source_target(citation.source))}")
            lines.append("")
        cards.append("\n".join(lines).rstrip())
    # Material's card grid puts the positions side by side, and stacks them on a phone.
    body.append('<div class="grid cards viewpoint-positions" markdown>\n\n' + "\n\n".join(cards) + "\n\n</div>")
    if view.involves:
        body.append("## Bodies involved")
        body.append(", ".join(link(path, model.name_of(org), entity_target(model, org)) for org in view.involves))
    body.append(link(path, "All viewpoints", INDEX))
    return page_text(path, view.question, body, DATA_FILES)


def _opening(quote: str, words: int = 10) -> str:
    """The first words of a quote, with an ellipsis if there are more."""
    parts = quote.split()
    return quote if len(parts) <= words else " ".join(parts[:words]) + "…"


def _by_id(model: Model) -> list[Viewpoint]:
    return sorted(model.viewpoints.values(), key=lambda view: view.id)


def viewpoint_navigation(model: Model) -> list[dict[str, str]]:
    return [{view.question: paths.viewpoint_page(view.id)} for view in _by_id(model)]


def render_viewpoints(model: Model) -> list[Page]:
    return [render_viewpoint_index(model)] + [render_viewpoint(model, view) for view in _by_id(model)]
