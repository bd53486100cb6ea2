"""The model's truth rules: each fails on a deliberately broken copy of the real data, and holds on the real data.

Rules: (1) names over time, (2) planned / announced / done, (4) one quantity in one field,
(5) who holds a view, (6) a body is drawn only while it existed.
"""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Mapping
from pathlib import Path

import pytest

from generator.errors import DataError, Problem
from generator.model import Model, PartialDate, parse_when
from generator.pages import render_site
from generator.render.common import Page, describe_event_date, describe_lifetime, era_target
from generator.validate import build_model
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def model() -> Model:
    return build_model(ROOT / "data")


@pytest.fixture(scope="module")
def pages(model: Model) -> dict[str, Page]:
    return render_site(model)


def _problems_after(tmp_path: Path, file: str, old: str, new: str) -> list[Problem]:
    """Copy data/, replace `old` (which must occur exactly once) in one file, and check the copy."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"the breakage must target one place in {file}: {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        build_model(data)
    return caught.value.problems


def _one_problem(problems: list[Problem], file: str, words: str) -> Problem:
    found = [problem for problem in problems if problem.file.endswith(f"data/{file}") and words in problem.message]
    assert len(found) == 1, "\n".join(str(problem) for problem in problems)
    assert found[0].line > 0 and found[0].hint
    return found[0]


def _mermaid_blocks(content: str) -> str:
    return "\n".join(re.findall(r"```mermaid\n(.*?)```", content, flags=re.DOTALL))


# ---------------------------------------------------------------- rule 1: names over time
def test_the_department_is_named_as_it_was_on_each_era_day(model: Model, pages: dict[str, Page]) -> None:
    for era in model.eras:
        day = PartialDate.parse(era.snapshot)
        diagram = _mermaid_blocks(pages[era_target(era.id)].content)
        expected = model.name_of("department-of-health", day)
        assert f'"{expected}"' in diagram, era.id
        assert expected == ("Department of Health" if day.year < 2018 else "Department of Health and Social Care")
    home = _mermaid_blocks(pages["index.md"].content)
    assert '"Department of Health"' in home and '"Department of Health and Social Care"' in home


def test_stps_are_plans_in_2016_and_partnerships_after(model: Model) -> None:
    assert model.name_of("stps", PartialDate.parse("2016-07-01")) == "Sustainability and Transformation Plans"
    assert model.name_of("stps", PartialDate.parse("2019-07-01")) == "Sustainability and Transformation Partnerships"
    assert model.name_of("nhs-england", PartialDate.parse("2012-10")) == "NHS Commissioning Board"


def test_a_later_name_in_an_earlier_era_is_refused(tmp_path: Path) -> None:
    problems = _problems_after(
        tmp_path,
        "eras.yaml",
        "overseen and funded by the new NHS England,",
        "overseen by the Department of Health and Social Care,",
    )
    problem = _one_problem(problems, "eras.yaml", "'Department of Health and Social Care', a name not used until")
    assert "write 'Department of Health'" in problem.hint


def test_earlier_names_out_of_order_are_refused(tmp_path: Path) -> None:
    problems = _problems_after(
        tmp_path, "organisations.yaml", 'until: {date: "2017", inferred: true,', 'until: {date: "2022", inferred: true,'
    )
    _one_problem(
        problems, "organisations.yaml", "'Sustainability and Transformation Plans' ends after 'stps' itself ended"
    )


# ---------------------------------------------------------------- rule 2: planned, announced, done
def test_done_without_a_source_that_saw_it_is_refused(tmp_path: Path) -> None:
    # The BSW merger is known only from a release written just before it: as a stated, done date it is refused.
    events = (ROOT / "data" / "events.yaml").read_text(encoding="utf-8")
    inferred = re.search(r"  - id: bsw-ccgs-merge\n    date: \{.*\}\n", events)
    assert inferred is not None
    problems = _problems_after(tmp_path, "events.yaml", inferred[0], '  - id: bsw-ccgs-merge\n    date: "2020-04-01"\n')
    problem = _one_problem(
        problems, "events.yaml", "1 April 2020 is shown as done, but every source cited was published before it"
    )
    # The model keeps events in date order: the problem must still point at this event's line in the file.
    assert problem.line == events[: inferred.start()].count("\n") + 2


def _event_dates_shown(pages: Mapping[str, str]) -> dict[str, set[str]]:
    """Event id -> every way a page words that event's date and status next to it."""
    patterns = (
        r"\*\*(?P<date>[^*\n]+?):\*\* \[[^\]]*\]\([^)]*#event-(?P<id>[a-z0-9-]+)\)",  # lists on body pages
        r"^- (?P<date>[^\[\n]+?): \[[^\]]*\]\(#event-(?P<id>[a-z0-9-]+)\)",  # the timeline's text version
        r"\{#event-(?P<id>[a-z0-9-]+)\}\n\n\*\*(?P<date>[^*\n]+?)\.\*\*",  # the timeline's sections
    )
    shown: dict[str, set[str]] = {}
    for content in pages.values():
        for pattern in patterns:
            for match in re.finditer(pattern, content, flags=re.MULTILINE):
                shown.setdefault(match["id"], set()).add(match["date"].replace("\\", ""))
    return shown


