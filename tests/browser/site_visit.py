"""Visiting the built site in Chromium: what one visit to one page records, and the scripts it runs.

Every browser test is data-driven: the pages are the `index.html` files of the real build (plus the
404 page), never a list written down here, so pages added to data/ are covered automatically.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup
from playwright.sync_api import BrowserContext, ConsoleMessage, Error, Page, Request, Route
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

# WCAG 2.2 level A and AA, as axe-core tags them.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# The build draws every diagram into the HTML (div.diagram-svg > svg). A Mermaid fence it left for
# the browser (none today) would be drawn by Material into a *closed* shadow root; force every shadow
# root open so the tests (and axe-core) can look inside. Runs before any script of the page.
OPEN_SHADOW_ROOTS = """
(() => {
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    return attachShadow.call(this, { ...init, mode: "open" });
  };
})();
"""

# True once no diagram is still waiting to be drawn: Material swaps each `pre.mermaid` for a
# `div.mermaid` host whose shadow root holds the SVG.
DIAGRAMS_SETTLED = """
() => document.querySelectorAll("pre.mermaid").length === 0 &&
  [...document.querySelectorAll("div.mermaid")].every((host) => host.shadowRoot?.querySelector("svg"))
"""

# The smallest text of each drawn diagram as a reader sees it: the computed font size times the
# scale its SVG is drawn at on screen (getScreenCTM), so a diagram shrunk to fit the column counts as
# small. Text in a foreignObject is scaled by the SVG around it.
DIAGRAM_TEXT_SIZES = """
(hosts) => hosts.map((host) => {
  const svg = host.shadowRoot?.querySelector("svg") || host.querySelector("svg");
  if (!svg) return null;
  let smallest = null;
  for (const element of svg.querySelectorAll("text, tspan, foreignObject *")) {
    const own = [...element.childNodes].some((node) => node.nodeType === 3 && node.textContent.trim());
    if (!own) continue;
    const graphic = element instanceof SVGGraphicsElement ? element : element.closest("foreignObject");
    const matrix = graphic?.getScreenCTM();
    if (!matrix) continue;
    const size = parseFloat(getComputedStyle(element).fontSize) * Math.hypot(matrix.a, matrix.b);
    if (smallest === null || size < smallest[0]) smallest = [size, element.textContent.trim().slice(0, 40)];
  }
  return smallest;
}).filter((found) => found !== null)
"""

INSPECT_PAGE = """
() => {
  const hosts = [...document.querySelectorAll(".mermaid")];
  // A drawing counts when it has a size on screen and at least two labels a reader can see.
  const drawn = [...document.querySelectorAll("div.diagram-svg > svg")].filter((svg) => {
    const box = svg.getBoundingClientRect();
    const labels = [...svg.querySelectorAll("foreignObject p, text")].filter(
      (label) => label.textContent.trim() && label.getBoundingClientRect().width > 0
    );
    return box.width > 100 && box.height > 50 && labels.length >= 2 && svg.getAttribute("aria-roledescription") !== "error";
  }).length;
  const rendered = drawn + hosts.filter(
    (host) => host.shadowRoot?.querySelector("svg") && !host.shadowRoot.querySelector('svg[aria-roledescription="error"]')
  ).length;
  // Text anywhere, including every (forced-open) shadow root: Mermaid's error graphic says
  // "Syntax error in text"; it may also be left behind in the body as a stray element.
  const texts = [document.body.innerText];
  for (const element of document.querySelectorAll("*")) {
    if (element.shadowRoot) texts.push(element.shadowRoot.textContent || "");
  }
  const errorGraphics = document.querySelectorAll('svg[aria-roledescription="error"]').length +
    hosts.filter((host) => host.shadowRoot?.querySelector('svg[aria-roledescription="error"]')).length;
  // The article's own prose: what the Markdown `abbr` extension sees (no code, no diagrams).
  const article = document.querySelector("article.md-content__inner");
  let prose = "";
  if (article) {
    const copy = article.cloneNode(true);
    copy.querySelectorAll("pre, code, .mermaid, .diagram-svg, script, style, svg, .headerlink").forEach((e) => e.remove());
    prose = copy.textContent || "";
  }
  return {
    hosts: hosts.length,
    rendered,
    syntaxErrors: texts.filter((text) => /Syntax error in text/i.test(text)).length,
    errorGraphics,
    abbr: [...document.querySelectorAll("abbr[title]")].map((abbr) => [abbr.textContent, abbr.title]),
    prose,
    scrollWidth: document.documentElement.scrollWidth,
    scheme: document.body.getAttribute("data-md-color-scheme"),
  };
}
"""


def axe_script() -> str:
    """axe-core as shipped inside the `axe-playwright-python` package (no download)."""
    spec = importlib.util.find_spec("axe_playwright_python")
    assert spec is not None and spec.origin is not None, "axe-playwright-python is not installed: pip install -e '.[test]'"
    return (Path(spec.origin).parent / "axe.min.js").read_text(encoding="utf-8")


RUN_AXE = """
async ([tags, coloursOnly]) => {
  // axe-core's own "cat.color" rules among those tags: all that a second palette can change, since
  // the palettes differ only in colours (Material swaps CSS custom properties), never in the document.
  const colourRules = axe.getRules(tags).filter((rule) => rule.tags.includes("cat.color")).map((rule) => rule.ruleId);
  if (coloursOnly && colourRules.length === 0) throw new Error("axe-core has no colour rules for these tags");
  const runOnly = coloursOnly ? { type: "rule", values: colourRules } : { type: "tag", values: tags };
  const results = await axe.run(document, { runOnly, resultTypes: ["violations"] });
  return results.violations.map((violation) => {
    const nodes = violation.nodes.slice(0, 3).map((node) => node.target.join(" ") + " — " + (node.failureSummary || "").replace(/\\s+/g, " "));
    return `${violation.id} (${violation.impact}, ${violation.nodes.length} element(s)): ${violation.help}\\n      ${nodes.join("\\n      ")}`;
  });
}
"""


def site_pages(site: Path) -> list[str]:
    """Every page of the built site as a URL path relative to its root ('' is the home page)."""
    pages = [path.parent.relative_to(site).as_posix() + "/" for path in site.rglob("index.html")]
    pages = ["" if page == "./" else page for page in pages if not page.startswith("assets/")]
    if (site / "404.html").is_file():
        pages.append("404.html")
    return sorted(pages)


def built_file(site: Path, page: str) -> Path:
    return site / page if page.endswith(".html") else site / page / "index.html"


def diagrams_in_built_file(site: Path, page: str) -> int:
    soup = BeautifulSoup(built_file(site, page).read_text(encoding="utf-8"), "html.parser")
    return len(soup.select("div.diagram-svg > svg, .mermaid"))


def icb_pages_of_each_kind(site: Path, pages: list[str]) -> dict[str, str]:
    """The ICB index (two maps), the first ICB page (a locator map) and Find your area (the filter)."""
    found: dict[str, str] = {}
    for page in pages:
        html = built_file(site, page).read_text(encoding="utf-8")
        for kind, marker in (("index", 'id="map-2022"'), ("icb", 'class="icb-map icb-locator"'), ("finder", 'class="council-filter"')):
            if marker in html and kind not in found:
                found[kind] = page
    return found


def words_used(prose: str, abbreviations: set[str]) -> set[str]:
    """The abbreviations the prose mentions, matched as the Markdown `abbr` extension matches them."""
    return {abbreviation for abbreviation in abbreviations if re.search(rf"\b{re.escape(abbreviation)}\b", prose)}


@dataclass
class Traffic:
    """Every request a browser context made, and those that tried to leave 127.0.0.1 (all aborted)."""

    origin: str
    requested: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def attach(self, context: BrowserContext) -> None:
        # Only requests to anywhere else are intercepted (the pattern is matched inside the browser
        # driver), so the site's own files load at full speed.
        context.route(re.compile(rf"^(?!{re.escape(self.origin)}/)"), self._block)
        context.on("request", self._record)

    def _block(self, route: Route) -> None:
        self.blocked.append(route.request.url)
        route.abort("blockedbyclient")

    def _record(self, request: Request) -> None:
        self.requested.append(request.url)


@dataclass
class Visit:
    """What one visit to one page found."""

    page: str
    diagrams_in_html: int
    diagram_hosts: int = 0
    diagrams_rendered: int = 0
    syntax_errors: int = 0
    error_graphics: int = 0
    timed_out: bool = False
    errors: list[str] = field(default_factory=list)
    requested: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    abbr: list[tuple[str, str]] = field(default_factory=list)
    prose: str = ""
    scroll_width: int = 0
    scheme: str = ""
    violations: list[str] = field(default_factory=list)

    def diagram_problems(self) -> list[str]:
        problems = []
        if self.timed_out:
            problems.append("some diagrams were never drawn")
        if self.diagrams_rendered != self.diagrams_in_html:
            problems.append(f"{self.diagrams_in_html} diagram(s) in the HTML, {self.diagrams_rendered} drawn as SVG")
        if self.syntax_errors or self.error_graphics:
            problems.append("Mermaid drew its syntax-error graphic")
        return problems


def visit(
    page: Page, origin: str, site: Path, path: str, traffic: Traffic, *, axe: str | None = None,
    colours_only: bool = False, settle_ms: int = 15_000, idle: bool = True,
) -> Visit:
    """Load one page, let its diagrams render, and gather everything the tests check about it.

    With `axe` (the axe-core script), run it: every WCAG 2.2 A and AA rule, or with `colours_only` the
    ones that colours decide.
    """
    result = Visit(page=path, diagrams_in_html=diagrams_in_built_file(site, path))
    errors: list[str] = []
    requested_before, blocked_before = len(traffic.requested), len(traffic.blocked)

    def on_page_error(error: Error) -> None:
        errors.append(f"page error: {error}")

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(f"console {message.type}: {message.text}")

    # The tab may be reused for the next visit: its listeners are this visit's alone.
    page.on("pageerror", on_page_error)
    page.on("console", on_console)
    try:
        _look(page, origin, path, result, axe=axe, colours_only=colours_only, settle_ms=settle_ms, idle=idle)
    finally:
        page.remove_listener("pageerror", on_page_error)
        page.remove_listener("console", on_console)
    result.errors = errors
    result.requested = traffic.requested[requested_before:]
    result.blocked = traffic.blocked[blocked_before:]
    return result


def _look(
    page: Page, origin: str, path: str, result: Visit, *, axe: str | None, colours_only: bool, settle_ms: int,
    idle: bool,
) -> None:
    """Load the page and fill in `result` with what it shows."""
    response = page.goto(f"{origin}/{path}", wait_until="load")
    if path != "404.html":
        assert response is not None and response.ok, f"{path or '(home)'}: HTTP {response.status if response else '?'}"
    try:
        page.wait_for_function(DIAGRAMS_SETTLED, timeout=settle_ms)
    except PlaywrightTimeoutError:
        result.timed_out = True
    found = page.evaluate(INSPECT_PAGE)
    result.diagram_hosts = found["hosts"]
    result.diagrams_rendered = found["rendered"]
    result.syntax_errors = found["syntaxErrors"]
    result.error_graphics = found["errorGraphics"]
    result.abbr = [(text, title) for text, title in found["abbr"]]
    result.prose = found["prose"]
    result.scroll_width = found["scrollWidth"]
    result.scheme = found["scheme"] or ""
    if axe is not None:
        page.evaluate(axe)
        result.violations = page.evaluate(RUN_AXE, [WCAG_TAGS, colours_only])
    if idle:
        # Late requests (the search index, lazy scripts) count too: wait until the network is quiet.
        page.wait_for_load_state("networkidle")


def label(page: str) -> str:
    return page or "(home)"


def report(failures: dict[str, list[str]]) -> str:
    """An assertion message naming each failing page and what is wrong with it."""
    lines = [f"{len(failures)} page(s) failed:"]
    for page, problems in sorted(failures.items()):
        lines.append(f"  {label(page)}:")
        lines.extend(f"    - {problem}" for problem in problems)
    return "\n".join(lines)
