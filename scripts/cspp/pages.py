"""Generated Markdown pages, one per partnership, plan and indicator, plus the hub pages.

Writes only into the staging docs folder. Data text reaches the page only through
`pages_common.text()`, inside raw HTML, so Markdown and templates never interpret it.
"""

from __future__ import annotations

from pathlib import Path

from .pages_data import latest_values, plans_with_content
from .pages_hubs import write_hub_pages
from .pages_indicators import write_indicator_pages
from .pages_partnerships import write_partnership_pages
from .pages_plans import write_plan_pages
from .steps import Step, Steps


def write_pages(model, docs, snippets, steps: Steps, indicator_charts: Step) -> None:
    """Every generated page. The indicator pages, which use the indicator charts, are reused
    from the last build if neither their tables nor those charts have changed."""
    docs = Path(docs)
    latest = latest_values(model)
    content_plans = plans_with_content(model)
    write_partnership_pages(model, docs, latest, content_plans, snippets)
    write_plan_pages(model, docs, content_plans)
    # latest_values is asked for again inside the step, so that the tables it reads count as
    # the step's own reads
    steps.files("indicator pages",
                lambda folder: write_indicator_pages(model, folder, latest_values(model), snippets),
                docs, indicator_charts)
    write_hub_pages(model, docs, snippets)
