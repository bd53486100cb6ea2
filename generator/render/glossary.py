"""The glossary page and the abbreviations file appended to every page for tooltips."""

from __future__ import annotations

from generator import paths
from generator.model import Model, Term
from generator.render.common import (
    Page,
    describe_lifetime,
    describe_span,
    evidence,
    link,
    organisation_target,
    page_text,
    term_target,
)
from generator.render.escape import escape_markdown

PATH = paths.GLOSSARY


def sorted_terms(model: Model) -> list[Term]:
    return sorted(model.terms.values(), key=lambda term: ((term.abbr or term.name).casefold(), term.id))


def term_heading(term: Term) -> str:
    return f"{term.abbr}: {term.name}" if term.abbr else term.name


def render_glossary(model: Model) -> Page:
    terms = sorted_terms(model)
    body = [
        "Every abbreviation and piece of jargon used on this site, in plain English. "
        "Hover over (or tap) an underlined abbreviation anywhere on the site to see its meaning.",
        "| Term | Full name | Status |\n| --- | --- | --- |",
    ]
    body[-1] += "".join(
        f"\n| {link(PATH, term.abbr or term.name, term_target(term.id))} | {escape_markdown(term.name)} "
        f"| {term.status.capitalize()} |"
        for term in terms
    )
    body.extend(_term_section(model, term) for term in terms)
    return page_text(PATH, "Glossary", body, ("data/terms.yaml",))


def _term_section(model: Model, term: Term) -> str:
    parts = [f"## {escape_markdown(term_heading(term))} {{#{paths.term_anchor(term.id)}}}", escape_markdown(term.definition)]
    status = f"**Status:** {term.status.capitalize()}"
    if term.organisation:  # the body's own dates: one field, shown the same on both pages
        status += f" ({escape_markdown(describe_lifetime(model, term.organisation))})"
    elif term.start or term.end:
        status += f" ({escape_markdown(describe_span(term.start, term.end))})"
    if term.status_note:
        status += f". {escape_markdown(term.status_note)}"
    parts.append(status)
    if term.organisation:
        organisation = model.organisations[term.organisation]
        parts.append(f"**More:** {link(PATH, organisation.name, organisation_target(model, organisation.id))}")
    if term.related:
        related = ", ".join(link(PATH, term_heading(model.terms[other]), term_target(other)) for other in term.related)
        parts.append(f"**Related:** {related}")
    parts.append(evidence(model, PATH, term.cite))
    return "\n\n".join(parts)


def render_abbreviations(model: Model) -> Page:
    """`*[CCG]: ...` lines for pymdownx.snippets to append to every page (abbr tooltips)."""
    lines = ["<!-- Generated from data/terms.yaml by `python -m generator`. Do not edit. -->"]
    for term in sorted_terms(model):
        if not term.abbr:
            continue
        title = " ".join(f"{term.name}: {term.definition}".split())
        forms = [term.abbr]
        if term.abbr[-1].isupper():
            forms.append(term.abbr + "s")  # plurals such as CCGs get the same tooltip
        lines.extend(f"*[{form}]: {title}" for form in forms)
    # A blank line between definitions makes each its own Markdown block: in one block, the `abbr`
    # extension takes a line at a time and every block processor re-scans the rest, so each page's
    # build time would grow with the square of the glossary.
    return Page(paths.ABBREVIATIONS, "\n\n".join(lines) + "\n", ("data/terms.yaml",))
