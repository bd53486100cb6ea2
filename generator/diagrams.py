"""Mermaid diagrams drawn to SVG at build time, so readers get the picture without the Mermaid script.

The generator writes Mermaid source (the one diagram language, tested in the generated Markdown).
During `mkdocs build` the hook swaps each `<pre class="mermaid">` block that the Mermaid fence produces
for an inline SVG drawn by mermaidx: the real Mermaid 11 running in an embedded JavaScript engine, so
no browser and no Node. Drawing is slow (seconds a diagram), so drawings are cached on disk under a
hash of the source, the renderer's version and the configuration, and missing ones are drawn in
parallel processes before MkDocs renders the pages.

Every drawing passes through `clean_svg`: an allow-list of elements and attributes, no script, no
event handler, no link off the page, and ids made unique to the diagram.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import multiprocessing
import os
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

# Bump when clean_svg or the wrapper changes what is stored, so old cache entries are not reused.
PIPELINE_VERSION = "2"

# The Mermaid settings mkdocs.yml gave the browser renderer, plus what makes the output repeatable.
# Labels stay HTML in <foreignObject> (Mermaid's default, as in the browser): with SVG <text> labels
# mermaidx took 31 s of CPU for the 2022 diagram against 4.5 s.
MERMAID_CONFIG: dict[str, object] = {
    "securityLevel": "strict",
    "deterministicIds": True,
    "deterministicIDSeed": "diagram",
    "handDrawnSeed": 1,
    "fontFamily": '"DejaVu Sans", Verdana, Arial, sans-serif',  # the font mermaidx measures with
    "flowchart": {"htmlLabels": True},
}

# What the Mermaid fence (mermaid2's fence_mermaid_custom) turns into in the page's HTML.
FENCE_HTML = re.compile(
    r'<pre\s+class="mermaid"\s*>\s*<code>(?P<source>.*?)</code>\s*</pre>', re.DOTALL
)
# A Mermaid fence in generated Markdown, to draw every diagram before MkDocs asks for one.
FENCE_MARKDOWN = re.compile(r"^```mermaid\n(?P<source>.*?)^```", re.DOTALL | re.MULTILINE)

XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"

# Everything Mermaid draws a flowchart with; anything else is dropped with its content.
ALLOWED_ELEMENTS = frozenset(
    {
        *("svg", "g", "defs", "style", "marker", "path", "rect", "circle", "ellipse", "line", "polyline"),
        *("polygon", "text", "tspan", "title", "desc", "foreignObject", "filter", "feDropShadow"),
        *("feGaussianBlur", "feOffset", "feFlood", "feComposite", "feMerge", "feMergeNode"),
        *("linearGradient", "radialGradient", "stop", "clipPath", "mask", "symbol", "use"),
        *("div", "span", "p", "br", "b", "strong", "i", "em"),  # label HTML inside <foreignObject>
    }
)
# Containers whose content is kept when the element itself goes (a click link on a node, say).
UNWRAPPED_ELEMENTS = frozenset({"a"})
VOID_ELEMENTS = frozenset({"br"})
# Attributes that only Mermaid's own script reads: dropped to keep pages light.
DROPPED_ATTRIBUTES = re.compile(r"^(data-|xmlns)")
GEOMETRY_ATTRIBUTES = frozenset({"d", "points", "transform", "x", "y", "width", "height", "viewBox", "style"})
LONG_DECIMAL = re.compile(r"-?\d+\.\d{3,}")
EXTERNAL_CSS = re.compile(r"@import[^;]*;?|url\(\s*(?![\"']?#)[^)]*\)|expression\s*\(", re.IGNORECASE)
# Style rules only Mermaid's script could use: its tooltip box, made at run time, and a :root rule that cannot
# match inside the drawing. Dropped, which also spares the mermaid2 plugin parsing every diagram page.
SCRIPT_ONLY_CSS = re.compile(r"[^{}]*(?:mermaidTooltip|:root)[^{}]*\{[^{}]*\}")
PLACEHOLDER_ID = "my-svg"  # the id mermaidx gives every drawing


class DiagramError(Exception):
    """A diagram Mermaid could not draw; the message names the page."""


@functools.cache  # read from the installed packages' metadata once, not for every cache lookup
def renderer_version() -> str:
    from importlib.metadata import version

    return f"mermaidx {version('mermaidx')}, mini-racer {version('mini-racer')}"


def normalise(source: str) -> str:
    return source.strip("\n") + "\n"


def cache_key(source: str) -> str:
    settings = json.dumps(
        [normalise(source), renderer_version(), MERMAID_CONFIG, PIPELINE_VERSION], sort_keys=True
    )
    return hashlib.sha256(settings.encode("utf-8")).hexdigest()


def diagram_id(source: str) -> str:
    """An id for the drawing that is the same on every build and differs between diagrams."""
    return "diagram-" + hashlib.sha256(normalise(source).encode("utf-8")).hexdigest()[:10]


class DiagramCache:
    """Cleaned SVG drawings on disk, one file per cache key (git-ignored)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.drawn = 0  # drawings made by this build, for the build log and the benchmarks

    def _path(self, source: str) -> Path:
        return self.folder / f"{cache_key(source)}.svg"

    def get(self, source: str) -> str | None:
        path = self._path(source)
        return path.read_text(encoding="utf-8") if path.is_file() else None

    def put(self, source: str, svg: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self._path(source)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(svg, encoding="utf-8")
        os.replace(partial, path)  # a build stopped half-way leaves no half-written drawing

    def draw(self, source: str) -> str:
        cached = self.get(source)
        if cached is None:
            cached = draw_svg(source)
            self.put(source, cached)
            self.drawn += 1
        return cached

    def draw_all(self, sources: Iterable[str], workers: int | None = None) -> None:
        """Draw every missing diagram, several at a time: each takes seconds of CPU."""
        missing = sorted({normalise(source) for source in sources if self.get(source) is None})
        if not missing:
            return
        count = max(1, min(len(missing), workers or os.cpu_count() or 1))
        if count == 1:
            for source in missing:
                self.draw(source)
            return
        with ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("spawn")) as pool:
            results = list(pool.map(_draw_or_message, missing))
        for source, (svg, problem) in zip(missing, results, strict=True):
            if problem is not None:
                raise DiagramError(f"Mermaid could not draw this diagram: {problem}\n{_first_lines(source)}")
            self.put(source, svg)
            self.drawn += 1


