"""The home page: what changed, then and now in two diagrams, and where to go next."""

from __future__ import annotations

from generator import paths
from generator.model import Era, Model, PartialDate
from generator.render.common import Page, era_target, evidence, link, page_text
from generator.render.escape import escape_markdown
from generator.render.mermaid import flowchart
from generator.render.relations import figure, line_key
from generator.render.structures import national_relationships

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
        _era_figure(model, first, "Then"),
        _era_figure(model, last, "Now"),
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
                f"- **Who pays for what?** {link(PATH, 'Who pays for what', paths.MONEY)}",
                f"- **Who answers for each body?** {link(PATH, 'Who answers for what', paths.ACCOUNTABILITY)}",
                f"- **Where do I take a complaint?** {link(PATH, 'Who to contact or complain to', paths.COMPLAINTS)}",
                f"- **How did it play out locally?** {link(PATH, 'Case study: Bath and North East Somerset, Swindon and Wiltshire', paths.CASE_STUDY)}",
                f"- **Where does each fact come from?** {link(PATH, 'Sources', paths.SOURCES)}",
            ]
        ),
    ]
    return page_text(PATH, "How the NHS in England has been reorganised", body, DATA_FILES)


def _era_figure(model: Model, era: Era, moment: str) -> str:
    relationships = national_relationships(model, era)
    diagram = flowchart(model, relationships, on=PartialDate.parse(era.snapshot))
    return figure(diagram, f"{moment}: {era.title}", line_key(relationships, ""))
