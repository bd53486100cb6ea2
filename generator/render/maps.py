"""Maps of England's ICBs, drawn at build time as inline SVG from the simplified ONS boundaries.

Why by hand and not with a map library: 42 outlines of a few dozen points each need only a
projection and a path; a library (or map tiles) would fetch code or images from elsewhere.
"""

from __future__ import annotations

import functools
import math
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass

from generator.areas.model import Areas, short_name
from generator.areas.schema import ring_points
from generator.render.escape import escape_attribute

# Equirectangular projection, with longitude shrunk by cos(latitude) at England's middle so that
# shapes keep their proportions (a degree of longitude is 0.6 of a degree of latitude there).
_LON_MIN, _LON_MAX, _LAT_MIN, _LAT_MAX = -5.75, 1.8, 49.9, 55.85
_SCALE = 600 / ((_LON_MAX - _LON_MIN) * math.cos(math.radians(52.9)))
WIDTH = 600
HEIGHT = round((_LAT_MAX - _LAT_MIN) * _SCALE)
# Region labels: 26 units is 13 px when the map is 300 px wide (a 375 px phone) and 22 px at its
# largest (520 px); the rules of "Diagrams a reader can read" ask for at least 11 and 12 px.
LABEL_SIZE = 26
# Colour-blind-safe (Okabe and Ito), one per NHS region or per changed ICB; text never sits on them
# without a halo.
PALETTE = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")
UNCHANGED = "#B8BCC6"
# Where a region's name goes, as a nudge from its centre in map units, so labels do not collide.
_LABEL_NUDGE = {"Y56": (95, 20), "Y59": (10, 40), "Y61": (20, -20), "Y60": (-10, 0), "Y58": (-40, 30)}


def project(lon: float, lat: float) -> tuple[int, int]:
    return round((lon - _LON_MIN) * math.cos(math.radians(52.9)) * _SCALE), round((_LAT_MAX - lat) * _SCALE)


@functools.cache
def _ring_path(ring: str) -> str:
    """An SVG path for one outline; cached, as each is drawn on every ICB page's locator map."""
    return "M" + " ".join(f"{x} {y}" for x, y in (project(lon, lat) for lon, lat in ring_points(ring))) + "Z"


def _path(rings: Iterable[str]) -> str:
    return "".join(_ring_path(ring) for ring in rings)


def _centre(areas: Areas, codes: Iterable[str]) -> tuple[float, float]:
    points = [project(lon, lat) for code in codes for ring in areas.boundaries[code].rings for lon, lat in ring_points(ring)]
    return sum(x for x, _ in points) / len(points), sum(y for _, y in points) / len(points)


def page_url(from_page: str, to_page: str) -> str:
    """A link between two generated pages as the built site has them (MkDocs directory URLs).

    Why not MkDocs' own link rewriting: it rewrites Markdown links only, and the map is raw HTML.
    """
    def directory(page: str) -> str:
        stem = page.removesuffix(".md")
        return "" if stem == "index" else (stem.removesuffix("/index") if stem.endswith("/index") else stem) + "/"

    here, there = directory(from_page), directory(to_page)
    link = posixpath.relpath(there or ".", here or ".")
    return "./" if link == "." else link + "/"


@dataclass(frozen=True)
class Area:
    """One clickable shape on a map: one or more 2022 outlines drawn as one."""

    codes: tuple[str, ...]
    label: str
    target: str
    fill: str
    hatched: tuple[str, ...] = ()  # for an area split between several successors: their colours


def _svg(map_id: str, title: str, areas: Areas, shapes: list[Area], from_page: str, labels: bool) -> list[str]:
    lines = [
        f'<svg class="icb-map__svg" viewBox="0 0 {WIDTH} {HEIGHT}" aria-labelledby="{map_id}-title">',
        f'<title id="{map_id}-title">{escape_attribute(title)}</title>',
    ]
    patterns = []
    for number, shape in enumerate(shapes):
        if shape.hatched:
            stripes = "".join(
                f'<rect x="{index * 6}" width="6" height="{6 * len(shape.hatched)}" fill="{colour}"/>'
                for index, colour in enumerate(shape.hatched)
            )
            size = 6 * len(shape.hatched)
            patterns.append(
                f'<pattern id="{map_id}-hatch-{number}" width="{size}" height="{size}" patternUnits="userSpaceOnUse" '
                f'patternTransform="rotate(45)">{stripes}</pattern>'
            )
    if patterns:
        lines.append("<defs>" + "".join(patterns) + "</defs>")
    for number, shape in enumerate(shapes):
        fill = f"url(#{map_id}-hatch-{number})" if shape.hatched else shape.fill
        merged = " icb-map__area--merged" if len(shape.codes) > 1 else ""
        path = _path(ring for code in shape.codes for ring in areas.boundaries[code].rings)
        lines.append(
            f'<a class="icb-map__area{merged}" href="{escape_attribute(page_url(from_page, shape.target))}" '
            f'aria-label="{escape_attribute(shape.label)}"><path d="{path}" fill="{fill}" '
            f'style="--area-fill: {shape.fill}"><title>{escape_attribute(shape.label)}</title></path></a>'
        )
    if labels:
        lines.append('<g class="icb-map__labels" aria-hidden="true">')
        for region in areas.regions.values():
            members = [code for code, icb in areas.icbs_2022.items() if icb.region == region.code]
            x, y = _centre(areas, members)
            dx, dy = _LABEL_NUDGE.get(region.code, (0, 0))
            words = region.name.split(" and ", 1)
            text_lines = [words[0], f"and {words[1]}"] if len(words) == 2 else [region.name]
            half = max(len(text) for text in text_lines) * LABEL_SIZE * 0.3  # a bold label's half-width, roughly
            x = min(max(x + dx, half + 4), WIDTH - half - 4)
            spans = "".join(
                f'<tspan x="{round(x)}" dy="{0 if index == 0 else LABEL_SIZE + 2}">{escape_attribute(text)}</tspan>'
                for index, text in enumerate(text_lines)
            )
            lines.append(f'<text x="{round(x)}" y="{round(y + dy)}" font-size="{LABEL_SIZE}">{spans}</text>')
        lines.append("</g>")
    lines.append("</svg>")
    return lines


