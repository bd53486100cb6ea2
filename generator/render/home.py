"""The home page: what changed, then and now in one diagram, and where to go next."""

from __future__ import annotations

from generator import paths
from generator.model import Model
from generator.render.common import Page, era_target, evidence, link, page_text
from generator.render.mermaid import then_and_now
from generator.render.structures import national_relationships
from generator.render.text import escape_markdown

PATH = paths.HOME
DATA_FILES = ("data/eras.yaml", "data/relationships.yaml", "data/organisations.yaml")


def render_home(model: Model) -> Page:
    first, last = model.eras[0], model.eras[-1]
    body = [
        "Since 2012 the way the NHS in England is planned, paid for and run has been reorganised again and again, "
        "each time with new bodies and new initials. This site explains them in plain English, with the source "
        "behind every fact.",
        f"## Then: {escape_markdown(first.title)}",
        escape_markdown(first.summary),
        evidence(model, PATH, first.cite),
        f"## Now: {escape_markdown(last.title)}",
        escape_markdown(last.summary),
        evidence(model, PATH, last.cite),
        "## Then and now",
        then_and_now(
            model,
            [
                (first.title, national_relationships(model, first)),
                (last.title, national_relationships(model, last)),
            ],
        ),
        f"Both diagrams are listed as text on {link(PATH, first.title, era_target(first.id))} "
        f"and {link(PATH, last.title, era_target(last.id))}.",
        "## Where to go next",
        "\n".join(
            [
                f"- **What does an acronym mean?** {link(PATH, 'Glossary', paths.GLOSSARY)}",
                f"- **What did the structure look like in a given year?** {link(PATH, 'Structures by era', paths.STRUCTURES)}",
                f"- **What happened when?** {link(PATH, 'Timeline', paths.TIMELINE)}",
                f"- **Who argues what?** {link(PATH, 'Viewpoints', paths.VIEWPOINTS)}",
                f"- **What is each body for?** {link(PATH, 'Organisations', paths.ORGANISATIONS)}",
                f"- **How did it play out locally?** {link(PATH, 'Case study: Bath and North East Somerset, Swindon and Wiltshire', paths.CASE_STUDY)}",
                f"- **Where does each fact come from?** {link(PATH, 'Sources', paths.SOURCES)}",
            ]
        ),
    ]
    return page_text(PATH, "How the NHS in England has been reorganised", body, DATA_FILES)
