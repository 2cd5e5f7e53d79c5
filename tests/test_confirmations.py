"""Missing is not one state, and a partnership can confirm its page: a confirmation row shows on
the page with its date and source, a confirmed-absent document is no longer "searched, not
found", and the research's own words are the evidence of a search. Rows are written here, into
copies of the small dataset (fixtures/dataset.py), so that shaping the site is quick."""

from __future__ import annotations

import datetime as dt

from cspp.load.model import load_model
from cspp.load.tables import named_tables
from cspp.render.pages import shared_of
from cspp.render.pages.contribute import Contribute
from cspp.render.pages.html import render
from cspp.render.pages.partnerships import partnership_context
from cspp.shape.gap_states import CONFIRMED_ABSENT, KNOWN, NO_SEARCH, SEARCHED, gap_state
from cspp.shape.site import shape_site

from support import edit_csv_rows

ISSUE = "https://github.com/example-org/scotland-cspp/issues/7"


def add_confirmations(packages, confirmations: list[dict]) -> None:
    edit_csv_rows(
        packages / "sources" / "sources.csv",
        lambda rows: rows.append(
            {"source_id": "github-com-issues-7", "url": ISSUE, "kind": "statement"}
        ),
    )
    edit_csv_rows(
        packages / "context" / "confirmations.csv", lambda rows: rows.extend(confirmations)
    )


def test_the_partnership_page_shows_its_dated_confirmation_and_its_source(small_packages):
    packages = small_packages
    add_confirmations(
        packages,
        [
            {
                "confirmation_id": "fife-page-correct-2026-12-01",
                "partnership_id": "fife",
                "kind": "page-correct",
                "confirmed_on": "2026-12-01",
                "confirmed_by": "Children's services planning lead, Fife Council",
                "source_id": "github-com-issues-7",
            }
        ],
    )
    site = shape_site(named_tables(load_model(packages)), dt.date(2026, 12, 1))
    pages = {}
    for p in site.partnerships:
        context = partnership_context(
            p, shared_of(site), "citation", Contribute("https://github.com/example-org/x")
        )
        pages[p.id] = render("partnership.md", f"partnerships/{p.id}.md", **context)
    assert (
        "Confirmed correct, as it stood on 2026-12-01, by Children's services planning "
        "lead, Fife Council"
    ) in pages["fife"].replace("&#x27;", "'")
    assert f'href="{ISSUE}"' in pages["fife"]
    assert "(statement to this project)" in pages["fife"]
    assert "Not yet confirmed by the partnership." in pages["midlothian"]
    assert "template=page-correct.yml&amp;partnership=Midlothian" in pages["midlothian"]


def test_a_confirmed_absent_plan_is_no_longer_searched_not_found(small_packages):
    packages = small_packages
    before = shape_site(named_tables(load_model(packages)), dt.date(2026, 12, 1)).todo
    # A missing plan searched for, of a cycle no review's list covers (2017-2020 today).
    plan_gaps = before["gap"].isin(["current plan", "earlier plan"])
    gap = before[plan_gaps & (before["state"] == SEARCHED)].iloc[0]
    add_confirmations(
        packages,
        [
            {
                "confirmation_id": f"{gap['partnership_id']}-absent-2026-12-01",
                "partnership_id": gap["partnership_id"],
                "kind": "absent",
                "cycle": gap["cycle"],
                "document_type": gap["document_type"],
                "confirmed_on": "2026-12-01",
                "confirmed_by": "Planning lead",
                "note": "no plan was published for this cycle",
                "source_id": "github-com-issues-7",
            }
        ],
    )
    site = shape_site(named_tables(load_model(packages)), dt.date(2026, 12, 1))
    after = site.todo
    [p] = [p for p in site.partnerships if p.id == gap["partnership_id"]]
    page = render(
        "partnership.md",
        f"partnerships/{p.id}.md",
        **partnership_context(p, shared_of(site), "citation", Contribute(None)),
    )
    assert (
        f'Children\'s services plan for {gap["cycle"]}: <span class="cspp-missing">'
        "confirmed absent</span>. Planning lead said on 2026-12-01"
    ) in page
    [row] = after[
        (after["partnership_id"] == gap["partnership_id"])
        & (after["gap"] == gap["gap"])
        & (after["cycle"] == gap["cycle"])
    ].to_dict("records")
    assert (row["state"], row["evidence_source_id"]) == (CONFIRMED_ABSENT, "github-com-issues-7")
    assert row["evidence"] == "Planning lead, 2026-12-01: no plan was published for this cycle"


