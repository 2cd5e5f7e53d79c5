"""One click from a gap to its form: a "not yet found" on a partnership page opens the
repository's plan-or-report issue form with that gap's partnership, cycle, document type and
field filled in. GitHub is never contacted: the browser's request is caught and read."""

from __future__ import annotations

import csv
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from cspp.paths import DATAPACKAGES, ROOT

from browser_support import open_page
from support import TEST_REPOSITORY

pytestmark = pytest.mark.browser

FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def a_missing_plan() -> tuple[str, str, str]:
    """(partnership id, area name, cycle) of a cycle with no children's services plan."""
    plans = read_csv(DATAPACKAGES / "plans" / "plans.csv")
    found = {
        (p["partnership_id"], p["cycle"])
        for p in plans
        if p["document_type"] == "childrens-services-plan"
    }
    for partnership in read_csv(DATAPACKAGES / "partnerships" / "partnerships.csv"):
        for cycle in ("2017-2020", "2020-2023", "2023-2026"):
            if (partnership["partnership_id"], cycle) not in found:
                return partnership["partnership_id"], partnership["area_name"], cycle
    pytest.fail("every partnership has a plan for every cycle: pick another gap")


def form_field_ids(name: str) -> set[str]:
    form = yaml.safe_load((FORMS / name).read_text(encoding="utf-8"))
    return {item["id"] for item in form["body"] if "id" in item}


def test_a_missing_plan_opens_its_pre_filled_form(browser, site):
    partnership, area, cycle = a_missing_plan()
    with open_page(browser) as page:
        opened = []
        page.context.route(
            f"{TEST_REPOSITORY}/**",
            lambda route: (
                opened.append(route.request.url),
                route.fulfill(status=200, body="form"),
            ),
        )
        page.goto(site.url + f"partnerships/{partnership}/")
        page.locator("#plans-and-reports + details > summary").click()  # the plans fold open
        gap = page.locator("p.cspp-gap", has_text=cycle).get_by_role(
            "link", name=f"Help us find it: {area}'s {cycle} children's services plan"
        )
        gap.click()
        page.wait_for_url(f"{TEST_REPOSITORY}/**")
        url = urlsplit(opened[0])
        assert f"{url.scheme}://{url.netloc}{url.path}" == f"{TEST_REPOSITORY}/issues/new"
        query = {key: values[0] for key, values in parse_qs(url.query).items()}
        assert query == {
            "template": "plan-or-report.yml",
            "partnership": area,
            "cycle": cycle,
            "document_type": "childrens-services-plan",
            "field": "plan",
            "title": f"{area}'s {cycle} children's services plan",
        }
    fields = form_field_ids(query["template"])  # every filled field is one of the form's
    assert set(query) - {"template", "title"} <= fields
