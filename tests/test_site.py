"""The public site: pages for every partnership, plan and indicator, built from the packages.

The site is built once for the whole run (conftest.py). Expected values are computed here from the CSVs with the
csv module (never from the page-generation code), and the HTML is read with BeautifulSoup.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import json
import re
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup, Comment

from cspp.load.model import load_model, scotland_code
from cspp.load.tables import named_tables
from cspp.paths import DATAPACKAGES
from cspp.render.pages.partnerships import summary
from cspp.shape.indicators import latest_values
from cspp.shape.partnerships import PARTNERSHIP_RESOURCES, partnership_data, source_checks
from cspp.shape.plans import plan_data

from support import INCOMPLETE, PAYLOAD, PAYLOADS, edit_csv_rows, page_soup

CYCLES = ("2017-2020", "2020-2023", "2023-2026")
CSP = "childrens-services-plan"
TAYSIDE_COUNCILS = {
    "S12000041": "Angus",
    "S12000042": "Dundee City",
    "S12000048": "Perth and Kinross",
}


def csv_file(name: str, root: Path = DATAPACKAGES) -> list[dict]:
    path = next(root.glob(f"*/{name}.csv"))
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def read_csv(name: str, root: Path = DATAPACKAGES) -> list[dict]:
    """A table's rows, each with its source's address and dates joined in from sources.csv as
    source_url, accessed and last_checked (the pages show the source, not its id)."""
    sources = {s["source_id"]: s for s in csv_file("sources", root)}
    rows = csv_file(name, root)
    for row in rows:
        if row.get("source_id"):
            source = sources[row["source_id"]]
            row.update(
                source_url=source["url"],
                accessed=source["accessed"],
                last_checked=source["last_checked"],
            )
    return rows


def shown_href(url: str) -> str:
    """Where a page's source link goes: the address, or the contributing page for a published
    document with no public link yet."""
    return url or "../../contributing/"


def cited_about(pid: str, root: Path = DATAPACKAGES) -> set[tuple[str, str]]:
    """Each (table, source_id) that a row about the partnership cites: a row is about it by its
    partnership_id or by its plan's, and it cites in every column whose name ends in source_id."""
    own_plans = {p["plan_id"] for p in csv_file("plans", root) if p["partnership_id"] == pid}
    cited = set()
    for path in sorted(root.glob("*/*.csv")):
        if path.stem == "sources":
            continue
        for row in csv_file(path.stem, root):
            if row.get("partnership_id") == pid or row.get("plan_id") in own_plans:
                cited |= {
                    (path.stem, value)
                    for column, value in row.items()
                    if column.endswith("source_id") and value
                }
    return cited


@pytest.fixture(scope="module")
def site(built) -> Path:
    return built.dir


def page(site: Path, url_path: str) -> BeautifulSoup:
    return page_soup(site / url_path / "index.html")


def section(soup: BeautifulSoup, heading_id: str) -> BeautifulSoup:
    """Everything between the h2 with this id and the next h2, as its own soup."""
    start = soup.find("h2", id=heading_id)
    assert start is not None, f"no section #{heading_id}"
    parts = []
    for sibling in start.find_next_siblings():
        if sibling.name == "h2":
            break
        parts.append(str(sibling))
    return BeautifulSoup("".join(parts), "html.parser")


def cell_text(cell) -> str:
    return " ".join(cell.get_text(" ").split())


def body_rows(soup) -> list:
    return [row for table in soup.find_all("table") for row in table.tbody.find_all("tr")]


def words(value: str) -> str:
    return " ".join(value.split())


# ---------------------------------------------------------------- one page each


def test_one_page_per_partnership(site):
    ids = {row["partnership_id"] for row in read_csv("partnerships")}
    assert len(ids) == 30
    built = {p.parent.name for p in (site / "partnerships").glob("*/index.html")}
    assert built == ids


def test_one_page_per_indicator(site):
    ids = {row["indicator_id"] for row in read_csv("indicators")}
    built = {p.parent.name for p in (site / "indicators").glob("*/index.html")}
    assert built == ids


