"""Performance benchmarks for the generator and the site (issue 8); prints one report.

    python benchmarks/run.py                  # everything, on data/ and ../shared
    python benchmarks/run.py --quick          # fewer repetitions, one build each
    python benchmarks/run.py --build-scales 1 # MkDocs timed on the real data only (10x builds take minutes)

What it measures, each as the median of several runs:

- generator time (load + validate + render every page, as `python -m generator generate` does,
  without writing) with and without the archive quote check, on the real data and on synthetic
  data scaled 10x and 100x (every item replicated with renamed ids, references kept consistent,
  every source given its own copy of its archived text so every quote still verifies);
- bare YAML parsing of the same files (`yaml.load` with libyaml's CSafeLoader);
- a full `mkdocs build` and a plain `mkdocs build` of the same pages already generated (a copy of
  the project with the generated Markdown in docs/ and the hook removed; same theme and plugins);
- page weight in headless Chromium, served from 127.0.0.1: bytes transferred per page, whether
  pages without diagrams download Mermaid, and how long the heaviest diagram page takes to draw;
- how many rebuilds one edit to a data file causes under `mkdocs serve`;
- how long `python -m generator check` takes to refuse each bad input in tests/bad_inputs/ and a
  10 MB string (issue 6: within 2 s each).

It exits 0 when it ran (a missed target is a finding, not a failure) and non-zero if it crashed.
"""

from __future__ import annotations

import argparse
import contextlib
import copy as copy_module
import functools
import http.server
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as `python benchmarks/run.py` without installing the package
    sys.path.insert(0, str(ROOT))

from generator.model import BY_NAME, DATA_FILES  # noqa: E402  (after the sys.path line above)
from generator.model.references import references_in  # noqa: E402

KINDS = tuple(DATA_FILES)
# Eras are the five moments the structure diagrams draw: they are not replicated.
SCALED_KINDS = tuple(kind for kind in KINDS if kind != "eras")
CHROMIUM = "/usr/bin/chromium"
# The generator refuses data files over 2 MB (a paste mistake); synthetic 100x files are bigger.
BIG_LIMIT = 1_000_000_000
# Runs MkDocs with the file-size limit lifted; used for every build, full and plain, so both pay the same.
MKDOCS = (
    f"import sys, generator.load; generator.load.MAX_FILE_BYTES = {BIG_LIMIT}; "
    "from mkdocs.__main__ import cli; sys.argv[0] = 'mkdocs'; cli()"
)
TARGET_GROWTH = 12.0
TARGET_GENERATOR_TO_YAML = 3.0
TARGET_FULL_TO_PLAIN = 1.15


# ---------------------------------------------------------------------------------------------
# Synthetic data


def _renamed(value: str, copy: int) -> str:
    return value if copy == 0 else f"{value}-x{copy}"


def _abbreviation(abbr: str, copy: int) -> str:
    suffix = "" if copy == 0 else str(copy)
    return abbr[: 20 - len(suffix)] + suffix


def _archive_copy(archive: str, copy: int) -> str:
    """Where a copy's archived text lives: beside the original, as the checker allows (seeds/ or sources/)."""
    folder, _, name = archive.rpartition("/")
    return archive if copy == 0 else f"{folder}/x{copy}-{name}"


def _references(kind: str, item: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str]]:
    """(path, id) of every reference in an item, found from the schema's reference marks."""
    model = BY_NAME[kind].item_model.model_validate(item, by_alias=True)
    return [(path, value) for path, value, _ in references_in(model)]


def _replicate(
    kind: str, item: dict[str, Any], references: list[tuple[tuple[str | int, ...], str]], copy: int
) -> dict[str, Any]:
    """One copy of an item: its id and every id it refers to get the copy's suffix; an abbreviation and
    an archived text get their own too, as both must be unique."""
    new: dict[str, Any] = copy_module.deepcopy(item)
    if copy == 0:
        return new
    for path, value in references:
        *parents, last = path
        node: Any = new
        for part in parents:
            node = node[part]
        node[last] = _renamed(value, copy)
    if "id" in new:
        new["id"] = _renamed(new["id"], copy)
    if kind == "sources":
        new["archive"] = _archive_copy(new["archive"], copy)
    if kind == "terms" and new.get("abbr"):
        new["abbr"] = _abbreviation(new["abbr"], copy)
    return new


def read_data(data_dir: Path) -> dict[str, list[dict[str, Any]]]:
    """Every data file's items, read the way the generator reads them (dates stay text)."""
    from generator.load import load_file

    items: dict[str, list[dict[str, Any]]] = {}
    for kind in KINDS:
        items[kind] = load_file(data_dir / f"{kind}.yaml", f"{kind}.yaml").data[kind]
    return items


