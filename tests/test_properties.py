"""Property tests: any string in any text field gives a clean error or a site that shows it as text.

For each example, one text field of the fixture data (tests/fixtures/data) is replaced by a
generated string, and either
- the checker refuses it: every problem names `file:line:col` (one of them the value's own place)
  with a hint, and the command line exits 1 without a traceback; or
- the site is generated, and every page, converted with the Markdown extensions and settings in
  mkdocs.yml, shows the string as text and has exactly the elements, attributes and links it has
  with a plain string in that field (no script, no `on*` attribute, no extra or `javascript:` link).
  Page titles and abbreviation tooltips (which the theme treats as HTML) carry no markup.
Every Mermaid diagram produced along the way is then parsed by the vendored Mermaid in Chromium,
and diagrams with hostile labels are drawn and put through the allow-list the build applies before
it inlines a drawing (generator.diagrams.clean_svg): the result shows the label as text and nothing
else. tests/test_diagrams.py draws the hostile corpus with the build's own renderer too.

Profiles: `ci` (derandomized, so every run is deterministic; the default) and
`dev` (random, remembers failures in .hypothesis/). Choose with HYPOTHESIS_PROFILE=ci|dev|explore.
"""

from __future__ import annotations

import contextlib
import copy
import html
import importlib
import io
import os
import re
import warnings
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup, Comment
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import cli
from generator.diagrams import clean_svg
from generator.errors import DataError
from generator.load import load_text
from generator.pages import ABBREVIATIONS_PATH, navigation, render_site
from generator.validate import build_model
from tests.conftest import ROOT

FIXTURE = Path(__file__).parent / "fixtures" / "data"
MERMAID_JS = ROOT / "docs" / "assets" / "javascripts" / "mermaid.min.js"
PLAIN = "Plain words"

