"""The recent-changes page: git's history of data/ when there is one, the data's own dates otherwise."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.mkdocs_hook import git_history
from generator.model import Model
from generator.render.changes import GIT_LOG_ARGUMENTS, PATH, Change, parse_git_log, render_changes
from generator.validate import build_model

FIXTURE = Path(__file__).parent / "fixtures"
R, F = "\x1e", "\x1f"  # the record and field separators GIT_LOG_ARGUMENTS asks git for


@pytest.fixture(scope="module")
def model() -> Model:
    return build_model(FIXTURE / "data")


def test_git_log_text_becomes_one_change_per_data_file() -> None:
    text = (
        f"{R}2026-11-20{F}Add the STP footprint term\n\ndata/terms.yaml\ndata/events.yaml\n"
        f"{R}2026-11-18{F}Tidy the data folder\n\ndata/README.md\ndata/notes.yaml\n"
        f"{R}not-a-date{F}Broken record\n\ndata/terms.yaml\n"
        f"{R}2026-11-01{F}\n\ndata/sources.yaml\n"
    )
    assert parse_git_log(text) == [
        Change("2026-11-20", "data/terms.yaml", "Add the STP footprint term"),
        Change("2026-11-20", "data/events.yaml", "Add the STP footprint term"),
        Change("2026-11-01", "data/sources.yaml", "(no description)"),
    ]
    assert parse_git_log("") == []


def test_history_is_listed_newest_first_one_row_per_commit(model: Model) -> None:
    history = [
        Change("2026-10-02", "data/sources.yaml", "Add a source"),
        Change("2026-11-20", "data/terms.yaml", "Add the STP footprint term"),
        Change("2026-11-20", "data/events.yaml", "Add the STP footprint term"),
    ]
    page = render_changes(model, history)
    rows = [line for line in page.content.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert rows == [
        "| 20 November 2026 | Add the STP footprint term | `data/terms.yaml`, `data/events.yaml` "
        "| [Glossary](glossary.md), [Timeline](timeline.md) |",
        "| 2 October 2026 | Add a source | `data/sources.yaml` | [Sources](sources.md) |",
    ]
    assert page.path == PATH and "from the project's history" in page.content


def test_commit_messages_are_shown_as_text(model: Model) -> None:
    page = render_changes(
        model, [Change("2026-11-20", "data/terms.yaml", "Fix | table <script>alert(1)</script> [x](y)")]
    )
    assert "<script>" not in page.content and "\\| table &lt;script&gt;" in page.content
    assert "[x](y)" not in page.content


def test_without_history_the_newest_dated_facts_are_listed(model: Model) -> None:
    page = render_changes(model, None)
    assert "built without the project's history" in page.content
    table = page.content.split("| Date | Fact | Data file |")[1]
    dates = [line.split(" | ")[0].removeprefix("| ") for line in table.splitlines() if line.startswith("| ")][1:]
    assert dates[0] == "1 July 2022", dates  # the fixture's newest dated fact comes first
    assert "[Event\\: ICBs take over](timeline.md#event-icbs-start)" in table
    assert "built without" not in render_changes(model, []).content
    assert "no changes to the data files yet" in render_changes(model, []).content


def _git(repo: Path, *arguments: str, date: str = "2026-11-20T12:00:00+00:00") -> None:
    environment = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    identity = ("-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false")
    subprocess.run(["git", *identity, *arguments], cwd=repo, check=True, capture_output=True, env=environment)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "project"
    (repo / "data").mkdir(parents=True)
    _git(repo, "init", "--quiet")
    (repo / "data" / "terms.yaml").write_text("terms: []\n")
    (repo / "README.md").write_text("readme\n")
    _git(repo, "add", ".")
    _git(repo, "commit", "--quiet", "-m", "Start the glossary", date="2026-11-01T09:00:00+00:00")
    (repo / "data" / "terms.yaml").write_text("terms: [1]\n")
    (repo / "data" / "events.yaml").write_text("events: []\n")
    (repo / "README.md").write_text("readme 2\n")
    _git(repo, "add", ".")
    _git(repo, "commit", "--quiet", "-m", "Add the first event")
    return repo


def test_history_is_read_from_git(repository: Path) -> None:
    assert git_history(repository) == [
        Change("2026-11-20", "data/events.yaml", "Add the first event"),
        Change("2026-11-20", "data/terms.yaml", "Add the first event"),
        Change("2026-11-01", "data/terms.yaml", "Start the glossary"),
    ]
    assert "--" in GIT_LOG_ARGUMENTS and GIT_LOG_ARGUMENTS[-1] == "data/"


def test_no_history_from_a_shallow_clone_a_plain_folder_or_without_git(
    repository: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "--quiet", "--depth", "1", repository.as_uri(), str(shallow)],
                   check=True, capture_output=True)  # fmt: skip
    assert git_history(shallow) is None
    plain = tmp_path / "plain"
    shutil.copytree(repository / "data", plain / "data")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # do not find a repository above tmp_path
    assert git_history(plain) is None
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    assert git_history(repository) is None


def test_built_site_has_the_changes_page(built_site: Path) -> None:
    html = (built_site / "changes" / "index.html").read_text(encoding="utf-8")
    assert "Recent changes to the data" in html
