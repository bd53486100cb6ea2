"""Every ICB in England: an index with maps, one page per ICB, and "Find your area" for councils."""

from __future__ import annotations

from generator import paths
from generator.areas.model import Areas, short_name
from generator.areas.schema import Cluster, Council, PlannedMerger
from generator.model import Model
from generator.render.common import Page, evidence, link, organisation_target, page_text
from generator.render.escape import escape_markdown
from generator.render.maps import changed_colours, locator_map, map_2022, map_2026, region_colours

INDEX = paths.ICBS
FIND = paths.FIND_YOUR_AREA
DATA_FILES = ("data/icbs.yaml", "data/areas.yaml")
ICB_TYPE = "icbs"  # the organisations.yaml id of the ICB type page
DISTRICTS_OF_2022 = (
    "Councils are the local authority districts of 2022, before the April 2023 changes in Cumbria, "
    "North Yorkshire and Somerset."
)
SHARE_METHOD = (
    "Where a council is split between ICBs, its share is the share of its small areas (LSOAs) in each ICB, "
    "counted from the ONS lookup."
)


def icb_pages(model: Model) -> list[Page]:
    """The index, one page per ICB (42 of July 2022 and the new ones of 1 April 2026), and the finder."""
    areas = model.areas
    if areas is None:
        return []
    return [
        render_icb_index(model, areas),
        *(render_icb(model, areas, code) for code in [*areas.icbs_2022, *areas.new_icbs]),
        render_find_your_area(model, areas),
    ]


def icb_navigation(model: Model) -> list[dict[str, str]]:
    """Navigation entries under the index: the finder, then every ICB page."""
    areas = model.areas
    if areas is None:
        return []
    pages = [{short_name(areas.name(code)): areas.path(code)} for code in sorted([*areas.icbs_2022, *areas.new_icbs], key=lambda c: areas.name(c))]
    # The finder sits first in the section: the header has room for a limited number of tabs.
    return [{"Find your area": FIND}, *pages]


# --- shared wording ------------------------------------------------------------------------------


def _icb_link(areas: Areas, from_page: str, code: str, short: bool = False) -> str:
    name = areas.name(code)
    return link(from_page, short_name(name) if short else name, areas.path(code))


def _percent(share: float) -> str:
    return f"{share:g}%"


def fate_2026(areas: Areas, from_page: str, code: str) -> str:
    """What the ODS records say happened to a 2022 ICB on 1 April 2026, in their words."""
    successions = areas.successions_from.get(code, [])
    gained = areas.successions_to.get(code, [])
    if gained and not successions:
        sources = ", ".join(_icb_link(areas, from_page, s.predecessor) for s in gained)
        return f"Continued, and gained part of the area of {sources} (ODS record type: acquisition)."
    if not successions:
        return "No change: no ODS succession record on 1 April 2026."
    if len(successions) == 1:
        only = successions[0]
        return f"Merged into {_icb_link(areas, from_page, only.successor)} (ODS record type: {only.type})."
    targets = [f"{_icb_link(areas, from_page, s.successor)} (record type: {s.type})" for s in successions]
    listed = ", ".join(targets[:-1]) + " and " + targets[-1]
    return (
        f"Split: the NHS Organisation Data Service records successions to {listed}. "
        "The records do not say which part of the area went to which."
    )


def fate_short(areas: Areas, from_page: str, code: str) -> str:
    successions = areas.successions_from.get(code, [])
    if areas.successions_to.get(code) and not successions:
        return "Gained part of Frimley" if "QNQ" in {s.predecessor for s in areas.successions_to[code]} else "Enlarged"
    if not successions:
        return "No change recorded"
    if len(successions) == 1:
        return "Merged into " + _icb_link(areas, from_page, successions[0].successor, short=True)
    return "Split: " + ", ".join(_icb_link(areas, from_page, s.successor, short=True) for s in successions)


