"""The same data gives byte-identical output in separate processes, whatever the hash seed.

Why separate processes: set and dict order of strings depends on PYTHONHASHSEED, which is fixed
for a process, so two renders in one process cannot catch output that depends on it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import ROOT

# Prints a digest of every page, download and the changes page (with a fixed history) as JSON.
_RENDER_EVERYTHING = """
import hashlib, json, sys
from pathlib import Path
from generator.pages import render_history_pages, render_site
from generator.render.changes import Change
from generator.render.downloads import render_downloads
from generator.validate import build_model

model = build_model(Path(sys.argv[1]))
history = [Change("2026-11-20", "data/terms.yaml", f"Change {n}") for n in range(3)]
outputs = {path: page.content for path, page in render_site(model).items()}
outputs.update({f"history:{path}": page.content for path, page in render_history_pages(model, history).items()})
outputs.update({f"no-history:{path}": page.content for path, page in render_history_pages(model, None).items()})
outputs.update(render_downloads(model))
print(json.dumps({path: hashlib.sha256(text.encode()).hexdigest() for path, text in outputs.items()}))
"""


def _digests(data_dir: str, seed: str) -> dict[str, str]:
    result = subprocess.run(
        [sys.executable, "-c", _RENDER_EVERYTHING, data_dir],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=True,
        env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)},
    )
    digests: dict[str, str] = json.loads(result.stdout)
    return digests


def test_output_is_the_same_in_processes_with_different_hash_seeds() -> None:
    for data_dir in (ROOT / "data", ROOT / "tests" / "fixtures" / "data"):
        first, second = _digests(str(data_dir), "1"), _digests(str(data_dir), "2")
        assert list(first) == list(second), f"{data_dir}: pages differ, or are in a different order"
        differ = [path for path in first if first[path] != second[path]]
        assert not differ, f"{data_dir}: these outputs depend on the hash seed: {differ}"
