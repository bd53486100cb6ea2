"""Money, accountability, complaints, 'as at' lines and stale plans, on the fixture data."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from generator.errors import DataError
from generator.pages import render_site
from generator.staleness import as_at_line, build_date_from, stale_plans
from generator.validate import build_model
from tests.conftest import run_generator

FIXTURE = Path(__file__).parent / "fixtures"
NOTICE = "This may have happened; check"


def _pages(build_date: datetime.date | None) -> dict[str, str]:
    model = build_model(FIXTURE / "data", FIXTURE / "archive")
    return {path: page.content for path, page in render_site(model, build_date).items()}


def test_every_organisation_page_has_an_accountability_grid() -> None:
    pages = _pages(None)
    organisation_pages = [path for path in pages if path.startswith("organisations/") and path != "organisations/index.md"]
    assert organisation_pages
    for path in organisation_pages:
        assert "## Who answers for it" in pages[path], path
    # A question the sources do not answer says so; an answered one shows the answer and its source.
    assert "| Who funds it | *Not stated in our sources.* |" in pages["organisations/ccgs.md"]
    assert "NHS England oversees them <sup>source [1](../sources.md#src-alpha)</sup>" in pages["organisations/ccgs.md"]


def test_accountability_page_shows_each_body_only_at_the_moments_it_existed() -> None:
    page = _pages(None)["accountability.md"]
    first, second = page.split("## In 2022")
    assert "organisations/ccgs.md" in first and "organisations/icbs.md" not in first
    assert "organisations/icbs.md" in second and "organisations/ccgs.md" not in second


def test_money_page_has_a_diagram_and_a_table_with_amount_and_year() -> None:
    page = _pages(None)["money.md"]
    assert page.count("```mermaid") == 2
    assert 'n_nhs_england -->|"allocations, £1 billion #40;2013/14#41;"| n_ccgs' in page
    assert "| £1 billion \\(2013\\/14\\) |" in page
    assert "| not stated in our sources |" in page  # the 2026 flow has no amount


def test_complaints_page_dates_each_change() -> None:
    page = _pages(None)["complaints.md"]
    assert "| From 1 July 2022 | [Then the ICB](#step-to-icb) |" in page
    assert "| Planned from June 2024 |" in page


def test_every_page_says_how_recent_its_newest_source_is() -> None:
    model = build_model(FIXTURE / "data")
    only_alpha = as_at_line(model, "[a](sources.md#src-alpha)")
    assert "*As at 1 November 2018, the date of the newest source on this page.*" in only_alpha
    both = as_at_line(model, "[a](sources.md#src-alpha) [b](../sources.md#src-beta)")
    assert "*As at about 2022 (inferred), the date" in both
    assert "none of the sources on this page states its date" in as_at_line(model, "no links")
    pages = _pages(None)
    for path, content in pages.items():
        if not path.startswith("includes/"):
            assert '<div class="as-at" markdown>\n\n*As at' in content, path


def test_plans_whose_date_has_passed_get_a_notice_on_each_page_that_mentions_them() -> None:
    before = _pages(datetime.date(2024, 4, 30))  # "April 2024" has not wholly passed
    after = _pages(datetime.date(2024, 5, 1))
    assert not any(NOTICE in content for content in before.values())
    noticed = sorted(path for path, content in after.items() if NOTICE in content)
    assert noticed == ["organisations/icbs.md", "timeline.md"]
    assert "[ICBs to merge](../timeline.md#event-icbs-merge-plan), planned for April 2024" in after[
        "organisations/icbs.md"
    ]
    later = _pages(datetime.date(2024, 7, 1))
    assert NOTICE in later["complaints.md"]


def test_build_date_comes_from_source_date_epoch() -> None:
    today = datetime.date(2030, 1, 1)
    assert build_date_from({"SOURCE_DATE_EPOCH": "1714521600"}, today) == datetime.date(2024, 5, 1)
    assert build_date_from({}, today) == today
    assert build_date_from({"SOURCE_DATE_EPOCH": "soon"}, today) == today


def test_check_lists_stale_plans_as_warnings_and_exits_0() -> None:
    environment_date = "1714521600"  # 1 May 2024
    result = _check_with_date(environment_date)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stdout.splitlines() if ": warning: " in line]
    assert warnings == [
        "tests/fixtures/data/events.yaml:38:11: warning: 'ICBs to merge' is worded as planned for "
        "April 2024, which has passed (build date 2024-05-01); find a source saying whether it happened, "
        "then update the data"
    ]
    earlier = _check_with_date("1704067200")  # 1 January 2024
    assert earlier.returncode == 0 and ": warning: " not in earlier.stdout


def _check_with_date(epoch: str):  # type: ignore[no-untyped-def]
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    return subprocess.run(
        [sys.executable, "-m", "generator", "--data", "tests/fixtures/data", "check"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": epoch},
    )


def test_stale_plans_ignore_facts_not_worded_as_planned() -> None:
    model = build_model(FIXTURE / "data")
    assert [plan.anchor for plan in stale_plans(model, datetime.date(2100, 1, 1))] == [
        "event-icbs-merge-plan",
        "step-future-plan",
    ]


@pytest.mark.parametrize(
    ("money_yaml", "expected"),
    [
        (
            "money:\n  - moment: '2026'\n    payer: nhs-englnd\n    payee: icbs\n    label: x\n"
            "    cite: [{source: alpha, quote: NHS England oversees them.}]\n",
            "data/money.yaml:3:12: unknown organisation or pool 'nhs-englnd'",
        ),
        (
            "money:\n  - moment: '2026'\n    payer: nhs-england\n    payee: icbs\n    label: x\n    amount: £5\n"
            "    cite: [{source: alpha, quote: NHS England oversees them.}]\n",
            "data/money.yaml:6:13: an amount without its year",
        ),
    ],
)
def test_bad_money_data_names_file_line_and_column(tmp_path: Path, money_yaml: str, expected: str) -> None:
    shutil.copytree(FIXTURE / "data", tmp_path / "data")
    (tmp_path / "data" / "money.yaml").write_text(money_yaml, encoding="utf-8")
    result = run_generator("--data", "data", "check", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert expected in result.stderr, result.stderr


def test_accountability_for_an_unknown_organisation_is_an_error(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE / "data", tmp_path / "data")
    (tmp_path / "data" / "accountability.yaml").write_text(
        "accountability:\n  - organisation: icb\n", encoding="utf-8"
    )
    with pytest.raises(DataError) as error:
        build_model(tmp_path / "data")
    assert "unknown organisation 'icb'" in str(error.value)