def write_data(items: dict[str, list[dict[str, Any]]], data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    for kind in KINDS:
        text = yaml.dump(
            {kind: items[kind]}, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True, width=100
        )
        (data_dir / f"{kind}.yaml").write_text(text, encoding="utf-8")


def synthesise(items: dict[str, list[dict[str, Any]]], factor: int) -> dict[str, list[dict[str, Any]]]:
    """The data `factor` times over: copy 0 is the real data, copy n has ids ending `-xn`."""
    references = {kind: [_references(kind, item) for item in items[kind]] for kind in KINDS}
    return {
        kind: [
            _replicate(kind, item, found, copy)
            for copy in range(factor if kind in SCALED_KINDS else 1)
            for item, found in zip(items[kind], references[kind], strict=True)
        ]
        for kind in KINDS
    }


def quote_archive(items: dict[str, list[dict[str, Any]]], archive_dir: Path) -> None:
    """An archive made of the quotes themselves, for when the real archive is not at hand."""
    quotes: dict[str, list[str]] = {source["id"]: [] for source in items["sources"]}

    def collect(value: Any) -> None:
        if isinstance(value, dict):
            if "source" in value and "quote" in value and value["source"] in quotes:
                quotes[value["source"]].append(value["quote"])
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    collect({kind: items[kind] for kind in KINDS})
    for source in items["sources"]:
        path = archive_dir / source["archive"]
        path.parent.mkdir(parents=True, exist_ok=True)
        body = "\n\n".join(quotes[source["id"]]) or "No quotes."
        path.write_text(f"url: synthetic\n---\n{body}\n", encoding="utf-8")


def replicate_archive(base: Path, items: dict[str, list[dict[str, Any]]], factor: int, archive_dir: Path) -> None:
    """Every synthetic source's archived text: a copy (hard link when possible) of the original's."""
    for source in items["sources"]:
        original = base / source["archive"]
        if not original.is_file():
            continue
        for copy in range(factor):
            target = archive_dir / _archive_copy(source["archive"], copy)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(original, target)
            except OSError:
                shutil.copyfile(original, target)


def count_items(items: dict[str, list[dict[str, Any]]]) -> tuple[int, int]:
    """(items, quotes) in a data set."""
    quotes = 0

    def walk(value: Any) -> None:
        nonlocal quotes
        if isinstance(value, dict):
            quotes += "quote" in value and "source" in value
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(items)
    return sum(len(items[kind]) for kind in KINDS), quotes


# ---------------------------------------------------------------------------------------------
# Timing


def cold_caches() -> None:
    """Empty the generator's memo caches, so each timed run starts as `python -m generator` does."""
    for name, module in list(sys.modules.items()):
        if name == "generator" or name.startswith("generator."):
            for value in list(vars(module).values()):
                clear = getattr(value, "cache_clear", None)
                if callable(clear):
                    clear()


def interleaved_medians(actions: list[Callable[[], object]], repeat: int) -> list[float]:
    """Median seconds of each action; the actions take turns, so a busy machine slows them alike."""
    times: list[list[float]] = [[] for _ in actions]
    for _ in range(repeat):
        for index, action in enumerate(actions):
            cold_caches()
            start = time.perf_counter()
            action()
            times[index].append(time.perf_counter() - start)
    return [statistics.median(runs) for runs in times]


def parse_yaml(data_dir: Path) -> None:
    for kind in KINDS:
        yaml.load((data_dir / f"{kind}.yaml").read_bytes(), Loader=yaml.CSafeLoader)


def generate(data_dir: Path, archive_dir: Path | None = None) -> int:
    """What `python -m generator generate` does, short of writing: load, validate, render every page."""
    from generator.pages import render_site
    from generator.validate import build_model

    return len(render_site(build_model(data_dir, archive_dir)))


# What a copy of the project leaves out: history, outputs, caches, tests, and the data (replaced).
_NOT_COPIED = shutil.ignore_patterns(
    ".git", ".hypothesis", ".*_cache", "__pycache__", "*.egg-info", ".benchmarks", "benchmarks", "tests",
    "site", "generated", ".generated-*", "node_modules",
)


def project_copy(target: Path, data_dir: Path) -> Path:
    """A copy of the project (config, hand-written pages, theme overrides, generator) with `data_dir` as its data."""
    shutil.copytree(ROOT, target, ignore=lambda folder, names: (
        _NOT_COPIED(folder, names) | ({"data"} if Path(folder) == ROOT else set())
    ))
    shutil.copytree(data_dir, target / "data")
    return target


def plain_project(full: Path, target: Path) -> Path:
    """The same site as `full` with the generated pages written into docs/ and the hook removed."""
    from generator.load import MAX_FILE_BYTES  # noqa: F401  (the limit is lifted by the caller)
    from generator.mkdocs_hook import git_history
    from generator.pages import ABBREVIATIONS_PATH, navigation, render_history_pages, render_site
    from generator.render.downloads import render_downloads
    from generator.validate import build_model

    model = build_model(full / "data")
    pages = render_site(model)
    pages.update(render_history_pages(model, git_history(full)))
    # Everything but the data, which the plain build does not read.
    shutil.copytree(full, target, ignore=lambda folder, names: {"data"} if Path(folder) == full else set())
    hand_written = sorted(path.relative_to(target / "docs").as_posix() for path in (target / "docs").rglob("*.md"))
    for path, page in pages.items():
        destination = target / ("generated" if path == ABBREVIATIONS_PATH else "docs") / path
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(page.content, encoding="utf-8")
    for path, content in render_downloads(model).items():
        destination = target / "docs" / path
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(content, encoding="utf-8")
    config = (full / "mkdocs.yml").read_text(encoding="utf-8")
    config, removed = re.subn(r"^hooks:\n(?:[ \t]+- .*\n)+", "", config, flags=re.MULTILINE)
    assert removed == 1, "mkdocs.yml has no hooks: block to remove"
    nav = navigation(model, pages, hand_written)
    config += "\n" + yaml.safe_dump({"nav": nav}, sort_keys=False, allow_unicode=True)
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    return target


def mkdocs_environment() -> dict[str, str]:
    # Copies of the project share the real project's diagram cache, so their builds are warm.
    cache = os.environ.get("NHS_EXPLAINER_DIAGRAM_CACHE") or str(ROOT / ".cache" / "diagrams")
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1",
            "NHS_EXPLAINER_DIAGRAM_CACHE": cache}


