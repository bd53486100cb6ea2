"""The shape of data/icbs.yaml (curated) and data/areas.yaml (derived from the ONS tables)."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, ConfigDict, Field, StringConstraints

from generator.model.schema import Citations, DateString, HttpsUrl, Id, ShortText, Text, TitleText, _Strict


def _code(pattern: str, what: str) -> object:
    """A code checked against its pattern, with a message that says what the code should look like."""
    compiled = re.compile(pattern)

    def check(value: str) -> str:
        if not compiled.fullmatch(value):
            raise ValueError(f"'{value}' is not {what}")
        return value

    return AfterValidator(check)


# ODS codes: a 2022 ICB is Q and two characters (QOX); the ICBs of 2026 have five (S1Y5D).
IcbCode = Annotated[
    str, _code(r"Q[A-Z0-9]{2}|[A-Z][0-9][A-Z][0-9][A-Z]", "an ICB's ODS code (Q and two capitals or digits, e.g. QOX; or five, e.g. S1Y5D)")
]
OdsCode = Annotated[str, _code(r"[A-Z0-9]{3,5}", "an ODS code (3 to 5 capital letters or digits, e.g. 92G)")]
RegionCode = Annotated[str, _code(r"Y[0-9]{2}", "an NHS England region's ODS code (Y and two digits, e.g. Y58)")]
IcbOns = Annotated[str, _code(r"E54[0-9]{6}", "an ONS code for an ICB or STP (E54 and six digits)")]
CcgOns = Annotated[str, _code(r"E38[0-9]{6}", "an ONS code for a CCG or sub-ICB location (E38 and six digits)")]
RegionOns = Annotated[str, _code(r"E40[0-9]{6}", "an ONS code for an NHS England region (E40 and six digits)")]
CouncilOns = Annotated[str, _code(r"E0[6-9][0-9]{6}", "an ONS code for a council (E06 to E09 and six digits)")]


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


_RING = re.compile(r"-?\d+(\.\d+)?,-?\d+(\.\d+)?( -?\d+(\.\d+)?,-?\d+(\.\d+)?){2,}")


def _check_ring(text: str) -> str:
    if not _RING.fullmatch(text):
        raise ValueError("a ring is at least three 'longitude,latitude' pairs separated by single spaces")
    return text


# One outline as "lon,lat lon,lat ...": one YAML value per ring, not two per point, keeps loading fast.
Ring = Annotated[str, AfterValidator(_check_ring)]


def ring_points(ring: str) -> list[tuple[float, float]]:
    """'-2.9,53.6 -3.0,53.5' -> [(-2.9, 53.6), (-3.0, 53.5)]."""
    return [(float(lon), float(lat)) for lon, lat in (pair.split(",") for pair in ring.split(" "))]


class Boundary(_Strict):
    icb: IcbCode
    rings: list[Ring] = Field(min_length=1)


class AreasFile(_Strict):
    """Derived from the ONS tables by `python -m generator derive`; never edit it by hand: regions, ICBs of July 2022, councils and boundaries."""

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
    """Every ICB in England, by hand: the ONS tables' provenance, the ICBs of 1 April 2026, their successions, clusters and planned mergers."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    provenance: Provenance
    new_icbs: list[NewIcb] = Field(default_factory=list)
    organisation_pages: list[OrganisationPage] = Field(default_factory=list)
    successions: list[Succession] = Field(default_factory=list)
    clusters: list[Cluster] = Field(default_factory=list)
    no_clusters: list[NoClusters] = Field(default_factory=list)
    planned_mergers: list[PlannedMerger] = Field(default_factory=list)
    clustered_icbs_2027: Citations | None = None


# The ICB files, beside generator.model.schema.DATA_FILES: loaded by generator/areas/load.py.
AREA_FILES: dict[str, type[_Strict]] = {"icbs": IcbsFile, "areas": AreasFile}
