"""Money, accountability and complaints: the shape of their data files.

Why a module of its own: these kinds answer readers' practical questions (who pays, who answers
for what, where to complain) and are declared here once, beside the core kinds in `schema.py`;
generator/model's `Model` declares them with the others.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from generator.model.schema import Citations, Id, OrganisationRef, RefersTo, ShortText, Status, Text, When, _Strict

Moment = Literal["2013", "2026"]
# A flow's payer or payee: an organisation, or a pool in pools.yaml.
MoneyEndRef = Annotated[Id, RefersTo(("organisations", "pools"), "organisation or pool")]

# The questions the accountability grid answers, in the order it shows them, with their headings.
QUESTIONS: dict[str, str] = {
    "funded_by": "Who funds it",
    "appointed_by": "Who appoints its chair or board",
    "directed_by": "Who oversees or can direct it",
    "regulated_by": "Who inspects or regulates it",
    "scrutinised_by": "Who scrutinises it",
    "foi": "Freedom of information",
}
NOT_STATED = "Not stated in our sources."


class _InForce(_Strict):
    """A sourced rule or answer that holds for a while, and may be only a plan so far."""

    start: When | None = Field(None, description="When this began to apply, if the sources say.")
    end: When | None = Field(None, description="When this stopped applying, if the sources say.")
    status: Status = Field("done", description="`planned` or `announced` for a plan or proposal not yet in force.")
    cite: Citations


class Answer(_InForce):
    """One sourced answer to one accountability question."""

    says: ShortText = Field(description="The answer in a few plain words, dated where it changed.")


class Accountability(_Strict):
    """What the sources say about who funds, appoints, directs, regulates and scrutinises one body or type."""

    organisation: OrganisationRef = Field(description="The id of an organisation in organisations.yaml.")
    funded_by: list[Answer] = Field(default_factory=list)
    appointed_by: list[Answer] = Field(default_factory=list)
    directed_by: list[Answer] = Field(default_factory=list)
    regulated_by: list[Answer] = Field(default_factory=list)
    scrutinised_by: list[Answer] = Field(default_factory=list)
    foi: list[Answer] = Field(default_factory=list, description="Whether freedom of information law applies.")


class Pool(_Strict):
    """A pot of money that is not an organisation, such as a pooled budget."""

    id: Id
    name: ShortText
    summary: Text
    cite: Citations


class Flow(_Strict):
    """Money moving from one body (or pool) to another at one moment."""

    moment: Moment = Field(description="Which picture the flow belongs to: 2013 or 2026.")
    payer: MoneyEndRef = Field(description="Organisation or pool id the money comes from.")
    payee: MoneyEndRef = Field(description="Organisation or pool id the money goes to.")
    label: ShortText = Field(description="A few words for the arrow, e.g. 'allocations'.")
    amount: ShortText | None = Field(None, description="Only as a source gives it, e.g. '£127.2 billion'.")
    year: ShortText | None = Field(None, description="The year the amount is for, e.g. '2024/25'. Required with amount.")
    note: Text | None = None
    cite: Citations


class Step(_InForce):
    """One step of the complaints guide, or one dated change to it."""

    id: Id
    title: ShortText
    says: Text = Field(description="What to do, or what changed, in plain English.")


class AccountabilityFile(_Strict):
    """For each body: who funds, appoints, directs, regulates and scrutinises it, as far as the sources say."""

    accountability: list[Accountability]


class PoolsFile(_Strict):
    """Pots of money that are not organisations, such as pooled budgets."""

    pools: list[Pool]


class MoneyFile(_Strict):
    """The arrows of the 'Who pays for what' diagrams: money moving from one body or pot to another."""

    money: list[Flow] = Field(description="One flow per arrow of the 'Who pays for what' diagrams.")


class ComplaintsFile(_Strict):
    """The steps of the complaints guide: whom to contact, in order, and when each applies."""

    complaints: list[Step]