# ---------------------------------------------------------------------------------------------
# Diagrams drawn at build time (issue 12)


@dataclass
class DiagramBuild:
    name: str
    wall_s: float
    cpu_s: float  # the build and every process it started (the drawing workers)


@dataclass
class DiagramReport:
    builds: list[DiagramBuild]
    heaviest_before: tuple[str, int]  # page, gzip bytes of everything a first visit loads
    heaviest_after: tuple[str, int]
    pages_with_diagrams: int
    drawn_without_javascript: int


def timed_build(project: Path, site_dir: Path, environment: dict[str, str], timeout: float) -> DiagramBuild:
    import resource

    shutil.rmtree(site_dir, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_dir)],
        cwd=project, capture_output=True, text=True, env=environment, timeout=timeout,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise RuntimeError(f"mkdocs build failed in {project}:\n{result.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return DiagramBuild("", wall, cpu)


def first_visit_gzip(site_dir: Path, page: Path) -> int:
    """Gzip bytes of a page and every file a first visit loads: styles, scripts, the search index."""
    import gzip

    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    files = {page}
    for tag, attribute in (("script", "src"), ("link", "href")):
        for element in soup.find_all(tag):
            target = str(element.get(attribute) or "")
            if not target or "://" in target or (tag == "link" and "stylesheet" not in (element.get("rel") or [])):
                continue
            files.add((page.parent / target.split("?")[0]).resolve())
    # Material's search loads its index and worker on the first visit of any page.
    files |= {site_dir / "search" / "search_index.json", *site_dir.glob("assets/javascripts/workers/search.*.min.js")}
    return sum(len(gzip.compress(path.read_bytes(), 9)) for path in files if path.is_file())


def heaviest_diagram_page(site_dir: Path) -> tuple[str, int]:
    pages = [page for page in html_pages(site_dir) if 'class="diagram-svg"' in (text := page.read_text("utf-8"))
             or '<pre class="mermaid">' in text]
    weights = {page.relative_to(site_dir).as_posix(): first_visit_gzip(site_dir, page) for page in pages}
    return max(weights.items(), key=lambda item: item[1])


def measure_diagrams(work: Path, data_dir: Path, timeout: float, repeat: int) -> DiagramReport:
    """Today's build (diagrams left to the browser), a cold build (empty drawing cache), warm builds."""
    project = project_copy(work / "project-diagrams", data_dir)
    cache = work / "diagram-cache"
    environment = {**mkdocs_environment(), "NHS_EXPLAINER_DIAGRAM_CACHE": str(cache)}
    builds = []
    for _ in range(repeat):
        builds.append(timed_build(project, work / "site-before", {**environment, "NHS_EXPLAINER_DRAW_DIAGRAMS": "0"},
                                  timeout))
        builds[-1].name = "without drawing (before issue 12)"
    shutil.rmtree(cache, ignore_errors=True)
    builds.append(timed_build(project, work / "site-cold", environment, timeout))
    builds[-1].name = "cold: every diagram drawn"
    for _ in range(repeat):
        builds.append(timed_build(project, work / "site-warm", environment, timeout))
        builds[-1].name = "warm: drawings from the cache"
    site = work / "site-warm"
    with_diagrams = [page for page in html_pages(site) if 'class="diagram-svg"' in page.read_text("utf-8")]
    without_js = [page for page in with_diagrams if '<pre class="mermaid">' not in page.read_text("utf-8")]
    return DiagramReport(builds, heaviest_diagram_page(work / "site-before"), heaviest_diagram_page(site),
                         len(with_diagrams), len(without_js))


def print_diagram_report(report: DiagramReport) -> None:
    print("\n== diagrams drawn at build time (issue 12)")
    before = min(build.cpu_s for build in report.builds if build.name.startswith("without"))
    before_wall = min(build.wall_s for build in report.builds if build.name.startswith("without"))
    print(table(["build", "wall", "CPU (all processes)", "CPU against before"],
                [[build.name, ms(build.wall_s), ms(build.cpu_s), ratio(build.cpu_s / before)]
                 for build in report.builds]))
    cold = next(build for build in report.builds if build.name.startswith("cold"))
    warm = min(build.cpu_s for build in report.builds if build.name.startswith("warm"))
    warm_wall = min(build.wall_s for build in report.builds if build.name.startswith("warm"))
    checks = [
        ("heaviest diagram page, first visit, gzip <= 300 KB", report.heaviest_after[1] <= 300 * 1024,
         f"{report.heaviest_after[0]}: {report.heaviest_after[1] / 1024:,.0f} KiB "
         f"(before: {report.heaviest_before[0]}: {report.heaviest_before[1] / 1024:,.0f} KiB)"),
        ("diagram pages drawn without JavaScript: all", report.drawn_without_javascript == report.pages_with_diagrams,
         f"{report.drawn_without_javascript} of {report.pages_with_diagrams}"),
        ("cold build <= 3x before (CPU)", cold.cpu_s <= 3 * before, f"{cold.cpu_s / before:.1f}x CPU, "
         f"{cold.wall_s / before_wall:.1f}x wall on {os.cpu_count()} CPUs"),
        ("warm build <= 1.2x before (CPU)", warm <= 1.2 * before, f"{warm / before:.2f}x CPU, "
         f"{warm_wall / before_wall:.2f}x wall"),
    ]
    for name, ok, detail in checks:
        print(f"  {verdict(ok)} {name}: {detail}")


def mkdocs_build(project: Path, site_dir: Path, timeout: float) -> float:
    """Seconds for one `mkdocs build` of `project` (a new process, as a contributor runs it)."""
    shutil.rmtree(site_dir, ignore_errors=True)
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", MKDOCS, "build", "--site-dir", str(site_dir)],
        cwd=project, capture_output=True, text=True, env=mkdocs_environment(), timeout=timeout,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"mkdocs build failed in {project}:\n{result.stderr[-3000:]}")
    return elapsed