# The matching rule, on hand-written gaps and research items.

GAP = {"gap": "current plan", "cycle": "2023-2026", "document_type": "childrens-services-plan"}


def item(text: str, research_pass: int = 1) -> dict:
    return {"not_found": text, "research_pass": research_pass}


def test_a_research_item_naming_the_plan_and_its_years_is_a_search():
    state = gap_state(GAP, None, [item("Fife Children's Services Plan 2023-26 (title)", 2)], [])
    assert state == {
        "state": SEARCHED,
        "evidence_source_id": "",
        "evidence": "research pass 2: Fife Children's Services Plan 2023-26 (title)",
    }


def test_another_kind_of_plan_or_other_years_is_not_a_search_of_this_gap():
    for text in (
        "Promise Plan 2023-26 (contents)",
        "Children's Services Plan 2017-2020",
        "Vision statements of the 2023-26 plans",
    ):
        assert gap_state(GAP, None, [item(text)], [])["state"] == NO_SEARCH, text


def test_the_2020_2023_cycle_also_matches_a_2021_2023_plan():
    gap = {**GAP, "cycle": "2020-2023"}
    assert (
        gap_state(gap, None, [item("Integrated Children's Services Plan 2021-23")], [])["state"]
        == SEARCHED
    )


def test_priorities_links_and_members_need_their_own_words():
    plan = {"period_start": 2021, "period_end": 2023}
    priorities = {**GAP, "gap": "priorities", "cycle": ""}
    link = {**GAP, "gap": "document link", "cycle": ""}
    members = {"gap": "members", "cycle": "", "document_type": ""}
    assert (
        gap_state(priorities, plan, [item("Named priorities of the plan 2021-2023")], [])["state"]
        == SEARCHED
    )
    assert (
        gap_state(priorities, plan, [item("Vision of the plan 2021-2023")], [])["state"]
        == NO_SEARCH
    )
    assert gap_state(link, plan, [item("Direct PDF of the 2021-23 plan")], [])["state"] == SEARCHED
    assert gap_state(members, None, [item("An itemised member list")], [])["state"] == SEARCHED


REVIEWED = [
    {
        "review_id": "review-2023-2026",
        "partnership_id": "fife",
        "plan_title": "",
        "source_id": "gov-scot-pages-21",
        "cycle": "2023-2026",
        "publisher": "Scottish Government",
    }
]


def test_a_missing_plan_the_national_review_read_is_known_to_exist_citing_the_review():
    state = gap_state(
        GAP, None, [item("Fife Children's Services Plan 2023-26 (title)", 2)], [], REVIEWED
    )
    assert state == {
        "state": KNOWN,
        "evidence_source_id": "gov-scot-pages-21",
        "evidence": "the Scottish Government's national review of the 2023-2026 plans read "
        "this partnership's plan, so it exists, but no public copy has been found "
        "yet (searched, not found: research pass 2: Fife Children's Services Plan "
        "2023-26 (title))",
    }
    # Another cycle's plan, or a gap that is not a missing plan, is not made known by it.
    assert gap_state({**GAP, "cycle": "2017-2020"}, None, [], [], REVIEWED)["state"] == NO_SEARCH
    priorities = {**GAP, "gap": "priorities"}
    assert (
        gap_state(priorities, {"period_start": 2023, "period_end": 2026}, [], [], REVIEWED)["state"]
        == NO_SEARCH
    )
