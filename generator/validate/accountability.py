"""Rules for money, accountability and complaints that their schemas cannot express.

Ids and references (an accountability record's organisation, a flow's payer and payee) are checked
with every other reference in `references`; these are the rules within and across their items.
"""

from __future__ import annotations

from generator.model.accountability import QUESTIONS
from generator.validate.content import dates_in_order
from generator.validate.files import Checker


def check_money_and_accountability(checker: Checker) -> None:
    seen: set[str] = set()
    for index, record in checker.items("accountability"):
        if record.organisation in seen:
            checker.report(
                checker.at("accountability", index, "organisation"),
                f"a second accountability record for '{record.organisation}'",
                "put all the answers for one body in one record",
            )
        seen.add(record.organisation)
        for question in QUESTIONS:
            for position, answer in enumerate(getattr(record, question)):
                dates_in_order(checker, "accountability", (index, question, position), answer)
    for index, flow in checker.items("money"):
        if flow.amount is not None and flow.year is None:
            checker.report(
                checker.at("money", index, "amount"),
                "an amount without its year",
                "add 'year:' with the year the source gives for this amount, e.g. '2024/25'",
            )
    for index, step in checker.items("complaints"):
        dates_in_order(checker, "complaints", (index,), step)
