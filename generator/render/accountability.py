"""Who answers for what: the accountability grid on each organisation page and the side-by-side page."""

from __future__ import annotations

from generator import paths
from generator.model import Model, Organisation, PartialDate, parse_when
from generator.model.accountability import NOT_STATED, QUESTIONS, Answer
from generator.model.schema import When
from generator.render.common import STATUS_WORDS, Page, entity_target, link, page_text, source_target
from generator.render.escape import escape_markdown

PATH = paths.ACCOUNTABILITY
DATA_FILES = ("data/accountability.yaml", "data/organisations.yaml")


def accountability_grid(model: Model, from_page: str, organisation_id: str) -> str:
    """A two-column grid: each question, and every sourced answer to it (or 'not stated')."""
    record = model.accountability.get(organisation_id)
    rows = ["| Question | What our sources say |", "| --- | --- |"]
    for key, question in QUESTIONS.items():
        answers: list[Answer] = list(getattr(record, key)) if record else []
        cell = "<br>".join(_answer(model, from_page, answer) for answer in answers) or f"*{NOT_STATED}*"
        rows.append(f"| {question} | {cell} |")
    see_also = f"The same questions for every body, in 2013 and now: {link(from_page, 'Who answers for what', PATH)}."
    return "## Who answers for it\n\n" + "\n".join(rows) + "\n\n" + see_also


def render_accountability(model: Model) -> Page:
    first, last = model.eras[0], model.eras[-1]
    body = [
        "Who funds each body, who appoints its chair or board, who oversees it or can direct it, who "
        "inspects or regulates it, who scrutinises it, and whether freedom of information law applies. "
        "The tables set the bodies side by side as they stood in 2013 and in 2026; each organisation's "
        "page has the same answers with the quotes behind them. Where our sources do not answer a "
        "question the cell says so. Answers marked *(planned)* or *(announced, not yet law)* are proposals, not yet in force.",
    ]
    if not _questions(model).count("foi"):
        body.append(
            '!!! note "Freedom of information"\n\n'
            "    None of our sources says whether freedom of information law applies to these bodies, "
            "so the tables leave that question out for now."
        )
    for era in (first, last):
        day = PartialDate.parse(era.snapshot)
        bodies = [org for org in _bodies(model) if _alive(org.start, org.end, day)]
        body.append(f"## In {day.year} {{#moment-{day.year}}}")
        body.append(f"Bodies as they stood on {day.human()}.")
        body.append(_moment_table(model, bodies, day))
    return page_text(PATH, "Who answers for what", body, DATA_FILES)


def _bodies(model: Model) -> list[Organisation]:
    """Every body with an accountability record, national bodies first."""
    order = ("national", "regional", "system", "place", "neighbourhood", "local")
    found = [model.organisations[org_id] for org_id in model.accountability]
    return sorted(found, key=lambda org: (order.index(org.level), org.name))


def _moment_table(model: Model, bodies: list[Organisation], day: PartialDate) -> str:
    questions = _questions(model)
    rows = [
        "| Body | " + " | ".join(QUESTIONS[key] for key in questions) + " |",
        "| --- " * (len(questions) + 1) + "|",
    ]
    for organisation in bodies:
        record = model.accountability[organisation.id]
        cells = []
        for key in questions:
            answers = [answer for answer in getattr(record, key) if _alive(answer.start, answer.end, day)]
            cells.append("<br>".join(_answer(model, PATH, answer) for answer in answers) or "*not stated*")
        name = link(PATH, organisation.name, entity_target(model, organisation.id))
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def _questions(model: Model) -> list[str]:
    """The questions worth a column: freedom of information only once some source answers it."""
    answered_foi = any(record.foi for record in model.accountability.values())
    return [key for key in QUESTIONS if key != "foi" or answered_foi]


def _answer(model: Model, from_page: str, answer: Answer) -> str:
    sources = list(dict.fromkeys(citation.source for citation in answer.cite))
    links = ", ".join(
        link(from_page, f"{index}", source_target(source_id)) for index, source_id in enumerate(sources, 1)
    )
    planned = f" *({STATUS_WORDS[answer.status]})*" if answer.status != "done" else ""
    return f"{escape_markdown(answer.says)}{planned} <sup>source {links}</sup>"


def _alive(start: When | None, end: When | None, day: PartialDate) -> bool:
    """In force on `day`: started on or before it and not yet ended."""
    if start is not None and parse_when(start)[0].earliest > day.earliest:
        return False
    return end is None or parse_when(end)[0].earliest > day.earliest