def test_one_page_per_plan_with_content(site):
    content = (
        {p["plan_id"] for p in read_csv("plans") if p["vision"].strip()}
        | {p["plan_id"] for p in read_csv("priorities")}
        | {m["plan_id"] for m in read_csv("plan_measures")}
    )
    built = {p.parent.name for p in (site / "plans").glob("*/index.html")}
    assert built == content


# ---------------------------------------------------------------- partnership pages


# memberships.basis: a partnership's own members, and, shown apart in a section of their own,
# those a source names only for the area's community planning partnership.
MEMBER_SECTIONS = {
    "members": ("statutory", "named"),
    "members-of-the-community-planning-partnership": ("community-planning",),
}
# The members of the Inverclyde Alliance, Inverclyde's community planning partnership, that its
# sources name; the research note says no membership of a children's services group was found.
INVERCLYDE_ALLIANCE = {
    "Inverclyde Council",
    "NHS Greater Glasgow and Clyde",
    "Police Scotland",
    "CVS Inverclyde",
    "Department for Work and Pensions",
    "NatureScot",
    "River Clyde Homes",
    "Scottish Enterprise",
    "Scottish Fire and Rescue Service",
    "SPT",
    "Skills Development Scotland",
    "Inverclyde Health and Social Care Partnership",
}


def test_each_partnership_lists_exactly_its_members_with_sources(site):
    members = read_csv("memberships")
    for partnership in read_csv("partnerships"):
        pid = partnership["partnership_id"]
        soup = page(site, f"partnerships/{pid}")
        for heading, bases in MEMBER_SECTIONS.items():
            expected = {
                (words(m["organisation"]), shown_href(m["source_url"]))
                for m in members
                if m["partnership_id"] == pid and m["basis"] in bases
            }
            rows = body_rows(section(soup, heading)) if soup.find("h2", id=heading) else []
            shown = {(cell_text(r.find(["th", "td"])), r.find("a")["href"]) for r in rows}
            assert shown == expected, (pid, heading)


def test_inverclydes_community_planning_members_are_apart_and_not_counted_as_its_own(site):
    soup = page(site, "partnerships/inverclyde")
    own = {cell_text(r.find(["th", "td"])) for r in body_rows(section(soup, "members"))}
    assert own == {"Inverclyde (local authority)", "NHS Greater Glasgow & Clyde"}
    apart = section(soup, "members-of-the-community-planning-partnership")
    assert {cell_text(r.find(["th", "td"])) for r in body_rows(apart)} == INVERCLYDE_ALLIANCE
    assert "It is not the children's services planning partnership" in cell_text(apart)
    # The home page counts members named by sources: every row not from the Act, less these.
    not_statutory = sum(m["basis"] != "statutory" for m in read_csv("memberships"))
    named = page(site, "").select(".cspp-counts .cspp-count")[6]
    assert "members named by sources" in cell_text(named.parent)
    assert int(named.get_text()) == not_statutory - len(INVERCLYDE_ALLIANCE)
    matrix = (
        page(site, "gaps").find("caption", string="Partnership by data held").find_parent("table")
    )
    cells = next(
        cells
        for cells in (
            [cell_text(c) for c in r.find_all(["th", "td"])] for r in matrix.select("tbody tr")
        )
        if cells[0] == "Inverclyde"
    )
    assert cells[1] == "not yet found"  # its members: none named for its CSPP


def test_each_partnership_lists_exactly_its_plans_with_sources(site):
    plans = read_csv("plans")
    for partnership in read_csv("partnerships"):
        pid = partnership["partnership_id"]
        expected = Counter(
            (words(p["title"]), shown_href(p["source_url"]))
            for p in plans
            if p["partnership_id"] == pid
        )
        rows = body_rows(section(page(site, f"partnerships/{pid}"), "plans-and-reports"))
        shown = Counter()
        for row in rows:
            cells = row.find_all(["th", "td"])
            source = cells[4].find("a")
            assert source is not None, (pid, cell_text(cells[0]))
            shown[(cell_text(cells[0]), source["href"])] += 1
        assert shown == expected, pid


