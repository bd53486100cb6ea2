"""The shape of data/icbs.yaml (curated) and data/areas.yaml (derived from the ONS tables)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StringConstraints

from generator.model.schema import Citations, DateString, HttpsUrl, Id, ShortText, Text, TitleText, _Strict

# ODS codes: a 2022 ICB is Q and two characters (QOX); the ICBs of 2026 have five (S1Y5D).
IcbCode = Annotated[str, StringConstraints(pattern=r"^(Q[A-Z0-9]{2}|[A-Z][0-9][A-Z][0-9][A-Z])$")]
OdsCode = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9]{3,5}$")]
RegionCode = Annotated[str, StringConstraints(pattern=r"^Y[0-9]{2}$")]
IcbOns = Annotated[str, StringConstraints(pattern=r"^E54[0-9]{6}$")]
CcgOns = Annotated[str, StringConstraints(pattern=r"^E38[0-9]{6}$")]
RegionOns = Annotated[str, StringConstraints(pattern=r"^E40[0-9]{6}$")]
CouncilOns = Annotated[str, StringConstraints(pattern=r"^E0[6-9][0-9]{6}$")]


# --- data/areas.yaml: derived, never edited by hand -------------------------------------------


class Region(_Strict):
    code: RegionCode
    ons: RegionOns
    name: TitleText


class Ccg(_Strict):
    code: OdsCode
    ons: CcgOns
    name: TitleText


class Stp(_Strict):
    code: IcbCode
    ons: IcbOns
    name: TitleText


class SubIcbLocation(_Strict):
    code: OdsCode
    ons: CcgOns
    name: TitleText
    ccg: Ccg = Field(description="The CCG of April 2021 this location replaced.")
    ccg_boundary_changed: bool
    stp: Stp = Field(description="The STP of 2021 the CCG belonged to.")
    stp_boundary_changed: bool = Field(description="True where the ICB's boundary was not exactly its STP's.")


class Icb2022(_Strict):
    code: IcbCode
    ons: IcbOns
    name: TitleText
    region: RegionCode
    locations: list[SubIcbLocation] = Field(min_length=1)


class CouncilShare(_Strict):
    icb: IcbCode
    small_areas: int = Field(ge=1)
    share: float = Field(gt=0, le=100, description="Per cent of the council's small areas (LSOAs).")


class Council(_Strict):
    code: CouncilOns
    name: TitleText
    small_areas: int = Field(ge=1)
    icbs: list[CouncilShare] = Field(min_length=1)
    locations: list[OdsCode] = Field(min_length=1, description="Sub-ICB locations (former CCGs) covering it.")


Point = Annotated[list[float], Field(min_length=2, max_length=2)]


class Boundary(_Strict):
    icb: IcbCode
    rings: list[Annotated[list[Point], Field(min_length=3)]] = Field(min_length=1)


class AreasFile(_Strict):
    regions: list[Region] = Field(min_length=1)
    icbs: list[Icb2022] = Field(min_length=1)
    councils: list[Council] = Field(min_length=1)
    boundaries: list[Boundary] = Field(min_length=1)


# --- data/icbs.yaml: curated, every statement cited --------------------------------------------


class Dataset(_Strict):
    file: Annotated[str, StringConstraints(pattern=r"^datasets/[A-Za-z0-9_.-]+$")]
    title: Text
    publisher: ShortText
    kept_by: Text
    url: HttpsUrl


class Provenance(_Strict):
    attribution: Text
    licence: ShortText
    licence_url: HttpsUrl
    datasets: list[Dataset] = Field(min_length=1)


class NewIcb(_Strict):
    code: IcbCode
    name: TitleText
    start: DateString
    organisation: Id | None = Field(None, description="Its page in organisations.yaml, if any.")
    cite: Citations


class OrganisationPage(_Strict):
    icb: IcbCode
    organisation: Id


class Succession(_Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    predecessor: IcbCode = Field(alias="from")
    successor: IcbCode = Field(alias="to")
    date: DateString
    type: Literal["merger", "split", "acquisition"]
    cite: Citations


Status = Literal["planned", "done"]


class Cluster(_Strict):
    id: Id
    name: TitleText
    members: list[IcbCode] = Field(min_length=1)
    parts: list[IcbCode] = Field(default_factory=list)
    status: Status
    cite: Citations


class NoClusters(_Strict):
    region: RegionCode
    cite: Citations


class PlannedMerger(_Strict):
    id: Id
    members: list[IcbCode] = Field(min_length=2)
    expected: ShortText
    status: Status
    note: Text | None = None
    cite: Citations


class IcbsFile(_Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    provenance: Provenance
    new_icbs: list[NewIcb] = Field(default_factory=list)
    organisation_pages: list[OrganisationPage] = Field(default_factory=list)
    successions: list[Succession] = Field(default_factory=list)
    clusters: list[Cluster] = Field(default_factory=list)
    no_clusters: list[NoClusters] = Field(default_factory=list)
    planned_mergers: list[PlannedMerger] = Field(default_factory=list)
    clustered_icbs_2027: Citations | None = None
