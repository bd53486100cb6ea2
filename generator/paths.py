"""Where every generated page lives, and the anchors inside pages: the one place they are spelled.

Renderers, the navigation, the recent-changes page and the tests all take page paths from here,
so moving a page is a change to one function. Paths are relative to the site's docs folder.
`SITE`, at the end, is the site map: each section's page, its title in the navigation and the
renderer that writes it; generator/pages.py builds the site and its navigation from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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
MONEY = "money.md"
ACCOUNTABILITY = "accountability.md"
COMPLAINTS = "complaints.md"
ICBS = "icbs/index.md"
FIND_YOUR_AREA = "find-your-area.md"
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


def icb_page(icb_slug: str) -> str:
    return f"icbs/{icb_slug}.md"


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


def money_anchor(moment: str) -> str:
    return f"money-{moment}"


def pool_anchor(pool_id: str) -> str:
    return f"pool-{pool_id}"


def step_anchor(step_id: str) -> str:
    return f"step-{step_id}"


def money_target(moment: str) -> str:
    return f"{MONEY}#{money_anchor(moment)}"


def pool_target(pool_id: str) -> str:
    return f"{MONEY}#{pool_anchor(pool_id)}"


def step_target(step_id: str) -> str:
    return f"{COMPLAINTS}#{step_anchor(step_id)}"


@dataclass(frozen=True)
class Section:
    """A page of the site, or a family of pages under one: where it lives and what writes it."""

    path: str
    # Its entry in the navigation; None keeps it out (a file the other pages include).
    title: str | None
    # "module:function" in generator/render/: the model -> this page, or this page and the pages under it.
    # Named, not imported, because the renderers import this module; tests/test_kinds.py renders every one.
    render: str
    # "module:function": the model -> the navigation entries under this page; None if it has none.
    children: str | None = None
    # The heading the entry sits under in the navigation, shared by the sections next to it.
    group: str | None = None


# The site map, in navigation order. The hand-written pages and "Recent changes" come after, under "About".
SITE: tuple[Section, ...] = (
    Section(HOME, "Home", "home:render_home"),
    Section(GLOSSARY, "Glossary", "glossary:render_glossary"),
    Section(STRUCTURES, "Structures", "structures:render_structures", children="structures:era_navigation"),
    Section(TIMELINE, "Timeline", "timeline:render_timeline"),
    Section(VIEWPOINTS, "Viewpoints", "viewpoints:render_viewpoints", children="viewpoints:viewpoint_navigation"),
    Section(
        ORGANISATIONS, "Organisations", "organisations:render_organisations", children="organisations:organisation_navigation"
    ),
    Section(CASE_STUDY, "Case study: BSW", "case_study:render_case_study"),
    Section(ICBS, "ICBs in England", "icbs:icb_pages", children="icbs:icb_navigation"),
    Section(MONEY, "Who pays for what", "money:render_money", group="Money and complaints"),
    Section(ACCOUNTABILITY, "Who answers for what", "accountability:render_accountability", group="Money and complaints"),
    Section(COMPLAINTS, "Who to contact or complain to", "complaints:render_complaints", group="Money and complaints"),
    Section(PEOPLE, "People", "people:render_people"),
    Section(SOURCES, "Sources", "sources:render_sources"),
    Section(ABBREVIATIONS, None, "glossary:render_abbreviations"),
)


def title_of(path: str) -> str:
    """A section's title in the navigation, from its page's path."""
    for section in SITE:
        if section.path == path and section.title is not None:
            return section.title
    raise KeyError(f"{path} is not a page in the navigation (paths.SITE)")
