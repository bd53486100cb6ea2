"""Where every generated page lives, and the anchors inside pages: the one place they are spelled.

Renderers, the navigation, the recent-changes page and the tests all take page paths from here,
so moving a page is a change to one function. Paths are relative to the site's docs folder.
"""

from __future__ import annotations

from generator.model.schema import Organisation

HOME = "index.md"
GLOSSARY = "glossary.md"
STRUCTURES = "structures/index.md"
TIMELINE = "timeline.md"
VIEWPOINTS = "viewpoints/index.md"
ORGANISATIONS = "organisations/index.md"
CASE_STUDY = "case-study.md"
PEOPLE = "people.md"
SOURCES = "sources.md"
CHANGES = "changes.md"
# Appended to every page by pymdownx.snippets; lives outside docs/ so it never becomes a page.
ABBREVIATIONS = "includes/abbreviations.md"


def in_case_study(organisation: Organisation) -> bool:
    """Whether a body belongs to the local case study, which shows it instead of a page of its own."""
    return organisation.area == "bsw"


def organisation_page(organisation_id: str) -> str:
    return f"organisations/{organisation_id}.md"


def era_page(era_id: str) -> str:
    return f"structures/{era_id.removeprefix('era-')}.md"


def viewpoint_page(viewpoint_id: str) -> str:
    return f"viewpoints/{viewpoint_id}.md"


# Anchors: the id of a heading, and the target (page#anchor) that links to it.
def term_anchor(term_id: str) -> str:
    return f"term-{term_id}"


def person_anchor(person_id: str) -> str:
    return f"person-{person_id}"


def event_anchor(event_id: str) -> str:
    return f"event-{event_id}"


def source_anchor(source_id: str) -> str:
    return f"src-{source_id}"


def case_study_anchor(organisation_id: str) -> str:
    return f"org-{organisation_id}"


def term_target(term_id: str) -> str:
    return f"{GLOSSARY}#{term_anchor(term_id)}"


def person_target(person_id: str) -> str:
    return f"{PEOPLE}#{person_anchor(person_id)}"


def event_target(event_id: str) -> str:
    return f"{TIMELINE}#{event_anchor(event_id)}"


def source_target(source_id: str) -> str:
    return f"{SOURCES}#{source_anchor(source_id)}"


def organisation_target(organisation: Organisation) -> str:
    """A body's own page, or its section of the case study."""
    if in_case_study(organisation):
        return f"{CASE_STUDY}#{case_study_anchor(organisation.id)}"
    return organisation_page(organisation.id)
