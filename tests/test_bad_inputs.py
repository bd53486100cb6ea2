"""Bad input corpus: each case must give `file:line:col`, a hint, exit 1 and no traceback.

Each folder in tests/bad_inputs/ holds data files that replace the fixture's, and
`expected.txt`, the checker's exact report. Run `pytest --update-golden` to rewrite them.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import run_generator

HERE = Path(__file__).parent
FIXTURE = HERE / "fixtures"
CASES = sorted(path for path in (HERE / "bad_inputs").iterdir() if path.is_dir())
PROBLEM_LINE = re.compile(r"^data/[a-z]+\.ya?ml:\d+:\d+: .+$")


def _data_with(tmp_path: Path, replacements: dict[str, bytes]) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE / "data", data)
    for name, content in replacements.items():
        (data / name).write_bytes(content)
    return data


def _check(tmp_path: Path, replacements: dict[str, bytes], archive: Path | None = None) -> tuple[int, str]:
    """Check the fixture data with some files replaced; `archive` files, if any, replace the fixture archive's."""
    _data_with(tmp_path, replacements)
    archive_dir = FIXTURE / "archive"
    if archive is not None:
        archive_dir = tmp_path / "archive"
        shutil.copytree(FIXTURE / "archive", archive_dir)
        shutil.copytree(archive, archive_dir, dirs_exist_ok=True)
    result = run_generator("--data", "data", "check", "--archive", str(archive_dir), cwd=tmp_path)
    return result.returncode, result.stderr + result.stdout


def _assert_actionable(code: int, output: str) -> None:
    assert code == 1, output
    assert "Traceback" not in output
    problems = [line for line in output.splitlines() if PROBLEM_LINE.match(line)]
    assert problems, f"no file:line:col line in:\n{output}"
    assert output.count("hint:") >= len(problems), f"every problem needs a hint:\n{output}"


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input_reports_expected_problems(case: Path, tmp_path: Path, update_golden: bool) -> None:
    # Every file but the expected report replaces (or joins) the fixture's data files.
    replacements = {path.name: path.read_bytes() for path in case.iterdir() if path.is_file() and path.name != "expected.txt"}
    archive = case / "archive"
    code, output = _check(tmp_path, replacements, archive if archive.is_dir() else None)
    _assert_actionable(code, output)
    expected = case / "expected.txt"
    if update_golden:
        expected.write_text(output, encoding="utf-8")
    assert output == expected.read_text(encoding="utf-8")


def test_ten_megabyte_string_is_refused_quickly(tmp_path: Path) -> None:
    huge = b"terms:\n  - id: ccg\n    name: " + b"x" * 10_000_000 + b"\n"
    code, output = _check(tmp_path, {"terms.yaml": huge})
    _assert_actionable(code, output)
    assert "over the 2,000,000 limit" in output


def test_long_field_is_refused_with_its_line(tmp_path: Path) -> None:
    terms = (FIXTURE / "data" / "terms.yaml").read_text().replace(
        "name: Integrated Care Board", "name: " + "Integrated " * 50
    )
    code, output = _check(tmp_path, {"terms.yaml": terms.encode()})
    _assert_actionable(code, output)
    assert re.search(r"data/terms\.yaml:\d+:11: 'name' is too long \(549 characters\)", output), output


def test_every_problem_in_every_file_is_reported_at_once(tmp_path: Path) -> None:
    cases = HERE / "bad_inputs"
    code, output = _check(tmp_path, {
        "terms.yaml": (cases / "unknown-key" / "terms.yaml").read_bytes(),
        "organisations.yaml": (cases / "wrong-enum" / "organisations.yaml").read_bytes(),
    })
    _assert_actionable(code, output)
    assert "data/terms.yaml:5:5: unknown key 'defintion'" in output
    assert "data/organisations.yaml:" in output and "'commisioner' is not allowed" in output


def test_failed_check_writes_nothing(tmp_path: Path) -> None:
    data = _data_with(tmp_path, {"terms.yaml": b"terms: [\n"})
    before = sorted(path.name for path in data.iterdir())
    result = run_generator("--data", "data", "generate", "--out", "out", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
    assert sorted(path.name for path in data.iterdir()) == before