def html_pages(site_dir: Path) -> list[Path]:
    return sorted(path for path in site_dir.rglob("*.html"))


# ---------------------------------------------------------------------------------------------
# Page weight in Chromium


@contextlib.contextmanager
def serving(directory: Path) -> Iterator[str]:
    """A static server for `directory` on 127.0.0.1; yields its base URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class PageWeight:
    path: str
    bytes: int
    requests: int
    diagrams: int
    mermaid_downloaded: bool


@dataclass
class BrowserReport:
    pages: list[PageWeight] = field(default_factory=list)
    diagram_page: str = ""
    diagram_count: int = 0
    svg_times_ms: list[float] = field(default_factory=list)
    skipped: str = ""


def url_of(site_dir: Path, page: Path) -> str:
    relative = page.relative_to(site_dir).as_posix()
    return relative.removesuffix("index.html")


# Material draws each diagram into a closed shadow root; opening it lets the test see the SVG.
OPEN_SHADOW_ROOTS = """{
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (options) { return attach.call(this, {...options, mode: 'open'}); };
}"""
ALL_SVG = """() => {
  const diagrams = [...document.querySelectorAll('.mermaid, .diagram-svg')];  // drawn in the browser or at build
  const drawn = diagrams.every(d => (d.shadowRoot && d.shadowRoot.querySelector('svg')) || d.querySelector('svg'));
  return diagrams.length > 0 && drawn ? performance.now() : null;
}"""


def measure_pages(site_dir: Path, repeat: int) -> BrowserReport:
    report = BrowserReport()
    if not Path(CHROMIUM).exists():
        report.skipped = f"{CHROMIUM} not found (apt-get install chromium)"
        return report
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        report.skipped = "the playwright package is not installed (pip install -e '.[test]')"
        return report
    with serving(site_dir) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        try:
            context = browser.new_context()
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
            sizes: dict[str, int] = {}
            urls: dict[str, str] = {}
            cdp.on("Network.requestWillBeSent", lambda event: urls.__setitem__(event["requestId"], event["request"]["url"]))
            cdp.on("Network.loadingFinished", lambda event: sizes.__setitem__(event["requestId"], event["encodedDataLength"]))
            for html in html_pages(site_dir):
                sizes.clear()
                urls.clear()
                page.goto(base + url_of(site_dir, html), wait_until="networkidle")
                page.wait_for_timeout(50)
                diagrams = page.locator(".mermaid, .diagram-svg").count()
                mermaid = any(url.endswith("mermaid.min.js") for url in urls.values())
                report.pages.append(
                    PageWeight(url_of(site_dir, html) or "/", sum(sizes.values()), len(sizes), diagrams, mermaid)
                )
            context.close()
            with_diagrams = [weight for weight in report.pages if weight.diagrams]
            if with_diagrams:
                heaviest = max(with_diagrams, key=lambda weight: (weight.bytes, weight.diagrams))
                report.diagram_page, report.diagram_count = heaviest.path, heaviest.diagrams
                for _ in range(repeat):
                    context = browser.new_context()  # a cold cache each time
                    context.add_init_script(OPEN_SHADOW_ROOTS)
                    page = context.new_page()
                    page.goto(base + heaviest.path.lstrip("/"), wait_until="commit")
                    drawn = page.wait_for_function(ALL_SVG, polling="raf", timeout=60_000)
                    report.svg_times_ms.append(float(drawn.json_value()))
                    context.close()
        finally:
            browser.close()
    return report


# ---------------------------------------------------------------------------------------------
# mkdocs serve


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve_rebuilds(project: Path, settle: float) -> list[tuple[str, int]]:
    """Rebuilds logged by `mkdocs serve` after each of two edits to one data file."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=mkdocs_environment(),
    )
    lines: list[str] = []
    assert process.stdout is not None
    stream = process.stdout
    reader = threading.Thread(target=lambda: lines.extend(iter(stream.readline, "")), daemon=True)
    reader.start()
    results = []
    try:
        deadline = time.monotonic() + 600
        while not any("Serving on" in line for line in lines):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("mkdocs serve did not start:\n" + "".join(lines[-30:]))
            time.sleep(0.1)
        time.sleep(1.0)
        terms = project / "data" / "terms.yaml"
        edits: list[tuple[str, Callable[[], None]]] = [
            ("comment appended to data/terms.yaml", lambda: _append_comment(terms)),
            ("a term's status note changed (pages change)", lambda: _edit_status_note(terms)),
        ]
        for description, edit in edits:
            before = len(lines)
            edit()
            time.sleep(settle)
            # Wait for a rebuild still in progress to finish before counting.
            while sum("Building documentation" in line for line in lines[before:]) > sum(
                "Serving on" in line or "Reloading browsers" in line for line in lines[before:]
            ) and time.monotonic() < deadline:
                time.sleep(0.2)
            results.append((description, sum("Building documentation" in line for line in lines[before:])))
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return results


