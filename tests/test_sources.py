"""Sources as data: every partnership's statutory members come from the Act, seeds 000 and 001
are in the packages, and every page that links a third-party copy says so.

The seed expectations were copied by hand from ../shared/seeds/000_… (Edinburgh) and 001_…
(South Lanarkshire), not loaded from tools/seeds/.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from urllib.parse import urlsplit

import pandas as pd

from cspp.paths import DATAPACKAGES
from cspp.shape.publishers import DERIVED, STATED, name_counts, with_publishers
from cspp.sources import derived_publisher

from support import load_tool, page_soup

THE_ACT = "https://www.legislation.gov.uk/asp/2014/8/section/8"


def rows(relative: str) -> list[dict]:
    with (DATAPACKAGES / relative).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def sources_by_id() -> dict[str, dict]:
    return {row["source_id"]: row for row in rows("sources/sources.csv")}


def test_every_partnership_has_its_councils_and_nhs_board_as_statutory_members_from_the_act():
    sources = sources_by_id()
    boards = {
        b["health_board_code"]: b["health_board_name"]
        for b in rows("partnerships/health_boards.csv")
    }
    expected = defaultdict(set)
    for council in rows("partnerships/councils.csv"):
        expected[council["partnership_id"]] |= {
            f"{council['council_name']} (local authority)",
            boards[council["health_board_code"]],
        }
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
    assert statutory["tayside"] == {
        "Angus (local authority)",
        "Dundee City (local authority)",
        "Perth and Kinross (local authority)",
        "NHS Tayside",
    }


def test_south_lanarkshires_nine_bodies_three_themes_and_six_commitments_are_in():
    page = "south-lanarkshire-csp-page"
    named = [
        m
        for m in rows("partnerships/memberships.csv")
        if m["partnership_id"] == "south-lanarkshire" and m["source_id"] == page
    ]
    assert sorted(m["organisation"] for m in named) == sorted(
        [
            "Police Scotland",
            "South Lanarkshire Council",
            "NHS Lanarkshire",
            "South Lanarkshire Health and Social Care Partnership",
            "South Lanarkshire Child Protection Committee",
            "Scottish Children's Reporter Administration (SCRA)",
            "Skills Development Scotland",
            "South Lanarkshire Leisure and Culture",
            "Voluntary Action South Lanarkshire (VASLan)",
        ]
    )
    [plan] = [p for p in rows("plans/plans.csv") if p["plan_id"] == "south-lanarkshire-csp-undated"]
    themes = [p for p in rows("plans/priorities.csv") if p["plan_id"] == plan["plan_id"]]
    assert [t["text"] for t in themes] == [
        "Whole Family Wellbeing",
        "Mental Health and Wellbeing",
        "Keeping the Promise",
    ]
    listed = [s for s in rows("plans/plan_statements.csv") if s["plan_id"] == plan["plan_id"]]
    outcomes = {s["priority_id"]: s["text"] for s in listed if s["kind"] == "outcome"}
    assert outcomes[themes[2]["priority_id"]] == (
        "Children and young people grow up loved, safe, respected and listened to"
    )
    commitments = [s["text"] for s in listed if s["kind"] == "commitment"]
    assert len(commitments) == 6
    assert commitments[2] == (
        "Focussing on those areas where working together will make the "
        "biggest impact on children, young people and families"
    )
    facts = [f["fact"] for f in rows("context/partnership_facts.csv") if f["source_id"] == page]
    assert any("quarter" in fact for fact in facts)
    assert sources_by_id()[page]["url"] == (
        "https://southlanarkshire.gov.uk/cp/info/94/Childrens_Services_Partnership"
    )


def test_edinburghs_rights_report_and_trauma_informed_practice_cite_the_supplied_seed():
    seed = sources_by_id()["seed-the-edinburgh-childrens-partnership"]
    assert (seed["url"], seed["kind"]) == ("", "supplied")
    plans = {
        p["title"]: p
        for p in rows("plans/plans.csv")
        if p["source_id"] == "seed-the-edinburgh-childrens-partnership"
    }
    rights = plans["Edinburgh Children's Partnership Children's Rights Report 2017/ 20"]
    assert (rights["document_type"], rights["period_start"], rights["period_end"]) == (
        "childrens-rights-report",
        "2017",
        "2020",
    )
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
                page.relative_to(built_site),
                link["href"],
            )
    assert seen > 100


def test_the_sqlite_file_has_a_view_with_the_address_for_every_table_that_cites(built):
    import sqlite3

    headers = {
        path.stem: path.read_text(encoding="utf-8").splitlines()[0].split(",")
        for path in DATAPACKAGES.glob("*/*.csv")
    }
    citing = sorted(
        table for table, header in headers.items() if table != "sources" and "source_id" in header
    )
    assert len(citing) >= 15
    urls = {s["source_id"]: s["url"] for s in rows("sources/sources.csv")}
    database = sqlite3.connect(built.dir / "downloads" / "scotland-cspp-latest.sqlite")
    try:
        views = {
            name
            for (name,) in database.execute("SELECT name FROM sqlite_master WHERE type = 'view'")
        }
        for table in citing:
            assert f"{table}_with_sources" in views, table
            first = database.execute(
                f"SELECT source_id, source_url FROM {table}_with_sources LIMIT 1"
            ).fetchone()
            if first is None:  # a table with no rows yet (confirmations)
                assert not rows(
                    next(DATAPACKAGES.glob(f"*/{table}.csv")).relative_to(DATAPACKAGES).as_posix()
                ), table
                continue
            source_id, url = first
            assert url == (urls.get(source_id) or None), table  # an optional citation is blank
    finally:
        database.close()


# ---------------------------------------------------------------- titles and publishers

DOMAINS = {
    "aberdeencity.gov.uk": "Aberdeen City Council",
    "scot.nhs.uk": "NHS in Scotland",
    "nhsborders.scot.nhs.uk": "NHS Borders",
}


def test_a_publisher_is_derived_from_a_listed_domain_or_its_subdomains_and_nothing_else():
    assert (
        derived_publisher(
            "https://committees.aberdeencity.gov.uk/ieIssueDetails.aspx?IId=1", DOMAINS
        )
        == "Aberdeen City Council"
    )
    assert (
        derived_publisher("https://www.aberdeencity.gov.uk/news", DOMAINS)
        == "Aberdeen City Council"
    )
    assert (
        derived_publisher("https://nhsborders.scot.nhs.uk/x", DOMAINS) == "NHS Borders"
    )  # longest
    assert derived_publisher("https://notaberdeencity.gov.uk/", DOMAINS) == ""
    assert derived_publisher("https://docslib.org/doc/1/aberdeencity.gov.uk", DOMAINS) == ""
    assert derived_publisher("", DOMAINS) == ""  # a supplied document has no address


def test_a_stated_publisher_wins_and_a_derived_one_is_marked_as_derived():
    sources = pd.DataFrame(
        {
            "source_id": ["stated", "derived", "copy", "titled"],
            "title": ["", "", "", "A plan"],
            "publisher": ["Aberdeen City Council Education", "", "", ""],
            "url": [
                "https://www.aberdeencity.gov.uk/a",
                "https://aberdeencity.gov.uk/b",
                "https://docslib.org/doc/1",
                "https://docslib.org/doc/2",
            ],
        }
    )
    domains = pd.DataFrame(
        {"domain": ["aberdeencity.gov.uk"], "publisher": ["Aberdeen City Council"]}
    )
    shown = with_publishers(sources, domains)
    assert shown[["publisher_shown", "publisher_basis"]].values.tolist() == [
        ["Aberdeen City Council Education", STATED],
        ["Aberdeen City Council", DERIVED],
        ["", ""],
        ["", ""],
    ]
    assert name_counts(shown) == {"titled": 1, "stated": 1, "derived": 1, "neither": 1}


def test_the_domain_table_names_no_host_that_holds_other_peoples_pages():
    table = {row["domain"]: row["publisher"] for row in rows("sources/publisher_domains.csv")}
    for host in (
        "docslib.org",
        "github.com",
        "web.archive.org",
        "issuu.com",
        "sites.google.com",
        "blogs.glowscotland.org.uk",
        "scottishborders.moderngov.co.uk",
        "renfrewshire.cmis.uk.com",
        "surveymonkey.co.uk",
        "obanhigh.argyll-bute.sch.uk",
        "active.fife.scot",
        "rightdecisions.scot.nhs.uk",
    ):
        assert derived_publisher(f"https://{host}/page", table) == "", host
    # A mapping's source, where it names one, is a page at that domain stating that publisher.
    sources = sources_by_id()
    for row in rows("sources/publisher_domains.csv"):
        if row["source_id"]:
            cited = sources[row["source_id"]]
            assert cited["publisher"] == row["publisher"], row["domain"]
            assert derived_publisher(cited["url"], {row["domain"]: "yes"}) == "yes", row["domain"]


def test_the_sources_page_marks_a_derived_publisher_and_counts_the_names(built):
    page = page_soup(built.dir / "data" / "sources" / "index.html")
    by_id = {
        tr.th.get_text(strip=True): [" ".join(td.get_text(" ").split()) for td in tr.find_all("td")]
        for tr in page.select("table tbody tr")
        if tr.th
    }
    # A council's page whose publisher no source states: derived, and said to be.
    assert by_id["aberdeencity-gov-uk-node-11221"][:2] == [
        "not recorded",
        "Aberdeen City Council (derived from the web address)",
    ]
    # A page of the 2023-2026 review: title and publisher as the national notes state them.
    assert by_id["gov-scot-pages-21"][:2] == [
        "Scotland's children's services plans 2023-2026 review: improving outcomes for children, "
        "young people and families",
        "Scottish Government",
    ]
    # The counts, worked here from the CSVs: a derived publisher is one whose address's host is
    # a listed domain or below one.
    domains = {row["domain"] for row in rows("sources/publisher_domains.csv")}
    sources = rows("sources/sources.csv")

    def derivable(url: str) -> bool:
        host = (urlsplit(url).hostname or "").removeprefix("www.")  # without a port (:8000)
        return any(host == d or host.endswith("." + d) for d in domains)

    titled = sum(bool(s["title"]) for s in sources)
    stated = sum(bool(s["publisher"]) for s in sources)
    derived = sum(not s["publisher"] and derivable(s["url"]) for s in sources)
    neither = sum(
        not s["title"] and not s["publisher"] and not derivable(s["url"]) for s in sources
    )
    lead = " ".join(
        page.find(string=lambda s: "recorded only where" in s).parent.get_text(" ").split()
    )
    assert (
        f"{titled} sources have a title and {stated} a stated publisher. For {derived} more, "
        "the publisher is derived from the web address"
    ) in lead
    assert f"{neither} have neither a title nor a publisher yet" in lead


def test_the_naming_tool_records_only_what_the_research_notes_state(tmp_path):
    names = load_tool("name_sources")
    shared = tmp_path / "shared"
    (shared / "national").mkdir(parents=True)
    (shared / "partnerships").mkdir()
    (shared / "national" / "notes.md").write_text(
        "| key | what | URL |\n|---|---|---|\n"
        '| R-pN | SG review of plans, "A Review: plans", page N | '
        "`https://gov.scot/publications/a-review/pages/N` (some under `https://www.gov.scot/x`) |\n"
        "| X-p1 | a page with no quoted title | https://gov.scot/publications/x/pages/1 |\n",
        encoding="utf-8",
    )
    (shared / "national" / "cypf_notes.md").write_text("", encoding="utf-8")
    (shared / "partnerships" / "x.json").write_text(
        json.dumps(
            {
                "plans": [
                    {
                        "title": "Plan 2020-2023",
                        "url": "https://docslib.org/doc/1",
                        "source_url": "https://docslib.org/doc/1",
                    },
                    {
                        "title": "Plan 2018-2028 (LOIP)",
                        "url": "https://docslib.org/doc/2",
                        "source_url": "https://docslib.org/doc/2",
                    },
                    {
                        "title": "Plan 2023-2026",
                        "url": "https://docslib.org/doc/3",
                        "source_url": "https://news.example/plan",
                    },
                ],
                "governance": [],
                "other_facts": [
                    {
                        "fact": "A later council page, titled 'Children's Plan 2024-2026' but describing "
                        "the 2023-26 plan, adds commitments.",
                        "source_url": "https://x.gov.uk/a",
                    },
                    {
                        "fact": "The council's pages have a sub-page titled 'Three year plans'.",
                        "source_url": "https://x.gov.uk/b",
                    },
                ],
            }
        ),
        encoding="utf-8",
    )
    urls = [
        "https://www.gov.scot/publications/a-review/pages/3/",
        "https://docslib.org/doc/1",
        "https://docslib.org/doc/2",
        "https://docslib.org/doc/3",
        "https://x.gov.uk/a",
        "https://x.gov.uk/b",
        "https://gov.scot/publications/x/pages/1",
        "https://gov.scot/publications/a-review/pages/7",
    ]
    sources = [
        {"source_id": f"s{n}", "title": "", "publisher": "", "url": url}
        for n, url in enumerate(urls)
    ]
    sources[-1]["title"] = "As recorded before"
    report = names.record(sources, names.stated_names(shared))
    assert [(s["title"], s["publisher"]) for s in sources] == [
        ("A Review: plans", "Scottish Government"),  # any page N of the publication
        ("Plan 2020-2023", ""),  # the document at its own source address
        ("", ""),  # a title with the research's words in brackets
        ("", ""),  # a title read elsewhere than at this address
        ("Children's Plan 2024-2026", ""),  # a page the fact says is titled so
        ("", ""),  # a sub-page: maybe not the page cited
        ("", ""),  # no quoted title in the notes
        ("As recorded before", "Scottish Government"),
    ]  # never replaced, only reported
    assert (
        "kept title of s7: 'As recorded before' (notes.md: R-pN states 'A Review: plans')"
    ) in report
