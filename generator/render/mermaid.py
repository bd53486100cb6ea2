"""Mermaid diagrams drawn from the model: structure flowcharts and the timeline."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.model import Event, Model, PartialDate, Relationship, parse_when
from generator.render.text import mermaid_id, mermaid_label, mermaid_text


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
    "regional-body": NodeStyle("Regional NHS body", "inverted trapezoid", "[\\", "/]", "#e1f5fe", "#01579b"),
    "regulator": NodeStyle("Regulator", "rectangle with side bars", "[[", "]]", "#d1c4e9", "#4527a0"),
    "commissioner": NodeStyle(
        "Commissioner (plans and pays for care)", "rounded rectangle", "(", ")", "#c8e6c9", "#1b5e20"
    ),
    "provider": NodeStyle("Provider (delivers care)", "stadium", "([", "])", "#ffe0b2", "#e65100"),
    "partnership": NodeStyle("Partnership", "parallelogram", "[/", "/]", "#b2ebf2", "#006064"),
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


def style_key(model: Model, entity_id: str) -> str:
    if entity_id in model.organisations:
        return model.organisations[entity_id].category
    return "person"


def relation_sentence(
    model: Model, relationship: Relationship, on: PartialDate | None = None
) -> tuple[str, str, str]:
    """Subject name, relation in words, object name (the names in force `on` that day, if given)."""
    return (
        model.name_of(relationship.subject, on),
        RELATION_LABELS[relationship.relation],
        model.name_of(relationship.object, on),
    )


def flowchart(
    model: Model, relationships: Iterable[Relationship], direction: str = "TB", on: PartialDate | None = None
) -> str:
    """A flowchart fence: one node per body, one labelled arrow per relationship; names as on `on`."""
    return _fence([f"flowchart {direction}", *_graph_lines(model, relationships, prefix="", on=on)])


def then_and_now(model: Model, panels: list[tuple[str, list[Relationship], PartialDate]]) -> str:
    """One flowchart with a side-by-side panel per moment, e.g. 2013 and 2026, each with that day's names."""
    lines = ["flowchart LR"]
    for index, (title, relationships, on) in enumerate(panels):
        lines.append(f"    subgraph panel_{index}[{mermaid_label(title)}]")
        lines.append("    direction TB")
        lines.extend("    " + line for line in _graph_lines(model, relationships, prefix=f"p{index}_", on=on))
        lines.append("    end")
    return _fence(lines)


def _fence(lines: list[str]) -> str:
    return "\n".join(["```mermaid", *lines, "```"])


def _graph_lines(
    model: Model, relationships: Iterable[Relationship], prefix: str, on: PartialDate | None = None
) -> list[str]:
    relationships = sorted(relationships, key=lambda rel: (rel.subject, rel.relation, rel.object))
    entity_ids = sorted({rel.subject for rel in relationships} | {rel.object for rel in relationships})
    node = {entity_id: prefix + mermaid_id(entity_id) for entity_id in entity_ids}
    lines = []
    for entity_id in entity_ids:
        style = NODE_STYLES[style_key(model, entity_id)]
        lines.append(f"    {node[entity_id]}{style.open}{mermaid_label(model.name_of(entity_id, on))}{style.close}")
    for rel in relationships:
        lines.append(f"    {node[rel.subject]} -->|{mermaid_label(RELATION_LABELS[rel.relation])}| {node[rel.object]}")
    for key in sorted({style_key(model, entity_id) for entity_id in entity_ids}):
        style = NODE_STYLES[key]
        members = ",".join(node[entity_id] for entity_id in entity_ids if style_key(model, entity_id) == key)
        lines.append(f"    classDef {_class_name(key)} fill:{style.fill},stroke:{style.stroke},color:#000000")
        lines.append(f"    class {members} {_class_name(key)}")
    return lines


def _class_name(key: str) -> str:
    return "kind_" + key.replace("-", "_")


def timeline(events: Iterable[Event], title: str) -> str:
    """A Mermaid timeline fence with one period per year."""
    by_year: dict[int, list[str]] = {}
    for event in events:
        date, _ = parse_when(event.date)
        by_year.setdefault(date.year, []).append(mermaid_text(event.title))
    lines = ["timeline", f"    title {mermaid_text(title)}"]
    lines.extend(f"    {year} : " + " : ".join(by_year[year]) for year in sorted(by_year))
    return _fence(lines)
