"""A partnership page opens with its headline figures, read here from the built page and
checked against the package rows worked by hand."""

from __future__ import annotations

import csv

import pytest
from bs4 import BeautifulSoup

from cspp.paths import DATAPACKAGES

from support import page_soup


def rows(package: str, name: str) -> list[dict]:
    with (DATAPACKAGES / package / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def glance(built, pid: str) -> BeautifulSoup:
    page = page_soup(built.dir / "partnerships" / pid / "index.html")
    return page.select_one("section.cspp-glance")


def cards(section) -> dict[str, dict[str, list[str]]]:
    """Each figure's name -> area -> its cells (value, higher than)."""
    out = {}
    for card in section.select("li.cspp-figure"):
        name = card.select_one(".cspp-figure-name a").get_text()
        out[name] = {
            tr.th.get_text(): [td.get_text(" ").strip() for td in tr.find_all("td")]
            for tr in card.select("tbody tr")
        }
    return out


def test_the_headlines_are_the_marked_key_indicators_in_order(built):
    marked = sorted(
        (r for r in rows("themes", "key_indicators") if r["headline"]),
        key=lambda r: int(r["headline"]),
    )
    labels = {r["indicator_id"]: r["plain_name"] for r in rows("measures", "indicator_labels")}
    assert list(cards(glance(built, "fife"))) == [labels[r["indicator_id"]] for r in marked]


def test_tayside_child_poverty_gives_each_council_beside_scotland(built):
    """ecp_child_poverty_ahc_pct (which replaced lgbf_chn24 as the key indicator), 2023/24:
    Angus 0.2408, Dundee City 0.2607, Perth and Kinross 0.1921; the workbook has no Scotland
    row. Of the 32 council areas, only Clackmannanshire and Glasgow City are higher than
    Dundee; 10 are higher than Angus; 6 are lower than Perth and Kinross (counted by hand)."""
    section = glance(built, "tayside")
    card = cards(section)["Children in poverty after housing costs, End Child Poverty estimate"]
    assert card == {
        "Angus": ["24.1%", "21 of 32 areas"],
        "Dundee City": ["26.1%", "29 of 32 areas"],
        "Perth and Kinross": ["19.2%", "6 of 32 areas"],
        "Scotland": ["no Scotland figure in the data held"],
    }
    figure = section.select_one("li.cspp-figure")
    assert figure.select_one(".cspp-figure-period").get_text() == "2023/24"
    assert figure.select_one(".cspp-figure-unit").get_text() == "(% of children)"
    # key_indicators.csv: it replaces lgbf_chn24, whose newest period is 2021-22
    assert [note.get_text() for note in figure.select(".cspp-figure-note")] == [
        "Replaces an older series as the key indicator: Children living in poverty, after "
        "housing costs, to 2021-22."
    ]


def test_a_rate_of_several_councils_is_their_sums_divided_and_labelled(built):
    """Looked-after children, 31 July 2021: Tayside's rate is calculated from its councils'
    counts (rate_definitions.csv), shown as Tayside as a whole, and said to be calculated."""
    section = glance(built, "tayside")
    card = cards(section)["Children looked after by the local authority"]
    assert list(card)[0] == "Tayside as a whole"
    notes = " ".join(p.get_text() for p in section.select(".cspp-figure-note"))
    assert "calculated here from its councils' counts" in notes


@pytest.mark.parametrize("pid", ["fife", "tayside"])
def test_the_current_plan_and_how_recent_the_figures_are(built, pid):
    facts = glance(built, pid).select_one("ul.cspp-glance-facts").get_text(" ")
    assert "Current children's services plan:" in facts
    assert (
        glance(built, pid).select_one(".cspp-glance-age").get_text(" ").startswith("Figures from ")
    )