def test_tayside_shows_its_three_councils(site):
    soup = page(site, "partnerships/tayside")
    # The section also holds the family groups' tables; the councils are in their own table.
    [table] = [
        t
        for t in section(soup, "council-areas-and-nhs-board").find_all("table")
        if t.caption and cell_text(t.caption) == "Council areas"
    ]
    rows = table.tbody.find_all("tr")
    shown = {cell_text(r.find_all(["th", "td"])[1]): cell_text(r.find(["th", "td"])) for r in rows}
    assert shown == TAYSIDE_COUNCILS


def test_tayside_official_statistics_are_per_council(site):
    stats = section(page(site, "partnerships/tayside"), "official-statistics-for-its-council-areas")
    folds = stats.find_all("details")
    values = csv_file("indicator_values")
    held = {
        code: len({v["indicator_id"] for v in values if v["area_code"] == code})
        for code in TAYSIDE_COUNCILS
    }
    assert [cell_text(fold.summary) for fold in folds] == [
        f"Show the latest value of {held[code]} official series for {name} ({code}), beside Scotland"
        for code, name in TAYSIDE_COUNCILS.items()
    ]
    assert [len(fold.find_all("table")) for fold in folds] == [1, 1, 1]


def test_missing_cycles_invite_contributions(site):
    plans = read_csv("plans")
    for partnership in read_csv("partnerships"):
        pid = partnership["partnership_id"]
        found = {
            p["cycle"] for p in plans if p["partnership_id"] == pid and p["document_type"] == CSP
        }
        plans_section = section(page(site, f"partnerships/{pid}"), "plans-and-reports")
        gaps = plans_section.find_all("p", class_="cspp-gap")
        missing = [c for c in CYCLES if c not in found]
        assert len(gaps) == len(missing), pid
        for gap, cycle in zip(gaps, missing):
            assert cycle in gap.get_text() and "not yet found" in gap.get_text()
            form = urlsplit(gap.find("a", class_="cspp-gap-link")["href"])  # its issue form
            query = {k: v[0] for k, v in parse_qs(form.query).items()}
            assert (query["template"], query["partnership"], query["cycle"], query["field"]) == (
                "plan-or-report.yml",
                partnership["area_name"],
                cycle,
                "plan",
            ), pid


def test_every_partnership_page_links_a_correction_and_its_csv(site):
    for partnership in read_csv("partnerships"):
        pid = partnership["partnership_id"]
        soup = page(site, f"partnerships/{pid}")
        hrefs = {a["href"] for a in section(soup, "correct-or-add-to-this-page").find_all("a")}
        assert hrefs == {"../../contributing/", f"../{pid}-rows.csv"}
        assert (site / "partnerships" / f"{pid}-rows.csv").exists()


def test_partnership_csv_holds_its_members(site):
    with (site / "partnerships" / "tayside-rows.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    organisations = {
        r["value"] for r in rows if r["resource"] == "memberships" and r["field"] == "organisation"
    }
    assert organisations == {
        m["organisation"] for m in read_csv("memberships") if m["partnership_id"] == "tayside"
    }


def test_last_checked_is_the_newest_date_of_the_partnerships_sources(site):
    sources = {s["source_id"]: s for s in csv_file("sources")}
    dates = [
        sources[source][column]
        for _, source in cited_about("tayside")
        for column in ("accessed", "last_checked")
        if sources[source][column]
    ]
    label = page(site, "partnerships/tayside").find("dt", string="Data last checked")
    assert cell_text(label.find_next_sibling("dd")) == (max(dates) if dates else "not recorded")


