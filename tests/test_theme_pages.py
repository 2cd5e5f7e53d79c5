"""The theme pages' comparisons say what they compare: each change is named by the periods it
spans, a cycle without two periods says so, small groups are listed, and every page has a chart."""

from __future__ import annotations

import csv
from types import SimpleNamespace

import pandas as pd
from bs4 import BeautifulSoup

from cspp.paths import DATAPACKAGES
from cspp.render.numbers import Unit
from cspp.render.pages.outcomes import cycle_line
from cspp.shape.profiles import Series
from cspp.shape.theme_changes import NOT_FOUND, NOT_PLANNED, PLANNED, cycle_change

from support import page_soup

PERCENT = {"indicator_id": "x", "unit": "percentage", "plain_unit": "% of children"}


def series(values: dict[tuple[str, str], float]) -> Series:
    rows = pd.DataFrame(
        [(area, period, value) for (area, period), value in values.items()],
        columns=["area_code", "period", "value"],
    )
    periods = sorted(set(rows["period"]))
    return Series(PERCENT, rows, periods, {}, False, {})


def partnership(pid: str, *codes: str):
    return SimpleNamespace(
        id=pid,
        partnership={"area_name": pid.title()},
        councils=[{"council_code": c, "council_name": f"Council {c}"} for c in codes],
    )


PARTNERSHIPS = [partnership("north", "A", "B"), partnership("south", "C"), partnership("west", "D")]
COUNTS = {("north", "2020-2023"): 2, ("south", "2020-2023"): 0}  # west: priorities not found


def test_a_one_year_change_is_named_by_its_periods_not_as_the_cycle_s():
    s = series(
        {
            ("A", "2020-21"): 10.0,
            ("A", "2021-22"): 12.5,
            ("B", "2020-21"): 20.0,
            ("B", "2021-22"): 19.0,
            ("C", "2020-21"): 5.0,
            ("C", "2021-22"): 5.5,
        }
    )
    change = cycle_change(s, "2020-2023", PARTNERSHIPS, COUNTS)
    assert (change.opening, change.closing, change.years, change.whole_cycle) == (
        "2020-21",
        "2021-22",
        1,
        False,
    )
    assert [(a.council_code, a.planned) for a in change.areas] == [
        ("A", PLANNED),
        ("B", PLANNED),
        ("C", NOT_PLANNED),
        ("D", NOT_FOUND),
    ]
    line = cycle_line(change, Unit.of(PERCENT))
    assert line.startswith(
        "2020-2023 cycle, the change from 2020-21 to 2021-22 (one year, not the whole cycle): "
    )
    # Two areas prioritised it and one did not: too few for a median, so each is listed.
    assert (
        "2 council areas whose partnership's plan prioritised the theme, too few for a median: "
        "Council A +2.5 percentage points, Council B \u22121.0 percentage points"
    ) in line
    assert (
        "1 council area whose partnership's plan did not, too few for a median: Council C +0.5"
        in line
    )
    assert "median" not in line.replace("too few for a median", "")


def test_a_change_across_the_cycle_s_years_is_the_whole_cycle():
    s = series({("A", "2020-21"): 1.0, ("A", "2021-22"): 2.0, ("A", "2022-23"): 4.0})
    change = cycle_change(s, "2020-2023", PARTNERSHIPS, COUNTS)
    assert (change.opening, change.closing, change.years, change.whole_cycle) == (
        "2020-21",
        "2022-23",
        2,
        True,
    )
    assert "from 2020-21 to 2022-23 (2 years):" in cycle_line(change, Unit.of(PERCENT))


def test_a_cycle_holding_one_period_is_reported_as_such_with_no_median():
    s = series({("A", "2022-23"): 1.0, ("A", "2023-24"): 2.0, ("C", "2023-24"): 3.0})
    change = cycle_change(s, "2023-2026", PARTNERSHIPS, COUNTS)
    assert change.opening is None and change.held == ["2023-24"]
    assert cycle_line(change, Unit.of(PERCENT)) == (
        "2023-2026 cycle: fewer than two periods of this series are held for it (periods that "
        "began in the cycle's years: only 2023-24), so no change is shown."
    )


def test_five_or_more_areas_are_summarised_by_their_median():
    partnerships = [partnership(f"p{i}", f"C{i}") for i in range(5)]
    counts = {(f"p{i}", "2020-2023"): 1 for i in range(5)}
    s = series(
        {
            **{(f"C{i}", "2020-21"): 10.0 for i in range(5)},
            **{(f"C{i}", "2021-22"): 10.0 + i for i in range(5)},
        }
    )
    line = cycle_line(cycle_change(s, "2020-2023", partnerships, counts), Unit.of(PERCENT))
    assert line.endswith(
        "5 council areas whose partnership's plan prioritised the theme: "
        "median change +2.0 percentage points."
    )


# ---------------------------------------------------------------- the built pages


def rows(package: str, name: str) -> list[dict]:
    with (DATAPACKAGES / package / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def theme_page(built, theme_id: str) -> BeautifulSoup:
    return page_soup(built.dir / "compare" / "themes" / theme_id / "index.html")


def test_every_theme_page_has_a_chart_with_description_table_and_csv(built):
    for theme in rows("themes", "themes"):
        soup = theme_page(built, theme["theme_id"])
        blocks = soup.select(".cspp-chart")
        assert blocks, theme["theme_id"]
        for block in blocks:
            assert block.select_one(".cspp-chart-description p").get_text(strip=True)
            assert block.select_one(".cspp-chart-table table tbody tr")
            csv = block.select_one("a[download]")["href"]
            assert (built.dir / "compare" / "themes" / theme["theme_id"] / csv).resolve().is_file()


def test_the_child_poverty_page_names_its_change_by_the_periods_the_package_holds(built):
    """End Child Poverty's share after housing costs (the key indicator since it replaced
    CHN24) over 2020-23: from 2020/21 to the latest period starting before 2023 that the
    package holds for it, worked out here from indicator_values.csv."""
    periods = sorted(
        {
            r["period"]
            for r in rows("measures", "indicator_values")
            if r["indicator_id"] == "ecp_child_poverty_ahc_pct"
        }
    )
    closing = [p for p in periods if 2020 < int(p[:4]) < 2023][-1]
    soup = theme_page(built, "child-poverty")
    titles = [h.get_text(" ", strip=True) for h in soup.select(".cspp-chart-title")]
    assert any(f"from 2020/21 to {closing}" in t for t in titles), titles
    section = next(
        s for s in soup.select(".cspp-theme-indicator") if "End Child Poverty" in s.h3.get_text()
    )
    assert f"Change from 2020/21 to {closing}" in [
        th.get_text(" ", strip=True) for th in section.select("thead th")
    ]
    assert "Change over 2020-2023" not in soup.get_text(" ")
