"""The shape of every data file, declared once.

These pydantic models validate `data/*.yaml` and also produce the JSON Schemas in
`schema/` that editors use to autocomplete and flag mistakes. Unknown keys are errors.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, Strict, StringConstraints

from generator.characters import INVISIBLE, invisible_message
from generator.model.dates import PartialDate


def _check_date(text: str) -> str:
    PartialDate.parse(text)
    return text


def _check_plain_text(text: str) -> str:
    found = INVISIBLE.search(text)
    if found:
        raise ValueError(f"{invisible_message(found.group())}: delete it, retyping the text around it")
    if not text.strip():
        raise ValueError("is blank: write some text")
    return text


def _check_no_markup(text: str) -> str:
    """Text MkDocs and Material show as HTML: page titles and navigation, and abbreviation tooltips.

    Why refuse rather than escape: the theme prints page titles unescaped, and strips tags from
    then unescapes them for <title>; tooltips are built with innerHTML. Escaped or not, `<`, `>`
    and character references such as `&lt;` would become markup in one of those places.
    """
    if "<" in text or ">" in text or html.unescape(text) != text:
        raise ValueError(
            "contains '<', '>' or an HTML code such as '&lt;' or '&amp;': this text becomes a page title "
            "or tooltip, where they would turn into markup; reword it (e.g. 'and' for '&amp;')"
        )
    return text


# RFC 3986 characters, less those that mean something to Markdown or HTML next to a link
# (quotes, brackets, backslash, backtick): a real address has them percent-encoded.
_URL_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#@!$&()*+,;=%]*")


def _check_url(url: str) -> str:
    authority = url.removeprefix("https://").split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    if "@" in authority:
        raise ValueError(
            "contains a user name or password before '@': never publish credentials; "
            "use the page's public address, without 'name:password@'"
        )
    bad = sorted({char for char in url if not _URL_CHARACTERS.fullmatch(char)})
    if bad:
        shown = " ".join(repr(char) for char in bad[:5])
        raise ValueError(
            f"contains {shown}, which a web address cannot contain as typed: copy the address from the "
            "browser's address bar, or percent-encode them (e.g. %5B for [, %20 for a space)"
        )
    return url


Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80),
    Field(description="Lower-case words joined by hyphens, unique in its file, e.g. `ccg`."),
]


@dataclass(frozen=True)
class RefersTo:
    """Marks an id field as a reference: its value must be the id of an item in one of `kinds`.

    The checker finds every reference through these marks (see generator/model/references.py),
    so a new reference field needs nothing more than its type below.
    """

    kinds: tuple[str, ...]  # data files, e.g. ("organisations", "people")
    what: str  # how a message names the item, e.g. "organisation or person"


SourceRef = Annotated[Id, RefersTo(("sources",), "source")]
TermRef = Annotated[Id, RefersTo(("terms",), "term")]
OrganisationRef = Annotated[Id, RefersTo(("organisations",), "organisation")]
EntityRef = Annotated[Id, RefersTo(("organisations", "people"), "organisation or person")]
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
DateString = Annotated[
    str,
    StringConstraints(pattern=DATE_PATTERN),
    AfterValidator(_check_date),
    Field(description="A date as stated by the source: YYYY, YYYY-MM or YYYY-MM-DD."),
]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=200), AfterValidator(_check_plain_text)]
# Shown by the theme as HTML (page titles, navigation, tooltips): see _check_no_markup.
TitleText = Annotated[ShortText, AfterValidator(_check_no_markup)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=3000), AfterValidator(_check_plain_text)]
HttpsUrl = Annotated[
    str,
    StringConstraints(pattern=r"^https://[^\s<>\"']+$", max_length=500),
    AfterValidator(_check_url),
    Field(description="A web address starting with https://"),
]


# `true` or `false` only: not `yes`, `1` or `1.0`, which a contributor may not mean as a yes/no.
StrictBool = Annotated[bool, Strict()]


def _true_or_false(value: object) -> object:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class InferredDate(_Strict):
    """A date no source states outright, with the reasoning behind it."""

    date: DateString
    inferred: Annotated[Literal[True], BeforeValidator(_true_or_false)] = Field(description="Always true: this date is our inference.")
    basis: Text = Field(description="Why we think this is the date, in plain English.")


When = Annotated[
    DateString | InferredDate,
    Field(description="A stated date (`2019-03`), or `{date, inferred: true, basis}`."),
]


def parse_when(when: DateString | InferredDate) -> tuple[PartialDate, bool]:
    """The date and whether it is inferred."""
    if isinstance(when, InferredDate):
        return PartialDate.parse(when.date), True
    return PartialDate.parse(when), False


class Citation(_Strict):
    source: SourceRef = Field(description="The id of a source in sources.yaml.")
    quote: Annotated[str, StringConstraints(min_length=8, max_length=2000), AfterValidator(_check_plain_text)] = Field(
        description="Words copied exactly from the source's archived text."
    )


Citations = Annotated[list[Citation], Field(min_length=1, description="At least one citation.")]


class Disagreement(_Strict):
    """Another account of the same fact, which the site does not follow."""

    says: Text = Field(description="What the other account says.")
    cite: Citations
    why_not_followed: Text = Field(description="Why the site follows the main account instead.")


Status = Annotated[
    Literal["done", "planned", "announced"],
    Field(
        description="What the sources say about a start, end or event: `done` (it happened), `planned` (set for "
        "this date by the body that decides, not yet confirmed as done) or `announced` (announced by government, "
        "not yet law)."
    ),
]


class EarlierName(_Strict):
    """A name a body went by before the one in `name`, and the day it stopped using it."""

    name: TitleText
    until: When = Field(description="The first day the next name was used.")
    cite: Citations


class Source(_Strict):
    id: Id
    title: Text
    author: ShortText | None = None
    author_inferred: StrictBool = Field(False, description="True when the author is our inference.")
    publisher: ShortText
    published: When | Literal["not stated"] = Field(description="Publication date, inferred date, or 'not stated'.")
    url: HttpsUrl | None = None
    url_note: Text | None = Field(None, description="Why there is no https link, if none.")
    # Each part starts with a letter or digit, so no '..', no hidden file and no absolute path.
    archive: Annotated[str, StringConstraints(pattern=r"^(?:seeds|sources)/[A-Za-z0-9][A-Za-z0-9_.-]*\.txt$")] = Field(
        description="Archived text: a file name in the archive's seeds/ or sources/ folder, e.g. sources/x.txt."
    )
    reliability: Literal["official", "established", "trade-press", "blog", "wikipedia-derived"]
    updated: DateString | None = Field(
        None,
        description="The date of the latest dated content in the archived page (e.g. a comment), when later "
        "than `published`.",
    )
    background_only: bool = Field(
        False,
        description="True for a neutral text (statistics notes, reference pages) that states no opinion: it can "
        "support facts and a viewpoint's context, but never be the attribution of a viewpoint's holder.",
    )
    note: Text | None = None


class Term(_Strict):
    id: Id
    abbr: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9&/.' -]{0,19}$")] | None = Field(
        None, description="The acronym as readers meet it, e.g. CCG or B&NES."
    )
    name: TitleText = Field(description="Full name, e.g. Clinical Commissioning Group.")
    definition: Annotated[
        str, StringConstraints(min_length=10, max_length=300), AfterValidator(_check_plain_text), AfterValidator(_check_no_markup)
    ] = Field(
        description="One plain-English sentence of at most 35 words."
    )
    status: Literal["current", "abolished", "renamed", "proposed", "historical"]
    status_note: Text | None = None
    start: When | None = None
    end: When | None = None
    related: list[TermRef] = Field(default_factory=list, description="Ids of related terms.")
    organisation: OrganisationRef | None = Field(None, description="The organisation this term names.")
    cite: Citations


Level = Literal["national", "regional", "system", "place", "neighbourhood", "local"]
Category = Literal[
    "government",
    "national-body",
    "regional-body",
    "regulator",
    "commissioner",
    "provider",
    "partnership",
    "support",
    "local-government",
    "network",
    "committee",
]


class Organisation(_Strict):
    id: Id
    name: TitleText
    term: TermRef | None = Field(None, description="Glossary term for this organisation or type.")
    kind: Literal["type", "body"] = Field(
        description="`type`: a kind of body with many members (CCGs); `body`: one named body."
    )
    category: Category
    level: Level
    count: ShortText | None = Field(None, description="How many there were, if a type.")
    earlier_names: list[EarlierName] = Field(
        default_factory=list, description="Names used before `name`, oldest first, each with the day it ended."
    )
    start: When | None = None
    start_status: Status = "done"
    end: When | None = None
    end_status: Status = "done"
    summary: Text = Field(description="What it is and what it did, in plain English.")
    area: Literal["bsw"] | None = Field(None, description="Set for the local case study.")
    instance_of: OrganisationRef | None = Field(None, description="For a body, the type it is one of.")
    disagreements: list[Disagreement] = Field(default_factory=list)
    cite: Citations


class Role(_Strict):
    title: ShortText
    organisation: OrganisationRef
    start: When | None = None
    end: When | None = None
    cite: Citations


class Person(_Strict):
    id: Id
    name: ShortText
    summary: Text
    roles: list[Role] = Field(min_length=1)


Relation = Literal[
    "commissions",
    "accountable-to",
    "supports",
    "part-of",
    "member-of",
    "replaced-by",
    "merged-into",
    "oversees",
    "funds",
    "partners-with",
    "hosts",
    "led-by",
]


class Relationship(_Strict):
    """A relation between two bodies (or a body and a person), read as "subject relation object"."""

    subject: EntityRef = Field(description="The id of the organisation or person the sentence starts with.")
    relation: Relation
    object: EntityRef = Field(description="The id of the organisation or person the sentence ends with.")
    start: When | None = Field(None, alias="from", description="When the relation began, as precisely as a source says.")
    end: When | None = Field(None, alias="until", description="When it ended; leave it out while the relation lasts.")
    note: Text | None = None
    cite: Citations


class Event(_Strict):
    id: Id
    date: When
    title: ShortText
    summary: Text
    status: Status = "done"
    major: StrictBool = Field(False, description="Mark as a major event on the timeline.")
    involves: list[EntityRef] = Field(default_factory=list, description="Organisation ids.")
    terms: list[TermRef] = Field(default_factory=list, description="Glossary term ids.")
    disagreements: list[Disagreement] = Field(default_factory=list)
    cite: Citations


class Era(_Strict):
    id: Id
    title: TitleText
    snapshot: DateString = Field(description="The day whose relationships the diagram draws.")
    summary: Text = Field(description="What changed since the previous era.")
    cite: Citations


class Holder(_Strict):
    """Someone who argues a position, and the quote that shows them stating it or being reported as holding it."""

    name: ShortText
    attributed_by: Citation = Field(
        description="A quote in which this holder states the view, or is reported as holding it; also shown "
        "with the position. A neutral background source (`background_only`) cannot attribute a view."
    )


class Position(_Strict):
    id: Id
    stance: ShortText = Field(description="The position in a few words.")
    holders: list[Holder] = Field(min_length=1, description="Who argues this.")
    argument: Text = Field(description="The argument, in plain English.")
    cite: Citations


class Viewpoint(_Strict):
    id: Id
    question: TitleText
    context: Text
    involves: list[OrganisationRef] = Field(default_factory=list, description="Organisation ids.")
    positions: list[Position] = Field(min_length=2)


class SourcesFile(_Strict):
    """The documents the facts quote, each with the archived copy of its text that the checker reads."""

    sources: list[Source] = Field(min_length=1)


class TermsFile(_Strict):
    """The glossary: each abbreviation or piece of jargon, what it means and when it was in use."""

    terms: list[Term] = Field(min_length=1)


class OrganisationsFile(_Strict):
    """The bodies that plan, pay for, provide or oversee NHS care, with when each existed."""

    organisations: list[Organisation] = Field(min_length=1)


class PeopleFile(_Strict):
    """People named on the site, with the roles they held."""

    people: list[Person] = Field(default_factory=list)


class RelationshipsFile(_Strict):
    """How bodies relate over time: who commissions, oversees or is part of whom, and who replaced whom."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    relationships: list[Relationship] = Field(default_factory=list)


class EventsFile(_Strict):
    """The timeline: dated events such as laws, mergers and abolitions."""

    events: list[Event] = Field(default_factory=list)


class ErasFile(_Strict):
    """The days the structure diagrams show, each with a title and what changed since the one before."""

    eras: list[Era] = Field(min_length=1)


class ViewpointsFile(_Strict):
    """Questions people disagree about, with each side's argument and their own words."""

    viewpoints: list[Viewpoint] = Field(default_factory=list)
