"""Cross-file checks for money, accountability and complaints, run with the other checks in validate.py."""

from __future__ import annotations

import difflib
from typing import Any, Protocol

from generator.model import Accountability, Flow, Pool, Step


class _Checker(Protocol):
    parsed: dict[str, Any]

    def report(self, where: tuple[str, int, int], message: str, hint: str) -> None: ...

    def reference(
        self, kind: str, path: tuple[str | int, ...], value: str | None, known: dict[str, Any], what: str
    ) -> None: ...

    def dates_in_order(self, kind: str, path: tuple[str | int, ...], item: Any) -> None: ...


def check_accountability(checker: _Checker, organisations: dict[str, Any]) -> dict[str, Any]:
    """Resolve every id in the three files; return the Model's fields for them."""
    return {
        "accountability": _records(checker, organisations),
        **_money(checker, organisations),
        "complaints": _complaints(checker),
    }


def _records(checker: _Checker, organisations: dict[str, Any]) -> dict[str, Accountability]:
    parsed = checker.parsed["accountability"]
    found: dict[str, Accountability] = {}
    for index, record in enumerate(parsed.content.accountability):
        checker.reference("accountability", (index, "organisation"), record.organisation, organisations, "organisation")
        if record.organisation in found:
            checker.report(
                parsed.at("accountability", index, "organisation"),
                f"a second accountability record for '{record.organisation}'",
                "put all the answers for one body in one record",
            )
        found.setdefault(record.organisation, record)
    return found


def _money(checker: _Checker, organisations: dict[str, Any]) -> dict[str, Any]:
    parsed = checker.parsed["money"]
    pools: dict[str, Pool] = {}
    for index, pool in enumerate(parsed.content.pools):
        if pool.id in pools or pool.id in organisations:
            checker.report(
                parsed.at("pools", index, "id"),
                f"duplicate id '{pool.id}' (already a pool or an organisation)",
                "give the pool an id of its own",
            )
        pools.setdefault(pool.id, pool)
    ends = {**organisations, **pools}
    flows: list[Flow] = list(parsed.content.flows)
    for index, flow in enumerate(flows):
        for key in ("payer", "payee"):
            value = getattr(flow, key)
            if value not in ends:
                nearest = difflib.get_close_matches(value, list(ends), n=3)
                checker.report(
                    parsed.at("flows", index, key),
                    f"unknown organisation or pool '{value}'",
                    "use the id of an organisation in organisations.yaml or of a pool in this file"
                    + (f"; nearest: {', '.join(nearest)}" if nearest else ""),
                )
        if flow.amount is not None and flow.year is None:
            checker.report(
                parsed.at("flows", index, "amount"),
                "an amount without its year",
                "add 'year:' with the year the source gives for this amount, e.g. '2024/25'",
            )
    return {"pools": pools, "flows": tuple(flows)}


def _complaints(checker: _Checker) -> tuple[Step, ...]:
    parsed = checker.parsed["complaints"]
    seen: set[str] = set()
    steps: list[Step] = list(parsed.content.complaints)
    for index, step in enumerate(steps):
        if step.id in seen:
            checker.report(parsed.at("complaints", index, "id"), f"duplicate id '{step.id}'", "give each step its own id")
        seen.add(step.id)
        checker.dates_in_order("complaints", (index,), step)
    return tuple(steps)
