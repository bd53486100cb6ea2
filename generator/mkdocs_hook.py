"""MkDocs hook: `mkdocs build` and `mkdocs serve` run the generator themselves.

Generated pages are handed to MkDocs from memory (nothing is written under docs/), so an
edit to a data file under `mkdocs serve` causes exactly one rebuild. The hook also adds what
needs more than the data (the recent-changes page, from git) and the downloads, and draws every
Mermaid diagram to inline SVG (generator/diagrams.py), so readers never download the Mermaid script.
"""

from __future__ import annotations

import logging
import os
import subprocess
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkDocsPage

from generator.build import write_pages
from generator.diagrams import DiagramCache, DiagramError, inline_diagrams, sources_in_markdown
from generator.errors import DataError
from generator.pages import ABBREVIATIONS_PATH, navigation, render_history_pages, render_site
from generator.render.changes import GIT_LOG_ARGUMENTS, Change, parse_git_log
from generator.render.common import Page
from generator.render.downloads import render_downloads
from generator.staleness import build_date_from_environment

log = logging.getLogger("mkdocs.hooks.nhs_explainer")
# Where drawings are cached (default .cache/diagrams/), and a switch the benchmarks use to time the
# old build: NHS_EXPLAINER_DRAW_DIAGRAMS=0 leaves every diagram to Mermaid in the browser.
CACHE_FOLDER = "NHS_EXPLAINER_DIAGRAM_CACHE"
DRAW_SWITCH = "NHS_EXPLAINER_DRAW_DIAGRAMS"
_pages: dict[str, Page] = {}
_downloads: dict[str, str] = {}
_diagrams: list[DiagramCache] = []


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Imported here so a data error is reported before MkDocs touches the site folder.
    from generator.validate import build_model

    root = _root(config)
    try:
        model = build_model(root / "data")
    except DataError as error:
        count = len(error.problems)
        raise PluginError(f"the data has {count} problem{'s' if count != 1 else ''}:\n{error}") from None
    _pages.clear()
    # The build date is read here, once, and handed to the renderers (SOURCE_DATE_EPOCH fixes it).
    _pages.update(render_site(model, build_date_from_environment()))
    # pymdownx.snippets reads the abbreviations from disk, so the generated set is written out;
    # it lives outside docs/ and only changed files are rewritten.
    write_pages(_pages, root / "generated")
    # Kept in memory only, so generated/ holds what `python -m generator generate` writes.
    _pages.update(render_history_pages(model, git_history(root)))
    _downloads.clear()
    _downloads.update(render_downloads(model))
    docs_dir = Path(config.docs_dir)
    hand_written = sorted(path.relative_to(docs_dir).as_posix() for path in docs_dir.rglob("*.md"))
    config["nav"] = navigation(model, _pages, hand_written)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for file in files:
        file.edit_uri = f"docs/{file.src_uri}"
    for path, page in _pages.items():
        if path == ABBREVIATIONS_PATH:
            continue
        generated = File.generated(config, path, content=page.content)
        generated.edit_uri = page.edit_file
        files.append(generated)
    for path, content in _downloads.items():
        files.append(File.generated(config, path, content=content))
    _diagrams.clear()
    if os.environ.get(DRAW_SWITCH) == "0":
        return files  # diagrams left to the mermaid2 plugin in the browser, as before issue 12
    # Every generated diagram drawn now, in parallel; on_page_content then only reads the cache.
    cache = DiagramCache(Path(os.environ.get(CACHE_FOLDER) or _root(config) / ".cache" / "diagrams"))
    try:
        cache.draw_all(source for page in _pages.values() for source in sources_in_markdown(page.content))
    except DiagramError as error:
        raise PluginError(str(error)) from None
    _diagrams.append(cache)
    return files


def on_page_content(html: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
    if not _diagrams:
        return html
    try:
        return inline_diagrams(html, _diagrams[0], page.file.src_uri)
    except DiagramError as error:
        raise PluginError(str(error)) from None


def on_post_build(config: MkDocsConfig) -> None:
    if _diagrams and _diagrams[0].drawn:
        log.info("Drew %d Mermaid diagram(s); the rest came from .cache/diagrams/", _diagrams[0].drawn)


def git_history(root: Path) -> list[Change] | None:
    """Changes to data/ from git, newest first; None without git, outside a repository, or in a shallow clone.

    Why not a shallow clone: its one commit looks as if it added every file at once.
    """
    try:
        shallow = _git(root, "rev-parse", "--is-shallow-repository")
        if shallow.strip() != "false":
            return None
        return parse_git_log(_git(root, *GIT_LOG_ARGUMENTS))
    except (OSError, subprocess.SubprocessError):
        return None


def _git(root: Path, *arguments: str) -> str:
    command = ["git", *arguments]
    return subprocess.run(
        command, cwd=root, capture_output=True, encoding="utf-8", errors="replace", check=True, timeout=30
    ).stdout


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    server.watch(str(_root(config) / "data"))
    return server