def _append_comment(terms: Path) -> None:
    terms.write_text(terms.read_text(encoding="utf-8") + "# edited by the benchmark\n", encoding="utf-8")


def _edit_status_note(terms: Path) -> None:
    """Change what the first term's status note says, rewriting the file in one write."""
    from generator.load import load_file

    data = load_file(terms, "terms.yaml").data
    first = data["terms"][0]
    first["status_note"] = (first.get("status_note") or "Status") + " Edited by the benchmark."
    terms.write_text(yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True), encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Report


@dataclass
class ScaleResult:
    name: str
    items: int
    quotes: int
    pages: int
    yaml_s: float
    generator_s: float
    generator_archive_s: float
    full_s: float | None = None
    plain_s: float | None = None
    note: str = ""

    @property
    def generator_to_yaml(self) -> float:
        return self.generator_s / self.yaml_s

    @property
    def full_to_plain(self) -> float | None:
        return None if self.full_s is None or self.plain_s is None else self.full_s / self.plain_s


def table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(headers[i]), *(len(row[i]) for row in rows)) for i in range(len(headers))]
    line = "  ".join(header.ljust(width) for header, width in zip(headers, widths, strict=True))
    out = [line, "  ".join("-" * width for width in widths)]
    out.extend("  ".join(cell.rjust(width) if index else cell.ljust(width)
                         for index, (cell, width) in enumerate(zip(row, widths, strict=True))) for row in rows)
    return "\n".join(out)


def ms(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds * 1000:,.0f} ms"


def ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}x"


def verdict(ok: bool | None) -> str:
    return "n/a " if ok is None else ("PASS" if ok else "MISS")


BAD_INPUTS = ROOT / "tests" / "bad_inputs"
FIXTURE = ROOT / "tests" / "fixtures"
TARGET_BAD_INPUT_SECONDS = 2.0


def bad_input_cases() -> list[tuple[str, dict[str, bytes]]]:
    """The test corpus of bad inputs (files replacing the fixture's), plus one 10 MB string."""
    cases = [
        (case.name, {path.name: path.read_bytes() for path in sorted(case.glob("*.yaml"))})
        for case in sorted(BAD_INPUTS.iterdir())
        if case.is_dir()
    ]
    cases.append(("ten-megabyte-string", {"terms.yaml": b"terms:\n  - id: ccg\n    name: " + b"x" * 10_000_000 + b"\n"}))
    return cases


