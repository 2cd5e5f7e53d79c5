"""A static map of the 32 council areas, coloured by the 30 partnerships, each area a link.

No tiles or other requests: the map is one inline SVG. Its links are placeholders that the page
replaces with URLs relative to itself (Chart.inline_svg).
"""

from __future__ import annotations

import re

import altair as alt
import pandas as pd

from ..pages.parts import Link
from ..pages.paths import partnership_page
from .chart import Chart
from .theme import to_spec

BOUNDARY_SOURCE = (
    "Public Health Scotland, ScotPHO profiles tool: council area boundaries (OGL v3)",
    "https://github.com/Public-Health-Scotland/scotpho-profiles-tool",
)
LINK = "__cspp_partnership__"
# 30 distinguishable colours (Tableau 20 plus 10 darker tones); neighbours are also told apart by
# the white borders, the link names and the list beside the map.
PALETTE = [
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
    "#a0cbe8",
    "#ffbe7d",
    "#ff9d9a",
    "#86bcb6",
    "#8cd17d",
    "#f1ce63",
    "#d4a6c8",
    "#fabfd2",
    "#d7b5a6",
    "#79706e",
    "#2c4d75",
    "#b6561a",
    "#8f2d2f",
    "#3d7470",
    "#2f6b2a",
    "#a8891c",
    "#6d4a66",
    "#b35c6b",
    "#5e4535",
    "#4a4542",
]
INSET = [(-4.95, 55.6), (-4.95, 56.2), (-2.5, 56.2), (-2.5, 55.6)]


def map_chart(councils: pd.DataFrame, boundaries: dict) -> Chart:
    """councils: councils.csv with each partnership's area_name (shape/site.py)."""
    places = (
        councils.rename(columns={"area_name": "partnership_name"})
        .sort_values(["partnership_name", "council_name"])
        .reset_index(drop=True)
    )
    title = (
        f"Scotland's {len(places)} council areas, coloured by their children's services "
        "planning partnership"
    )
    multi = places.groupby("partnership_name").filter(lambda g: len(g) > 1)
    joined = "; ".join(
        f"{name}: {', '.join(g['council_name'])}" for name, g in multi.groupby("partnership_name")
    )
    description = [
        f"The map shows Scotland's {len(places)} council areas. Each colour is one of the "
        f"{places['partnership_id'].nunique()} partnerships that plan children's services. Most "
        f"partnerships cover one council area; these cover more than one: {joined}.",
        "Each area on the map links to its partnership's page. The table lists every council area "
        "and its partnership, with links, for anyone who cannot use the map.",
        "The boundaries are heavily simplified and some small islands are left out.",
    ]
    table = pd.DataFrame(
        {
            "Council area": places["council_name"],
            "Code": places["council_code"],
            "Partnership": [
                Link(name, partnership_page(pid))
                for name, pid in zip(places["partnership_name"], places["partnership_id"])
            ],
        }
    )
    data = places.rename(columns={"council_code": "area_code", "council_name": "area_name"})[
        ["area_code", "area_name", "partnership_id", "partnership_name"]
    ]
    return Chart(
        key="map",
        slug="council-areas-map",
        title=title,
        description=description,
        table=table,
        data=data,
        sources=[BOUNDARY_SOURCE],
        spec=map_spec(map_features(places, boundaries), places),
        alt=title,
        inline=True,
        table_open=True,
        links={f"{LINK}{pid}": partnership_page(pid) for pid in places["partnership_id"].unique()},
        table_caption="Council areas and the partnership that plans for each",
    )


def map_features(places: pd.DataFrame, boundaries: dict) -> list[dict]:
    """The boundary of each council area the data holds (valid data may hold fewer than all
    32: the boundaries of the others are not drawn)."""
    by_code = places.set_index("council_code")
    features = []
    for feature in boundaries["features"]:
        code = feature["properties"]["code"]
        if code not in by_code.index:
            continue
        row = by_code.loc[code]
        label = (
            f"{row['council_name']}: {row['partnership_name']} partnership"
            if row["council_name"] != row["partnership_name"]
            else f"{row['council_name']} partnership"
        )
        features.append(
            {
                "type": "Feature",
                "geometry": feature["geometry"],
                "properties": {
                    "code": code,
                    "partnership": row["partnership_name"],
                    "label": label,
                    "href": f"{LINK}{row['partnership_id']}",
                },
            }
        )
    return features


def map_spec(features: list[dict], places: pd.DataFrame) -> dict:
    """The whole country, and the crowded central belt enlarged beside it."""
    names = sorted(places["partnership_name"].unique())
    shapes = alt.Chart(alt.Data(values=features)).encode(
        color=alt.Color(
            "properties.partnership:N",
            legend=None,
            scale=alt.Scale(domain=names, range=PALETTE[: len(names)]),
        ),
        href="properties.href:N",
        description="properties.label:N",
    )
    areas = {"stroke": "white", "strokeWidth": 0.7}
    box = {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "LineString", "coordinates": INSET + INSET[:1]},
    }
    outline = alt.Chart(alt.Data(values=[box])).mark_geoshape(
        filled=False, stroke="#222", strokeWidth=1.2, strokeDash=[4, 3], aria=False
    )
    inset = {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "MultiPoint", "coordinates": INSET},
    }
    projection = {"type": "transverseMercator", "rotate": [4, 0, 0]}
    country = alt.layer(shapes.mark_geoshape(**areas), outline).properties(
        title="Scotland", width=400, height=600, projection=projection
    )
    belt = alt.layer(shapes.mark_geoshape(**areas, clip=True)).properties(
        title="Central belt, enlarged (dashed box)",
        width=400,
        height=300,
        projection={**projection, "fit": inset},
    )
    return to_spec(alt.vconcat(country, belt))


def fix_links(svg: str) -> str:
    """vl-convert prefixes hrefs with its own base URL: keep only our placeholder, and name each link."""
    # SVG 2 href (not xlink:href) so that browsers and assistive technology treat each area as a link.
    svg = re.sub(r'xlink:href="[^"]*?(' + LINK + r'[a-z0-9-]+)"', r'href="\1"', svg)
    return re.sub(
        r'<a (href="[^"]*")><path aria-label="([^"]*)"',
        r'<a \1 aria-label="\2"><path aria-hidden="true"',
        svg,
    )