def _cluster_text(areas: Areas, from_page: str, cluster: Cluster, whole: bool) -> str:
    status = "working (as the source says)" if cluster.status == "done" else "planned (as the source says)"
    names = [_icb_link(areas, from_page, member, short=True) for member in cluster.members]
    names += [f"part of {_icb_link(areas, from_page, part, short=True)}" for part in cluster.parts]
    part = "" if whole else "Part of its area is in this cluster. "
    return f"{part}Cluster: {escape_markdown(cluster.name)}. Members: {', '.join(names)}. Status: {status}."


def cluster_short(areas: Areas, from_page: str, code: str) -> str:
    clusters = areas.clusters_of.get(code)
    if clusters:
        return "; ".join(
            ("" if whole else "part: ") + escape_markdown(cluster.name) + ("" if cluster.status == "done" else " (planned)")
            for cluster, whole in clusters
        )
    region = _region_code(areas, code)
    if region in areas.no_clusters:
        return "None in this region"
    return "Not stated in the sources"


def _region_code(areas: Areas, code: str) -> str:
    return areas.region_of(code).code


def merger_short(areas: Areas, code: str) -> str:
    mergers = areas.mergers_of.get(code)
    if not mergers:
        return "None recorded"
    return "; ".join(
        "with " + ", ".join(short_name(areas.name(m)) for m in merger.members if m != code) + f", {merger.expected} (planned)"
        for merger in mergers
    )


def _joined(lines: list[str]) -> list[str]:
    """Consecutive table rows joined into one block: page_text puts a blank line between blocks."""
    blocks: list[str] = []
    for line in lines:
        if line.startswith("|") and blocks and blocks[-1].split("\n")[-1].startswith("|"):
            blocks[-1] += "\n" + line
        else:
            blocks.append(line)
    return blocks


def _attribution(areas: Areas) -> str:
    provenance = areas.curated.provenance
    return f"*{escape_markdown(provenance.attribution)}*"


# --- the index -----------------------------------------------------------------------------------


