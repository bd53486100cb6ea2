"""MkDocs hook: `mkdocs build` and `mkdocs serve` run the generator themselves.

Generated pages are handed to MkDocs from memory (nothing is written under docs/), so an
edit to a data file under `mkdocs serve` causes exactly one rebuild.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from generator.build import write_pages
from generator.errors import DataError
from generator.pages import ABBREVIATIONS_PATH, navigation, render_site
from generator.render.common import Page

_pages: dict[str, Page] = {}


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
    _pages.update(render_site(model))
    # pymdownx.snippets reads the abbreviations from disk, so the generated set is written out;
    # it lives outside docs/ and only changed files are rewritten.
    write_pages(_pages, root / "generated")
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
    return files


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    server.watch(str(_root(config) / "data"))
    return server
