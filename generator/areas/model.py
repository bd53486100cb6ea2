"""Every ICB in England, as the pages need it: the ONS tables joined to the ODS successions and clusters."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

from generator import paths
from generator.areas.schema import (
    AreasFile,
    Boundary,
    Cluster,
    Council,
    Icb2022,
    IcbsFile,
    NewIcb,
    NoClusters,
    PlannedMerger,
    Region,
    Succession,
)


def slug(name: str) -> str:
    """'NHS Frimley Integrated Care Board' -> 'frimley'."""
    core = name.removeprefix("NHS ").removesuffix(" Integrated Care Board")
    return re.sub(r"[^a-z0-9]+", "-", core.lower()).strip("-")


def short_name(name: str) -> str:
    """'NHS Frimley Integrated Care Board' -> 'Frimley'."""
    return name.removeprefix("NHS ").removesuffix(" Integrated Care Board")


@dataclass(frozen=True)
class Areas:
    """The two area files, validated and cross-checked. Renderers read only this."""

    curated: IcbsFile
    derived: AreasFile

    @cached_property
    def regions(self) -> dict[str, Region]:
        return {region.code: region for region in self.derived.regions}

    @cached_property
    def icbs_2022(self) -> dict[str, Icb2022]:
        return {icb.code: icb for icb in self.derived.icbs}

    @cached_property
    def new_icbs(self) -> dict[str, NewIcb]:
        return {icb.code: icb for icb in self.curated.new_icbs}

    def name(self, code: str) -> str:
        return self.icbs_2022[code].name if code in self.icbs_2022 else self.new_icbs[code].name

    def path(self, code: str) -> str:
        return paths.icb_page(slug(self.name(code)))

    @cached_property
    def successions_from(self) -> dict[str, list[Succession]]:
        return _grouped(self.curated.successions, lambda succession: succession.predecessor)

    @cached_property
    def successions_to(self) -> dict[str, list[Succession]]:
        return _grouped(self.curated.successions, lambda succession: succession.successor)

    def successors(self, code: str) -> list[str]:
        """The ICBs that took over `code`'s area on 1 April 2026; itself if the records show no change."""
        successions = self.successions_from.get(code)
        return [succession.successor for succession in successions] if successions else [code]

    @cached_property
    def icbs_2026(self) -> list[str]:
        """ICBs after 1 April 2026: the 2022 ICBs that no record ends, then the new ones (a derived count)."""
        kept = [code for code in self.icbs_2022 if code not in self.successions_from]
        return kept + list(self.new_icbs)

    @cached_property
    def clusters_of(self) -> dict[str, list[tuple[Cluster, bool]]]:
        """ICB code -> (cluster, whole ICB?) for each cluster naming it."""
        found: dict[str, list[tuple[Cluster, bool]]] = {}
        for cluster in self.curated.clusters:
            for code in cluster.members:
                found.setdefault(code, []).append((cluster, True))
            for code in cluster.parts:
                found.setdefault(code, []).append((cluster, False))
        return found

    @cached_property
    def no_clusters(self) -> dict[str, NoClusters]:
        return {entry.region: entry for entry in self.curated.no_clusters}

    @cached_property
    def mergers_of(self) -> dict[str, list[PlannedMerger]]:
        found: dict[str, list[PlannedMerger]] = {}
        for merger in self.curated.planned_mergers:
            for code in merger.members:
                found.setdefault(code, []).append(merger)
        return found

    @cached_property
    def councils_of(self) -> dict[str, list[tuple[Council, float]]]:
        """ICB code -> (council, share of the council in this ICB), councils A-Z."""
        found: dict[str, list[tuple[Council, float]]] = {}
        for council in self.derived.councils:
            for share in council.icbs:
                found.setdefault(share.icb, []).append((council, share.share))
        return found

    @cached_property
    def boundaries(self) -> dict[str, Boundary]:
        return {boundary.icb: boundary for boundary in self.derived.boundaries}

    @cached_property
    def organisation_of(self) -> dict[str, str]:
        """ICB code -> id of its page in organisations.yaml, where there is one."""
        found = {entry.icb: entry.organisation for entry in self.curated.organisation_pages}
        found.update({icb.code: icb.organisation for icb in self.curated.new_icbs if icb.organisation})
        return found

    @cached_property
    def location_names(self) -> dict[str, str]:
        """Sub-ICB location code -> the name of the CCG it replaced."""
        return {location.code: location.ccg.name for icb in self.derived.icbs for location in icb.locations}

    def region_of(self, code: str) -> Region:
        """A new ICB's region is its predecessors' (they share one in every record)."""
        if code in self.icbs_2022:
            return self.regions[self.icbs_2022[code].region]
        return self.regions[self.icbs_2022[self.successions_to[code][0].predecessor].region]


def _grouped(successions: Iterable[Succession], key: Callable[[Succession], str]) -> dict[str, list[Succession]]:
    found: dict[str, list[Succession]] = {}
    for succession in successions:
        found.setdefault(key(succession), []).append(succession)
    return found