def test_the_disagreement_finder_sees_two_pages_disagree() -> None:
    pages = {
        "timeline.md": "### Merge {#event-m}\n\n**April 2027 (planned).** Text.",
        "organisations/icbs.md": "- **April 2027:** [Merge](../timeline.md#event-m)",
    }
    assert _event_dates_shown(pages) == {"m": {"April 2027 (planned)", "April 2027"}}


def test_every_page_words_each_event_date_and_status_the_same(model: Model, pages: dict[str, Page]) -> None:
    shown = _event_dates_shown({path: page.content for path, page in pages.items()})
    events = {event.id: event for event in model.events}
    assert set(shown) == set(events)
    disagreeing = {event_id: dates for event_id, dates in shown.items() if len(dates) != 1}
    assert not disagreeing
    for event_id, dates in shown.items():
        assert dates == {describe_event_date(events[event_id])}
    planned = [event for event in model.events if event.status == "planned"]
    assert planned and all("(planned)" in describe_event_date(event) for event in planned)


# ---------------------------------------------------------------- rule 4: one quantity, one field
def test_a_term_restating_its_bodys_start_is_refused(tmp_path: Path) -> None:
    problems = _problems_after(
        tmp_path, "terms.yaml", "    organisation: icss\n", '    organisation: icss\n    start: "2016"\n'
    )
    _one_problem(problems, "terms.yaml", "term 'ics' states its own start")


def test_glossary_and_body_pages_give_the_same_dates(model: Model, pages: dict[str, Page]) -> None:
    glossary = pages["glossary.md"].content
    for term in model.terms.values():
        if term.organisation is None:
            continue
        section = glossary.split(f"{{#term-{term.id}}}", 1)[1].split("\n## ", 1)[0].replace("\\", "")
        assert f"({describe_lifetime(model, term.organisation)})" in section, term.id
        page = pages.get(f"organisations/{term.organisation}.md") or pages["case-study.md"]
        assert f"**When:** {describe_lifetime(model, term.organisation)}" in page.content.replace("\\", ""), term.id


def test_the_ics_start_is_one_date_everywhere(model: Model, pages: dict[str, Page]) -> None:
    start = describe_lifetime(model, "icss")
    assert start == "from 2 February 2018"
    assert f"**Status:** Current ({start})" in pages["glossary.md"].content.replace("\\", "")
    # No relationship of an ICS is drawn before ICSs existed (rule 6 enforces it in the checker).
    for relationship in model.relationships_of["icss"]:
        if relationship.start is not None:
            assert parse_when(relationship.start)[0].earliest >= PartialDate.parse("2018-02-02").earliest


