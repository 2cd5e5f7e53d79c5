"""What a reader sees is in plain units and plain words; the files keep the values as published.

Every built page's text is read, folded parts included (a reader can open them), except the
"technical details" fold of the indicator pages, which shows the series as the data files hold
it, for researchers."""

from __future__ import annotations

import csv
import re

import pytest
from bs4 import BeautifulSoup

from support import page_soup

LONG_DECIMAL = re.compile(r"\d\.\d{5,}")
STORAGE_WORDS = re.compile(r"proportion \(0-1\)|\(mirror\)|\bas stored\b", re.IGNORECASE)
SHOUTED = re.compile(r"\bDERIVED\b|\bPROJECT-(DEFINED|WRITTEN)\b")
# The data dictionary documents the files themselves: how each value is stored is its subject.
DOCUMENTS_STORAGE = {"data/index.html"}


NOT_READ = {"script", "style", "template"}


def readable(soup: BeautifulSoup) -> str:
    """A page's text, less scripts, styles and the technical-details fold (the shared soup is
    read, never changed)."""
    words = [
        text
        for text in soup.find_all(string=True)
        if not any(
            parent.name in NOT_READ or "cspp-technical" in (parent.get("class") or [])
            for parent in text.parents
        )
    ]
    return " ".join(" ".join(words).split())


@pytest.fixture(scope="module")
def pages(built) -> dict[str, str]:
    """Each page's text as a reader can reach it, by its path in the site."""
    return {
        path.relative_to(built.dir).as_posix(): readable(page_soup(path))
        for path in sorted(built.dir.rglob("*.html"))
    }


def found(pattern: re.Pattern, texts: dict[str, str]) -> list[str]:
    return [
        f"{page}: ...{text[max(m.start() - 60, 0) : m.end() + 20]}..."
        for page, text in texts.items()
        for m in pattern.finditer(text)
    ]


def test_no_page_shows_a_number_with_five_or_more_decimals(pages):
    assert len(pages) > 200
    assert found(LONG_DECIMAL, pages) == []


def test_no_page_shows_storage_words(pages):
    readers = {page: text for page, text in pages.items() if page not in DOCUMENTS_STORAGE}
    assert found(STORAGE_WORDS, readers) == []
    assert found(SHOUTED, pages) == []


def test_the_technical_details_keep_the_stored_unit(built):
    page = page_soup(built.dir / "indicators" / "lgbf_chn24" / "index.html")
    technical = page.select_one("details.cspp-technical").get_text(" ")
    assert "proportion (0-1) as stored in LGBF data file" in technical
    assert "0.226156075" in technical  # Scotland, 2021-22, as the package row holds it


def test_chart_csvs_keep_full_precision(built):
    with (built.dir / "charts" / "lgbf_chn24-latest.csv").open(encoding="utf-8") as handle:
        rows = {r["area_code"]: r for r in csv.DictReader(handle)}
    assert rows["S92000003"]["value"] == "0.226156075"
    assert float(rows["S92000003"]["value_shown"]) == pytest.approx(22.6156075)
    assert rows["S92000003"]["unit_shown"] == "% of children"


def test_where_no_scotland_figure_is_held_the_page_says_exactly_that(built):
    """ScotPHO publishes Scotland figures; the copy held lacks them for this series."""
    text = page_soup(built.dir / "partnerships" / "tayside" / "index.html").get_text(" ")
    assert "not published for Scotland" not in text
    assert "no Scotland figure in the data held" in text
