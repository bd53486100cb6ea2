"""Every generated page, rendered from the model; no disk access here."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from generator import paths
from generator.model import Model
from generator.render.accountability import render_accountability
from generator.render.case_study import render_case_study
from generator.render.changes import Change, render_changes
from generator.render.common import Page
from generator.render.complaints import render_complaints
from generator.render.glossary import render_abbreviations, render_glossary
from generator.render.home import render_home
from generator.render.icbs import icb_navigation, icb_pages
from generator.render.money import render_money
from generator.render.organisations import (
    listed_organisations,
    organisations_by_level,
    render_organisation,
    render_organisation_index,
)
from generator.render.people import render_people
from generator.render.sources import render_sources
from generator.render.structures import render_structures
from generator.render.timeline import render_timeline
from generator.render.viewpoints import render_viewpoints
from generator.staleness import add_as_at_and_notices

ABBREVIATIONS_PATH = paths.ABBREVIATIONS


def render_site(model: Model, build_date: datetime.date | None = None) -> dict[str, Page]:
    """Path -> page, for every page the data produces, in navigation order.

    Each page gets its 'as at' line; with a build date, plans whose date has passed get a notice.
    """
    return add_as_at_and_notices(model, _render_site(model), build_date)


def _render_site(model: Model) -> dict[str, Page]:
    pages = [
        render_home(model),
        render_glossary(model),
        *render_structures(model),
        render_timeline(model),
        *render_viewpoints(model),
        render_organisation_index(model),
        *(render_organisation(model, org) for org in listed_organisations(model)),
        render_case_study(model),
        *icb_pages(model),
        render_money(model),
        render_accountability(model),
        render_complaints(model),
        render_people(model),
        render_sources(model),
    ]
    pages.append(Page(ABBREVIATIONS_PATH, render_abbreviations(model), ("data/terms.yaml",)))
    return {page.path: page for page in pages}


def render_history_pages(model: Model, history: Sequence[Change] | None) -> dict[str, Page]:
    """Pages that need the project's history as well as the data; only the MkDocs hook builds them."""
    page = render_changes(model, history)
    return add_as_at_and_notices(model, {page.path: page}, None)


def navigation(model: Model, pages: dict[str, Page], hand_written: list[str]) -> list:  # type: ignore[type-arg]
    """The site's navigation: the reader's path first, reference pages after, hand-written pages last."""
    structures = [{era.title: paths.era_page(era.id)} for era in model.eras]
    viewpoints = [
        {view.question: paths.viewpoint_page(view.id)} for view in sorted(model.viewpoints.values(), key=lambda v: v.id)
    ]
    # Grouped by level, so each page's sidebar (pruned by Material to the open group) stays short
    # and a build's navigation work grows with the data, not with its square.
    organisations = [
        {heading: [{org.name: paths.organisation_page(org.id)} for org in members]}
        for heading, members in organisations_by_level(model)
    ]
    nav = [
        {"Home": paths.HOME},
        {"Glossary": paths.GLOSSARY},
        {"Structures": [paths.STRUCTURES, *structures]},
        {"Timeline": paths.TIMELINE},
        {"Viewpoints": [paths.VIEWPOINTS, *viewpoints]},
        {"Organisations": [paths.ORGANISATIONS, *organisations]},
        {"Case study: BSW": paths.CASE_STUDY},
        *icb_navigation(model),
        {
            "Money and complaints": [
                {"Who pays for what": paths.MONEY},
                {"Who answers for what": paths.ACCOUNTABILITY},
                {"Who to contact or complain to": paths.COMPLAINTS},
            ]
        },
        {"People": paths.PEOPLE},
        {"Sources": paths.SOURCES},
        {
            "About": [
                *sorted(hand_written, key=lambda path: (path != "about.md", path)),
                {"Recent changes": paths.CHANGES},
            ]
        },
    ]
    missing = [path for entry in nav for path in _paths(entry) if path not in pages and path not in hand_written]
    if missing:  # a bug in the generator, not in the data
        raise RuntimeError(f"navigation names pages that were not generated: {missing}")
    return nav


def _paths(entry: object) -> list[str]:
    if isinstance(entry, str):
        return [entry]
    if isinstance(entry, dict):
        return [path for value in entry.values() for path in _paths(value)]
    if isinstance(entry, list):
        return [path for value in entry for path in _paths(value)]
    return []