def time_bad_inputs(work: Path) -> list[tuple[str, float, int]]:
    """Seconds for `python -m generator check` to refuse each bad input, as a contributor runs it."""
    timings = []
    for name, replacements in bad_input_cases():
        folder = work / "bad" / name
        shutil.copytree(FIXTURE / "data", folder / "data")
        for file_name, content in replacements.items():
            (folder / "data" / file_name).write_bytes(content)
        # As tests/test_bad_inputs.py does: a case's own archive files replace the fixture archive's.
        shutil.copytree(FIXTURE / "archive", folder / "archive")
        if (BAD_INPUTS / name / "archive").is_dir():
            shutil.copytree(BAD_INPUTS / name / "archive", folder / "archive", dirs_exist_ok=True)
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "generator", "--data", "data", "check", "--archive", "archive"],
            cwd=folder, capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        timings.append((name, time.perf_counter() - start, result.returncode))
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="data folder (default: data/)")
    parser.add_argument("--archive", type=Path, default=ROOT.parent / "shared",
                        help="archive of source texts (default: ../shared; quotes are used if it is missing)")
    parser.add_argument("--scales", default="1,10,100", help="data sizes to time (default: 1,10,100)")
    parser.add_argument("--repeat", type=int, default=7, help="runs per generator timing (default: 7)")
    parser.add_argument("--build-repeat", type=int, default=3, help="runs per mkdocs build (default: 3; 1 at 100x)")
    parser.add_argument("--build-timeout", type=float, default=900, help="seconds before a build is abandoned")
    parser.add_argument("--quick", action="store_true", help="3 runs per timing, one build each")
    parser.add_argument("--build-scales", default="1,10",
                        help="data sizes to time MkDocs builds on (default: 1,10; 100 is very slow: every page "
                             "carries the whole navigation)")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium page-weight measurements")
    parser.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve rebuild count")
    parser.add_argument("--no-bad-inputs", action="store_true", help="skip timing the checker on the bad-input corpus")
    parser.add_argument("--diagrams-only", action="store_true",
                        help="only the issue 12 figures: builds with and without drawing, cold and warm, page weight")
    parser.add_argument("--icb-only", action="store_true",
                        help="only compare the real data with and without the ICB directory (data/icbs.yaml, data/areas.yaml)")
    arguments = parser.parse_args(argv)
    if arguments.quick:
        arguments.repeat, arguments.build_repeat = 3, 1
    scales = [int(scale) for scale in arguments.scales.split(",")]
    build_scales = {int(scale) for scale in arguments.build_scales.split(",")}

    if arguments.diagrams_only:
        with tempfile.TemporaryDirectory(prefix="nhs-benchmark-") as temporary:
            print_diagram_report(measure_diagrams(Path(temporary), arguments.data, arguments.build_timeout,
                                                  arguments.build_repeat))
        return 0

    import generator.load

    generator.load.MAX_FILE_BYTES = BIG_LIMIT  # synthetic files pass 2 MB; the real data does not
    started = time.perf_counter()
    print(f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, "
          f"{os.cpu_count()} CPUs; {platform.processor() or _cpu_model()}")
    from generator.errors import DataError

    try:
        real = read_data(arguments.data)
        generate(arguments.data)
    except DataError as error:
        print(f"The data in {arguments.data} does not pass the checker, so it cannot be timed:\n{error}", file=sys.stderr)
        return 2
    if arguments.icb_only:
        with tempfile.TemporaryDirectory(prefix="nhs-benchmark-") as temporary:
            print(icb_directory_report(arguments.data, Path(temporary), arguments.repeat, arguments.build_repeat,
                                       arguments.build_timeout))
        return 0
    results: list[ScaleResult] = []
    browser: BrowserReport | None = None
    serve: list[tuple[str, int]] | None = None
    with tempfile.TemporaryDirectory(prefix="nhs-benchmark-") as temporary:
        work = Path(temporary)
        base_archive = arguments.archive
        archive_note = f"real archive {arguments.archive}"
        try:
            if not base_archive.is_dir():
                raise FileNotFoundError(base_archive)
            generate(arguments.data, base_archive)
        except Exception as error:  # a missing archive or a quote it lacks: verify against the quotes instead
            base_archive = work / "quote-archive"
            quote_archive(real, base_archive)
            archive_note = f"archive built from the quotes ({type(error).__name__} with {arguments.archive})"
        for factor in scales:
            name = "real data" if factor == 1 else f"{factor}x synthetic"
            print(f"\n== {name}", flush=True)
            items = synthesise(real, factor)
            data_dir = arguments.data if factor == 1 else work / f"data-{factor}"
            archive_dir = base_archive if factor == 1 else work / f"archive-{factor}"
            if factor != 1:
                write_data(items, data_dir)
                replicate_archive(base_archive, items, factor, archive_dir)
            count, quotes = count_items(items)
            pages = generate(data_dir, archive_dir)  # also warms caches and imports
            repeat = max(3, arguments.repeat // (3 if factor >= 100 else 1))
            yaml_s, generator_s, archive_s = interleaved_medians(
                [
                    functools.partial(parse_yaml, data_dir),
                    functools.partial(generate, data_dir),
                    functools.partial(generate, data_dir, archive_dir),
                ],
                repeat,
            )
            result = ScaleResult(name, count, quotes, pages, yaml_s, generator_s, archive_s)
            print(f"   {count} items, {quotes} quotes, {pages} pages; YAML {ms(result.yaml_s)}, "
                  f"generator {ms(result.generator_s)}, with archive {ms(result.generator_archive_s)}", flush=True)
            if factor not in build_scales:
                result.note = f"MkDocs builds of the {pages:,} pages not timed (see --build-scales)"
            else:
                project = project_copy(work / f"project-{factor}", data_dir)
                plain = plain_project(project, work / f"plain-{factor}")
                builds = 1 if factor >= 100 else arguments.build_repeat
                try:
                    full_times, plain_times = [], []
                    for _ in range(builds):  # interleaved, so drift in the machine's speed hits both
                        full_times.append(mkdocs_build(project, work / f"site-{factor}", arguments.build_timeout))
                        plain_times.append(mkdocs_build(plain, work / f"plain-site-{factor}", arguments.build_timeout))
                    result.full_s, result.plain_s = statistics.median(full_times), statistics.median(plain_times)
                    full_pages = len(html_pages(work / f"site-{factor}"))
                    plain_pages = len(html_pages(work / f"plain-site-{factor}"))
                    if full_pages != plain_pages:
                        result.note = f"page counts differ: full {full_pages}, plain {plain_pages}"
                    print(f"   full build {ms(result.full_s)}, plain build {ms(result.plain_s)} "
                          f"({full_pages} HTML pages)", flush=True)
                except subprocess.TimeoutExpired:
                    result.note = f"MkDocs build over {arguments.build_timeout:.0f} s: abandoned"
                if factor == 1 and not arguments.no_serve:
                    print("   mkdocs serve: editing a data file...", flush=True)
                    serve = serve_rebuilds(project_copy(work / "serve", arguments.data), settle=5.0)
            results.append(result)
        if 1 in scales and not arguments.no_browser and (work / "site-1").is_dir():
            print("\n== page weight in Chromium", flush=True)
            browser = measure_pages(work / "site-1", repeat=max(3, min(arguments.repeat, 5)))

        if 1 in build_scales:
            print("\n== the ICB directory: real data with and without it", flush=True)
            print(icb_directory_report(arguments.data, work / "icb", arguments.repeat, arguments.build_repeat,
                                       arguments.build_timeout))

        bad_inputs = None
        if not arguments.no_bad_inputs:
            print("\n== bad inputs: `python -m generator check` on each case", flush=True)
            bad_inputs = time_bad_inputs(work)

    print_report(results, browser, serve, bad_inputs, archive_note, time.perf_counter() - started)
    return 0


ICB_FILES = ("icbs.yaml", "areas.yaml")


def icb_directory_report(data_dir: Path, work: Path, repeat: int, build_repeat: int, timeout: float) -> str:
    """The cost of the ICB directory (about 50 pages): generator and MkDocs build with and without its two files."""
    work.mkdir(parents=True, exist_ok=True)
    without = work / "data-without-icbs"
    shutil.copytree(data_dir, without, ignore=lambda folder, names: set(ICB_FILES) & set(names))
    rows = []
    generator_s = interleaved_medians([lambda: generate(without), lambda: generate(data_dir)], max(3, repeat))
    for label, folder, seconds in (("without", without, generator_s[0]), ("with", data_dir, generator_s[1])):
        project = project_copy(work / f"project-{label}", folder)
        site_dir = work / f"site-{label}"
        builds = [mkdocs_build(project, site_dir, timeout) for _ in range(max(1, build_repeat))]
        pages = html_pages(site_dir)
        weight = sum(path.stat().st_size for path in site_dir.rglob("*") if path.is_file())
        rows.append([label, str(generate(folder)), str(len(pages)), ms(seconds), f"{statistics.median(builds):.1f} s",
                     f"{weight / 1e6:.1f} MB"])
    return table(["ICB directory", "generated pages", "built HTML pages", "generator (median)", "mkdocs build (median)",
                  "site size"], rows)


def _cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return "unknown CPU"


def print_report(
    results: list[ScaleResult],
    browser: BrowserReport | None,
    serve: list[tuple[str, int]] | None,
    bad_inputs: list[tuple[str, float, int]] | None,
    archive_note: str,
    elapsed: float,
) -> None:
    print("\n" + "=" * 100)
    print("TIMINGS (median of several runs; generator = load + validate + render every page, in process;")
    print(f"builds = a new `mkdocs build` process each; quotes verified against: {archive_note})\n")
    rows = [
        [result.name, f"{result.items:,}", f"{result.quotes:,}", f"{result.pages:,}", ms(result.yaml_s),
         ms(result.generator_s), ms(result.generator_archive_s), ratio(result.generator_to_yaml),
         ms(result.full_s), ms(result.plain_s), ratio(result.full_to_plain)]
        for result in results
    ]
    print(table(["data", "items", "quotes", "pages", "YAML parse", "generator", "gen+archive", "gen/YAML",
                 "full build", "plain build", "full/plain"], rows))
    for result in results:
        if result.note:
            print(f"  note ({result.name}): {result.note}")

    by_name = {result.name: result for result in results}
    growth = None
    if "10x synthetic" in by_name and "100x synthetic" in by_name:
        growth = by_name["100x synthetic"].generator_s / by_name["10x synthetic"].generator_s
    growth_archive = None
    if growth is not None:
        growth_archive = by_name["100x synthetic"].generator_archive_s / by_name["10x synthetic"].generator_archive_s
    print(f"\nGrowth, generator 100x / 10x: {ratio(growth)} (with the archive check {ratio(growth_archive)})")

    if browser is not None:
        print("\nPAGE WEIGHT (headless Chromium, cache disabled, served from 127.0.0.1; bytes transferred: HTML and every asset)")
        if browser.skipped:
            print(f"  skipped: {browser.skipped}")
        else:
            heaviest = sorted(browser.pages, key=lambda weight: weight.bytes, reverse=True)[:8]
            print(table(["page", "transferred", "requests", "diagrams", "mermaid.min.js"],
                        [[weight.path, f"{weight.bytes / 1024:,.0f} KiB", str(weight.requests), str(weight.diagrams),
                          "yes" if weight.mermaid_downloaded else "no"] for weight in heaviest]))
            weights = [weight.bytes for weight in browser.pages]
            print(f"  {len(weights)} pages: median {statistics.median(weights) / 1024:,.0f} KiB, "
                  f"lightest {min(weights) / 1024:,.0f} KiB, heaviest {max(weights) / 1024:,.0f} KiB, "
                  f"total {sum(weights) / 1024 / 1024:,.1f} MiB")
            without = [weight for weight in browser.pages if not weight.diagrams]
            leaking = [weight.path for weight in without if weight.mermaid_downloaded]
            print(f"  pages without diagrams: {len(without)}; of those downloading mermaid.min.js: {len(leaking)}"
                  + (f" ({', '.join(leaking[:5])})" if leaking else ""))
            print(f"  pages with diagrams: {len(browser.pages) - len(without)}")
            if browser.svg_times_ms:
                print(f"  all {browser.diagram_count} diagrams on {browser.diagram_page} are SVG "
                      f"{statistics.median(browser.svg_times_ms):,.0f} ms after navigation starts "
                      f"(median of {len(browser.svg_times_ms)} cold loads)")

    if serve is not None:
        print("\nMKDOCS SERVE (rebuilds logged within a few seconds of one edit)")
        for description, count in serve:
            print(f"  {description}: {count} rebuild{'s' if count != 1 else ''}")

    if bad_inputs is not None:
        print("\nBAD INPUTS (a new `python -m generator check` process for each case of tests/bad_inputs/, "
              "and a 10 MB string)")
        slowest = sorted(bad_inputs, key=lambda timing: timing[1], reverse=True)
        print(table(["case", "seconds", "exit code"], [[name, f"{seconds:.2f}", str(code)] for name, seconds, code in slowest[:5]]))
        print(f"  {len(bad_inputs)} cases: median {statistics.median(t for _, t, _ in bad_inputs):.2f} s, "
              f"slowest {slowest[0][1]:.2f} s ({slowest[0][0]})")

    print("\nTARGETS (issues 6 and 8)")
    ratios = [result.generator_to_yaml for result in results]
    builds = [value for value in (result.full_to_plain for result in results) if value is not None]
    checks: list[tuple[str, bool | None, str]] = [
        ("generator 100x within 12x of 10x", None if growth is None else growth <= TARGET_GROWTH, ratio(growth)),
        ("generator at most 3x bare YAML parsing", all(r <= TARGET_GENERATOR_TO_YAML for r in ratios) if ratios else None,
         ", ".join(f"{result.name} {ratio(result.generator_to_yaml)}" for result in results)),
        ("full build at most 1.15x plain MkDocs", all(b <= TARGET_FULL_TO_PLAIN for b in builds) if builds else None,
         ", ".join(f"{result.name} {ratio(result.full_to_plain)}" for result in results if result.full_to_plain)),
        ("one rebuild per edit under mkdocs serve", None if serve is None else all(count == 1 for _, count in serve),
         ", ".join(str(count) for _, count in serve or [])),
    ]
    if bad_inputs is not None:
        checks.append((
            f"every bad input refused (exit 1) within {TARGET_BAD_INPUT_SECONDS:.0f} s",
            all(code == 1 and seconds <= TARGET_BAD_INPUT_SECONDS for _, seconds, code in bad_inputs),
            f"slowest {max(seconds for _, seconds, _ in bad_inputs):.2f} s, exit codes {sorted({code for *_, code in bad_inputs})}",
        ))
    if browser is not None and not browser.skipped:
        loading = [weight for weight in browser.pages if not weight.diagrams and weight.mermaid_downloaded]
        checks.append(("pages without diagrams do not download Mermaid", not loading, f"{len(loading)} do"))
    for description, ok, shown in checks:
        print(f"  {verdict(ok)}  {description}: {shown}")
    print(f"\n(benchmark took {elapsed:,.0f} s)")


if __name__ == "__main__":
    sys.exit(main())
