"""Every ICB in England: the derived tables against the raw ONS lookup, the check, and the built pages."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.areas.derive import council_table, derive, read_rows
from generator.areas.model import Areas
from generator.validate import build_model
from tests.conftest import ARCHIVE, ROOT, run_generator

# Beside the project, as in a checkout next to the archive; or one level further up (a git worktree).
SHARED = next((path for path in (ARCHIVE, ROOT.parent.parent / "shared") if (path / "datasets").is_dir()), ARCHIVE)

FIXTURES = ROOT / "tests" / "fixtures"
# The districts the datasets README names as split between two ICBs in the July 2022 lookup.
SPLIT_COUNCILS = {
    "East Suffolk", "Buckinghamshire", "North Hertfordshire", "Hart", "Waverley", "Surrey Heath",
    "Guildford", "Runnymede", "Vale of White Horse", "Copeland", "Craven", "Chichester",
}


@pytest.fixture(scope="module")
def areas() -> Areas:
    model = build_model(ROOT / "data")
    assert model.areas is not None
    return model.areas


def test_counts_match_the_tables_and_the_succession_records(areas: Areas) -> None:
    assert len(areas.icbs_2022) == 42
    assert sum(len(icb.locations) for icb in areas.icbs_2022.values()) == 106
    assert len(areas.derived.councils) == 309
    assert len(areas.regions) == 7
    assert len(areas.curated.successions) == 16
    assert len(areas.successions_from) == 12 and len(areas.new_icbs) == 6
    assert len(areas.icbs_2026) == 36  # 42 - 12 + 6, derived


def test_every_council_has_the_icbs_a_sample_of_the_raw_lookup_gives(areas: Areas) -> None:
    """The sample holds one real row of the ONS lookup for each council and ICB it lies in."""
    sample = council_table(read_rows(FIXTURES / "lsoa-lookup-sample.csv"))
    expected = {council["code"]: (council["name"], {share["icb"] for share in council["icbs"]}) for council in sample}
    actual = {
        council.code: (council.name, {share.icb for share in council.icbs}) for council in areas.derived.councils
    }
    assert actual == expected


def test_split_council_shares_match_a_full_sample_of_its_small_areas(areas: Areas) -> None:
    sampled = derive(FIXTURES / "archive")["councils"]
    assert [council["name"] for council in sampled] == ["Vale of White Horse"]
    council = next(c for c in areas.derived.councils if c.name == "Vale of White Horse")
    assert [(share.icb, share.small_areas, share.share) for share in council.icbs] == [
        (share["icb"], share["small_areas"], share["share"]) for share in sampled[0]["icbs"]
    ] == [("QU9", 72, 94.7), ("QOX", 4, 5.3)]


def test_the_twelve_split_councils_and_their_shares_add_up(areas: Areas) -> None:
    split = {council.name for council in areas.derived.councils if len(council.icbs) > 1}
    assert split == SPLIT_COUNCILS
    for council in areas.derived.councils:
        assert abs(sum(share.share for share in council.icbs) - 100) <= 0.15, council.name


@pytest.mark.skipif(not (SHARED / "datasets").is_dir(), reason="needs the source archive ../shared")
def test_a_hand_edit_of_the_derived_file_is_reported_with_its_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    text = (data / "areas.yaml").read_text(encoding="utf-8")
    (data / "areas.yaml").write_text(text.replace("  name: Swindon\n", "  name: Swindun\n"), encoding="utf-8")
    line = text[: text.index("  name: Swindon\n")].count("\n") + 1
    result = run_generator("--data", "data", "check", "--archive", str(SHARED), cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"data/areas.yaml:{line}:9: differs from the ONS tables: 'Swindun' where the derivation has 'Swindon'" in result.stderr
    assert "python -m generator derive" in result.stderr


def test_derive_writes_the_committed_file_exactly(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    result = run_generator("--data", str(data), "derive", "--archive", str(FIXTURES / "archive"))
    assert result.returncode == 0, result.stderr
    assert (data / "areas.yaml").read_text(encoding="utf-8") == (FIXTURES / "areas" / "areas.yaml").read_text(
        encoding="utf-8"
    )


def test_successors_exist_and_frimley_is_split_three_ways(areas: Areas) -> None:
    for succession in areas.curated.successions:
        assert succession.successor in areas.new_icbs or succession.successor in areas.icbs_2022
    assert sorted(areas.successors("QNQ")) == ["QRL", "S0E4D", "S9B9J"]
    assert areas.successors("QOX") == ["QOX"]


def test_every_cluster_and_planned_merger_cites_a_source_and_says_planned_or_done(areas: Areas) -> None:
    for item in [*areas.curated.clusters, *areas.curated.planned_mergers]:
        assert item.cite and item.status in {"planned", "done"}
    assert all(merger.status == "planned" for merger in areas.curated.planned_mergers)


# --- the built site ------------------------------------------------------------------------------


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _page(site: Path, path: str) -> Path:
    return site / path.removesuffix(".md") / "index.html" if not path.endswith("index.md") else site / path.replace(".md", ".html")


def test_every_icb_has_a_page_with_codes_locator_map_and_type_link(built_site: Path, areas: Areas) -> None:
    codes = [*areas.icbs_2022, *areas.new_icbs]
    assert len(codes) == 48
    for code in codes:
        soup = _soup(_page(built_site, areas.path(code)))
        article = soup.select_one("article")
        assert article is not None
        text = " ".join(article.get_text(" ").split())
        assert article.h1 is not None and article.h1.get_text(strip=True).rstrip("¶") == areas.name(code)
        assert f"ODS code {code}" in text, code
        assert article.select_one("figure.icb-locator svg[role=img][aria-label]") is not None, code
        assert any(a["href"].endswith("organisations/icbs/") for a in article.select("a[href]")), code
        if code in areas.icbs_2022:
            assert areas.icbs_2022[code].ons in text
            for location in areas.icbs_2022[code].locations:
                assert location.ccg.code in text and location.ccg.name in text
            for council, share in areas.councils_of[code]:
                assert council.name in text and f"{share:g}%" in text


def test_bsw_page_links_to_the_case_study(built_site: Path, areas: Areas) -> None:
    article = _soup(_page(built_site, areas.path("QOX"))).select_one("article")
    assert article is not None
    assert any("case-study/" in a["href"] for a in article.select("a[href]"))


def test_maps_link_every_area_to_its_icb_page_with_a_name_and_a_title(built_site: Path, areas: Areas) -> None:
    index = built_site / "icbs" / "index.html"
    soup = _soup(index)
    for map_id, expected in (("map-2022", 42), ("map-2026", 36 + 3)):  # 2026: 36 ICBs plus 3 split areas
        figure = soup.select_one(f"figure#{map_id}")
        assert figure is not None and figure.figcaption is not None
        caption = figure.figcaption.get_text(" ")
        assert "simplified" in caption and "Open Government Licence v3.0" in caption
        links = figure.select("svg a[href]")
        assert len(links) == expected - 3 + 3 if map_id == "map-2026" else len(links) == expected
        for link in links:
            assert link.get("aria-label") and link.select_one("title") is not None
            target = (index.parent / link["href"] / "index.html").resolve()
            assert target.is_file(), link["href"]
    linked = {a["href"] for a in soup.select("figure#map-2022 svg a[href]")}
    assert linked == {f"{areas.path(code).removeprefix('icbs/').removesuffix('.md')}/" for code in areas.icbs_2022}


def test_index_table_lists_every_icb_with_its_fate_and_cluster(built_site: Path, areas: Areas) -> None:
    text = " ".join(_soup(built_site / "icbs" / "index.html").get_text(" ").split())
    for code in areas.icbs_2022:
        assert code in text
    assert "Split: Thames Valley , Surrey and Sussex , Hampshire and Isle of Wight" in text.replace(" ,", " ,")


def test_find_your_area_lists_every_council_with_an_anchor_and_its_icbs(built_site: Path, areas: Areas) -> None:
    soup = _soup(built_site / "find-your-area" / "index.html")
    entries = soup.select("div.council-entry")
    assert len(entries) == 309
    names = [entry.h3.get_text(strip=True).rstrip("¶") for entry in entries if entry.h3 is not None]
    assert names == sorted(names, key=str.casefold)
    by_anchor = {entry.h3["id"]: entry.get_text(" ") for entry in entries if entry.h3 is not None}
    for council in areas.derived.councils:
        text = " ".join(by_anchor[f"council-{council.code.lower()}"].split())
        for share in council.icbs:
            assert areas.name(share.icb) in text
            if len(council.icbs) > 1:
                assert f"({share.share:g}%)" in text, council.name
    page_text = soup.get_text(" ")
    assert "before the April 2023 changes in Cumbria, North Yorkshire and Somerset" in " ".join(page_text.split())
    # The filter box is hidden until the script shows it, so without JavaScript the list is all there is.
    assert soup.select_one("div.council-filter[hidden] input#council-filter-input") is not None


def test_site_search_finds_councils_former_ccgs_and_codes_at_their_entry(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = index["docs"]

    def found(word: str, location: str) -> bool:
        return any(doc["location"] == location and word in doc["text"] + doc["title"] for doc in docs)

    assert found("Swindon", "find-your-area/#council-e06000030")
    # Swindon's CCG had merged into BSW's in 2020, so its former CCG of April 2021 is BSW's.
    assert found("Swindon and Wiltshire", "find-your-area/#council-e06000030")
    assert found("QOX", "find-your-area/#council-e06000030")
    assert any("92G" in doc["text"] and doc["location"].startswith("icbs/bath-") for doc in docs)


def test_directory_downloads_hold_every_icb_and_council(built_site: Path) -> None:
    document = json.loads((built_site / "downloads" / "icb-directory.json").read_text(encoding="utf-8"))
    assert len(document["icbs"]) == 48 and len(document["councils"]) == 309
    rows = (built_site / "downloads" / "icb-directory.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 1 + 48