def test_last_checked_gives_the_newer_date_or_says_not_recorded(packages):
    """On a copy whose sources have no dates but two of Tayside's: one read on 2026-03-02, and
    one read on 2025-01-01 whose link was checked on 2026-05-14. Moray cites neither."""
    moray = {source for _, source in cited_about("moray", packages)}
    plan, member = (
        next(
            r["source_id"]
            for r in csv_file(table, packages)
            if r["partnership_id"] == "tayside" and r["source_id"] not in moray
        )
        for table in ("plans", "memberships")
    )
    dates = {plan: ("2026-03-02", ""), member: ("2025-01-01", "2026-05-14")}
    assert len(dates) == 2

    def only_these_dates(rows):
        for row in rows:
            row["accessed"], row["last_checked"] = dates.get(row["source_id"], ("", ""))
            checked = bool(row["last_checked"])  # as the link check writes it
            row["link_status"], row["http_status"] = ("ok", "200") if checked else ("", "")

    edit_csv_rows(packages / "sources" / "sources.csv", only_these_dates)
    t = named_tables(load_model(packages))
    plans = plan_data(t.plans, t.priorities, t.plan_measures, t.plan_statements)
    latest = latest_values(t.indicator_values, scotland_code(t.councils, t.indicator_values))
    own = {name: getattr(t, name) for name in PARTNERSHIP_RESOURCES}
    checks = source_checks(t.every, t.plans, t.sources, t.partnerships, dt.date(2026, 12, 1))
    shaped = {
        p.id: p
        for p in partnership_data(own, t.health_boards, t.reviews, t.cycles, plans, latest, checks)
    }
    assert dict(summary(shaped["tayside"]).items)["Data last checked"] == "2026-05-14"
    assert dict(summary(shaped["moray"]).items)["Data last checked"] == "not recorded"


# ---------------------------------------------------------------- home and plans


def test_home_counts_equal_the_data(site):
    plans = read_csv("plans")
    expected = [
        len(read_csv("partnerships")),
        len(read_csv("councils")),
        len(plans),
        len(read_csv("priorities")),
        len(read_csv("plan_measures")),
        len(read_csv("indicators")),
        sum(m["basis"] == "named" for m in read_csv("memberships")),
        len(read_csv("sources")),
    ]
    counts = [int(span.get_text()) for span in page(site, "").select(".cspp-counts .cspp-count")]
    assert counts == expected
    per_cycle = {
        cell_text(r.find("th")): cell_text(r.find("td"))
        for r in body_rows(page(site, "").find("div", class_="cspp-cycles"))
    }
    for cycle in CYCLES:
        with_plan = {
            p["partnership_id"] for p in plans if p["document_type"] == CSP and p["cycle"] == cycle
        }
        assert per_cycle[cycle] == f"{len(with_plan)} of {expected[0]}"


def test_home_links_the_statute(site):
    hrefs = {a["href"] for a in page(site, "").find_all("a")}
    assert "https://www.legislation.gov.uk/asp/2014/8/part/3" in hrefs


def test_plan_without_document_url_shows_not_yet_found(site):
    plans = [p for p in read_csv("plans") if not p["document_url"]]
    built = {p.parent.name for p in (site / "plans").glob("*/index.html")}
    with_page = [p for p in plans if p["plan_id"] in built]
    assert with_page, "the data should have a plan page without a document link"
    for plan in with_page:
        soup = page(site, f"plans/{plan['plan_id']}")
        document = soup.find("dt", string="Document").find_next_sibling("dd")
        assert cell_text(document) == "not yet found"
        assert document.find("a") is None


def test_plan_page_nests_priorities_and_shows_measures(site):
    priorities = read_csv("priorities")
    measures = read_csv("plan_measures")
    plan_id = next(m["plan_id"] for m in measures)
    soup = page(site, f"plans/{plan_id}")
    own = [p for p in priorities if p["plan_id"] == plan_id]
    items = section(soup, "priorities").find_all("li")
    assert len(items) == len(own)
    for item in items:
        assert item.find("a", href=True) is not None
    rows = body_rows(section(soup, "measures"))
    own_measures = [m for m in measures if m["plan_id"] == plan_id]
    assert [cell_text(r.find("th")) for r in rows] == [
        words(m["text"]) for m in sorted(own_measures, key=lambda m: int(m["position"]))
    ]
    for row, measure in zip(rows, sorted(own_measures, key=lambda m: int(m["position"]))):
        assert row.find("a")["href"] == measure["source_url"]


