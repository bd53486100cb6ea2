"""The ICB directory as CSV and JSON, beside the site's other downloads."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from generator.areas.model import Areas
from generator.model import Model
from generator.render.downloads import _cell

CSV_PATH = "downloads/icb-directory.csv"
JSON_PATH = "downloads/icb-directory.json"
CSV_COLUMNS = (
    "ods_code", "name", "ons_code", "created", "region", "ccgs_replaced", "stps", "boundary_differs_from_stp",
    "successors_1_april_2026", "predecessors", "cluster_2025", "planned_merger", "councils",
)


def render_icb_downloads(model: Model) -> dict[str, str]:
    """Site path -> content; nothing when the data has no ICB files."""
    if model.areas is None:
        return {}
    rows = directory(model.areas)
    return {CSV_PATH: _csv(rows), JSON_PATH: _json(model.areas, rows)}


def directory(areas: Areas) -> list[dict[str, Any]]:
    """One record per ICB: the 42 of July 2022, then the ones created on 1 April 2026."""
    records = []
    for code in [*areas.icbs_2022, *areas.new_icbs]:
        old = areas.icbs_2022.get(code)
        records.append(
            {
                "ods_code": code,
                "name": areas.name(code),
                "ons_code": old.ons if old else None,
                "created": "2022-07-01" if old else areas.new_icbs[code].start,
                "region": areas.region_of(code).name,
                "ccgs_replaced": [{"ods_code": loc.ccg.code, "ons_code": loc.ccg.ons, "name": loc.ccg.name} for loc in old.locations] if old else [],
                "stps": list(dict.fromkeys(f"{loc.stp.name} ({loc.stp.code})" for loc in old.locations)) if old else [],
                "boundary_differs_from_stp": any(loc.stp_boundary_changed for loc in old.locations) if old else None,
                "successors_1_april_2026": [
                    {"ods_code": s.successor, "type": s.type} for s in areas.successions_from.get(code, [])
                ],
                "predecessors": [{"ods_code": s.predecessor, "type": s.type} for s in areas.successions_to.get(code, [])],
                "cluster_2025": [
                    {"name": cluster.name, "whole_icb": whole, "status": cluster.status}
                    for cluster, whole in areas.clusters_of.get(code, [])
                ],
                "planned_merger": [
                    {"with": [m for m in merger.members if m != code], "expected": merger.expected, "status": merger.status}
                    for merger in areas.mergers_of.get(code, [])
                ],
                "councils": [
                    {"ons_code": council.code, "name": council.name, "share_percent": share}
                    for council, share in sorted(areas.councils_of.get(code, []), key=lambda item: item[0].name)
                ],
            }
        )
    return records


def _csv(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow(
            [
                _cell(text)
                for text in (
                    row["ods_code"], row["name"], row["ons_code"] or "", row["created"], row["region"],
                    "; ".join(c["ods_code"] for c in row["ccgs_replaced"]),
                    "; ".join(row["stps"]),
                    "" if row["boundary_differs_from_stp"] is None else str(row["boundary_differs_from_stp"]).lower(),
                    "; ".join(f"{s['ods_code']} ({s['type']})" for s in row["successors_1_april_2026"]),
                    "; ".join(f"{s['ods_code']} ({s['type']})" for s in row["predecessors"]),
                    "; ".join(f"{c['name']} ({c['status']})" for c in row["cluster_2025"]),
                    "; ".join(f"with {', '.join(m['with'])}, {m['expected']} ({m['status']})" for m in row["planned_merger"]),
                    "; ".join(f"{c['name']} ({c['share_percent']:g}%)" for c in row["councils"]),
                )
            ]
        )
    return buffer.getvalue()


def _json(areas: Areas, rows: list[dict[str, Any]]) -> str:
    provenance = areas.curated.provenance
    document = {
        "about": {
            "title": "Every integrated care board (ICB) in England: a directory",
            "description": (
                "The 42 ICBs of 1 July 2022 and the ICBs created on 1 April 2026, with the CCGs and STPs they "
                "replaced, their councils (local authority districts of 2022, with the share of a split council "
                "by count of small areas), the NHS Organisation Data Service successions of 1 April 2026, the "
                "2025 clusters and planned mergers (plans, as their sources state them)."
            ),
            "attribution": provenance.attribution,
            "licence": provenance.licence,
            "datasets": [dataset.model_dump(mode="json") for dataset in provenance.datasets],
        },
        "icbs": rows,
        "councils": [
            {
                "ons_code": council.code,
                "name": council.name,
                "icbs_2022": [{"ods_code": s.icb, "share_percent": s.share} for s in council.icbs],
                "icbs_from_april_2026": [
                    {"from": s.icb, "ods_codes": areas.successors(s.icb)} for s in council.icbs
                ],
                "former_ccgs": council.locations,
            }
            for council in sorted(areas.derived.councils, key=lambda council: council.name.casefold())
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
