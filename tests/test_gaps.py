"""The data-gaps page as a to-do list: every gap once, the most useful first, each with its
pre-filled form, and all of them in gaps.csv. Expected gaps are computed here from the CSVs. A
missing plan that a national review read is known to exist, and the home page counts it."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from cspp.paths import DATAPACKAGES

from support import TEST_REPOSITORY, load_tool, page_soup

CSP = "childrens-services-plan"
CYCLES = ("2017-2020", "2020-2023", "2023-2026")


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def expected_gaps() -> set[tuple[str, str, str, str]]:
    """(gap, partnership, cycle, plan id) for every gap the packages leave."""
    plans = read_csv(DATAPACKAGES / "plans" / "plans.csv")
    partnerships = [
        p["partnership_id"] for p in read_csv(DATAPACKAGES / "partnerships" / "partnerships.csv")
    ]
    with_priorities = {p["plan_id"] for p in read_csv(DATAPACKAGES / "plans" / "priorities.csv")}
    members = {
        m["partnership_id"]
        for m in read_csv(DATAPACKAGES / "partnerships" / "memberships.csv")
        if m["basis"] == "named"
    }
    csps = {(p["partnership_id"], p["cycle"]) for p in plans if p["document_type"] == CSP}
    gaps = {
        ("current plan" if cycle == CYCLES[-1] else "earlier plan", pid, cycle, "")
        for pid in partnerships
        for cycle in CYCLES
        if (pid, cycle) not in csps
    }
    gaps |= {
        ("priorities", p["partnership_id"], p["cycle"], p["plan_id"])
        for p in plans
        if p["document_type"] == CSP and p["plan_id"] not in with_priorities
    }
    gaps |= {
        ("document link", p["partnership_id"], p["cycle"], p["plan_id"])
        for p in plans
        if not p["document_url"]
    }
    return gaps | {("members", pid, "", "") for pid in partnerships if pid not in members}


def test_gaps_csv_lists_every_gap_once_most_useful_first(built):
    rows = read_csv(built.dir / "gaps" / "gaps.csv")
    found = [(r["gap"], r["partnership_id"], r["cycle"], r["plan_id"]) for r in rows]
    assert len(found) == len(set(found)) and set(found) == expected_gaps()
    order = ["current plan", "priorities", "document link", "earlier plan", "members"]
    assert [order.index(r["gap"]) for r in rows] == sorted(order.index(r["gap"]) for r in rows)


def test_each_gap_links_to_its_pre_filled_form(built):
    areas = {
        p["partnership_id"]: p["area_name"]
        for p in read_csv(DATAPACKAGES / "partnerships" / "partnerships.csv")
    }
    for row in read_csv(built.dir / "gaps" / "gaps.csv"):
        url = urlsplit(row["form_url"])
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        assert row["form_url"].startswith(f"{TEST_REPOSITORY}/issues/new?")
        assert query["partnership"] == areas[row["partnership_id"]]
        assert (
            query["field"]
            == {
                "current plan": "plan",
                "earlier plan": "plan",
                "priorities": "priorities",
                "document link": "document_url",
                "members": "members",
            }[row["gap"]]
        )
        assert query["template"] == (
            "member-or-fact.yml" if row["gap"] == "members" else "plan-or-report.yml"
        )
        assert query.get("cycle", "") == row["cycle"]


def test_the_gaps_page_shows_the_to_do_list_and_counts_per_partnership(built):
    page = page_soup(built.dir / "gaps" / "index.html")
    rows = read_csv(built.dir / "gaps" / "gaps.csv")
    # The to-do list, folded by kind of gap (a long kind again by partnership): in page order,
    # every gap once, numbered through, most useful first, under a summary that counts it.
    todo = page.select(".cspp-todo tbody tr")
    links = [a["href"] for tr in todo for a in tr.select("a.cspp-gap-link")]
    assert links == [r["form_url"] for r in rows]
    assert [tr.find("td").get_text(strip=True) for tr in todo] == [
        str(n) for n in range(1, len(rows) + 1)
    ]
    kinds = page.select("details.cspp-fold:not(details.cspp-fold details)")
    per_kind = Counter(r["gap"] for r in rows)
    assert [int(fold.summary.get_text().split()[0]) for fold in kinds] == list(per_kind.values())
    for fold, (gap, n) in zip(kinds, per_kind.items()):
        assert len(fold.select(".cspp-todo tbody tr")) == n
        inner = fold.select("details.cspp-fold")
        if inner:  # one fold per partnership: "Angus: 3 gaps"
            areas = Counter(r["area_name"] for r in rows if r["gap"] == gap)
            assert [d.summary.get_text() for d in inner] == [
                f"{area}: {k} gap{'s' if k > 1 else ''}" for area, k in areas.items()
            ]
    matrix = page.find("caption", string="Partnership by data held").find_parent("table")
    to_fill = {
        tr.find("th").get_text(strip=True): tr.find_all("td")[-1].get_text(strip=True)
        for tr in matrix.select("tbody tr")
    }
    areas = {
        p["partnership_id"]: p["area_name"]
        for p in read_csv(DATAPACKAGES / "partnerships" / "partnerships.csv")
    }
    for pid, area in areas.items():
        assert to_fill[area] == str(sum(r["partnership_id"] == pid for r in rows)), area
    assert page.find("a", href="gaps.csv")


# ---------------------------------------------------------------- plans known to exist

REVIEW_2023_PAGE_21 = (
    "https://gov.scot/publications/improving-outcomes-children-young-people-"
    "families-review-scotlands-childrens-services-plans-2023-2026/pages/21"
)


def test_a_plan_not_found_publicly_but_read_by_the_national_review_is_known_to_exist(built):
    # plans.csv holds Argyll and Bute's plans for 2017-2020 and 2020-2023 only; the review of
    # the 2023-2026 plans read all 30, Argyll and Bute's among them (its page 21).
    [row] = [
        r
        for r in read_csv(built.dir / "gaps" / "gaps.csv")
        if r["partnership_id"] == "argyll-and-bute" and r["cycle"] == "2023-2026"
    ]
    assert (row["gap"], row["state"], row["evidence_source_id"]) == (
        "current plan",
        "known to exist",
        "gov-scot-pages-21",
    )
    assert row["evidence"].startswith(
        "the Scottish Government's national review of the "
        "2023-2026 plans read this partnership's plan"
    )
    page = page_soup(built.dir / "partnerships" / "argyll-and-bute" / "index.html")
    [gap] = [p for p in page.select("p.cspp-gap") if "2023-2026" in p.get_text()]
    words = " ".join(gap.get_text(" ").split())
    assert words.startswith(
        "Children's services plan for 2023-2026: not yet found . Known to "
        "exist: the Scottish Government's review of the 2023-2026 plans "
        "read it ( source )"
    )
    assert gap.find("a", href=REVIEW_2023_PAGE_21) is not None
    todo = page_soup(built.dir / "gaps" / "index.html")
    [line] = [
        tr
        for tr in todo.select(".cspp-todo tbody tr")
        if "Argyll and Bute" in tr.get_text() and "plan 2023-2026" in tr.get_text()
    ]
    assert line.find("a", href=REVIEW_2023_PAGE_21) is not None


def test_the_home_page_counts_the_cycle_plans_found_or_known_to_exist_out_of_90(built):
    # Worked by hand from plans.csv: a 2017-2020 children's services plan is held for 16
    # partnerships, a 2020-2023 one for 17 and a 2023-2026 one for 13. No review's list of the
    # 2017-2020 plans is held; the other two reviews read all 30 partnerships' plans.
    page = page_soup(built.dir / "index.html")
    lead = " ".join(page.select_one(".cspp-plans-listed").get_text(" ").split())
    assert lead.startswith(
        "The data lists 76 of the 90 cycle plans (30 partnerships, 3 cycles): "
        "46 found, and 30 not found publicly but known to exist"
    )
    table = page.find("caption", string=lambda s: s and "per cycle" in s).find_parent("table")
    assert [
        [cell.get_text(strip=True) for cell in tr.find_all(["th", "td"])]
        for tr in table.select("tbody tr")
    ] == [
        ["2017-2020", "16 of 30", "0", "16 of 30"],
        ["2020-2023", "17 of 30", "13", "30 of 30"],
        ["2023-2026", "13 of 30", "17", "30 of 30"],
    ]


def test_both_reviews_are_listed_as_reading_every_partnerships_plan():
    listed = read_csv(DATAPACKAGES / "reviews" / "reviewed_plans.csv")
    partnerships = {
        p["partnership_id"] for p in read_csv(DATAPACKAGES / "partnerships" / "partnerships.csv")
    }
    for review, page in (
        ("review-2020-2023", "gov-scot-pages-22"),
        ("review-2023-2026", "gov-scot-pages-21"),
    ):
        rows = [r for r in listed if r["review_id"] == review]
        assert len(rows) == 30 and {r["partnership_id"] for r in rows} == partnerships
        assert {r["source_id"] for r in rows} == {page}


COUNCILS = {
    "Angus": "tayside",
    "Dundee City": "tayside",
    "Perth and Kinross": "tayside",
    "Fife": "fife",
}


def test_a_roster_row_maps_to_the_partnership_with_exactly_its_councils():
    rosters = load_tool("import_review_rosters")
    assert rosters.partnership_of("Angus; Dundee City; Perth and Kinross", COUNCILS) == "tayside"
    assert rosters.partnership_of("Fife", COUNCILS) == "fife"
    assert rosters.partnership_of("Angus", COUNCILS) is None  # a part of Tayside
    assert rosters.partnership_of("Angus; Dundee; Perth and Kinross", COUNCILS) is None  # "Dundee"
    assert rosters.partnership_of("Fife; Angus", COUNCILS) is None
    report = []
    entry = {
        "partnership": "Tayside Collaborative",
        "councils": "Angus; Dundee",
        "plan_title": "",
        "source_url": "https://gov.scot/p",
    }
    assert (
        rosters.reviewed_plan(
            "review-2023-2026", entry, COUNCILS, {"https://gov.scot/p": "p"}, report
        )
        is None
    )
    assert report == [
        "review-2023-2026: left out, no partnership has exactly the councils "
        "'Angus; Dundee' (Tayside Collaborative)"
    ]