def test_nested_priorities_sit_under_their_parent():
    """A child priority is rendered inside its parent's list item (no published plan has
    nested priorities yet, so the page template is given a small tree)."""
    import pandas as pd

    from cspp.render.pages.html import environment
    from cspp.shape.plans import plan_data

    unchecked = {"accessed": "", "last_checked": ""}
    plans = pd.DataFrame([{"plan_id": "x", "partnership_id": "p", "vision": "", **unchecked}])
    priorities = pd.DataFrame(
        [
            {
                "priority_id": "x-p2",
                "plan_id": "x",
                "parent_priority_id": "x-p1",
                "position": 2,
                "text": "Child",
                "text_complete": "true",
                "source_url": "https://example.org/b",
                **unchecked,
            },
            {
                "priority_id": "x-p1",
                "plan_id": "x",
                "parent_priority_id": "",
                "position": 1,
                "text": "Aim",
                "text_complete": "true",
                "source_url": "https://example.org/a",
                **unchecked,
            },
        ]
    )
    measures = pd.DataFrame(columns=["measure_id", "plan_id", "position", *unchecked])
    plan = plan_data(plans, priorities, measures)["x"]
    html = (
        environment()
        .from_string(
            '{% import "plan_parts.html" as parts with context %}{{ parts.priorities(plan) }}'
        )
        .render(page="plans/x.md", plan=plan)
    )
    top = BeautifulSoup(html, "html.parser").find("ol").find_all("li", recursive=False)
    assert len(top) == 1
    assert top[0].get_text().startswith("Aim")
    assert top[0].find("ol").find("li").get_text().startswith("Child")


def test_a_priority_cut_short_is_marked_incomplete_apart_from_its_words(site):
    # The research's copy of Aberdeen City's sixth 2023-26 priority ends after "going".
    items = section(page(site, "plans/aberdeen-city-csp-2023-2026"), "priorities").find_all("li")
    sixth = items[5]
    words_shown = sixth.find(string=True, recursive=False)
    assert words(words_shown) == (
        "Increasing the number of young people with additional support needs or a disability going"
    )
    assert cell_text(words_shown.find_next_sibling(class_="cspp-incomplete")) == INCOMPLETE
    assert [
        cell_text(li.find(class_="cspp-incomplete"))
        for li in items
        if li.find(class_="cspp-incomplete")
    ] == [INCOMPLETE]


def test_every_page_showing_a_cut_short_priority_marks_it_incomplete(site):
    cut_short = [p["text"] for p in read_csv("priorities") if p["text_complete"] == "false"]
    assert len(cut_short) == 2
    shown_on = set()
    # A release page is a log of cell changes, where the text_complete cell is listed beside.
    for path in (p for p in site.rglob("*.html") if "releases" not in p.parts):
        raw = path.read_text(encoding="utf-8")
        for text in cut_short:
            if html.escape(text[:40], quote=False) not in raw:
                continue
            for node in page_soup(path).find_all(string=lambda s, t=text: t in s):
                if node.find_parent(["script", "head"]) is None:
                    marker = node.find_next_sibling(class_="cspp-incomplete")
                    assert marker is not None and cell_text(marker) == INCOMPLETE, path
                    shown_on.add(path.parent.relative_to(site).as_posix())
    assert {
        "plans/aberdeen-city-csp-2023-2026",
        "partnerships/aberdeen-city",
        "plans/aberdeenshire-child-poverty-2019-2020",
        "compare/priorities",
    } <= shown_on


# ---------------------------------------------------------------- indicators


def test_indicator_page_lists_every_council_and_scotland(site):
    councils = read_csv("councils")
    values = [v for v in read_csv("indicator_values") if v["indicator_id"] == "lgbf_chn01"]
    soup = page(site, "indicators/lgbf_chn01")
    latest = section(soup, "latest-value-for-every-council")
    fold = latest.find("details")  # folded, so that a phone reaches the download below it
    assert fold.find("table") and not fold.has_attr("open")
    assert fold.has_attr("data-search-exclude")  # the same words on every indicator page
    assert cell_text(fold.find("summary")) == (
        "Show the latest value of all 32 council areas, "
        "with each one's period, partnership, GSS code and source"
    )
    headers = [cell_text(th) for th in latest.find("thead").find_all("th")]
    column = headers.index("GSS code")
    codes = {cell_text(r.find_all(["th", "td"])[column]) for r in body_rows(latest)}
    assert codes == {c["council_code"] for c in councils}
    scotland = [v for v in values if v["area_code"] == "S92000003"]
    assert "S92000003" in section(soup, "scotland").get_text()
    assert len(scotland) > 0
    with (site / "indicators" / "lgbf_chn01.csv").open(encoding="utf-8", newline="") as f:
        assert len(list(csv.DictReader(f))) == len(values)