def _figure(map_id: str, svg: list[str], caption: str, attribution: str, extra_class: str = "") -> str:
    """The map and its caption, as one raw-HTML block (no blank line inside, or Markdown would split it)."""
    return "\n".join(
        [
            f'<figure class="icb-map{extra_class}" id="{map_id}">',
            *svg,
            f"<figcaption>{escape_attribute(caption)} <span class=\"icb-map__attribution\">"
            f"{escape_attribute(attribution)}</span></figcaption>",
            "</figure>",
        ]
    )


SIMPLIFIED = (
    "Boundaries are heavily simplified (661 points for all of England): a schematic map, not a way to "
    "decide which ICB a street is in."
)


def region_colours(areas: Areas) -> dict[str, str]:
    return {code: PALETTE[index % len(PALETTE)] for index, code in enumerate(areas.regions)}


def map_2022(areas: Areas, from_page: str) -> str:
    colours = region_colours(areas)
    shapes = [
        Area(
            (code,),
            f"{icb.name} ({areas.regions[icb.region].name})",
            areas.path(code),
            colours[icb.region],
        )
        for code, icb in areas.icbs_2022.items()
    ]
    svg = _svg("map-2022", "Map of the 42 ICBs of July 2022, coloured by NHS England region", areas, shapes, from_page, True)
    caption = "The 42 ICBs of 1 July 2022, coloured by NHS England region; each area links to its ICB's page. " + SIMPLIFIED
    return _figure("map-2022", svg, caption, areas.curated.provenance.attribution)


def changed_colours(areas: Areas) -> dict[str, str]:
    """A colour for each ICB that 1 April 2026 created or enlarged."""
    changed = [code for code in areas.icbs_2026 if code in areas.successions_to]
    return {code: PALETTE[index % len(PALETTE)] for index, code in enumerate(changed)}


def map_2026(areas: Areas, from_page: str) -> str:
    colours = changed_colours(areas)
    shapes = []
    for code in areas.icbs_2026:
        whole = tuple(
            predecessor
            for predecessor in dict.fromkeys(s.predecessor for s in areas.successions_to.get(code, []))
            if len(areas.successors(predecessor)) == 1
        )
        if code in areas.icbs_2022:
            whole = (code, *whole)
        if whole:
            shapes.append(Area(whole, _label_2026(areas, code), areas.path(code), colours.get(code, UNCHANGED)))
    for code in areas.icbs_2022:
        successors = areas.successors(code)
        if len(successors) > 1:
            names = ", ".join(short_name(areas.name(successor)) for successor in successors)
            shapes.append(
                Area(
                    (code,),
                    f"{areas.name(code)}: split on 1 April 2026 between {names}",
                    areas.path(code),
                    UNCHANGED,
                    hatched=tuple(colours.get(successor, UNCHANGED) for successor in successors),
                )
            )
    svg = _svg(
        "map-2026", "Map of the ICBs from 1 April 2026: merged areas drawn as one, split areas striped",
        areas, shapes, from_page, True,
    )
    caption = (
        "The ICBs from 1 April 2026, from the NHS Organisation Data Service succession records: each new or "
        "enlarged ICB in its own colour, unchanged ICBs in grey, and ICBs split between successors striped in "
        "their colours (the records do not say where the new boundaries run inside them). " + SIMPLIFIED
    )
    return _figure("map-2026", svg, caption, areas.curated.provenance.attribution)


def _label_2026(areas: Areas, code: str) -> str:
    if code in areas.new_icbs:
        return f"{areas.name(code)} (new on 1 April 2026)"
    if code in areas.successions_to:
        return f"{areas.name(code)} (enlarged on 1 April 2026)"
    return f"{areas.name(code)} (unchanged)"


def locator_map(areas: Areas, code: str, from_page: str) -> str:
    """A small England map with this ICB's area (or its predecessors' areas) picked out."""
    if code in areas.icbs_2022:
        highlighted = {code}
        partly: set[str] = set()
    else:
        predecessors = {s.predecessor for s in areas.successions_to[code]}
        highlighted = {p for p in predecessors if len(areas.successors(p)) == 1}
        partly = predecessors - highlighted
    parts = []
    for other in areas.icbs_2022:
        kind = "here" if other in highlighted else "part" if other in partly else "other"
        parts.append(f'<path class="icb-locator__{kind}" d="{_path(areas.boundaries[other].rings)}"/>')
    name = areas.name(code)
    title = f"Locator map: where {name} is in England" + (
        "; striped: an area only part of which it took over" if partly else ""
    )
    svg = [
        f'<svg class="icb-locator__svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape_attribute(title)}">',
        f"<title>{escape_attribute(title)}</title>",
        '<defs><pattern id="locator-stripes" width="16" height="16" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="8" height="16" class="icb-locator__stripe"/></pattern></defs>',
        *parts,
        "</svg>",
    ]
    caption = "Where it is (simplified boundaries)."
    return _figure("locator", svg, caption, areas.curated.provenance.attribution, " icb-locator")
