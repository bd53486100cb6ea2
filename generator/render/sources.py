"""The sources page: every source, every quote used from it, and the pages that cite it."""

from __future__ import annotations

from collections.abc import Iterator

from generator import paths
from generator.model import KINDS, Model, Source
from generator.model.citations import citations_in
from generator.render.common import Page, describe_when, link, page_text
from generator.render.escape import escape_attribute, escape_markdown

PATH = paths.SOURCES
RELIABILITY_WORDS = {
    "official": "Official publication (government, Parliament or an NHS body)",
    "established": "Established health policy publisher or journal",
    "trade-press": "Trade press, law firm or consultancy",
    "blog": "Personal or charity blog",
    "wikipedia-derived": "Copied from Wikipedia: used only to corroborate other sources",
}


def citing_items(model: Model) -> Iterator[tuple[str, str, object]]:
    """(label, page target, item) for everything that carries citations, kind by kind (see generator/model's KINDS)."""
    for kind in KINDS:
        if kind.cited_by is not None:
            for item in kind.items(model):
                yield (*kind.cited_by(model, item), item)


def backlinks(model: Model) -> dict[str, list[tuple[str, str, str]]]:
    """Source id -> [(label, target, quote)], in a stable order."""
    found: dict[str, list[tuple[str, str, str]]] = {source_id: [] for source_id in model.sources}
    for label, target, item in citing_items(model):
        for citation in citations_in(item):
            found[citation.source].append((label, target, citation.quote))
    return found


def render_sources(model: Model) -> Page:
    cited = backlinks(model)
    sources = sorted(model.sources.values(), key=lambda source: (source.publisher.casefold(), source.title.casefold()))
    body = [
        "Every fact on this site carries a quotation from one of these sources, checked word for word against an "
        "archived copy of the source's text. Each entry lists the quotes used from it and links to where they are used.",
    ]
    body.extend(_source_section(source, cited[source.id]) for source in sources)
    return page_text(PATH, "Sources", body, ("data/sources.yaml",))


def _source_section(source: Source, uses: list[tuple[str, str, str]]) -> str:
    details = [f"**Publisher:** {escape_markdown(source.publisher)}"]
    if source.author:
        author = source.author + (" (inferred: the page does not name its author)" if source.author_inferred else "")
        details.append(f"**Author:** {escape_markdown(author)}")
    published = "not stated" if source.published == "not stated" else describe_when(source.published)
    details.append(f"**Published:** {escape_markdown(published)}")
    if not isinstance(source.published, str):
        details.append(f"**How we dated it:** {escape_markdown(source.published.basis)}")
    details.append(f"**Kind of source:** {RELIABILITY_WORDS[source.reliability]}")
    if source.url:
        details.append(
            f'**Link:** <a href="{escape_attribute(source.url)}" rel="noopener">{escape_markdown(source.url)}</a>'
        )
    if source.url_note:
        details.append(f"**Link:** {escape_markdown(source.url_note)}")
    if source.note:
        details.append(f"**Note:** {escape_markdown(source.note)}")
    parts = [f"## {escape_markdown(source.title)} {{#{paths.source_anchor(source.id)}}}", "  \n".join(details)]
    if uses:
        quotes = "\n".join(
            f"- “{escape_markdown(quote)}” ({link(PATH, label, target)})" for label, target, quote in uses
        )
        # Folded, as every page folds its sources, so the page reads as a list of sources. Left out of the
        # search index: each quote is also in the evidence on the page that uses it, the better search
        # result, and here they were a quarter of the index every reader downloads.
        times = "once" if len(uses) == 1 else f"{len(uses)} times"
        parts.append(
            f'<details class="quote" markdown data-search-exclude>\n'
            f"<summary>Quoted {times}: the quotes and where they are used</summary>\n\n{quotes}\n\n</details>"
        )
    else:
        parts.append("*Not yet quoted on this site.*")
    return "\n\n".join(parts)