def test_indicator_page_shows_unit_publisher_and_source(site):
    for indicator in read_csv("indicators")[:10]:
        soup = page(site, f"indicators/{indicator['indicator_id']}")
        facts = {cell_text(dt): dt.find_next_sibling("dd") for dt in soup.find_all("dt")}
        labels = {r["indicator_id"]: r for r in read_csv("indicator_labels")}
        assert cell_text(facts["In plain words"]).endswith(
            f", in {words(labels[indicator['indicator_id']]['plain_unit'])}"
        )
        technical = soup.select_one("details.cspp-technical")
        stored = {cell_text(dt): dt.find_next_sibling("dd") for dt in technical.find_all("dt")}
        assert cell_text(stored["Unit as stored in the data files"]) == words(indicator["unit"])
        assert facts["Source"].find("a")["href"] == indicator["source_url"]


# ---------------------------------------------------------------- gaps


def test_gaps_matrix_matches_the_data(site):
    # Members a source names; every partnership also has its statutory members, from the Act.
    members = Counter(m["partnership_id"] for m in read_csv("memberships") if m["basis"] == "named")
    plans = read_csv("plans")
    owner = {p["plan_id"]: p["partnership_id"] for p in plans}
    priorities = Counter(owner[p["plan_id"]] for p in read_csv("priorities"))
    measures = Counter(owner[m["plan_id"]] for m in read_csv("plan_measures"))
    areas = {p["area_name"]: p["partnership_id"] for p in read_csv("partnerships")}
    matrix = (
        page(site, "gaps").find("caption", string="Partnership by data held").find_parent("table")
    )
    rows = matrix.select("tbody tr")
    assert len(rows) == len(areas)
    for row in rows:
        cells = [cell_text(c) for c in row.find_all(["th", "td"])][:-1]  # less "Gaps to fill"
        pid = areas[cells[0]]
        csps = [
            sum(
                1
                for p in plans
                if p["partnership_id"] == pid and p["document_type"] == CSP and p["cycle"] == c
            )
            for c in CYCLES
        ]
        reports = sum(
            1 for p in plans if p["partnership_id"] == pid and p["document_type"] == "annual-report"
        )
        expected = [members[pid], *csps, priorities[pid], measures[pid], reports]
        assert cells[1:] == [str(n) if n else "not yet found" for n in expected], pid


# ---------------------------------------------------------------- review


def test_review_shows_blank_counts_as_not_found(site):
    criteria = read_csv("review_criteria")
    soup = page(site, "review")
    cells = [cell_text(c) for c in soup.select(".cspp-criteria td")]
    banded = [c for c in criteria if not c["fully_met"] and c["fully_met_at_least"]]
    blanks = sum(
        1 for c in criteria for f in ("fully_met", "partially_met", "not_met") if not c[f]
    ) - len(banded)
    assert cells.count("not found") == blanks
    # The 2020-2023 review puts criteria 6, 7, 9, 11 and 15 in a band: "21 or more CSPPs".
    assert sorted(c["criterion_number"] for c in banded) == ["11", "15", "6", "7", "9"]
    shown = [cell for cell in cells if cell.startswith("21 or more (a band the review prints")]
    assert len(shown) == 5
    assert "Achieved" in {cell_text(th) for th in soup.select(".cspp-criteria th")}


# ---------------------------------------------------------------- links and search


def search_text(site: Path) -> str:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return html.unescape(" ".join(d["title"] + " " + d["text"] for d in index["docs"]))


