"""The real data meets the content bar: every quote verified, every seed well used, every era drawable."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

import pytest

from generator.model import Model, PartialDate, Relationship, parse_when
from generator.model.citations import citations_in
from generator.paths import in_case_study
from generator.render.structures import national_relationships
from generator.validate import build_model
from tests.conftest import ARCHIVE, ROOT

SEEDS = (
    "seed-marlborough-news-2019",
    "seed-salus-digital-2016",
    "seed-local-democracy-health-2020",
    "seed-wiltshire-hwb-2019",
    "seed-hsj-commissioner-2016",
)
CORE_TERMS = ("ccg", "stp", "ics", "icb", "pcn", "csu", "pct", "sha", "nhse", "ltp", "hwb", "cqc")


@pytest.fixture(scope="module")
def model() -> Model:
    if not (ARCHIVE / "sources").is_dir():
        pytest.skip(f"the archive of source texts is not at {ARCHIVE}; quotes cannot be verified here")
    return build_model(ROOT / "data", ARCHIVE)


def _facts(model: Model) -> list[object]:
    return [
        *model.terms.values(),
        *model.organisations.values(),
        *(role for person in model.people.values() for role in person.roles),
        *model.relationships,
        *model.events,
        *model.eras,
        *(position for view in model.viewpoints.values() for position in view.positions),
    ]


def test_every_seed_document_backs_at_least_ten_facts(model: Model) -> None:
    facts_per_source: Counter[str] = Counter()
    for fact in _facts(model):
        for source in {citation.source for citation in citations_in(fact)}:
            facts_per_source[source] += 1
    short = {seed: facts_per_source[seed] for seed in SEEDS if facts_per_source[seed] < 10}
    assert not short, f"seed documents cited by fewer than 10 facts: {short}"


def test_glossary_has_forty_terms_including_the_core_ones(model: Model) -> None:
    assert len(model.terms) >= 40
    assert not [term for term in CORE_TERMS if term not in model.terms]


def _era_relationships(model: Model) -> list[list[Relationship]]:
    return [national_relationships(model, era) for era in model.eras]


def test_five_eras_each_with_a_drawable_national_structure(model: Model) -> None:
    assert [era.snapshot[:4] for era in model.eras] == ["2013", "2016", "2019", "2022", "2026"]
    for era, relationships in zip(model.eras, _era_relationships(model), strict=True):
        assert len(relationships) >= 6, era.id


def test_eras_differ_from_each_other(model: Model) -> None:
    snapshots = [frozenset(map(id, relationships)) for relationships in _era_relationships(model)]
    assert all(before != after for before, after in pairwise(snapshots))


def test_no_era_draws_a_body_gone_before_the_previous_era(model: Model) -> None:
    """Abolished bodies appear once, in the era when they went, and not in every diagram after it."""
    lingering = []
    for index, relationships in enumerate(_era_relationships(model)[1:], start=1):
        previous_day = PartialDate.parse(model.eras[index - 1].snapshot)
        for relationship in relationships:
            for end in (relationship.subject, relationship.object):
                gone = model.organisations[end].end
                if gone is not None and parse_when(gone)[0].earliest <= previous_day.earliest:
                    lingering.append(f"{model.eras[index].id}: {end}")
    assert not lingering, lingering


def test_at_least_five_contested_questions(model: Model) -> None:
    """Two cited positions each, with holders, are the schema's to require (schema/viewpoints.schema.json)."""
    assert len(model.viewpoints) >= 5


def test_conflicting_sources_are_recorded_not_hidden(model: Model) -> None:
    disputed = [item for item in (*model.events, *model.organisations.values()) if item.disagreements]
    assert len(disputed) >= 3


def test_local_case_study_has_bodies_people_and_dates(model: Model) -> None:
    local = [org for org in model.organisations.values() if in_case_study(org)]
    assert len(local) >= 5
    local_ids = {org.id for org in local}
    assert any(role.organisation in local_ids for person in model.people.values() for role in person.roles)
    assert sum(1 for event in model.events if local_ids.intersection(event.involves)) >= 3


def test_timeline_runs_from_2012_to_2026(model: Model) -> None:
    years = {event.date if isinstance(event.date, str) else event.date.date for event in model.events}
    assert min(PartialDate.parse(year).year for year in years) <= 2012
    assert max(PartialDate.parse(year).year for year in years) >= 2026
