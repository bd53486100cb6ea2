"""Every generated page, rendered from the model, and the navigation: both follow the site map, `paths.SITE`."""

from __future__ import annotations

import datetime
import importlib
from collections.abc import Callable, Sequence
from typing import Any

from generator import paths
from generator.model import Model
from generator.render.changes import Change, render_changes
from generator.render.common import Page
from generator.staleness import add_as_at_and_notices

ABBREVIATIONS_PATH = paths.ABBREVIATIONS


def render_site(model: Model, build_date: datetime.date | None = None) -> dict[str, Page]:
    """Path -> page, for every page the data produces, in navigation order.

    Each page gets its 'as at' line; with a build date, plans whose date has passed get a notice.
    """
    return add_as_at_and_notices(model, _render_site(model), build_date)


def _render_site(model: Model) -> dict[str, Page]:
    pages: list[Page] = []
    for section in paths.SITE:
        rendered = _renderer(section.render)(model)
        pages.extend([rendered] if isinstance(rendered, Page) else rendered)
    return {page.path: page for page in pages}


def _renderer(reference: str) -> Callable[[Model], Any]:
    """The function a site map entry names, as "module:function" in generator/render/."""
    module, function = reference.split(":")
    renderer: Callable[[Model], Any] = getattr(importlib.import_module(f"generator.render.{module}"), function)
    return renderer


def render_history_pages(model: Model, history: Sequence[Change] | None) -> dict[str, Page]:
    """Pages that need the project's history as well as the data; only the MkDocs hook builds them."""
    page = render_changes(model, history)
    return add_as_at_and_notices(model, {page.path: page}, None)


def navigation(model: Model, pages: dict[str, Page], hand_written: list[str]) -> list:  # type: ignore[type-arg]
    """The site's navigation: the site map's sections in order, then the hand-written pages under "About"."""
    nav: list[dict[str, Any]] = []
    for section in paths.SITE:
        if section.title is None or section.path not in pages:  # e.g. no ICB pages for data without the ICB files
            continue
        entry: dict[str, Any] = {section.title: section.path}
        if section.children is not None:
            entry = {section.title: [section.path, *_renderer(section.children)(model)]}
        if section.group is None:
            nav.append(entry)
        elif nav and section.group in nav[-1]:
            nav[-1][section.group].append(entry)
        else:
            nav.append({section.group: [entry]})
    nav.append({"About": [*sorted(hand_written, key=lambda path: (path != "about.md", path)), {"Recent changes": paths.CHANGES}]})
    missing = [path for path in nav_paths(nav) if path not in pages and path not in hand_written]
    if missing:  # a bug in the generator, not in the data
        raise RuntimeError(f"navigation names pages that were not generated: {missing}")
    return nav


def nav_paths(entry: object) -> list[str]:
    """Every page path in a navigation entry, or in the whole navigation, in order."""
    if isinstance(entry, str):
        return [entry]
    if isinstance(entry, dict):
        return [path for value in entry.values() for path in nav_paths(value)]
    if isinstance(entry, list):
        return [path for value in entry for path in nav_paths(value)]
    return []