def test_search_finds_councils_codes_plan_titles_and_priorities(site):
    text = " ".join(search_text(site).split())
    for council in read_csv("councils"):
        assert council["council_name"] in text and council["council_code"] in text
    for plan in read_csv("plans"):
        assert words(plan["title"]) in text, plan["plan_id"]
    for priority in read_csv("priorities"):
        assert words(priority["text"]) in text, priority["priority_id"]


def test_search_index_leaves_out_numeric_tables(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    indicator_text = " ".join(
        d["text"] for d in index["docs"] if d["location"].startswith("indicators/lgbf_chn01/")
    )
    # Council names and codes appear on an indicator page only in its tables and charts.
    for council in read_csv("councils"):
        assert council["council_code"] not in indicator_text
        assert council["council_name"] not in indicator_text
    # The whole index is downloaded on the first search: keep it under about 1 MB.
    assert (site / "search" / "search_index.json").stat().st_size < 1_000_000


# ---------------------------------------------------------------- no third-party requests

FETCHING_LINK_RELS = {
    "stylesheet",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "preload",
    "modulepreload",
    "prefetch",
    "manifest",
    "preconnect",
    "dns-prefetch",
}
ABSOLUTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)


def fetched_urls_in_html(soup: BeautifulSoup) -> list[str]:
    urls = []
    for tag in soup.find_all(True):
        for attr in ("src", "data", "poster", "background"):
            if tag.has_attr(attr) and tag.name != "a":
                urls.append(tag[attr])
        if tag.has_attr("srcset"):
            urls += [part.split()[0] for part in tag["srcset"].split(",") if part.strip()]
        if tag.name in ("image", "use", "feimage") or tag.name.endswith(":image"):
            urls += [tag.get("href", ""), tag.get("xlink:href", "")]
        if tag.name == "link" and FETCHING_LINK_RELS & set(tag.get("rel", [])):
            urls.append(tag.get("href", ""))
        if tag.has_attr("style"):
            urls += css_urls(tag["style"])
    for style in soup.find_all("style"):
        urls += css_urls(style.get_text())
    return urls


def css_urls(css: str) -> list[str]:
    return re.findall(r"url\(\s*['\"]?([^'\")]+)", css) + re.findall(
        r"@import\s+['\"]([^'\"]+)", css
    )


def js_urls(js: str) -> list[str]:
    return re.findall(r"\bimport\s*\(?\s*['\"]((?:https?:)?//[^'\"]+)", js) + re.findall(
        r"importScripts\(\s*['\"]((?:https?:)?//[^'\"]+)", js
    )


def test_built_site_fetches_nothing_from_other_hosts(site):
    external = []
    for path in site.rglob("*"):
        if path.suffix == ".html":
            urls = fetched_urls_in_html(page_soup(path))
        elif path.suffix == ".css":
            urls = css_urls(path.read_text(encoding="utf-8"))
        elif path.suffix == ".js":
            urls = js_urls(path.read_text(encoding="utf-8"))
        else:
            continue
        external += [
            (path.relative_to(site).as_posix(), u)
            for u in urls
            if u and ABSOLUTE.match(u) and not u.startswith("data:")
        ]
    assert not external, external[:10]


def test_the_scanner_catches_external_fetches():
    soup = BeautifulSoup(
        '<img src="https://cdn.example/x.png"><link rel="stylesheet" '
        'href="//fonts.example/css"><a href="https://ok.example/">ok</a>'
        '<style>@import "https://x.example/a.css"; '
        "b{background:url(https://y.example/b.png)}</style>",
        "html.parser",
    )
    urls = fetched_urls_in_html(soup)
    assert [u for u in urls if ABSOLUTE.match(u)] == [
        "https://cdn.example/x.png",
        "//fonts.example/css",
        "https://y.example/b.png",
        "https://x.example/a.css",
    ]


# ---------------------------------------------------------------- data text stays text


def visible_text(soup: BeautifulSoup) -> str:
    return " ".join(soup.get_text(" ").split())


