"""CONTRIBUTING.md cannot drift: its examples pass the checker and its error messages are the checker's own.

Each `<!-- example: KIND -->` block is pasted into a copy of the real data, first in its list as a
contributor would paste it, and checked. Each `<!-- mistake: {...} -->` makes one change to an
example and compares the checker's output with the `text` block that follows it; run
`pytest --update-golden` to rewrite those blocks after an intended change to the messages.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.load import load_text
from generator.model import DATA_FILES
from tests.conftest import ARCHIVE, ROOT, run_generator

GUIDE = ROOT / "CONTRIBUTING.md"
EXAMPLE = re.compile(r"<!-- example: (?P<kind>[a-z]+) -->\n```yaml\n(?P<item>.*?)```", re.DOTALL)
MISTAKE = re.compile(r"<!-- mistake: (?P<spec>\{.*?\}) -->\n```text\n(?P<output>.*?)```", re.DOTALL)
HAS_ARCHIVE = (ARCHIVE / "sources").is_dir()
KINDS_TO_EXPLAIN = {"terms", "organisations", "events", "viewpoints", "sources"}


def _examples() -> dict[str, str]:
    found: dict[str, str] = {}
    for match in EXAMPLE.finditer(GUIDE.read_text(encoding="utf-8")):
        assert match["kind"] not in found, f"two examples for {match['kind']} in CONTRIBUTING.md"
        found[match["kind"]] = match["item"]
    return found


def _mistakes() -> list[dict[str, Any]]:
    return [json.loads(match["spec"]) for match in MISTAKE.finditer(GUIDE.read_text(encoding="utf-8"))]


def _expected_output(name: str) -> str:
    for match in MISTAKE.finditer(GUIDE.read_text(encoding="utf-8")):
        if json.loads(match["spec"])["name"] == name:
            return match["output"]
    raise AssertionError(f"no mistake named {name} in CONTRIBUTING.md")


def _rewrite_output(name: str, output: str) -> None:
    text = GUIDE.read_text(encoding="utf-8")
    for match in MISTAKE.finditer(text):
        if json.loads(match["spec"])["name"] == name:
            start, end = match.span("output")
            GUIDE.write_text(text[:start] + output + text[end:], encoding="utf-8")
            return


def _without_suggestions(output: str) -> str:
    """The output with its 'nearest: ...' suggestions left out: they change as the data grows."""
    return re.sub(r"nearest: .*", "nearest: ...", output)


def _shift(item: str, columns: int) -> str:
    """Move every line of `item` right (or left, if negative) by `columns` spaces."""
    lines = item.splitlines(keepends=True)
    if columns >= 0:
        return "".join(" " * columns + line if line.strip() else line for line in lines)
    assert all(line[:-columns].isspace() for line in lines if line.strip()), "cannot unindent the example"
    return "".join(line[-columns:] if line.strip() else line for line in lines)


def paste(data_dir: Path, kind: str, item: str, copies: int = 1) -> None:
    """Put `item` first in data/KIND.yaml, lined up with the file's own items.

    An item with the same id is taken out first: the examples show how to add a fact, and the
    data may already hold that fact by the time the guide is read. The file's opening comments are
    left out, so the item starts on line 2, as the guide's line numbers assume.
    """
    path = data_dir / f"{kind}.yaml"
    text = path.read_text(encoding="utf-8")
    loaded = load_text(path.name, text.encode("utf-8"))
    items = loaded.data[kind] or []
    new_id = re.match(r"\s*- id: (\S+)", item)[1]  # type: ignore[index]  # read as text: the item may be broken
    lines = text.splitlines(keepends=True)
    starts = [loaded.locations[(kind, index)][0] - 1 for index in range(len(items))]
    dropped: set[int] = set()
    for index, entry in enumerate(items):
        if entry.get("id") == new_id:
            dropped.update(range(starts[index], starts[index + 1] if index + 1 < len(items) else len(lines)))
    top = next(number for number, line in enumerate(lines) if line.startswith(f"{kind}:"))
    rest = "".join(line for number, line in enumerate(lines) if number > top and number not in dropped)
    indent = loaded.locations[(kind, 0)][1] - 3 if items else 2  # the column of the first item's "-"
    path.write_text(f"{kind}:\n" + _shift(item, indent - 2) * copies + rest, encoding="utf-8")


def _project_with_real_data(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def _check(project: Path) -> tuple[int, str]:
    archive = ("--archive", str(ARCHIVE)) if HAS_ARCHIVE else ()
    result = run_generator("--data", "data", "check", *archive, cwd=project)
    return result.returncode, result.stderr + result.stdout


def test_guide_has_a_worked_example_for_each_kind_of_fact() -> None:
    examples = _examples()
    assert set(examples) == KINDS_TO_EXPLAIN
    for kind, item in examples.items():
        parsed = load_text(f"{kind} example", f"{kind}:\n{item}".encode()).data[kind]
        assert len(parsed) == 1, f"the {kind} example must be exactly one item"
        assert item.startswith("  - "), f"the {kind} example must be indented as data/{kind}.yaml's items are"


@pytest.mark.parametrize("kind", sorted(KINDS_TO_EXPLAIN))
def test_each_worked_example_passes_the_checker(kind: str, tmp_path: Path) -> None:
    project = _project_with_real_data(tmp_path)
    paste(project / "data", kind, _examples()[kind])
    code, output = _check(project)
    assert code == 0, f"the {kind} example in CONTRIBUTING.md fails the checker:\n{output}"


def test_a_new_term_and_viewpoint_show_on_the_previewed_site(tmp_path: Path) -> None:
    """What `mkdocs serve` shows, built once with every example pasted in."""
    project = _project_with_real_data(tmp_path)
    for kind, item in _examples().items():
        paste(project / "data", kind, item)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")  # a copy: the hook finds data/ beside it
    for entry in ROOT.iterdir():
        if entry.name not in {"data", "mkdocs.yml", "generated", "site", ".git"} and not entry.name.startswith("."):
            (project / entry.name).symlink_to(entry)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(project / "site")],
        cwd=project, capture_output=True, text=True, timeout=300,
        # The project's own drawing cache: only the diagrams the examples change are drawn again.
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "NHS_EXPLAINER_DIAGRAM_CACHE": str(ROOT / ".cache" / "diagrams")},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert 'id="term-stp-footprint"' in (site / "glossary" / "index.html").read_text(encoding="utf-8")
    viewpoint = (site / "viewpoints" / "abolishing-nhs-england" / "index.html").read_text(encoding="utf-8")
    assert "Should NHS England be abolished?" in viewpoint and "A bold step at a risky time" in viewpoint
    assert 'id="event-stp-footprints-published"' in (site / "timeline" / "index.html").read_text(encoding="utf-8")
    assert (site / "organisations" / "stps" / "index.html").is_file()


@pytest.mark.parametrize("mistake", _mistakes(), ids=lambda mistake: mistake["name"])
def test_each_mistake_gives_the_error_the_guide_shows(
    mistake: dict[str, Any], tmp_path: Path, update_golden: bool
) -> None:
    if mistake.get("needs_archive") and not HAS_ARCHIVE:
        pytest.skip(f"the archive of source texts is not at {ARCHIVE}")
    item = _examples()[mistake["example"]]
    if "replace" in mistake:
        assert item.count(mistake["replace"]) == 1, (
            f"{mistake['name']}: '{mistake['replace']}' is not once in the example"
        )
        item = item.replace(mistake["replace"], mistake["with"])
    if "cut_from" in mistake:
        item = item[: item.index(mistake["cut_from"])]
    project = _project_with_real_data(tmp_path)
    paste(project / "data", mistake["example"], item, mistake.get("copies", 1))
    code, output = _check(project)
    assert code == 1 and "Traceback" not in output, output
    assert "hint:" in output, output
    if update_golden:
        _rewrite_output(mistake["name"], output)
    assert _without_suggestions(output) == _without_suggestions(_expected_output(mistake["name"])), (
        f"CONTRIBUTING.md shows a different message for '{mistake['name']}'; "
        "run `pytest tests/test_contributing.py --update-golden` and review the guide's diff"
    )


def test_guide_names_only_commands_and_files_that_exist() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    help_text = run_generator("--help").stdout
    known = set(re.search(r"\{([\w,]+)\}", help_text)[1].split(","))  # type: ignore[index]
    commands = set(re.findall(r"python -m generator (\w+)", text))
    assert commands and commands <= known, f"CONTRIBUTING.md uses commands the CLI lacks: {commands - known}"
    assert "mkdocs serve" in text and "--archive ../shared" in text
    for path in re.findall(r"`((?:data|schema|scripts|\.github)/[\w./-]+|\.pre-commit-config\.yaml)`", text):
        if "<" not in path:
            assert (ROOT / path).exists(), f"CONTRIBUTING.md names {path}, which does not exist"
    for kind in DATA_FILES:
        assert f"data/{kind}.yaml" in text, f"the guide never names data/{kind}.yaml"


def _workflow(name: str) -> dict[str, Any]:
    return yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))


def test_ci_does_what_the_guide_says() -> None:
    """Pull requests: install from scratch, check, test, strict build. Main: build and publish on Pages."""
    checks, publish = _workflow("checks.yml"), _workflow("publish.yml")
    # PyYAML reads the key `on` as True (YAML 1.1); GitHub reads it as "on".
    assert "pull_request" in checks[True] and publish[True]["push"]["branches"] == ["main"]
    test_steps = " ".join(step.get("run", "") for step in checks["jobs"]["test"]["steps"])
    for command in ("pip install -e '.[test]'", "python -m generator check --archive ../shared",
                    "bash scripts/test.sh", "mkdocs build --strict"):  # fmt: skip
        assert command in test_steps, f"checks.yml does not run {command}"
    assert "pre-commit run --all-files" in " ".join(step.get("run", "") for step in checks["jobs"]["lint"]["steps"])
    actions = {
        step["uses"].split("@")[0] for job in publish["jobs"].values() for step in job["steps"] if "uses" in step
    }
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= actions
    assert publish["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    hooks = {hook["id"] for repo in yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())["repos"]
             for hook in repo["hooks"]}  # fmt: skip
    assert {"ruff", "yamllint", "actionlint", "data-check", "schema"} <= hooks
