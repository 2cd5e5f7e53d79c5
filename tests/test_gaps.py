"""The data-gaps page as a to-do list: every gap once, the most useful first, each with its
pre-filled form, and all of them in gaps.csv. Expected gaps are computed here from the CSVs."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup
from support import TEST_REPOSITORY

from cspp.paths import DATAPACKAGES

CSP = "childrens-services-plan"
CYCLES = ("2017-2020", "2020-2023", "2023-2026")


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def expected_gaps() -> set[tuple[str, str, str, str]]:
    """(gap, partnership, cycle, plan id) for every gap the packages leave."""
    plans = read_csv(DATAPACKAGES / "plans" / "plans.csv")
    partnerships = [p["partnership_id"] for p in read_csv(
        DATAPACKAGES / "partnerships" / "partnerships.csv")]
    with_priorities = {p["plan_id"] for p in read_csv(DATAPACKAGES / "plans" / "priorities.csv")}
    members = {m["partnership_id"] for m in read_csv(
        DATAPACKAGES / "partnerships" / "memberships.csv") if m["basis"] == "named"}
    csps = {(p["partnership_id"], p["cycle"]) for p in plans if p["document_type"] == CSP}
    gaps = {("current plan" if cycle == CYCLES[-1] else "earlier plan", pid, cycle, "")
            for pid in partnerships for cycle in CYCLES if (pid, cycle) not in csps}
    gaps |= {("priorities", p["partnership_id"], p["cycle"], p["plan_id"]) for p in plans
             if p["document_type"] == CSP and p["plan_id"] not in with_priorities}
    gaps |= {("document link", p["partnership_id"], p["cycle"], p["plan_id"]) for p in plans
             if not p["document_url"]}
    return gaps | {("members", pid, "", "") for pid in partnerships if pid not in members}


def test_gaps_csv_lists_every_gap_once_most_useful_first(built):
    rows = read_csv(built.dir / "gaps" / "gaps.csv")
    found = [(r["gap"], r["partnership_id"], r["cycle"], r["plan_id"]) for r in rows]
    assert len(found) == len(set(found)) and set(found) == expected_gaps()
    order = ["current plan", "priorities", "document link", "earlier plan", "members"]
    assert [order.index(r["gap"]) for r in rows] == sorted(order.index(r["gap"]) for r in rows)


def test_each_gap_links_to_its_pre_filled_form(built):
    areas = {p["partnership_id"]: p["area_name"] for p in read_csv(
        DATAPACKAGES / "partnerships" / "partnerships.csv")}
    for row in read_csv(built.dir / "gaps" / "gaps.csv"):
        url = urlsplit(row["form_url"])
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        assert row["form_url"].startswith(f"{TEST_REPOSITORY}/issues/new?")
        assert query["partnership"] == areas[row["partnership_id"]]
        assert query["field"] == {"current plan": "plan", "earlier plan": "plan",
                                  "priorities": "priorities", "document link": "document_url",
                                  "members": "members"}[row["gap"]]
        assert query["template"] == ("member-or-fact.yml" if row["gap"] == "members"
                                     else "plan-or-report.yml")
        assert query.get("cycle", "") == row["cycle"]


def test_the_gaps_page_shows_the_to_do_list_and_counts_per_partnership(built):
    page = BeautifulSoup((built.dir / "gaps" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    rows = read_csv(built.dir / "gaps" / "gaps.csv")
    # The to-do list, folded by kind of gap (a long kind again by partnership): in page order,
    # every gap once, numbered through, most useful first, under a summary that counts it.
    todo = page.select(".cspp-todo tbody tr")
    links = [a["href"] for tr in todo for a in tr.select("a.cspp-gap-link")]
    assert links == [r["form_url"] for r in rows]
    assert [tr.find("td").get_text(strip=True) for tr in todo] == [
        str(n) for n in range(1, len(rows) + 1)]
    kinds = page.select("details.cspp-fold:not(details.cspp-fold details)")
    per_kind = Counter(r["gap"] for r in rows)
    assert [int(fold.summary.get_text().split()[0]) for fold in kinds] == list(per_kind.values())
    for fold, (gap, n) in zip(kinds, per_kind.items()):
        assert len(fold.select(".cspp-todo tbody tr")) == n
        inner = fold.select("details.cspp-fold")
        if inner:  # one fold per partnership: "Angus: 3 gaps"
            areas = Counter(r["area_name"] for r in rows if r["gap"] == gap)
            assert [d.summary.get_text() for d in inner] == [
                f"{area}: {k} gap{'s' if k > 1 else ''}" for area, k in areas.items()]
    matrix = page.find("caption", string="Partnership by data held").find_parent("table")
    to_fill = {tr.find("th").get_text(strip=True): tr.find_all("td")[-1].get_text(strip=True)
               for tr in matrix.select("tbody tr")}
    areas = {p["partnership_id"]: p["area_name"] for p in read_csv(
        DATAPACKAGES / "partnerships" / "partnerships.csv")}
    for pid, area in areas.items():
        assert to_fill[area] == str(sum(r["partnership_id"] == pid for r in rows)), area
    assert page.find("a", href="gaps.csv")