def test_injected_text_is_shown_literally_wherever_its_column_is_shown(injected):
    site, packages, columns = injected
    pages = {p: page_soup(p) for p in sorted(site.dir.rglob("*.html"))}
    texts = {p: visible_text(soup) for p, soup in pages.items()}
    shown = set()
    for resource, field in columns:
        tag = f"{resource}.{field} pwned"
        for path, text in texts.items():
            if tag in text:
                shown.add((resource, field))
                assert f"{resource}.{field} {PAYLOAD}" in text, (path, resource, field)
    # Every column the pages show at all was found; the rest are in the downloads only.
    for needed in [
        ("plans", "title"),
        ("plans", "vision"),
        ("priorities", "text"),
        ("memberships", "organisation"),
        ("partnerships", "area_name"),
        ("indicators", "indicator_name"),
        ("themes", "theme_name"),
        ("review_criteria", "criterion"),
        ("plan_measures", "text"),
    ]:
        assert needed in shown, needed
    assert len(shown) > len(columns) / 2


def test_injected_text_creates_no_markup_on_any_page_or_chart(injected):
    site, packages, _ = injected
    pages, charts = sorted(site.dir.rglob("*.html")), sorted(site.dir.rglob("*.svg"))
    # The whole site was built: a page for every partnership and plan, and more.
    assert len(pages) > len(read_csv("partnerships", packages)) + len(read_csv("plans", packages))
    assert len(charts) > 5
    files = pages + charts
    for path in files:
        soup = (
            page_soup(path)
            if path.suffix == ".html"
            else BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        )
        where = path.relative_to(site.dir).as_posix()
        assert not [s for s in soup.find_all("script") if "__pwned" in s.get_text()], where
        assert not soup.find_all(lambda tag: any(a.startswith("on") for a in tag.attrs)), where
        assert not soup.find_all("img", src="x"), where
        # No link goes to the payload's site (a gap's form link carries data text in its query,
        # encoded, which is fine) or runs script.
        assert not [
            a
            for a in soup.find_all(href=True)
            if "evil.example" in urlsplit(a["href"].strip()).netloc
            or a["href"].strip().lower().startswith("javascript:")
        ], where
        assert not [
            c
            for c in soup.find_all(string=lambda s: isinstance(s, Comment))
            if c.strip() == "comment"
        ], where
        assert "jinja-ran" not in soup.get_text().replace("{% if true %}jinja-ran", ""), where


def test_injected_text_in_a_page_title_is_shown_as_written(injected):
    site, packages, _ = injected
    plan = read_csv("plans", packages)[0]
    soup = page(site.dir, f"plans/{plan['plan_id']}")
    assert cell_text(soup.find("h1")) == f"plans.title {PAYLOAD}"
    assert soup.title.get_text().startswith(f"plans.title {PAYLOAD}")
    for payload in PAYLOADS:
        assert payload in visible_text(soup)


def a_year_before(day: dt.date) -> dt.date:
    """The same day a year earlier; 29 February falls back to the 28th."""
    return (day.replace(day=28) if (day.month, day.day) == (2, 29) else day).replace(
        year=day.year - 1
    )


def test_partnership_pages_flag_unchecked_sources_and_give_a_citation(site):
    """The count is of the sources Tayside's rows cite (cited_about), each counted once per table
    that cites it, when neither of its dates is within the last 12 months."""
    sources = {s["source_id"]: s for s in csv_file("sources")}
    cited = cited_about("tayside")
    recent = a_year_before(dt.date.today()).isoformat()
    unchecked = {
        (table, source)
        for table, source in cited
        if max(sources[source]["accessed"], sources[source]["last_checked"]) < recent
    }
    assert len(unchecked) > 0  # else the page says every source was checked
    soup = page(site, "partnerships/tayside")
    block = section(soup, "freshness-and-how-to-cite")
    assert cell_text(block.find("strong")) == (
        f"{len(unchecked)} of this partnership's sources have not been checked in the last "
        "12 months"
    )
    citation = soup.select_one(".cspp-cite").get_text(" ", strip=True)
    assert "Open Government Licence v3.0" in citation and "release 20" in citation
