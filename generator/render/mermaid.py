"""Mermaid structure diagrams drawn from the model: bodies in bands by level, relations as line styles.

Why this layout: a reader compares eras by flipping between them, so every body sits in the band of
its level (national at the top, neighbourhood at the bottom) and in the same order in every era;
relation kinds are told apart by line style (explained in an HTML legend), not by words on arrows.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.model import Model, PartialDate, Relationship
from generator.render.escape import flowchart_edge_label, flowchart_node_label, node_id, subgraph_title


@dataclass(frozen=True)
class NodeStyle:
    """How one kind of body is drawn: a shape and a colour, explained in the legend."""

    label: str
    shape: str
    open: str
    close: str
    fill: str
    stroke: str


# Light fills with black text read well on both Material palettes.
NODE_STYLES: dict[str, NodeStyle] = {
    "government": NodeStyle("Government department", "hexagon", "{{", "}}", "#e0e0e0", "#424242"),
    "national-body": NodeStyle("National NHS body", "rectangle", "[", "]", "#bbdefb", "#0d47a1"),
    "regulator": NodeStyle("Regulator", "rectangle with side bars", "[[", "]]", "#d1c4e9", "#4527a0"),
    "commissioner": NodeStyle(
        "Commissioner (plans and pays for care)", "rounded rectangle", "(", ")", "#c8e6c9", "#1b5e20"
    ),
    "provider": NodeStyle("Provider (delivers care)", "stadium", "([", "])", "#ffe0b2", "#e65100"),
    "partnership": NodeStyle("Partnership", "parallelogram", "[/", "/]", "#b2ebf2", "#006064"),
    "regional-body": NodeStyle("Regional NHS body", "inverted trapezoid", "[\\", "/]", "#e1f5fe", "#01579b"),
    "support": NodeStyle("Support service", "trapezoid", "[/", "\\]", "#f8bbd0", "#880e4f"),
    "local-government": NodeStyle("Local government", "cylinder", "[(", ")]", "#fff9c4", "#f57f17"),
    "network": NodeStyle("Network of practices", "circle", "((", "))", "#dcedc8", "#33691e"),
    "committee": NodeStyle("Board or committee", "flag", ">", "]", "#f0f4c3", "#827717"),
    "person": NodeStyle("Person", "double circle", "(((", ")))", "#ffffff", "#212121"),
}

RELATION_LABELS: dict[str, str] = {
    "commissions": "commissions",
    "accountable-to": "is accountable to",
    "supports": "supports",
    "part-of": "is part of",
    "member-of": "is a member of",
    "replaced-by": "was replaced by",
    "merged-into": "merged into",
    "oversees": "oversees",
    "funds": "funds",
    "partners-with": "works in partnership with",
    "hosts": "hosts",
    "led-by": "is led by",
}


@dataclass(frozen=True)
class LineStyle:
    """How one group of relations is drawn, and what the legend beside the diagram says about it."""

    legend: str
    arrow: str
    dash: str
    width: str
    worded: bool


LINE_STYLES: dict[str, LineStyle] = {
    "money": LineStyle("Thick line: pays for (funds or commissions). The arrow points to who or what is paid for.",
                       "==>", "0", "4px", False),
    "oversight": LineStyle("Solid line: oversees or holds to account. The arrow points to the body overseen.",
                           "-->", "0", "2px", False),
    "belonging": LineStyle("Dotted line: membership. The arrow points from a whole to a member or part of it.",
                           "-.->", "2 4", "2px", False),
    "other": LineStyle("Dashed line with words: another link (hosts, supports, works with, leads, replaced); "
                       "read it as a sentence in the arrow's direction.",
                       "-->", "9 5", "2px", True),
}  # fmt: skip

RELATION_LINES: dict[str, str] = {
    "funds": "money",
    "commissions": "money",
    "oversees": "oversight",
    "accountable-to": "oversight",
    "member-of": "belonging",
    "part-of": "belonging",
}
# Mermaid draws arrowheads only at a line's end and lays bands out along the lines, so lines are drawn
# top-down where the meaning allows: "A is accountable to B" as B holding A to account, "A is a member
# of B" as B including A, "A is led by P" as P leading A.
DRAWN_FROM_OBJECT = frozenset({"accountable-to", "member-of", "part-of", "led-by"})
# Words on "other" lines as drawn, and (second) when drawn the other way round to go top-down.
LINE_WORDS: dict[str, tuple[str, str]] = {
    "supports": ("supports", "is supported by"),
    "hosts": ("hosts", "is hosted by"),
    "partners-with": ("works with", "works with"),
    "replaced-by": ("was replaced by", "replaced"),
    "merged-into": ("merged into", "took in"),
    "led-by": ("leads", "is led by"),
}

# Bands, top to bottom: (id, title, the model levels drawn in it). People sit above what they lead.
BANDS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("people", "People", ("person",)),
    ("national", "Government and national bodies", ("national",)),
    ("regional", "Regional", ("regional",)),
    ("system", "System (STP, ICS or ICB area)", ("system",)),
    ("place", "Place (councils, CCGs, local bodies)", ("place", "local")),
    ("neighbourhood", "Neighbourhood (PCNs and practices)", ("neighbourhood",)),
)
_BAND_OF_LEVEL = {level: index for index, (_, _, levels) in enumerate(BANDS) for level in levels}

# Mermaid's own size, never shrunk to the column: a wide diagram scrolls inside its box instead.
INIT = '%%{init: {"flowchart": {"useMaxWidth": false, "wrappingWidth": 150, "nodeSpacing": 30}, "themeVariables": {"fontSize": "16px"}}}%%'
# Bands, like the bodies, are light in both palettes (the diagram sits on a light card; see extra.css).
BAND_STYLE = "fill:#f4f4f4,stroke:#9e9e9e,color:#000000"
NEW_CLASS = "new_body"
NEW_STYLE = "stroke-width:5px"


def style_key(model: Model, entity_id: str) -> str:
    if entity_id in model.organisations:
        return model.organisations[entity_id].category
    return "person"


def band_of(model: Model, entity_id: str) -> int:
    """The band a body is drawn in: its level's, except that providers are drawn no higher than place,
    with the places they serve and below the commissioners who pay them (trusts are recorded at
    system level, and a line up to them would pull the bands out of order)."""
    organisation = model.organisations.get(entity_id)
    if organisation is None:
        return _BAND_OF_LEVEL["person"]
    band = _BAND_OF_LEVEL[organisation.level]
    return max(band, _BAND_OF_LEVEL["place"]) if organisation.category == "provider" else band


def line_style(relation: str) -> LineStyle:
    return LINE_STYLES[RELATION_LINES.get(relation, "other")]


def bodies_in(relationships: Iterable[Relationship]) -> set[str]:
    return {end for rel in relationships for end in (rel.subject, rel.object)}


def stable_order(model: Model, entity_ids: Iterable[str]) -> list[str]:
    """Band, then data-file order: the same body keeps its place from one era's diagram to the next."""
    position = {entity_id: index for index, entity_id in enumerate([*model.organisations, *model.people])}
    return sorted(entity_ids, key=lambda entity_id: (band_of(model, entity_id), position[entity_id]))