# ---------------------------------------------------------------- rule 5: who holds a view
def test_a_background_source_cannot_hold_a_view(tmp_path: Path) -> None:
    problems = _problems_after(
        tmp_path,
        "viewpoints.yaml",
        """          - name: "Wiltshire Health and Wellbeing Board paper (March 2019)"
            attributed_by:
              source: seed-wiltshire-hwb-2019
              quote: "the 11 Primary Care networks""",
        """          - name: "NHS Digital"
            attributed_by:
              source: nhsdigital-pcn-workforce-background-2020
              quote: "these PCNs should be small enough to deliver a personal service and continuity of care, yet large enough to take full advantage of the benefits of working closely with – and sharing resources between – GP practices and other organisations in the local community"
          - name: "Wiltshire Health and Wellbeing Board paper (March 2019)"
            attributed_by:
              source: seed-wiltshire-hwb-2019
              quote: "the 11 Primary Care networks""",
    )
    _one_problem(
        problems, "viewpoints.yaml", "'NHS Digital' is attributed by 'nhsdigital-pcn-workforce-background-2020'"
    )


def test_a_holder_whose_words_are_not_shown_is_refused(tmp_path: Path) -> None:
    problems = _problems_after(
        tmp_path,
        "viewpoints.yaml",
        """              quote: "The second option is the one NHSEI want."
        argument""",
        """              quote: "Get rid of CCGs entirely"
        argument""",
    )
    _one_problem(problems, "viewpoints.yaml", "attributing the view to 'NHS England and NHS Improvement' is not among")


def test_every_holder_is_shown_with_their_words(model: Model, pages: dict[str, Page]) -> None:
    for view in model.viewpoints.values():
        content = html.unescape(pages[f"viewpoints/{view.id}.md"].content.replace("\\", ""))
        for position in view.positions:
            for holder in position.holders:
                opening = " ".join(holder.attributed_by.quote.split()[:10])
                assert f"- {holder.name}, in “{opening}" in content, holder.name
                assert f"> {holder.attributed_by.quote}" in content, holder.name


# ---------------------------------------------------------------- rule 6: era membership
def test_every_era_draws_only_bodies_that_existed_under_that_days_name(model: Model, pages: dict[str, Page]) -> None:
    for era in model.eras:
        day = PartialDate.parse(era.snapshot)
        content = pages[era_target(era.id)].content
        table = content.split("**Text version of the diagram", 1)[1].split("</div>", 1)[0]
        drawn = set(re.findall(r"\]\(\.\./organisations/([a-z0-9-]+)\.md\)", table))
        assert drawn, era.id
        for organisation_id in drawn:
            assert model.exists_on(organisation_id, day), f"{era.id} draws {organisation_id}"
            name = model.name_of(organisation_id, day)
            assert f"[{name}](../organisations/{organisation_id}.md)" in table.replace("\\", ""), (era.id, name)
    drawn_2013 = pages[era_target("era-2013")].content
    assert "organisations/pcts.md) | " not in drawn_2013 and "organisations/shas.md) | " not in drawn_2013
    assert "NHS Trust Development Authority" in drawn_2013
    assert "NHS Improvement" in pages[era_target("era-2016")].content.split("## Key")[0]


def test_a_relationship_before_its_body_existed_is_refused(tmp_path: Path) -> None:
    problems = _problems_after(
        tmp_path,
        "relationships.yaml",
        """    object: nhs-trusts
    from: "2016-04-01\"""",
        """    object: nhs-trusts
    from: "2015-04-01\"""",
    )
    _one_problem(problems, "relationships.yaml", "starts before 'nhs-improvement' existed")


def test_a_relationship_outliving_its_body_is_refused(tmp_path: Path) -> None:
    problems = _problems_after(
        tmp_path,
        "relationships.yaml",
        """    object: tracey-cox
    from: "2020-04-01"
    until: {date: "2022-07-01\"""",
        """    object: tracey-cox
    from: "2020-04-01"
    until: {date: "2023-07-01\"""",
    )
    _one_problem(problems, "relationships.yaml", "runs on after 'bsw-ccg' ended")