def _draw_or_message(source: str) -> tuple[str, str | None]:
    # Runs in a worker process: an error comes back as text, not as an exception to pickle.
    try:
        return draw_svg(source), None
    except DiagramError as error:
        return "", str(error)


def _first_lines(source: str) -> str:
    lines = source.splitlines()
    return "\n".join(["    " + line for line in lines[:3]] + (["    ..."] if len(lines) > 3 else []))


def draw_svg(source: str) -> str:
    """The cleaned SVG for one diagram, drawn by Mermaid."""
    global _page
    if _page is None:
        _page = MermaidPage()
    return clean_svg(_page.draw(normalise(source)), diagram_id(source))


class MermaidPage:
    """Mermaid loaded once in a V8 context (mermaidx's V8 engine, by mini-racer) and used for every diagram.

    mermaidx's public API starts a fresh context for every pass of every diagram, to mimic a browser
    opening a new page; loading Mermaid is then two thirds of the cost. For flowcharts with
    `deterministicIds` the drawing does not depend on what the context drew before (a test draws the
    same diagram alone and after others), so one context serves them all. This reaches into
    mermaidx's V8 engine, so pyproject pins mermaidx to one release.
    """

    def __init__(self) -> None:
        from mermaidx.engines import _common, v8_engine

        self._engine = v8_engine
        self._context = v8_engine._build_context()
        self._label_sizes: dict[str, object] = {}  # HTML label → measured size, shared across diagrams
        self._measure_label = _common.TextMeasurer().foreign_object

    def _next_pass(self) -> object:
        # Mermaid draws again once the label sizes it asked for are known; forget what it asked last time.
        self._context.eval("globalThis.__foMissing = {};")
        return self._context

    def draw(self, source: str) -> str:
        try:
            return str(
                self._engine._render(
                    self._next_pass(), source, "default", MERMAID_CONFIG, None,
                    self._label_sizes, self._measure_label, self._next_pass,
                )
            )
        except Exception as error:  # Mermaid's parse and render errors, as mermaidx or V8 raise them
            self._context = self._engine._build_context()  # a failed drawing may leave Mermaid half-way
            raise DiagramError(str(error).removeprefix("Mermaid rendering failed: ")) from None