settings.register_profile(
    "ci", max_examples=100, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("explore", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Hypothesis writes a patch of failing examples with libcst, whose import warns (DeprecationWarning
# from mypy_extensions); pytest turns warnings into errors, which would hide the failure itself.
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    with contextlib.suppress(ImportError):
        import hypothesis.extra._patching  # noqa: F401
# Derandomized unless asked otherwise, so the README test command gives the same result every run.
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


# --- The strings ------------------------------------------------------------------------------

# Pieces with meaning to Markdown, HTML, MkDocs, Material, pymdownx.snippets or Mermaid.
HOSTILE_PIECES = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "javascript:alert(1)",
    "[click](javascript:alert(1))",
    "![x](https://evil.example/x.png)",
    "<https://evil.example>",
    "[x][1]\n\n[1]: javascript:alert(1)",
    "<!-- comment -->",
    "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
    "&amp;",
    "&#60;b&#62;",
    "&lt",
    "-->",
    "---",
    "end",
    " end ",
    "%%",
    "%%{init: {'securityLevel': 'loose'}}%%",
    "click n_ccgs call alert()",
    'click n_ccgs href "javascript:alert(1)"',
    "classDef x fill:#f00;",
    "style n_ccgs fill:#f00",
    ":::kind_provider",
    "subgraph",
    '"]',
    "\"]\n    n_x[\"",
    "|x|",
    "`**md**`",
    "ﬂ°lt¶ß",
    "ﬂ°°60¶ß",
    "#lt;",
    "#35;",
    '--8<-- "README.md"',
    "--8<--",
    "*[CCG]: hijacked",
    "{: onclick=alert(1) }",
    "{#id .class}",
    "!!! danger",
    "??? note",
    "=== \"Tab\"",
    "| a | b |",
    "    indented code",
    "1. ",
    "# ",
    "\\",
    "  \n",
    "\t",
    "\n\n",
    "\u2028",
    "\u00a0",
    "\u200b",
    "\u202e",
    "\ufeff\ufeffﬂ",  # found by hypothesis: Mermaid dropped the byte-order marks from a label
    "\ufeff",
    "\x00",
    "\x02",
    "\x1b[31m",
    "\x7f",
    "\x85",
    "CCG",
    "NHSE",
    "😀",
]
ALPHABET = "<>&\"'`[](){}|#%;:*_~!-=+.,?@$^/\\ \n\taZ09éß°ﬂ¶\u00a0\u200b😀"

TEXTS = st.one_of(
    st.lists(
        st.one_of(st.sampled_from(HOSTILE_PIECES), st.text(alphabet=ALPHABET, max_size=6)), min_size=1, max_size=6
    ).map("".join),
    st.text(alphabet=ALPHABET, min_size=1, max_size=30),
    st.text(min_size=1, max_size=30),  # any Unicode, control characters included
)


# --- Where the strings go ---------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Target:
    """One text field of the fixture data: the file, the path to the value, and whether a page shows it."""

    path: tuple[str | int, ...]  # starts with the kind, as in the YAML file: ("events", 2, "summary")
    shown: bool = True

    @property
    def kind(self) -> str:
        return str(self.path[0])

    def __str__(self) -> str:
        return f"{self.kind}.yaml {'.'.join(map(str, self.path[1:]))}"


# Fields drawn in a Mermaid diagram (flowchart nodes). Event and era titles are HTML since issue 11
# (the timeline is a list; a diagram's title is HTML above it), so they are checked as other text.
DIAGRAM_TARGETS = [
    Target(("organisations", 2, "name")),  # a national body: flowcharts, navigation
    Target(("organisations", 3, "name")),  # a case-study body: the local flowchart
    Target(("organisations", 0, "name")),  # a type of body, in every flowchart
    Target(("people", 0, "name")),  # a person node in the case-study flowchart
]


def _fields(kind: str, *paths: tuple[str | int, ...], shown: bool = True) -> list[Target]:
    """Targets in one file: `paths` go on from the kind, e.g. (2, "summary")."""
    return [Target((kind, *path), shown) for path in paths]


OTHER_TARGETS = [
    Target(("events", 0, "title")),  # a major event: a heading on the timeline
    Target(("eras", 0, "title")),  # a diagram title on the home page, navigation
    # The organisation's disagreement is added by _with_values.
    *_fields("organisations", (2, "summary"), (0, "count"), (1, "disagreements", 0, "says")),
    *_fields("people", (0, "summary"), (0, "roles", 0, "title")),
    *_fields("people", (0, "roles", 0, "start", "basis"), shown=False),
    *_fields(
        "events",
        (2, "summary"),
        (1, "title"),
        (2, "disagreements", 0, "says"),
        (2, "disagreements", 0, "why_not_followed"),
        (0, "cite", 0, "quote"),
    ),
    *_fields("terms", (0, "name"), (0, "definition"), (2, "abbr"), (1, "status_note")),
    *_fields(
        "viewpoints",
        (0, "question"),
        (0, "context"),
        (0, "positions", 0, "stance"),
        (0, "positions", 1, "holders", 0, "name"),
        (0, "positions", 0, "argument"),
    ),
    *_fields(
        "sources",
        (0, "title"),
        (0, "publisher"),
        (0, "author"),
        (0, "note"),
        (0, "url"),
        (1, "url_note"),
        (1, "published", "basis"),
    ),
    Target(("eras", 1, "summary")),
    Target(("relationships", 0, "note"), shown=False),
]
ALL_TARGETS = DIAGRAM_TARGETS + OTHER_TARGETS
Assignments = dict[Target, str]


@cache
def _fixture() -> dict[str, Any]:
    """The fixture's files as the generator reads them (`no` stays a string, dates stay strings)."""
    return {path.stem: load_text(path.name, path.read_bytes()).data for path in FIXTURE.glob("*.yaml")}


def _with_values(kind: str, assignments: Assignments) -> dict[str, Any]:
    """One file's fixture content with each assigned value at its target's path."""
    content = copy.deepcopy(_fixture()[kind])
    # The fixture has no disagreement about an organisation: give organisation 1 one.
    if kind == "organisations":
        content["organisations"][1]["disagreements"] = [
            {"says": PLAIN, "why_not_followed": PLAIN, "cite": [{"source": "beta", "quote": "took over from CCGs"}]}
        ]
    for target, value in assignments.items():
        if target.kind != kind:
            continue
        node = content
        for part in target.path[:-1]:
            node = node[part]
        node[target.path[-1]] = _Quoted(value)
    return content


class _Quoted(str):
    """A generated string: written in double quotes, where YAML can escape any character."""


class _Dumper(yaml.SafeDumper):
    """Writes repeated values out in full (the loader refuses aliases) and generated strings quoted."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


_Dumper.add_representer(
    _Quoted, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style='"')
)


def write_data(data_dir: Path, assignments: Assignments) -> dict[str, bytes]:
    """The fixture data in `data_dir`, with the assigned values; return each file's bytes."""
    data_dir.mkdir(parents=True, exist_ok=True)
    files = {}
    for kind in _fixture():
        files[kind] = yaml.dump(
            _with_values(kind, assignments), Dumper=_Dumper, allow_unicode=True, sort_keys=False
        ).encode()
        (data_dir / f"{kind}.yaml").write_bytes(files[kind])
    return files


# --- The site's Markdown ----------------------------------------------------------------------


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, resolving `!!python/name:` tags to the objects they name."""


def _python_name(loader: yaml.Loader, suffix: str, node: yaml.Node) -> Any:
    module, _, name = suffix.rpartition(".")
    return getattr(importlib.import_module(module), name)


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)


def mkdocs_config() -> dict[str, Any]:
    config: dict[str, Any] = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    return config


@cache
def site_markdown() -> markdown.Markdown:
    """Python-Markdown set up as `mkdocs build` sets it up from mkdocs.yml.

    MkDocs always adds toc, tables and fenced_code. The snippets extension keeps its settings except
    auto_append, whose file (the abbreviations) the caller appends itself; its base_path is the
    project, so a snippet marker that got through would pull in a real file and be seen.
    """
    extensions = ["toc", "tables", "fenced_code"]
    configs: dict[str, dict[str, Any]] = {}
    for entry in mkdocs_config()["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        options = dict(options or {})
        if name == "pymdownx.snippets":
            options.pop("auto_append", None)
            options["base_path"] = [str(ROOT)]
        if name not in extensions:
            extensions.append(name)
        if options:
            configs[name] = {**configs.get(name, {}), **options}
    return markdown.Markdown(extensions=extensions, extension_configs=configs)


@dataclass
class Site:
    html: dict[str, BeautifulSoup]
    titles: list[str]  # page and navigation titles, which the theme prints unescaped


def render(data_dir: Path) -> Site:
    """Validate `data_dir` (raising DataError) and convert every generated page to HTML."""
    model = build_model(data_dir)
    pages = render_site(model)
    abbreviations = pages[ABBREVIATIONS_PATH].content
    converted = {
        path: _converted(page.content + "\n\n" + abbreviations)
        for path, page in pages.items()
        if path != ABBREVIATIONS_PATH
    }
    titles = list(_nav_titles(navigation(model, pages, ["about.md", "changes.md"])))
    return Site(converted, titles)


_CONVERTED: dict[str, BeautifulSoup] = {}


def _converted(text: str) -> BeautifulSoup:
    """A page's Markdown as HTML, converted once: one example changes one field, so most pages are as
    before (the checks only read the soup, so sharing it is safe)."""
    if text not in _CONVERTED:
        if len(_CONVERTED) > 2_000:
            _CONVERTED.clear()
        md = site_markdown()
        md.reset()
        _CONVERTED[text] = BeautifulSoup(md.convert(text), "html.parser")
    return _CONVERTED[text]


def _nav_titles(entry: object) -> Iterator[str]:
    if isinstance(entry, dict):
        for title, value in entry.items():
            yield title
            yield from _nav_titles(value)
    elif isinstance(entry, list):
        for value in entry:
            yield from _nav_titles(value)


def normalised(text: str) -> str:
    return " ".join(text.split())


def visible_text(soup: BeautifulSoup) -> str:
    """The page's text as a reader sees it, without the Mermaid sources (drawn, not shown)."""
    return normalised(
        "".join(
            str(string)
            for string in soup.find_all(string=True)
            if not isinstance(string, Comment) and string.find_parent("pre", class_="mermaid") is None
        )
    )


def diagrams(soup: BeautifulSoup) -> list[str]:
    """The text Mermaid reads from each diagram on a page."""
    found = []
    for diagram in soup.select("pre.mermaid"):
        assert [tag.name for tag in diagram.find_all(True)] == ["code"], f"markup inside a diagram:\n{diagram}"
        found.append(diagram.get_text())
    return found


def shape(soup: BeautifulSoup) -> Counter[tuple[str, tuple[str, ...]]]:
    """Every element with its attribute names; abbreviations (added wherever an acronym is typed) aside."""
    return Counter((tag.name, tuple(sorted(tag.attrs))) for tag in soup.find_all(True) if tag.name != "abbr")


def links(soup: BeautifulSoup) -> set[str]:
    return {
        str(tag.get(attribute))
        for tag in soup.find_all(True)
        for attribute in ("href", "src")
        if tag.has_attr(attribute)
    }


_baselines: dict[frozenset[Target], Site] = {}


def baseline(targets: frozenset[Target], work: Path) -> Site:
    """The site with a plain string in each of the target fields."""
    if targets not in _baselines:
        write_data(work / "baseline", dict.fromkeys(targets, PLAIN))
        _baselines[targets] = render(work / "baseline")
    return _baselines[targets]


# --- The properties ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Drawn:
    """The diagrams of one accepted example, and the labels they must show."""

    sources: tuple[str, ...]
    labels: tuple[tuple[Target, str], ...]


# Every diagram seen is parsed in the browser at the end; drawings are checked for these examples.
COLLECTED: dict[str, tuple[Target, str]] = {}
DRAWN: list[Drawn] = []
PROBLEM_LINE = re.compile(r"^\S+\.yaml:\d+:\d+: .+$")


@pytest.fixture(scope="module")
def work_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("properties")


def check(assignments: Assignments, work: Path) -> Assignments:
    """The property for strings in fields: refused cleanly, or shown as text and nothing more.

    Fields the checker refuses are taken out and the rest tried again; returns what was accepted.
    """
    while assignments:
        data_dir = work / "data"
        files = write_data(data_dir, assignments)
        places = {}
        for target, text in assignments.items():
            loaded = load_text(target.kind, files[target.kind])
            assert _value_at(loaded.data, target.path) == text, "the YAML writer did not round-trip"
            places[(target.kind, *loaded.locations[target.path])] = target
        try:
            site = render(data_dir)
        except DataError as error:
            refused = _assert_clean_error(error, places, files, data_dir)
            assignments = {target: text for target, text in assignments.items() if target not in refused}
            continue
        _assert_shown_as_text(site, assignments, work)
        return assignments
    return {}


def _value_at(data: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _assert_clean_error(
    error: DataError, places: dict[tuple[str, int, int], Target], files: dict[str, bytes], data_dir: Path
) -> set[Target]:
    """Every problem is `file:line:col` with a hint, at one of the values put in; return their fields."""
    refused = set()
    for problem in error.problems:
        assert PROBLEM_LINE.match(str(problem).splitlines()[0]) and problem.hint.strip(), problem
        kind = Path(problem.file).stem
        assert problem.line <= files[kind].count(b"\n") + 1, problem
        target = places.get((kind, problem.line, problem.column))
        assert target is not None, f"a problem not at a value that was put in:\n{problem}\n(values at {places})"
        refused.add(target)
    output = io.StringIO()
    with contextlib.redirect_stderr(output), contextlib.redirect_stdout(output):
        code = cli.main(["--data", str(data_dir), "check"])
    assert code == 1 and "Traceback" not in output.getvalue(), output.getvalue()
    return refused


def _assert_shown_as_text(site: Site, assignments: Assignments, work: Path) -> None:
    plain = baseline(frozenset(assignments), work)
    where = f"with {assignments}"
    found: list[str] = []
    for path, soup in site.html.items():
        assert shape(soup) == shape(plain.html[path]), f"elements or attributes changed on {path} {where}"
        ids = {str(tag["id"]) for tag in soup.find_all(id=True)}
        extra = links(soup) - links(plain.html[path])
        assert all(link.startswith("#") and link[1:] in ids for link in extra), f"new links {extra} on {path} {where}"
        for tag in soup.find_all(True):
            assert not [name for name in tag.attrs if name.lower().startswith("on")], f"{tag} on {path} {where}"
        for abbr in soup.find_all("abbr"):
            # Material builds the tooltip from the title with innerHTML: it must hold no markup.
            title = str(abbr.get("title", ""))
            assert "<" not in title and ">" not in title and html.unescape(title) == title, f"{abbr} {where}"
        for diagram in diagrams(soup):
            # The page holds the diagram as raw HTML: no `<` or `&` at all, and `>` only in the syntax.
            labels = re.findall(r'"([^"]*)"', diagram)
            assert "<" not in diagram and "&" not in diagram and ">" not in "".join(labels), (
                f"raw HTML characters in a diagram on {path}:\n{diagram}"
            )
            found.append(diagram)
    shown = " ".join(visible_text(soup) for soup in site.html.values())
    for target, text in assignments.items():
        if target.shown:
            assert normalised(text) in shown, f"{target} = {text!r} is not shown as text"
    for title in site.titles:
        assert "<" not in title and ">" not in title and html.unescape(title) == title, f"markup in title {title!r}"
    labels = tuple((target, text) for target, text in assignments.items() if target in DIAGRAM_TARGETS)
    for diagram in found:
        COLLECTED.setdefault(diagram, labels[0] if labels else (ALL_TARGETS[0], ""))
    unchanged = {diagram for soup in plain.html.values() for diagram in diagrams(soup)}
    changed = tuple(dict.fromkeys(diagram for diagram in found if diagram not in unchanged))
    if labels and changed:
        DRAWN.append(Drawn(changed, labels))


@settings(PROFILE)
@given(target=st.sampled_from(DIAGRAM_TARGETS), text=TEXTS)
def test_any_text_in_a_diagram_field_is_refused_or_shown_as_text(target: Target, text: str, work_dir: Path) -> None:
    check({target: text}, work_dir)


@settings(PROFILE)
@given(target=st.sampled_from(OTHER_TARGETS), text=TEXTS)
def test_any_text_in_any_other_text_field_is_refused_or_shown_as_text(
    target: Target, text: str, work_dir: Path
) -> None:
    check({target: text}, work_dir)


_fixed_run: list[Assignments] = []


def run_fixed_corpus(work: Path) -> list[Assignments]:
    """Every hostile piece, inside ordinary words, in every field: one rotation of pieces over fields per run."""
    if not _fixed_run:
        count = len(HOSTILE_PIECES)
        for turn in range(count):
            assignments = {
                target: f"Before {HOSTILE_PIECES[(index + turn) % count]} after"
                for index, target in enumerate(ALL_TARGETS)
            }
            _fixed_run.append(check(assignments, work))
    return _fixed_run


def test_every_hostile_piece_in_every_field_is_refused_or_shown_as_text(work_dir: Path) -> None:
    accepted = run_fixed_corpus(work_dir)
    pairs = sum(len(run) for run in accepted)
    # Most pieces are fine as text in most fields; markup is refused only where the theme would use it.
    assert pairs > len(HOSTILE_PIECES) * len(ALL_TARGETS) // 2, pairs


# --- The diagrams, in the real Mermaid --------------------------------------------------------


BROWSER_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def mermaid_page(chromium_path: str, playwright_instance: Any) -> Iterator[Any]:
    """A blank page in headless Chromium with the site's Mermaid, set up as mkdocs.yml sets it up."""
    plugins = mkdocs_config()["plugins"]
    plugin = next(entry["mermaid2"] for entry in plugins if isinstance(entry, dict) and "mermaid2" in entry)
    arguments = {**plugin.get("arguments", {}), "startOnLoad": False}
    assert arguments.get("securityLevel") == "strict"
    browser = playwright_instance.chromium.launch(executable_path=chromium_path, args=BROWSER_ARGS)
    try:
        page = browser.new_page()
        page.route("**/*", lambda route: route.abort())  # the page makes no request
        page.set_content("<!doctype html><html><body></body></html>")
        page.add_script_tag(content=MERMAID_JS.read_text(encoding="utf-8"))
        page.evaluate("(arguments) => mermaid.initialize(arguments)", arguments)
        yield page
    finally:
        browser.close()


PARSE_ALL = """async (sources) => {
  const failures = [];
  for (const [index, source] of sources.entries()) {
    try { await mermaid.parse(source); } catch (error) { failures.push([index, String(error.message || error)]); }
  }
  return failures;
}"""

RENDER_ALL = """async (sources) => {
  const results = [];
  for (const [index, source] of sources.entries()) {
    try {
      const { svg } = await mermaid.render(`check${index}`, source);
      const holder = document.createElement("div");
      holder.innerHTML = svg;
      results.push({ svg: new XMLSerializer().serializeToString(holder.firstElementChild) });
    } catch (error) {
      results.push({ error: String(error.message || error) });
    }
  }
  return results;
}"""

# What a reader's browser makes of each drawing as the site inlines it (after generator.diagrams.clean_svg).
INSPECT_ALL = """(drawings) => drawings.map((svg) => {
  const holder = document.createElement("div");
  holder.innerHTML = svg;
  for (const style of holder.querySelectorAll("style")) style.remove();
  const elements = [...holder.querySelectorAll("*")];
  return {
    text: holder.textContent,
    tags: [...new Set(elements.map((element) => element.localName.toLowerCase()))],
    attributes: [...new Set(elements.flatMap((element) => [...element.attributes].map((a) => a.name)))],
    links: elements.flatMap((element) => ["href", "xlink:href", "src"].map((name) => element.getAttribute(name)))
      .filter((value) => value),
    scripts: holder.querySelectorAll("script").length,
  };
})"""

# Drawing is slower than parsing: the fixed corpus and the first property examples are drawn.
MAX_DRAWN_EXAMPLES = 150

# What a drawing of the site's diagrams is made of; anything else came from a label.
SVG_TAGS = {
    "svg", "g", "defs", "marker", "path", "polygon", "circle", "ellipse", "rect", "line", "polyline",
    "text", "tspan", "foreignobject", "div", "span", "p", "filter", "fedropshadow", "title", "desc", "br",
}


def test_every_diagram_seen_parses_in_mermaid(mermaid_page: Any, work_dir: Path) -> None:
    run_fixed_corpus(work_dir)  # so the hostile pieces are always in, even when run on its own
    sources = sorted(COLLECTED)
    failures = mermaid_page.evaluate(PARSE_ALL, sources)
    report = [f"{COLLECTED[sources[index]]}: {message}\n{sources[index]}" for index, message in failures]
    assert len(sources) > 100
    assert not report, f"{len(report)} of {len(sources)} diagrams do not parse:\n\n" + "\n\n".join(report[:5])


def test_hostile_labels_are_drawn_as_text_and_nothing_else(mermaid_page: Any, work_dir: Path) -> None:
    run_fixed_corpus(work_dir)
    drawn = DRAWN[:MAX_DRAWN_EXAMPLES]
    sources = sorted({source for example in drawn for source in example.sources})
    drawings = mermaid_page.evaluate(RENDER_ALL, sources)
    for source, drawing in zip(sources, drawings, strict=True):
        assert "error" not in drawing, f"{drawing.get('error')}:\n{source}"
    # The SVG as the build inlines it: drawn by Mermaid, then through the site's allow-list.
    inlined = [clean_svg(drawing["svg"], "diagram-check") for drawing in drawings]
    results = dict(zip(sources, mermaid_page.evaluate(INSPECT_ALL, inlined), strict=True))
    for source, result in results.items():
        assert result["scripts"] == 0, source
        assert set(result["tags"]) <= SVG_TAGS, f"elements {set(result['tags']) - SVG_TAGS} drawn from:\n{source}"
        assert not [name for name in result["attributes"] if name.lower().startswith("on")], source
        assert not [link for link in result["links"] if not link.startswith("#")], f"a link drawn from:\n{source}"
    for example in drawn:
        text = "".join(results[source]["text"] for source in example.sources).replace("\u2060", "")
        for target, label in example.labels:
            assert "".join(label.split()) in "".join(text.split()), f"{target} = {label!r} is not drawn as text"
