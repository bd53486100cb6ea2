"""Golden files for the generated Markdown, and the writer's all-or-nothing behaviour."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.build import write_pages
from generator.pages import render_site
from generator.render.common import Page
from generator.validate import build_model
from tests.conftest import run_generator

HERE = Path(__file__).parent
FIXTURE = HERE / "fixtures"
GOLDEN = HERE / "golden"


@pytest.fixture(scope="module")
def fixture_pages() -> dict[str, Page]:
    return render_site(build_model(FIXTURE / "data", FIXTURE / "archive"))


def test_generated_pages_match_golden_files(fixture_pages: dict[str, Page], update_golden: bool) -> None:
    if update_golden:
        write_pages(fixture_pages, GOLDEN)
    on_disk = {path.relative_to(GOLDEN).as_posix() for path in GOLDEN.rglob("*") if path.is_file()}
    assert on_disk == set(fixture_pages), "pages added or removed: run pytest --update-golden and review the diff"
    for path, page in fixture_pages.items():
        assert page.content == (GOLDEN / path).read_text(encoding="utf-8"), f"{path} differs from tests/golden/{path}"


def test_every_page_names_its_data_files_at_the_top(fixture_pages: dict[str, Page]) -> None:
    for page in fixture_pages.values():
        first_line = page.content.splitlines()[0]
        assert first_line.startswith("<!-- Generated from data/") and "Do not edit" in first_line, page.path


def test_data_text_is_escaped_in_pages(fixture_pages: dict[str, Page]) -> None:
    page = fixture_pages["organisations/nhs-england.md"].content
    assert "<b>overseeing" not in page and "&lt;b&gt;overseeing" in page


def test_generate_writes_only_changed_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run_generator("--data", str(FIXTURE / "data"), "generate", "--out", str(out))
    assert first.returncode == 0, first.stderr
    generated, changed = re.search(r"(\d+) pages generated .* \((\d+) changed\)", first.stdout).groups()  # type: ignore[union-attr]
    assert int(generated) > 0 and changed == generated, "a first run writes every page"
    second = run_generator("--data", str(FIXTURE / "data"), "generate", "--out", str(out))
    assert "(0 changed)" in second.stdout


def test_failed_write_leaves_previous_pages_as_they_were(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    write_pages({"a.md": Page("a.md", "old a\n", ("data/terms.yaml",))}, out)
    original_write = Path.write_text
    calls = []

    def failing_write(self: Path, *args: object, **kwargs: object) -> int:
        calls.append(self)
        if len(calls) == 2:
            raise OSError("disk full")
        return original_write(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "write_text", failing_write)
    new_pages = {name: Page(name, f"new {name}\n", ("data/terms.yaml",)) for name in ("a.md", "b.md", "c.md")}
    with pytest.raises(OSError, match="disk full"):
        write_pages(new_pages, out)
    monkeypatch.undo()
    assert sorted(path.name for path in out.iterdir()) == ["a.md"]
    assert (out / "a.md").read_text() == "old a\n"
    assert [path.name for path in tmp_path.iterdir()] == ["out"], "the temporary folder was not cleaned up"
