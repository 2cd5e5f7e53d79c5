"""Sources as data: every partnership's statutory members come from the Act, seeds 000 and 001
are in the packages, and every page that links a third-party copy says so.

The seed expectations were copied by hand from ../shared/seeds/000_… (Edinburgh) and 001_…
(South Lanarkshire), not loaded from tools/seeds/.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from support import page_soup

from cspp.paths import DATAPACKAGES

THE_ACT = "https://www.legislation.gov.uk/asp/2014/8/section/8"


def rows(relative: str) -> list[dict]:
    with (DATAPACKAGES / relative).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def sources_by_id() -> dict[str, dict]:
    return {row["source_id"]: row for row in rows("sources/sources.csv")}


def test_every_partnership_has_its_councils_and_nhs_board_as_statutory_members_from_the_act():
    sources = sources_by_id()
    boards = {b["health_board_code"]: b["health_board_name"]
              for b in rows("partnerships/health_boards.csv")}
    expected = defaultdict(set)
    for council in rows("partnerships/councils.csv"):
        expected[council["partnership_id"]] |= {f"{council['council_name']} (local authority)",
                                                boards[council["health_board_code"]]}
    statutory = defaultdict(set)
    for member in rows("partnerships/memberships.csv"):
        if member["basis"] == "statutory":
            assert member["role"] == "statutory (by the Act)"
            assert sources[member["source_id"]]["url"] == THE_ACT
            assert sources[member["source_id"]]["kind"] == "legislation"
            statutory[member["partnership_id"]].add(member["organisation"])
    assert len(statutory) == 30
    assert statutory == expected
    # Tayside: three councils and one board, by hand.
    assert statutory["tayside"] == {"Angus (local authority)", "Dundee City (local authority)",
                                    "Perth and Kinross (local authority)", "NHS Tayside"}


def test_south_lanarkshires_nine_bodies_three_themes_and_six_commitments_are_in():
    page = "south-lanarkshire-csp-page"
    named = [m for m in rows("partnerships/memberships.csv")
             if m["partnership_id"] == "south-lanarkshire" and m["source_id"] == page]
    assert sorted(m["organisation"] for m in named) == sorted([
        "Police Scotland", "South Lanarkshire Council", "NHS Lanarkshire",
        "South Lanarkshire Health and Social Care Partnership",
        "South Lanarkshire Child Protection Committee",
        "Scottish Children's Reporter Administration (SCRA)", "Skills Development Scotland",
        "South Lanarkshire Leisure and Culture", "Voluntary Action South Lanarkshire (VASLan)"])
    [plan] = [p for p in rows("plans/plans.csv") if p["plan_id"] == "south-lanarkshire-csp-undated"]
    themes = [p for p in rows("plans/priorities.csv") if p["plan_id"] == plan["plan_id"]]
    assert [t["text"] for t in themes] == ["Whole Family Wellbeing", "Mental Health and Wellbeing",
                                           "Keeping the Promise"]
    listed = [s for s in rows("plans/plan_statements.csv") if s["plan_id"] == plan["plan_id"]]
    outcomes = {s["priority_id"]: s["text"] for s in listed if s["kind"] == "outcome"}
    assert outcomes[themes[2]["priority_id"]] == ("Children and young people grow up loved, safe, "
                                                  "respected and listened to")
    commitments = [s["text"] for s in listed if s["kind"] == "commitment"]
    assert len(commitments) == 6
    assert commitments[2] == ("Focussing on those areas where working together will make the "
                              "biggest impact on children, young people and families")
    facts = [f["fact"] for f in rows("context/partnership_facts.csv") if f["source_id"] == page]
    assert any("quarter" in fact for fact in facts)
    assert sources_by_id()[page]["url"] == ("https://southlanarkshire.gov.uk/cp/info/94/"
                                            "Childrens_Services_Partnership")


def test_edinburghs_rights_report_and_trauma_informed_practice_cite_the_supplied_seed():
    seed = sources_by_id()["seed-the-edinburgh-childrens-partnership"]
    assert (seed["url"], seed["kind"]) == ("", "supplied")
    plans = {p["title"]: p for p in rows("plans/plans.csv")
             if p["source_id"] == "seed-the-edinburgh-childrens-partnership"}
    rights = plans["Edinburgh Children's Partnership Children's Rights Report 2017/ 20"]
    assert (rights["document_type"], rights["period_start"], rights["period_end"]) == (
        "childrens-rights-report", "2017", "2020")
    assert plans["Trauma Informed Practice"]["document_type"] == "other"


def test_every_source_has_a_kind_and_an_https_address_or_none():
    for source in rows("sources/sources.csv"):
        assert source["kind"], source["source_id"]
        assert source["url"] == "" or source["url"].startswith("https://"), source["source_id"]
        if source["url"] == "":
            assert source["title"] and source["publisher"], source["source_id"]


def test_every_link_to_a_third_party_copy_says_so_on_every_page(built):
    built_site = built.dir
    copies = {s["url"] for s in rows("sources/sources.csv") if s["kind"] == "third-party-copy"}
    assert len(copies) > 50
    seen = 0
    for page in built_site.rglob("*.html"):
        soup = page_soup(page)
        for link in soup.find_all("a", href=True):
            if link["href"] not in copies:
                continue
            seen += 1
            label = link.find_next_sibling("span", class_="cspp-source-kind")
            assert label is not None and label.get_text() == "(third-party copy)", (
                page.relative_to(built_site), link["href"])
    assert seen > 100


def test_the_sqlite_file_has_a_view_with_the_address_for_every_table_that_cites(built):
    import sqlite3
    headers = {path.stem: path.read_text(encoding="utf-8").splitlines()[0].split(",")
               for path in DATAPACKAGES.glob("*/*.csv")}
    citing = sorted(table for table, header in headers.items()
                    if table != "sources" and "source_id" in header)
    assert len(citing) >= 15
    urls = {s["source_id"]: s["url"] for s in rows("sources/sources.csv")}
    database = sqlite3.connect(built.dir / "downloads" / "scotland-cspp-latest.sqlite")
    try:
        views = {name for (name,) in database.execute("SELECT name FROM sqlite_master "
                                                      "WHERE type = 'view'")}
        for table in citing:
            assert f"{table}_with_sources" in views, table
            first = database.execute(
                f"SELECT source_id, source_url FROM {table}_with_sources LIMIT 1").fetchone()
            if first is None:  # a table with no rows yet (confirmations)
                assert not rows(next(DATAPACKAGES.glob(f"*/{table}.csv")).relative_to(
                    DATAPACKAGES).as_posix()), table
                continue
            source_id, url = first
            assert url == (urls[source_id] or None), table
    finally:
        database.close()
