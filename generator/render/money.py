"""The 'Who pays for what' page: a money-flow diagram and a table for 2013 and for 2026."""

from __future__ import annotations

from generator import paths
from generator.model import Flow, Model, PartialDate
from generator.model.accountability import Moment
from generator.render.common import Page, entity_target, evidence, link, page_text, source_links
from generator.render.escape import escape_markdown, flowchart_edge_label, flowchart_node_label, node_id
from generator.render.mermaid import INIT, NODE_STYLES, NodeStyle
from generator.render.relations import figure

PATH = paths.MONEY
DATA_FILES = ("data/money.yaml", "data/pools.yaml")
MOMENTS: tuple[Moment, ...] = ("2013", "2026")
POOL_STYLE = NodeStyle("Fund or joint budget", "trapezoid", "[/", "\\]", "#ffffff", "#424242")
# Top to bottom: money starts with government and ends with the services that spend it.
_KEY = (
    '<ul class="diagram-key"><li>Each arrow: money from one body or fund to another, '
    "labelled with what it pays for and, where a source gives it, the amount.</li></ul>"
)
_LEVELS = ("national", "regional", "system", "place", "neighbourhood", "local")


def render_money(model: Model) -> Page:
    body = [
        "Where the money for the NHS in England goes, as our sources describe it, in 2013 and in 2026. "
        "Each diagram has a table beside it with the same arrows, the amounts where a source gives one "
        "(always with its year), and the sources. Our sources do not describe the Treasury's part, so the "
        "diagrams start with the government department for health (the Department of Health, named the "
        "Department of Health and Social Care from 2018).",
    ]
    for moment in MOMENTS:
        flows = [flow for flow in model.money if flow.moment == moment]
        if not flows:
            continue
        body.append(f"## {moment} {{#{paths.money_anchor(moment)}}}")
        on = PartialDate.parse(moment)  # each body under the name it had that year
        body.append(figure(money_flowchart(model, flows, on), f"Money in {moment}", _KEY))
        body.append(_table(model, flows, moment, on))
    if model.pools:
        body.append("## Funds and joint budgets")
        for pool in model.pools.values():
            body.append(f"### {escape_markdown(pool.name)} {{#{paths.pool_anchor(pool.id)}}}")
            body.append(escape_markdown(pool.summary))
            body.append(evidence(model, PATH, pool.cite))
    return page_text(PATH, "Who pays for what", body, DATA_FILES)


def money_flowchart(model: Model, flows: list[Flow], on: PartialDate | None = None) -> str:
    """A top-to-bottom Mermaid flowchart: one node per body or fund, one arrow per flow."""
    ends = sorted({end for flow in flows for end in (flow.payer, flow.payee)}, key=lambda end: _rank(model, end))
    lines = ["```mermaid", INIT, "flowchart TB"]
    for end in ends:
        style = _style(model, end)
        lines.append(f"    {node_id(end)}{style.open}{flowchart_node_label(_name(model, end, on))}{style.close}")
    for flow in flows:
        words = flow.label if flow.amount is None else f"{flow.label}, {flow.amount} ({flow.year})"
        lines.append(f"    {node_id(flow.payer)} -->|{flowchart_edge_label(words)}| {node_id(flow.payee)}")
    for end in ends:
        style = _style(model, end)
        lines.append(f"    style {node_id(end)} fill:{style.fill},stroke:{style.stroke},color:#000000")
    lines.append("```")
    return "\n".join(lines)


def _table(model: Model, flows: list[Flow], moment: str, on: PartialDate | None = None) -> str:
    rows = [
        f"**Text version of the {moment} diagram**",
        "",
        "| From | To | What | Amount | Sources |",
        "| --- | --- | --- | --- | --- |",
    ]
    for flow in flows:
        amount = f"{flow.amount} ({flow.year})" if flow.amount else "not stated in our sources"
        what = escape_markdown(flow.label) + (f"<br>*{escape_markdown(flow.note)}*" if flow.note else "")
        rows.append(
            f"| {_link(model, flow.payer, on)} | {_link(model, flow.payee, on)} | {what} "
            f"| {escape_markdown(amount)} | {source_links(model, PATH, flow.cite)} |"
        )
    return '<div class="diagram-text" markdown>\n\n' + "\n".join(rows) + "\n\n</div>"


def _name(model: Model, end: str, on: PartialDate | None = None) -> str:
    return model.pools[end].name if end in model.pools else model.name_of(end, on)


def _link(model: Model, end: str, on: PartialDate | None = None) -> str:
    if end in model.pools:
        return link(PATH, model.pools[end].name, paths.pool_target(end))
    return link(PATH, model.name_of(end, on), entity_target(model, end))


def _style(model: Model, end: str) -> NodeStyle:
    return POOL_STYLE if end in model.pools else NODE_STYLES[model.organisations[end].category]


def _rank(model: Model, end: str) -> tuple[int, str]:
    if end in model.pools:
        return (len(_LEVELS), end)
    return (_LEVELS.index(model.organisations[end].level), end)