_page: MermaidPage | None = None  # one per process: the build's own, and one in each drawing worker


def clean_svg(svg: str, new_id: str) -> str:
    """Mermaid's SVG through an allow-list, with ids unique to the diagram and shorter numbers.

    The output is HTML-ready: namespaces are implied by where the markup sits in the page.
    """
    root = ElementTree.fromstring(svg)
    parts: list[str] = []
    _write(root, parts, new_id)
    return "".join(parts)


def _local(name: str) -> str:
    namespace, _, local = name.rpartition("}")
    if namespace == "{" + XLINK_NS:
        return "xlink:" + local
    if namespace == "{" + XML_NS:
        return "xml:" + local
    return local


def _rename(value: str, new_id: str) -> str:
    # Only references to the drawing's own ids: "my-svg" in label text is left alone.
    return value.replace("#" + PLACEHOLDER_ID, "#" + new_id)


def _write(element: ElementTree.Element, parts: list[str], new_id: str) -> None:
    tag = _local(element.tag)
    if tag not in ALLOWED_ELEMENTS:
        if tag in UNWRAPPED_ELEMENTS:
            _write_content(element, parts, new_id)
        return
    attributes = []
    for raw_name, raw_value in element.attrib.items():
        name = _local(raw_name)
        lowered = name.lower()
        if lowered.startswith("on") or DROPPED_ATTRIBUTES.match(lowered):
            continue
        value = raw_value
        if lowered in {"href", "xlink:href"} and not value.startswith("#"):
            continue  # no link off the page
        if lowered == "id" and value.startswith(PLACEHOLDER_ID):
            value = new_id + value[len(PLACEHOLDER_ID) :]
        value = _rename(value, new_id)
        if EXTERNAL_CSS.search(value):
            continue
        if name in GEOMETRY_ATTRIBUTES:
            value = _shorten_numbers(value)
        attributes.append(f' {name}="{html.escape(value, quote=True)}"')
    if tag == "svg" and "id" not in element.attrib:
        attributes.insert(0, f' id="{new_id}"')
    parts.append(f"<{tag}{''.join(attributes)}>")
    if tag in VOID_ELEMENTS:
        return
    if tag == "style":
        css = EXTERNAL_CSS.sub("none", SCRIPT_ONLY_CSS.sub("", _rename(element.text or "", new_id)))
        parts.append(html.escape(css, quote=False))
    else:
        _write_content(element, parts, new_id)
    parts.append(f"</{tag}>")


def _write_content(element: ElementTree.Element, parts: list[str], new_id: str) -> None:
    if element.text:
        parts.append(html.escape(element.text, quote=False))
    for child in element:
        _write(child, parts, new_id)
        if child.tail:
            parts.append(html.escape(child.tail, quote=False))


def _shorten_numbers(value: str) -> str:
    # Two decimals is a hundredth of a pixel: the same picture, a third less markup.
    return LONG_DECIMAL.sub(lambda match: f"{float(match.group()):.2f}".rstrip("0").rstrip("."), value)


def sources_in_markdown(markdown: str) -> list[str]:
    return [match.group("source") for match in FENCE_MARKDOWN.finditer(markdown)]


def inline_diagrams(page_html: str, cache: DiagramCache, page: str) -> str:
    """The page's HTML with each Mermaid block replaced by its drawing; any wrapper around it stays."""

    def replace(match: re.Match[str]) -> str:
        source = html.unescape(match.group("source"))
        try:
            svg = cache.draw(source)
        except DiagramError as error:
            raise DiagramError(f"{page}: Mermaid could not draw a diagram: {error}\n{_first_lines(source)}") from None
        # The labels are in the text table that follows each diagram, so search skips the drawing.
        return f'<div class="diagram-svg" data-search-exclude>{svg}</div>'

    return FENCE_HTML.sub(replace, page_html)
