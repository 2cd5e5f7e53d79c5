"""Datasette metadata for the SQLite download, made from the Table Schemas.

    datasette scotland-cspp-latest.sqlite -m scotland-cspp-metadata.json

Datasette names a database after its file, so the metadata describes the database under each
name it is published as (the latest and the dated copy). Every table gets its title, description,
licence and source from its package, and every column its description; the views and the
derived tables get descriptions written here, and the canned queries answer common questions.
"""

from __future__ import annotations

from ..dataset import DESCRIPTION, LICENCE_NAME, LICENCE_URL, NAME
from .sqlite import (
    COMPARISONS,
    DERIVED_RATES,
    PERIOD_ORDER,
    PRIORITY_THEMES,
    SOURCE_VIEW,
    citing_tables,
    package_fields,
)

SOURCE = (
    "Each row names its source in its source_id column (the sources table gives the "
    "address); the *_with_sources views join the address in"
)
SOURCE_VIEW_TEXT = (
    "View: {table} with each row's source address, kind and title joined from "
    "sources (source_id is the canonical citation)."
)
EXTRA_TABLES = {
    PRIORITY_THEMES: "DERIVED, not published by any partnership: each priority's themes, by the "
    "project's published rule (a theme's phrase in the priority's words, then "
    "hand corrections; see the data dictionary). derived_by says which.",
    DERIVED_RATES: "DERIVED, not published as such: rates per 1,000 from a count and the "
    "population of the same age band (rate_definitions), for every council, "
    "partnership (the sum of its councils' numerators over the sum of their "
    "denominators, never an average) and Scotland; published_rate is the "
    "publisher's own rate, which a council's derived rate reproduces.",
    COMPARISONS: "DERIVED: each council area's value beside Scotland's in the same period "
    "(the publisher's, or a derived rate where scotland_value_derived is 1), "
    "judged by its 95% confidence interval as ScotPHO does: higher, lower, or "
    "similar where the interval includes Scotland's value; not tested without an "
    "interval or a Scotland figure. better or worse is added only where the "
    "publisher states which direction is better (better_source_id). The site's "
    "charts and CSVs carry the same words.",
    PERIOD_ORDER: "The order of each indicator's periods (a higher period_rank is later), as "
    "the site uses it to find the latest value.",
    "plans_with_partnership": "View: every plan with its partnership's name and area.",
    "priorities_with_plan": "View: every priority with its plan and partnership.",
    "indicator_values_with_partnership": "View: every indicator value with the indicator's "
    "name and unit, and the partnership of its council.",
    "latest_indicator_values": "View: the latest value of every indicator for every area.",
}
QUERIES = {
    "priorities_by_theme_and_cycle": {
        "title": "Priorities by theme and cycle",
        "description": "How many priorities of children's services plans, and of how many "
        "partnerships, fall under each theme in each cycle. Themes are DERIVED "
        "by the project's rule.",
        "sql": f"""SELECT t.theme_name, pl.cycle, COUNT(DISTINCT pr.priority_id) AS priorities,
       COUNT(DISTINCT pl.partnership_id) AS partnerships
FROM {PRIORITY_THEMES} AS pt
JOIN priorities AS pr USING (priority_id)
JOIN plans AS pl USING (plan_id)
JOIN themes AS t USING (theme_id)
WHERE pl.document_type = 'childrens-services-plan' AND pl.cycle IS NOT NULL
GROUP BY t.theme_name, pl.cycle
ORDER BY t.theme_name, pl.cycle""",
    },
    "current_plan_with_priorities": {
        "title": "A partnership's current plan with its priorities",
        "description": "The latest children's services plan recorded for a partnership (its id, "
        "e.g. tayside), with every priority in published order; text_complete "
        "is 0 where the copy read was cut short.",
        "sql": """SELECT pl.plan_id, pl.title, pl.cycle, pr.position, pr.text AS priority,
       pr.text_complete, pr.source_url, pr.source_kind
FROM plans AS pl
LEFT JOIN priorities_with_sources AS pr USING (plan_id)
WHERE pl.plan_id = (SELECT plan_id FROM plans
                    WHERE partnership_id = :partnership_id
                      AND document_type = 'childrens-services-plan'
                    ORDER BY cycle DESC, period_start DESC LIMIT 1)
ORDER BY pr.position""",
    },
    "latest_values_of_an_indicator": {
        "title": "The latest values of an indicator",
        "description": "Every area's latest value of one indicator (its id, e.g. lgbf_chn01).",
        "sql": """SELECT v.area_name, v.partnership_name, v.period, v.value, v.unit,
       s.url AS source_url
FROM latest_indicator_values AS v LEFT JOIN sources AS s USING (source_id)
WHERE v.indicator_id = :indicator_id ORDER BY v.area_name""",
    },
}


def datasette_metadata(packages: dict, database_names: list[str]) -> dict:
    """Datasette's metadata.json: the whole data set, then each database name's tables."""
    tables = {
        **package_tables(packages),
        **{name: {"description": text} for name, text in EXTRA_TABLES.items()},
        **{
            SOURCE_VIEW.format(table=table): {"description": SOURCE_VIEW_TEXT.format(table=table)}
            for table in citing_tables(package_fields(packages))
        },
    }
    about = {
        "title": NAME,
        "description": DESCRIPTION,
        "license": LICENCE_NAME,
        "license_url": LICENCE_URL,
        "source": SOURCE,
    }
    database = {**about, "tables": tables, "queries": QUERIES}
    return {**about, "databases": {name: database for name in database_names}}


def package_tables(packages: dict) -> dict[str, dict]:
    return {
        resource.name: table_metadata(package, resource)
        for package in packages.values()
        for resource in package.resources
    }


def table_metadata(package, resource) -> dict:
    licence = package.licenses[0] if package.licenses else {}
    linked = [s for s in package.sources if s.get("path", "").startswith("https://")]
    metadata = {
        "title": resource.title or resource.name,
        "description": resource.description or "",
        "license": licence.get("title", ""),
        "license_url": licence.get("path", ""),
        "source": "; ".join(s.get("title", "") for s in package.sources),
        "columns": {field.name: field.description or "" for field in resource.schema.fields},
    }
    if linked:
        metadata["source_url"] = linked[0]["path"]
    return metadata