def render_icb_index(model: Model, areas: Areas) -> Page:
    path = INDEX
    regions = areas.regions
    lines = [
        "Every integrated care board (ICB) in England "
        f"({link(path, 'what ICBs are', organisation_target(model, ICB_TYPE))}). England had "
        f"{len(areas.icbs_2022)} from 1 July 2022. On 1 April 2026, {len(areas.successions_from)} of them were "
        f"replaced by {len(areas.new_icbs)} new ones, and one gained territory, leaving "
        f"{len(areas.icbs_2026)} (a count made from the succession records, not stated by them). "
        f"To find the ICB for a council, use {link(path, 'Find your area', FIND)}. Download this directory "
        "as [CSV](../downloads/icb-directory.csv) or [JSON](../downloads/icb-directory.json).",
        "## Map: the 42 ICBs of July 2022",
        map_2022(areas, path),
        _region_table(areas),
        "## Map: the ICBs from 1 April 2026",
        map_2026(areas, path),
        _changes_table(areas, path),
        "## Every ICB of July 2022",
        "Clusters are the 2025 groups of ICBs sharing leadership while staying separate in law; a planned "
        "merger is a plan as its source states it, not a fact.",
        "| ICB | ODS code | Region | CCGs replaced (April 2021) | STP replaced | 1 April 2026 | 2025 cluster | Planned merger |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for code, icb in sorted(areas.icbs_2022.items(), key=lambda item: item[1].name):
        stps = dict.fromkeys(f"{escape_markdown(loc.stp.name)} ({loc.stp.code})" for loc in icb.locations)
        ccgs = ", ".join(loc.ccg.code for loc in icb.locations)
        lines.append(
            f"| {_icb_link(areas, path, code, short=True)} | {code} | {escape_markdown(regions[icb.region].name)} "
            f"| {len(icb.locations)}: {ccgs} | {'; '.join(stps)} | {fate_short(areas, path, code)} "
            f"| {cluster_short(areas, path, code)} | {escape_markdown(merger_short(areas, code))} |"
        )
    lines += [
        "## The ICBs created on 1 April 2026",
        "| ICB | ODS code | Replaced |",
        "| --- | --- | --- |",
    ]
    for code in areas.new_icbs:
        replaced = ", ".join(
            f"{_icb_link(areas, path, s.predecessor, short=True)} ({s.type})" for s in areas.successions_to[code]
        )
        lines.append(f"| {_icb_link(areas, path, code, short=True)} | {code} | {replaced} |")
    lines += [
        "## Sources",
        evidence(model, path, [c for s in areas.curated.successions for c in s.cite], "The ODS succession records"),
        evidence(model, path, [c for cl in areas.curated.clusters for c in cl.cite], "The 2025 clusters"),
        evidence(
            model, path,
            [c for entry in areas.curated.no_clusters for c in entry.cite][:1]
            + [c for m in areas.curated.planned_mergers for c in m.cite]
            + list(areas.curated.clustered_icbs_2027 or []),
            "Regions without clusters, and mergers planned for 2027",
        ),
        "## About the tables",
        _datasets(areas),
    ]
    return page_text(path, "ICBs in England", _joined(lines), DATA_FILES)


def _region_table(areas: Areas) -> str:
    colours = region_colours(areas)
    lines = ["| NHS England region | Code | ICBs |", "| --- | --- | --- |"]
    for region in areas.regions.values():
        count = sum(1 for icb in areas.icbs_2022.values() if icb.region == region.code)
        lines.append(f"| {_swatch(colours[region.code])}{escape_markdown(region.name)} | {region.code} | {count} |")
    return "The map's regions as text:\n\n" + "\n".join(lines)


def _changes_table(areas: Areas, path: str) -> str:
    colours = changed_colours(areas)
    lines = ["| From 1 April 2026 | Made from |", "| --- | --- |"]
    for code in areas.icbs_2026:
        if code not in areas.successions_to:
            continue
        made = ", ".join(
            f"{_icb_link(areas, path, s.predecessor, short=True)} ({s.type})" for s in areas.successions_to[code]
        )
        if code in areas.icbs_2022:
            made = f"{_icb_link(areas, path, code, short=True)} (unchanged name), with " + made
        lines.append(f"| {_swatch(colours[code])}{_icb_link(areas, path, code)} | {made} |")
    unchanged = len([code for code in areas.icbs_2026 if code not in areas.successions_to])
    return (
        "The map's changes as text (the other "
        f"{unchanged} ICBs have no succession record and are unchanged):\n\n" + "\n".join(lines)
    )


def _swatch(colour: str) -> str:
    """The map colour beside its name in the text table (the name carries the meaning, not the colour)."""
    return f'<span class="legend-swatch" style="background: {colour}; border-color: {colour}" aria-hidden="true"></span>'


def _datasets(areas: Areas) -> str:
    provenance = areas.curated.provenance
    lines = [
        "The ICBs, sub-ICB locations, CCGs, STPs, regions, councils and boundaries come from these "
        "Office for National Statistics tables, published under the "
        f"[{escape_markdown(provenance.licence)}]({provenance.licence_url}):",
        "",
    ]
    for dataset in provenance.datasets:
        lines.append(
            f"- {escape_markdown(dataset.title)} ({escape_markdown(dataset.publisher)}), in the copy kept by "
            f"[{escape_markdown(dataset.kept_by.split(' at ')[0])}]({dataset.url}): {escape_markdown(dataset.kept_by)}"
        )
    lines += ["", _attribution(areas)]
    return "\n".join(lines)


# --- one page per ICB ----------------------------------------------------------------------------


def render_icb(model: Model, areas: Areas, code: str) -> Page:
    path = areas.path(code)
    name = areas.name(code)
    if code in areas.icbs_2022:
        body = _old_icb_body(model, areas, code, path)
    else:
        body = _new_icb_body(model, areas, code, path)
    return page_text(path, name, _joined(body), DATA_FILES)


def _see_also(model: Model, areas: Areas, code: str, path: str) -> str:
    links = [link(path, "What ICBs are", organisation_target(model, ICB_TYPE))]
    organisation = areas.organisation_of.get(code)
    if organisation is not None:
        target = organisation_target(model, organisation)
        words = "The local case study: BSW" if target.startswith("case-study.md") else f"More about {short_name(areas.name(code))}"
        links.append(link(path, words, target))
    links.append(link(path, "All ICBs in England", INDEX))
    links.append(link(path, "Find your area", FIND))
    return "See also: " + " · ".join(links) + "."


def _opening(model: Model, areas: Areas, code: str, path: str, intro: str, codes: dict[str, str]) -> list[str]:
    """What every ICB page starts with: a sentence, links onward, the locator map and a table of codes."""
    return [
        intro,
        _see_also(model, areas, code, path),
        locator_map(areas, code, path),
        "## Codes",
        "| Code | Value |",
        "| --- | --- |",
        *(f"| {name} | {value} |" for name, value in codes.items()),
    ]


def _old_icb_body(model: Model, areas: Areas, code: str, path: str) -> list[str]:
    icb = areas.icbs_2022[code]
    region = areas.regions[icb.region]
    changed = [loc for loc in icb.locations if loc.stp_boundary_changed]
    stps = list(dict.fromkeys((loc.stp.code, loc.stp.name) for loc in icb.locations))
    intro = (
        f"One of the {len(areas.icbs_2022)} integrated care boards (ICBs) set up on 1 July 2022, in NHS England's "
        f"{escape_markdown(region.name)} region."
    )
    codes = {
        "ODS code": code,
        "ONS code": icb.ons,
        "NHS England region": f"{escape_markdown(region.name)} ({region.code}, {region.ons})",
    }
    lines = [
        *_opening(model, areas, code, path, intro, codes),
        "## What it replaced",
        f"It replaced {len(icb.locations)} clinical commissioning group"
        + ("s (CCGs) of April 2021; each" if len(icb.locations) != 1 else " (CCG) of April 2021, which")
        + " became one of its sub-ICB locations, with the same ODS code.",
        "| CCG of April 2021 | CCG codes | Sub-ICB location of July 2022 | Boundary changed? | STP of 2021 |",
        "| --- | --- | --- | --- | --- |",
    ]
    for loc in icb.locations:
        lines.append(
            f"| {escape_markdown(loc.ccg.name)} | {loc.ccg.code}, {loc.ccg.ons} | {escape_markdown(loc.name)} ({loc.code}) "
            f"| {'yes' if loc.ccg_boundary_changed else 'no'} | {escape_markdown(loc.stp.name)} ({loc.stp.code}) |"
        )
    stp_words = " and ".join(f"{escape_markdown(stp_name)} ({stp_code})" for stp_code, stp_name in stps)
    if changed:
        moved = ", ".join(f"{escape_markdown(loc.ccg.name)} ({loc.ccg.code})" for loc in changed)
        boundary = (
            f"The ONS table flags that the ICB's boundary was not exactly its STP's, for: {moved}."
        )
    else:
        boundary = "The ONS table shows its boundary was the same as its STP's."
    lines.append(f"Its sustainability and transformation partnership (STP) of 2021: {stp_words}. {boundary}")
    lines += _councils_section(areas, code, path)
    lines += [
        "## On 1 April 2026",
        fate_2026(areas, path, code),
    ]
    citations = [c for s in areas.successions_from.get(code, []) + areas.successions_to.get(code, []) for c in s.cite]
    if citations:
        lines.append(evidence(model, path, citations, "The NHS Organisation Data Service records"))
    lines += _cluster_section(model, areas, code, path)
    lines += ["## About this data", _short_provenance(areas, path)]
    return lines


def _short_provenance(areas: Areas, path: str) -> str:
    """One paragraph on ICB pages; the full list of tables is on the index (kept out of 48 pages' search text)."""
    return (
        "Codes, CCGs, STPs, councils and boundaries: Office for National Statistics tables of 2021 and 2022 "
        f"({link(path, 'list and licence', INDEX + '#about-the-tables')}). {_attribution(areas)}"
    )


def _councils_section(areas: Areas, code: str, path: str) -> list[str]:
    councils = sorted(areas.councils_of.get(code, []), key=lambda item: item[0].name)
    lines = [
        "## Councils it covers",
        f"{len(councils)} council{'s' if len(councils) != 1 else ''}. {DISTRICTS_OF_2022} {SHARE_METHOD}",
        "| Council | ONS code | Share of the council in this ICB | Rest of the council |",
        "| --- | --- | --- | --- |",
    ]
    for council, share in councils:
        others = ", ".join(
            f"{_icb_link(areas, path, other.icb, short=True)} ({_percent(other.share)})"
            for other in council.icbs
            if other.icb != code
        )
        lines.append(
            f"| {link(path, council.name, f'{FIND}#{council_anchor(council)}')} | {council.code} "
            f"| {_percent(share)} | {others or '—'} |"
        )
    return lines


def _cluster_section(model: Model, areas: Areas, code: str, path: str) -> list[str]:
    lines = ["## 2025 cluster"]
    clusters = areas.clusters_of.get(code, [])
    region = _region_code(areas, code)
    for cluster, whole in clusters:
        lines.append(_cluster_text(areas, path, cluster, whole))
        lines.append(evidence(model, path, cluster.cite))
    if not clusters:
        if region in areas.no_clusters:
            lines.append("The sources say no clusters were formed in this region.")
            lines.append(evidence(model, path, areas.no_clusters[region].cite))
        else:
            lines.append("The archived sources do not say whether this ICB joined a cluster.")
    lines.append("## Planned merger")
    mergers = areas.mergers_of.get(code, [])
    for merger in mergers:
        lines.append(_merger_text(areas, path, code, merger))
        lines.append(evidence(model, path, merger.cite))
    if not mergers:
        lines.append("The archived sources record no merger planned for this ICB after 1 April 2026.")
    if clusters and not areas.successions_from.get(code) and areas.curated.clustered_icbs_2027:
        lines.append(
            "Reports from 2025 say every clustered ICB is to merge with its cluster partners by April 2027, "
            "with decisions in summer 2026."
        )
        lines.append(evidence(model, path, areas.curated.clustered_icbs_2027))
    return lines


def _merger_text(areas: Areas, path: str, code: str, merger: PlannedMerger) -> str:
    partners = ", ".join(_icb_link(areas, path, member, short=True) for member in merger.members if member != code)
    note = f" {escape_markdown(merger.note)}" if merger.note else ""
    return f"With {partners}: expected {escape_markdown(merger.expected)}. Status: {merger.status}.{note}"


def _new_icb_body(model: Model, areas: Areas, code: str, path: str) -> list[str]:
    new = areas.new_icbs[code]
    successions = areas.successions_to[code]
    region = areas.region_of(code)
    whole = [s.predecessor for s in successions if len(areas.successors(s.predecessor)) == 1]
    partly = [s.predecessor for s in successions if len(areas.successors(s.predecessor)) > 1]
    intro = (
        "An integrated care board (ICB) created on 1 April 2026: the NHS Organisation Data Service records "
        f"{len(successions)} succession{'s' if len(successions) != 1 else ''} into it that day. Its predecessors were in "
        f"NHS England's {escape_markdown(region.name)} region."
    )
    codes = {"ODS code": code, "ONS code": "not in the archived tables (they are of July 2022)"}
    lines = [
        *_opening(model, areas, code, path, intro, codes),
        "## What it replaced",
        "| ICB of July 2022 | ODS code | ODS record type |",
        "| --- | --- | --- |",
    ]
    for succession in successions:
        lines.append(
            f"| {_icb_link(areas, path, succession.predecessor)} | {succession.predecessor} | {succession.type} |"
        )
    if partly:
        names = ", ".join(_icb_link(areas, path, p) for p in partly)
        lines.append(f"Only part of {names} came to it: the records say the area was split, not where.")
    lines.append(evidence(model, path, [c for s in successions for c in s.cite] + list(new.cite)))
    lines += ["## Councils it covers", DISTRICTS_OF_2022, SHARE_METHOD]
    lines += ["| Council | ONS code | Came from |", "| --- | --- | --- |"]
    rows: dict[str, tuple[Council, list[str]]] = {}
    for predecessor in [*whole, *partly]:
        for council, share in areas.councils_of.get(predecessor, []):
            note = f"{_icb_link(areas, path, predecessor, short=True)} ({_percent(share)} of the council)"
            if predecessor in partly:
                note += ", only if in the part that came to it"
            rows.setdefault(council.code, (council, []))[1].append(note)
    for council, notes in sorted(rows.values(), key=lambda item: item[0].name):
        lines.append(
            f"| {link(path, council.name, f'{FIND}#{council_anchor(council)}')} | {council.code} | {'; '.join(notes)} |"
        )
    before = ", ".join(_icb_link(areas, path, s.predecessor, short=True) for s in successions)
    lines += ["## Clusters and planned mergers before it", f"See the pages of the ICBs it replaced: {before}."]
    lines += ["## About this data", _short_provenance(areas, path)]
    return lines


# --- find your area ------------------------------------------------------------------------------


def council_anchor(council: Council) -> str:
    return f"council-{council.code.lower()}"


def council_2026(areas: Areas, path: str, council: Council) -> str:
    """The council's ICB or ICBs from 1 April 2026, with the uncertainty a split leaves."""
    parts = []
    for share in council.icbs:
        successors = areas.successors(share.icb)
        share_text = "" if len(council.icbs) == 1 else f" ({_percent(share.share)})"
        if len(successors) == 1:
            parts.append(_icb_link(areas, path, successors[0]) + share_text)
        else:
            options = " or ".join(_icb_link(areas, path, successor) for successor in successors)
            parts.append(
                f"{options}{share_text}: {_icb_link(areas, path, share.icb, short=True)} was split between them, "
                "and the records do not say which part went where"
            )
    return "; ".join(parts)


def render_find_your_area(model: Model, areas: Areas) -> Page:
    path = FIND
    councils = sorted(areas.derived.councils, key=lambda council: council.name.casefold())
    split = [council for council in councils if len(council.icbs) > 1]
    lines = [
        f"Every council in England ({len(councils)}), A to Z, with its integrated care board (ICB) of July 2022, "
        "its ICB from 1 April 2026 and its 2025 cluster. "
        f"{DISTRICTS_OF_2022} {len(split)} councils are split between two ICBs. {SHARE_METHOD}",
        '<div class="council-filter" hidden>\n<label for="council-filter-input">Filter councils, ICBs, '
        'former CCGs or codes</label>\n<input id="council-filter-input" type="search" autocomplete="off" '
        'aria-describedby="council-filter-count">\n<p id="council-filter-count" role="status"></p>\n</div>',
    ]
    for council in councils:
        lines.append(_council_entry(areas, path, council))
    lines += ["## About this data", _short_provenance(areas, path)]
    page = page_text(path, "Find your area", lines, DATA_FILES)
    # The list is long: the page's own table of contents would repeat it.
    return Page(page.path, "---\nhide:\n  - toc\n---\n" + page.content, page.data_files)


def _council_entry(areas: Areas, path: str, council: Council) -> str:
    in_2022 = "; ".join(
        _icb_link(areas, path, share.icb) + ("" if len(council.icbs) == 1 else f" ({_percent(share.share)})")
        for share in council.icbs
    )
    if len(council.icbs) == 1:
        clusters = cluster_short(areas, path, council.icbs[0].icb)
    else:
        clusters = "; ".join(
            f"{escape_markdown(short_name(areas.name(share.icb)))} part: {cluster_short(areas, path, share.icb)}"
            for share in council.icbs
        )
    ccgs = ", ".join(f"{escape_markdown(areas.location_names[code])} ({code})" for code in council.locations)
    codes = ", ".join(share.icb for share in council.icbs)
    return "\n".join(
        [
            '<div class="council-entry" markdown>',
            "",
            f"### {escape_markdown(council.name)} {{#{council_anchor(council)}}}",
            "",
            f"- **ICB, July 2022:** {in_2022} (ODS {codes})",
            f"- **From 1 April 2026:** {council_2026(areas, path, council)}",
            f"- **2025 cluster:** {clusters}",
            f"- **Former CCGs (April 2021):** {ccgs}",
            f"- **Council code:** {council.code}",
            "",
            "</div>",
        ]
    )
