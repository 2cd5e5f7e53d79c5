"""The real data packages: valid with stock frictionless and with cspp, complete, documented."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from frictionless import validate

from cspp.load.model import load_model
from cspp.load.packages import read_packages
from cspp.paths import DATAPACKAGES
from cspp.render.pages.dictionary import render_data_dictionary

PACKAGE_DIRS = sorted(p.parent for p in DATAPACKAGES.glob("*/datapackage.json"))


@pytest.fixture(scope="module")
def model():
    return load_model()


@pytest.mark.parametrize("folder", PACKAGE_DIRS, ids=lambda p: p.name)
def test_stock_frictionless_validates_each_package(folder):
    report = validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def test_scotland_has_30_partnerships_32_councils_and_14_boards(model):
    assert len(model.table("partnerships")) == 30
    assert len(model.table("councils")) == 32
    assert len(model.table("health_boards")) == 14


def test_every_council_is_in_exactly_one_partnership_and_every_partnership_has_one(model):
    councils = model.table("councils")
    assert councils["council_code"].is_unique
    assert set(councils["partnership_id"]) == set(model.table("partnerships")["partnership_id"])


def test_tayside_is_angus_dundee_and_perth_and_kinross(model):
    councils = model.table("councils")
    tayside = councils.loc[councils["partnership_id"] == "tayside", "council_code"]
    assert sorted(tayside) == ["S12000041", "S12000042", "S12000048"]


def test_every_other_partnership_is_one_council(model):
    per_partnership = model.table("councils").groupby("partnership_id").size()
    assert (per_partnership.drop("tayside") == 1).all()


def test_every_resource_has_a_primary_key_and_every_field_a_description():
    for folder in PACKAGE_DIRS:
        descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        for resource in descriptor["resources"]:
            assert resource["schema"].get("primaryKey"), resource["name"]
            for field in resource["schema"]["fields"]:
                assert field.get("description", "").strip(), f"{resource['name']}.{field['name']}"


def test_every_row_cites_an_https_source_or_its_package_does():
    for folder in PACKAGE_DIRS:
        descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        for resource in descriptor["resources"]:
            names = [f["name"] for f in resource["schema"]["fields"]]
            if "source_url" in names:
                frame = pd.read_csv(folder / resource["path"], dtype=str, keep_default_na=False)
                assert frame["source_url"].str.startswith("https://").all(), resource["name"]
            else:
                assert descriptor.get("sources"), f"{resource['name']} has no source"


def test_gss_codes_have_their_official_form(model):
    assert model.table("councils")["council_code"].str.fullmatch(r"S12\d{6}").all()
    assert model.table("health_boards")["health_board_code"].str.fullmatch(r"S08\d{6}").all()


def test_the_committed_data_dictionary_matches_the_schemas():
    committed = (DATAPACKAGES / "DATA_DICTIONARY.md").read_text(encoding="utf-8")
    assert committed == render_data_dictionary(read_packages(DATAPACKAGES)), "run: cspp dictionary"


def test_the_data_dictionary_describes_every_field():
    dictionary = render_data_dictionary(read_packages(DATAPACKAGES))
    for folder in PACKAGE_DIRS:
        descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        for resource in descriptor["resources"]:
            assert f"`{folder.name}/{resource['path']}`" in dictionary
            for field in resource["schema"]["fields"]:
                assert f"| `{field['name']}` |" in dictionary


def test_lgbf_percentages_are_stored_as_proportions(model):
    """LGBF stores percentages from 0 to 1; a value above 1 would mean someone multiplied it."""
    indicators = model.table("indicators")
    proportion_ids = indicators.loc[indicators["unit"].str.startswith("proportion"), "indicator_id"]
    values = model.table("indicator_values")
    proportions = values.loc[values["indicator_id"].isin(proportion_ids), "value"].dropna()
    assert len(proportions) > 1000
    assert proportions.between(0, 1).all()


def test_cycles_follow_the_published_rule(model):
    plans = model.table("plans")
    in_cycle = plans[plans["cycle"] != ""]
    starts = in_cycle["cycle"].str[:4].astype(int)
    ends = in_cycle["cycle"].str[5:].astype(int)
    assert (in_cycle["period_start"] >= starts).all() and (in_cycle["period_end"] <= ends).all()


def test_a_priority_text_holds_only_published_words_and_a_cut_short_one_says_so(model):
    priorities = model.table("priorities")
    assert not priorities["text"].str.contains(r"truncated|stored copy|\.\.\.$").any()
    cut_short = priorities[priorities["text_complete"] == "false"]
    assert set(cut_short["priority_id"]) == {
        "aberdeen-city-csp-2023-2026-p6",
        "aberdeenshire-child-poverty-2019-2020-p2",
    }
    assert (cut_short["notes"] != "").all()


def test_slips_of_issue_28_keep_their_sources_words(model):
    """Shetland's 2022-23 report page lists its headings in one sentence ("...activity which
    contributes to: providing the opportunities ..."), and Renfrewshire's Thematic Board page
    of 9 February 2017 names "M Gallacher, Scottish Fire and Rescue Services"."""
    texts = model.table("priorities").set_index("priority_id")["text"]
    shetland = "shetland-islands-child-poverty-2022-2023-p"
    assert [texts[f"{shetland}{n}"] for n in (2, 3, 4)] == [
        "providing the opportunities and integrated support parents need to enter, sustain and "
        "progress in work",
        "maximising the support available for families to live dignified lives and meet their "
        "basic needs",
        "supporting the next generation to thrive",
    ]
    members = model.table("memberships")
    renfrewshire = members[
        (members["partnership_id"] == "renfrewshire") & members["organisation"].str.contains("Fire")
    ]
    assert renfrewshire["organisation"].tolist() == ["Scottish Fire and Rescue Services"]
