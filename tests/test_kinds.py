"""Every kind of data is declared once (a field of generator/model's Model) and reaches every place that needs it;
every page is in the site map (generator/paths.py) and the navigation follows it."""

from __future__ import annotations

import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from generator import paths
from generator.areas.schema import AREA_FILES
from generator.model import DATA_FILES, KINDS, DataKind, Model
from generator.model.references import references_in
from generator.model.schema import Citation
from generator.pages import nav_paths, navigation, render_history_pages, render_site
from generator.render.changes import SHOWN_ON
from generator.render.sources import citing_items
from generator.schema_export import with_file_list
from generator.validate import build_model
from tests.conftest import ROOT

FIXTURE = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def model() -> Model:
    return build_model(FIXTURE / "data", FIXTURE / "archive")


def _models_inside(model: type[BaseModel]) -> set[type[BaseModel]]:
    """`model` and every model its fields hold, however deeply nested."""
    found, pending = set(), [model]
    while pending:
        current = pending.pop()
        if current in found:
            continue
        found.add(current)
        for field in current.model_fields.values():
            pending.extend(_models_in(field.annotation))
    return found


def _models_in(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for argument in typing.get_args(annotation) for model in _models_in(argument)]


@pytest.mark.parametrize("data_dir", [ROOT / "data", FIXTURE / "data"], ids=["data", "fixture"])
def test_every_data_file_is_a_declared_kind(data_dir: Path) -> None:
    # The ICB directory's two files (generator/areas/) are loaded beside the kinds, not as kinds.
    areas = [name for name in AREA_FILES if (data_dir / f"{name}.yaml").is_file()]
    assert sorted(path.stem for path in data_dir.glob("*.yaml")) == sorted([*(kind.name for kind in KINDS), *areas])


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_each_kind_is_wired_everywhere(kind: DataKind, model: Model) -> None:
    assert list(kind.file_model.model_fields) == [kind.name], f"{kind.file_model.__name__} must hold one list, '{kind.name}'"
    held = getattr(model, kind.name)
    assert isinstance(held, dict if kind.keyed_by else tuple), f"Model.{kind.name}'s type does not match keyed_by"
    items = list(kind.items(model))
    assert all(isinstance(item, kind.item_model) for item in items), f"{kind.name}: items() gives the wrong items"
    assert (ROOT / "schema" / f"{kind.name}.schema.json").is_file(), "run `python -m generator schema`"
    assert SHOWN_ON[kind.name][1] in render_site(model), f"{kind.name} is shown on a page that is not generated"
    carries_citations = Citation in _models_inside(kind.item_model)
    assert carries_citations == (kind.cited_by is not None), (
        f"{kind.name}: give it `cited_by` so the sources page lists its quotes" if carries_citations
        else f"{kind.name} has no citations: `cited_by` must be None"
    )


def test_every_citation_is_listed_on_the_sources_page(model: Model) -> None:
    """The sources page walks the items `citing_items` gives: every item of every cited kind."""
    listed = [id(item) for _, _, item in citing_items(model)]
    expected = [id(item) for kind in KINDS if kind.cited_by is not None for item in kind.items(model)]
    assert listed == expected and listed


def test_references_name_declared_kinds(model: Model) -> None:
    names = {kind.name for kind in KINDS}
    found = [mark for kind in KINDS for item in kind.items(model) for _, _, mark in references_in(item)]
    assert found, "the fixture has no references"
    assert all(set(mark.kinds) <= names for mark in found)
    assert {"sources", "terms", "organisations"} <= {name for mark in found for name in mark.kinds}


def test_each_organisation_has_one_place_its_own_page_or_the_case_study(model: Model) -> None:
    pages = render_site(model)
    local = [org for org in model.organisations.values() if paths.in_case_study(org)]
    assert local and len(local) < len(model.organisations), "the fixture should have bodies of both kinds"
    for organisation in model.organisations.values():
        own_page = paths.organisation_page(organisation.id) in pages
        assert own_page != paths.in_case_study(organisation), organisation.id
        target = paths.organisation_target(organisation)
        assert target.split("#")[0] in pages, target
        if "#" in target:
            assert f"{{#{target.split('#')[1]}}}" in pages[paths.CASE_STUDY].content, target


def test_every_era_and_viewpoint_page_is_generated_where_paths_says(model: Model) -> None:
    pages = render_site(model)
    for era in model.eras:
        assert paths.era_page(era.id) in pages
    for viewpoint in model.viewpoints.values():
        assert paths.viewpoint_page(viewpoint.id) in pages
    for constant in (paths.HOME, paths.GLOSSARY, paths.STRUCTURES, paths.TIMELINE, paths.VIEWPOINTS,
                     paths.ORGANISATIONS, paths.CASE_STUDY, paths.PEOPLE, paths.SOURCES, paths.ABBREVIATIONS):
        assert constant in pages, constant


def test_the_guide_lists_every_data_file_with_what_it_holds() -> None:
    assert all(model.__doc__ for model in (*DATA_FILES.values(), *AREA_FILES.values())), "give each file model a docstring"
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert with_file_list(guide) == guide, "the list of data files in CONTRIBUTING.md is stale: run `python -m generator schema`"
    assert all(f"| `data/{name}.yaml` |" in guide for name in (*DATA_FILES, *AREA_FILES))


def test_the_site_map_lists_each_page_once_and_the_navigation_follows_it(model: Model) -> None:
    pages = render_site(model)
    sections = [section.path for section in paths.SITE]
    # The fixture has no ICB directory (generator/areas/), so the ICB section writes no pages.
    assert len(set(sections)) == len(sections) and set(sections) - set(pages) == {paths.ICBS}
    nav = navigation(model, {**pages, **render_history_pages(model, [])}, [])
    in_navigation = set(nav_paths(nav))
    assert {section.path for section in paths.SITE if section.title is not None} - in_navigation == {paths.ICBS}
    # Every generated page is reachable from the navigation, but the snippet every page includes.
    assert set(pages) - in_navigation == {paths.ABBREVIATIONS} and paths.CHANGES in in_navigation
    titles = [title for entry in nav for title in entry]
    assert titles[0] == "Home" and titles[-1] == "About" and len(set(titles)) == len(titles)