def flowchart(
    model: Model, relationships: Sequence[Relationship], new: frozenset[str] = frozenset(), on: PartialDate | None = None
) -> str:
    """A flowchart fence: bodies in bands by level, named as `on` that day, one line per relationship, `new` bodies outlined."""
    relationships = sorted(relationships, key=lambda rel: (rel.subject, rel.relation, rel.object))
    entity_ids = stable_order(model, bodies_in(relationships))
    lines = [INIT, "flowchart TB"]
    bands: list[list[str]] = []
    for band_id, title, _ in BANDS:
        members = [entity_id for entity_id in entity_ids if BANDS[band_of(model, entity_id)][0] == band_id]
        if not members:
            continue
        lines.append(f"    subgraph band_{band_id}[{subgraph_title(title)}]")
        lines.append("    direction LR")
        for entity_id in members:
            style = NODE_STYLES[style_key(model, entity_id)]
            label = flowchart_node_label(model.name_of(entity_id, on))
            lines.append(f"        {node_id(entity_id)}{style.open}{label}{style.close}")
        lines.append("    end")
        lines.append(f"    style band_{band_id} {BAND_STYLE}")
        bands.append([node_id(entity_id) for entity_id in members])
    # Invisible links from every body of a band to every body of the next keep each band wholly below
    # the one above (without them the engine sets bands side by side wherever lines allow).
    link_index = 0
    for upper, lower in itertools.pairwise(bands):
        lines.extend(f"    {above} ~~~ {below}" for above, below in itertools.product(upper, lower))
        link_index += len(upper) * len(lower)
    link_styles: list[str] = []
    for rel in relationships:
        lines.append("    " + _link(model, rel))
        line = line_style(rel.relation)
        link_styles.append(f"    linkStyle {link_index} stroke-width:{line.width},stroke-dasharray:{line.dash}")
        link_index += 1
    lines.extend(link_styles)
    for key in sorted({style_key(model, entity_id) for entity_id in entity_ids}):
        node_style = NODE_STYLES[key]
        of_kind = ",".join(node_id(entity_id) for entity_id in entity_ids if style_key(model, entity_id) == key)
        lines.append(f"    classDef {_class_name(key)} fill:{node_style.fill},stroke:{node_style.stroke},color:#000000")
        lines.append(f"    class {of_kind} {_class_name(key)}")
    marked = [node_id(entity_id) for entity_id in entity_ids if entity_id in new]
    if marked:
        lines.append(f"    classDef {NEW_CLASS} {NEW_STYLE}")
        lines.append(f"    class {','.join(marked)} {NEW_CLASS}")
    return "\n".join(["```mermaid", *lines, "```"])


def _link(model: Model, rel: Relationship) -> str:
    """One line of the diagram, drawn top-down where its meaning allows so the bands stay in order."""
    start, end = (rel.object, rel.subject) if rel.relation in DRAWN_FROM_OBJECT else (rel.subject, rel.object)
    style = line_style(rel.relation)
    if not style.worded:
        return f"{node_id(start)} {style.arrow} {node_id(end)}"
    forward, backward = LINE_WORDS[rel.relation]
    words = forward
    if band_of(model, start) > band_of(model, end):
        start, end, words = end, start, backward
    return f"{node_id(start)} {style.arrow}|{flowchart_edge_label(words)}| {node_id(end)}"


def _class_name(key: str) -> str:
    return "kind_" + key.replace("-", "_")
