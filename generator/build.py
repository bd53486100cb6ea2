"""The only module that writes generated files to disk."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from generator.render.common import Page


def write_pages(pages: dict[str, Page], out_dir: Path) -> int:
    """Make `out_dir` hold exactly `pages`; return how many files changed.

    Why a swap: the new set is written to a temporary folder beside `out_dir` and renamed
    into place, so a failure part-way leaves the previous pages exactly as they were.
    Unchanged content means no write at all, so file watchers are not woken for nothing.
    """
    changed = sum(1 for page in pages.values() if _read(out_dir / page.path) != page.content)
    stale = _existing(out_dir) - set(pages)
    if not changed and not stale and out_dir.is_dir():
        return 0
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    try:
        for page in pages.values():
            target = staging / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page.content, encoding="utf-8")
        retired = out_dir.with_name(f".{out_dir.name}-old")
        shutil.rmtree(retired, ignore_errors=True)
        if out_dir.exists():
            os.replace(out_dir, retired)
        os.replace(staging, out_dir)
        shutil.rmtree(retired, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return changed + len(stale)


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


def _existing(out_dir: Path) -> set[str]:
    if not out_dir.is_dir():
        return set()
    return {path.relative_to(out_dir).as_posix() for path in out_dir.rglob("*") if path.is_file()}
