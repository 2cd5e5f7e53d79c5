"""Partnerships beside Scotland and beside their plans: derived rates, the profile, the trends,
the priorities' figures, the theme pages and the indicators index.

Expected numbers are worked out here from package rows, by hand, never by the code under test.
"""

from __future__ import annotations

import csv
import functools
import re
from collections import defaultdict

import pytest
from bs4 import BeautifulSoup

from cspp.paths import DATAPACKAGES

from support import page_soup

TAYSIDE = {"S12000041": "Angus", "S12000042": "Dundee City", "S12000048": "Perth and Kinross"}


def rows(package: str, name: str) -> list[dict]:
    with (DATAPACKAGES / package / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def read_csv(path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@functools.cache
def indicator_values() -> dict[tuple[str, str, str], list[str]]:
    """Every value of indicator_values.csv by (indicator, area code, period), read once."""
    values = defaultdict(list)
    for r in rows("measures", "indicator_values"):
        values[(r["indicator_id"], r["area_code"], r["period"])].append(r["value"])
    return values


def value_of(indicator_id: str, area_code: str, period: str) -> str:
    found = indicator_values().get((indicator_id, area_code, period), [])
    assert len(found) == 1, (indicator_id, area_code, period)
    return found[0]


def page(site, path: str) -> BeautifulSoup:
    return page_soup(site / path / "index.html")


@pytest.fixture(scope="module")
def site(built):
    return built.dir


# ---------------------------------------------------------------- derived rates


def test_rates_by_hand_for_two_councils_and_tayside(site):
    """Children on the child protection register, 31 July 2021, per 1,000 aged 0-15."""
    count = {
        code: float(value_of("scotpho_cpr_count", code, "2021 July snapshot")) for code in TAYSIDE
    }
    children = {
        code: float(value_of("scotpho_pop_0_15_count", code, "2021 calendar year"))
        for code in TAYSIDE
    }
    angus = count["S12000041"] / children["S12000041"] * 1000
    dundee = count["S12000042"] / children["S12000042"] * 1000
    tayside = sum(count.values()) / sum(children.values()) * 1000
    council_mean = sum(count[c] / children[c] * 1000 for c in TAYSIDE) / 3
    assert abs(tayside - council_mean) > 0.01  # the data tell the two apart: no averaging

    derived = {
        (r["rate_id"], r["area_type"], r["area_name"]): r
        for r in read_csv(site / "compare" / "derived-rates.csv")
    }
    rate = "cpr-per-1000-aged-0-15"
    assert float(derived[(rate, "council", "Angus")]["rate"]) == pytest.approx(angus)
    assert float(derived[(rate, "council", "Dundee City")]["rate"]) == pytest.approx(dundee)
    row = derived[(rate, "partnership", "Tayside")]
    assert float(row["rate"]) == pytest.approx(tayside)
    assert float(row["numerator"]) == sum(count.values())
    assert float(row["denominator"]) == sum(children.values())
    assert row["councils"] == "3"

    profile = [
        r
        for r in read_csv(site / "charts" / "profile-tayside.csv")
        if r["indicator_id"] == "scotpho_cpr_rate_0_15"
    ]
    partnership = [r for r in profile if r["measure"] == "partnership"]
    assert float(partnership[0]["value"]) == pytest.approx(tayside)
    assert partnership[0]["derived"] == "derived"
    councils = {r["area"]: float(r["value"]) for r in profile if r["measure"] == "council"}
    assert councils == {
        code: float(value_of("scotpho_cpr_rate_0_15", code, "2021 July snapshot"))
        for code in TAYSIDE
    }


def test_a_partnership_with_a_blank_numerator_gets_no_rate_and_scotland_none(site):
    """Orkney's register count is suppressed in the source: no rate for it, and none for
    Scotland, which would otherwise be the sum of 31 councils presented as 32."""
    derived = {
        (r["rate_id"], r["area_type"], r["area_name"]): r
        for r in read_csv(site / "compare" / "derived-rates.csv")
    }
    assert value_of("scotpho_cpr_count", "S12000023", "2021 July snapshot") == ""
    assert derived[("cpr-per-1000-aged-0-15", "council", "Orkney Islands")]["rate"] == ""
    assert derived[("cpr-per-1000-aged-0-15", "scotland", "Scotland")]["rate"] == ""
    count = sum(
        float(value_of("scotpho_lac_count", c["council_code"], "2021 July snapshot"))
        for c in rows("partnerships", "councils")
    )
    children = sum(
        float(value_of("scotpho_pop_0_17_count", c["council_code"], "2021 calendar year"))
        for c in rows("partnerships", "councils")
    )
    scotland = derived[("lac-per-1000-aged-0-17", "scotland", "Scotland")]
    assert float(scotland["rate"]) == pytest.approx(count / children * 1000)


def decimals(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


def test_every_pair_reproduces_the_publishers_own_rate_for_single_council_partnerships():
    """The rule's check: count / population x per, rounded as the publisher rounds, equals the
    publisher's rate, for every council of every single-council partnership, for every pair."""
    councils = rows("partnerships", "councils")
    sizes = defaultdict(int)
    for c in councils:
        sizes[c["partnership_id"]] += 1
    values = {
        (r["indicator_id"], r["area_code"], r["period"]): r["value"]
        for r in rows("measures", "indicator_values")
    }
    checked = 0
    for d in rows("measures", "rate_definitions"):
        for c in councils:
            if sizes[c["partnership_id"]] != 1:
                continue
            code = c["council_code"]
            numerator = values.get((d["numerator_id"], code, d["numerator_period"]), "")
            denominator = values.get((d["denominator_id"], code, d["denominator_period"]), "")
            published = values.get((d["reproduces_id"], code, d["numerator_period"]), "")
            if "" in (numerator, denominator, published):
                continue
            rate = float(numerator) / float(denominator) * int(d["per"])
            assert round(rate, decimals(published)) == pytest.approx(float(published)), (
                d["rate_id"],
                code,
            )
            checked += 1
    assert checked >= 2 * 27  # both pairs, every single-council partnership but a suppressed one


def test_the_rule_is_published_in_the_data_dictionary_and_on_the_page(site):
    dictionary = (DATAPACKAGES / "DATA_DICTIONARY.md").read_text(encoding="utf-8")
    assert "rate_definitions" in dictionary
    assert "never an average of council rates" in dictionary
    text = page(site, "compare/rates").get_text(" ")
    assert "Derived data" in text and "never an average of council rates" in text
    assert "no population of that band is held" in text  # why the DWP count has no rate


# ---------------------------------------------------------------- the profile and the trends


def test_key_indicators_are_15_to_25_and_cover_shanarri_and_national_themes():
    key = rows("themes", "key_indicators")
    assert 15 <= len(key) <= 25
    groups = {t["theme_id"]: t["group"] for t in rows("themes", "themes")}
    assert {groups[k["theme_id"]] for k in key} == {"shanarri", "national"}
    pairs = {(t["theme_id"], t["indicator_id"]) for t in rows("themes", "theme_indicators")}
    assert all((k["theme_id"], k["indicator_id"]) in pairs for k in key)
    assert all(k["reason"].strip() for k in key)


def test_every_partnership_page_has_the_profile_and_trend_charts(site):
    for p in rows("partnerships", "partnerships"):
        soup = page(site, f"partnerships/{p['partnership_id']}")
        assert soup.find("h2", id="how-it-compares")
        keys = {block["data-chart-key"] for block in soup.select(".cspp-chart")}
        assert {
            f"profile:{p['partnership_id']}",
            f"profile-trends:{p['partnership_id']}",
        } <= keys, p


def test_profile_spread_and_scotland_come_from_the_package_rows(site):
    """Fife, CHN11 (positive destinations) in its latest period: Fife's value, Scotland's, and the
    lowest and highest of the 32 council areas."""
    period = max(
        r["period"]
        for r in rows("measures", "indicator_values")
        if r["indicator_id"] == "lgbf_chn11"
    )
    councils = [c["council_code"] for c in rows("partnerships", "councils")]
    council_values = [float(value_of("lgbf_chn11", c, period)) for c in councils]
    got = {
        r["measure"]: r
        for r in read_csv(site / "charts" / "profile-fife.csv")
        if r["indicator_id"] == "lgbf_chn11"
    }
    assert got["partnership"]["period"] == period
    assert float(got["partnership"]["value"]) == float(value_of("lgbf_chn11", "S12000047", period))
    assert float(got["scotland"]["value"]) == float(value_of("lgbf_chn11", "S92000003", period))
    assert float(got["min"]["value"]) == min(council_values)
    assert float(got["max"]["value"]) == max(council_values)
    assert float(got["partnership"]["value_shown"]) == pytest.approx(
        float(got["partnership"]["value"]) * 100
    )


def test_tayside_has_no_partnership_value_where_no_rate_can_be_derived(site):
    got = [
        r
        for r in read_csv(site / "charts" / "profile-tayside.csv")
        if r["indicator_id"] == "lgbf_chn11"
    ]
    assert [r["value"] for r in got if r["measure"] == "partnership"] == [""]
    assert sorted(r["area"] for r in got if r["measure"] == "council") == sorted(TAYSIDE)


def test_profile_says_better_or_worse_only_where_the_interval_and_the_publisher_do(site):
    """Tayside's only judged rows (looked-after children, child protection register) are ones
    ScotPHO does not categorise, so the profile says better or worse nowhere."""
    stated = {r["indicator_id"] for r in rows("measures", "indicator_labels") if r["better_when"]}
    judged = {
        r["indicator_id"]
        for r in read_csv(site / "charts" / "profile-tayside.csv")
        if r["comparison_with_scotland"] in ("higher", "lower")
    }
    assert judged and not judged & stated
    block = page(site, "partnerships/tayside").select_one('[data-chart-key="profile:tayside"]')
    text = block.get_text(" ").lower()
    assert "states which direction is better" in text
    assert not re.search(r"\b(better than|worse than)\b|\((better|worse)\)", text)


def test_trend_chart_marks_the_three_cycles_and_plots_the_package_values(site):
    got = read_csv(site / "charts" / "profile-trends-tayside.csv")
    angus = {
        r["period"]: float(r["value"])
        for r in got
        if r["indicator_id"] == "ecp_child_poverty_ahc_pct" and r["area"] == "Angus"
    }
    expected = {
        r["period"]: float(r["value"])
        for r in rows("measures", "indicator_values")
        if r["indicator_id"] == "ecp_child_poverty_ahc_pct"
        and r["area_code"] == "S12000041"
        and r["value"]
    }
    assert angus == expected
    description = (
        page(site, "partnerships/tayside")
        .select_one('[data-chart-key="profile-trends:tayside"] .cspp-chart-description')
        .get_text(" ")
    )
    assert all(cycle in description for cycle in ("2017-2020", "2020-2023", "2023-2026"))
    assert "not evidence that one caused the other" in description


# ---------------------------------------------------------------- plans meet outcomes


def test_each_current_priority_shows_its_key_indicators_with_the_latest_value(site):
    """Tayside's 2023-26 priority "Pre-birth and Early Years" has the early years theme, whose key
    indicators are CHN17 and CHN18; each shows the three councils' latest values."""
    table = page(site, "partnerships/tayside").select_one(".cspp-priority-figures table")
    lines = [
        [" ".join(cell.get_text(" ").split()) for cell in tr.find_all(["th", "td"])]
        for tr in table.select("tbody tr")
    ]
    early = [line for line in lines if line[0] == "Pre-birth and Early Years"]
    key = [
        k["indicator_id"]
        for k in rows("themes", "key_indicators")
        if k["theme_id"] == "early-years"
    ]
    labels = {r["indicator_id"]: r["plain_name"] for r in rows("measures", "indicator_labels")}
    names = [
        tr.find_all(["th", "td"])[2].a.get_text()
        for tr in table.select("tbody tr")
        if tr.th.get_text(" ").strip() == "Pre-birth and Early Years"
    ]
    assert names == [labels[i] for i in key]
    period = max(
        r["period"]
        for r in rows("measures", "indicator_values")
        if r["indicator_id"] == "lgbf_chn17"
    )
    angus = float(value_of("lgbf_chn17", "S12000041", period)) * 100
    assert f"Angus: {angus:.1f}%" in early[0][3] and period in early[0][3]


def test_change_over_the_cycle_before_is_worked_from_its_opening_and_closing_periods(site):
    """CHN17 over 2020-23: from 2020-21 (the latest period starting by 2020) to the latest period
    starting before 2023 that the series has."""
    periods = sorted(
        {
            r["period"]
            for r in rows("measures", "indicator_values")
            if r["indicator_id"] == "lgbf_chn17"
        }
    )
    closing = [p for p in periods if 2020 < int(p[:4]) < 2023][-1]
    change = (
        float(value_of("lgbf_chn17", "S12000041", closing))
        - float(value_of("lgbf_chn17", "S12000041", "2020-21"))
    ) * 100
    table = page(site, "partnerships/tayside").select_one(".cspp-priority-figures table")
    cell = [
        " ".join(tr.find_all(["th", "td"])[6].get_text(" ").split())
        for tr in table.select("tbody tr")
        if "27-30 month" in tr.get_text()
    ][0]
    signed = f"{change:+.1f}".replace("-", "\u2212")  # a minus sign, not a hyphen
    assert f"Angus: {signed} percentage points" in cell and f"2020-21 to {closing}" in cell


def planned_table(soup: BeautifulSoup):
    return next(
        t
        for t in soup.select("table")
        if t.caption and "plans prioritise the theme" in t.caption.get_text()
    )


def test_a_theme_page_per_theme_with_association_wording(site):
    derived = read_csv(site / "compare" / "priority-themes-derived.csv")
    for theme in rows("themes", "themes"):
        soup = page(site, f"compare/themes/{theme['theme_id']}")
        text = soup.get_text(" ")
        assert (
            "Association, not effect" in text
            and "does not show that a plan changed a figure" in text
        )
    promise = page(site, "compare/themes/the-promise")
    planned = {
        tr.find(["th", "td"]).get_text(strip=True): [
            td.get_text(strip=True) for td in tr.find_all("td")
        ]
        for tr in planned_table(promise).select("tbody tr")
    }
    stirling = {
        r["priority_id"]
        for r in derived
        if r["partnership_id"] == "stirling"
        and r["theme_id"] == "the-promise"
        and r["cycle"] == "2023-2026"
        and r["document_type"] == "childrens-services-plan"
    }
    n = len(stirling)
    assert planned["Stirling"][-1] == (f"yes, {n} priorit{'y' if n == 1 else 'ies'}" if n else "no")


def test_indicators_index_groups_by_theme_with_population_apart_and_plain_units(site):
    soup = page(site, "indicators")
    headings = [h.get_text(" ", strip=True) for h in soup.select("h2")]
    themed = {t["theme_name"] for t in rows("themes", "themes")} & set(headings)
    assert len(themed) >= 10
    assert headings[-2:] == ["Counts", "Population (context)"]
    population = {
        r["indicator_id"] for r in rows("measures", "indicator_labels") if r["role"] == "population"
    }
    # 36 NRS single years by sex (1998-2018); ScotPHO's five of 2021 (0-15 and under-18 counts
    # and shares, all ages); NRS mid-2022's all ages with its two derived sums (0-15, 0-17)
    assert len(population) == 44
    for section in soup.select("h2"):
        table = section.find_next("table")
        links = {a["href"].rstrip("/").split("/")[-1] for a in table.select("a[href]")}
        assert (links & population == set()) == (
            section.get_text(strip=True) != "Population (context)"
        )
    listed = {
        a["href"].rstrip("/").split("/")[-1] for a in soup.select(".cspp-indicator-list a[href]")
    }
    assert listed == {r["indicator_id"] for r in rows("measures", "indicators")}
    assert "proportion (0-1)" not in soup.get_text()
    assert "A higher value means" in soup.get_text()


def test_the_key_list_is_published_with_its_reasons_on_the_indicators_page(site):
    table = [
        t
        for t in page(site, "indicators").select("table")
        if "key indicators" in t.caption.get_text().lower()
    ][0]
    shown = [
        [" ".join(c.get_text(" ").split()) for c in tr.find_all(["th", "td"])]
        for tr in table.select("tbody tr")
    ]
    labels = {r["indicator_id"]: r["plain_name"] for r in rows("measures", "indicator_labels")}
    assert [(s[0], s[1], s[3]) for s in shown] == [
        (k["position"], labels[k["indicator_id"]], k["reason"])
        for k in rows("themes", "key_indicators")
    ]


def test_each_rate_cites_its_publishers_definition_not_the_copy_of_its_data():
    """Issue 28: a rate's definition (numerator, denominator, age band) is the publisher's to
    give, so it cites ScotPHO's indicator definitions, not the copy its values come from."""
    sources = {s["source_id"]: s for s in rows("sources", "sources")}
    indicators = {i["indicator_id"]: i for i in rows("measures", "indicators")}
    for d in rows("measures", "rate_definitions"):
        published_rate = indicators[d["reproduces_id"]]
        assert d["source_id"] != published_rate["source_id"], d["rate_id"]
        definition = sources[d["source_id"]]
        assert definition["publisher"] == "ScotPHO / Public Health Scotland", d["rate_id"]
        assert definition["url"].startswith(
            "https://github.com/Public-Health-Scotland/scotpho-profiles-tool/"
        ), d["rate_id"]
