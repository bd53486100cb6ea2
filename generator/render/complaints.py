"""The 'Who to contact or complain to' guide: each step cited, each change dated."""

from __future__ import annotations

from generator import paths
from generator.model import Model, Step, parse_when
from generator.render.common import STATUS_WORDS, Page, describe_span, describe_when, evidence, link, page_text
from generator.render.escape import escape_markdown

PATH = paths.COMPLAINTS
DATA_FILES = ("data/complaints.yaml",)


def render_complaints(model: Model) -> Page:
    body = [
        "Where to take a concern or a complaint about NHS care in England, step by step, and what has "
        "changed. Start with the first step; the later ones are for when it is not resolved. "
        "Each step gives its dates and the quotes behind it.",
        _changes_table(model),
    ]
    body.extend(_step(model, number, step) for number, step in enumerate(model.complaints, 1))
    return page_text(PATH, "Who to contact or complain to", body, DATA_FILES)


def _changes_table(model: Model) -> str:
    dated = [step for step in model.complaints if step.start is not None or step.end is not None or step.status != "done"]
    rows = ["| When | What changed |", "| --- | --- |"]
    for step in sorted(dated, key=_sort_key):
        rows.append(f"| {escape_markdown(_when(step))} | {link(PATH, step.title, f'#{paths.step_anchor(step.id)}')} |")
    return "## What changed when\n\n" + "\n".join(rows)


def _sort_key(step: Step) -> tuple[int, tuple[int, int, int]]:
    when = step.start or step.end
    return (1, (9999, 12, 31)) if when is None else (0, parse_when(when)[0].earliest)


def _when(step: Step) -> str:
    if step.status != "done":
        words = "Planned" if step.status == "planned" else "Announced (not yet law)"
        return f"{words} from {describe_when(step.start)}" if step.start is not None else f"{words}, no date given"
    if step.start is None and step.end is not None:
        return f"Until {describe_when(step.end)}"
    span = describe_span(step.start, step.end)
    return span[:1].upper() + span[1:]


def _step(model: Model, number: int, step: Step) -> str:
    parts = [f"## {number}. {escape_markdown(step.title)} {{#{paths.step_anchor(step.id)}}}"]
    if step.status != "done":
        parts.append(f'!!! info "{STATUS_WORDS[step.status].capitalize()}"\n\n    This is a proposal, not yet in force.')
    if step.start is not None or step.end is not None:
        parts.append(f"**When:** {escape_markdown(_when(step))}")
    parts.append(escape_markdown(step.says))
    parts.append(evidence(model, PATH, step.cite))
    return "\n\n".join(parts)
