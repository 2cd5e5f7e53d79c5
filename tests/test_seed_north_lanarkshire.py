"""North Lanarkshire's policy context in datapackages/context/policy_context.csv.

The expectations below were copied by hand from seed 004
(../shared/seeds/004_df7c2a88bee0b007.txt, the North Lanarkshire Children's Services
Partnership policy context document), not loaded from tools/seeds/north-lanarkshire.json.
The seed numbers its "Planning, delivery and ongoing work" items 3.10-3.22 in the
description section, so those numbers are kept as printed.
"""

import csv
from collections import Counter
from pathlib import Path

CSV = Path(__file__).resolve().parent.parent / "datapackages" / "context" / "policy_context.csv"
SOURCE = "seed-north-lanarkshire-policy-context"


def rows():
    with CSV.open(newline="", encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh) if r["partnership_id"] == "north-lanarkshire"]


def test_items_per_category():
    assert Counter(r["category"] for r in rows()) == {
        "national-driver": 19,
        "local-link": 12,
        "improvement-programme": 9,
        "planning-and-delivery": 13,
    }


def test_some_names_and_numbers():
    by_number = {r["number"]: (r["category"], r["name"]) for r in rows()}
    expected = {
        "1.7": ("national-driver", "Carers (Scotland) Act 2015"),
        "1.14": ("national-driver", "UNCRC (Incorporation) (Scotland) Bill 2020"),
        "2.1": ("local-link", "The Plan for North Lanarkshire"),
        "2.9": ("local-link", "North Lanarkshire Council Local Housing Strategy (2016-2021)"),
        "3.5": ("improvement-programme", "Transforming Pathways"),
        "3.9": ("improvement-programme", "Principles into Practice"),
        "3.11": ("planning-and-delivery", "Child Protection Committee"),
        "3.21": ("planning-and-delivery", "North Lanarkshire Empowering Clusters"),
    }
    for number, want in expected.items():
        assert by_number.get(number) == want, number


def test_every_row_cites_the_seed():
    found = rows()
    assert found
    assert {r["source_id"] for r in found} == {SOURCE}


def test_urls_are_https():
    for r in rows():
        assert r["url"] == "" or r["url"].startswith("https://"), (r["number"], r["url"])
