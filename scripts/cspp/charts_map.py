"""A static map of the 32 council areas, coloured by the 30 partnerships, each area a link.

Drawn from the boundary file copied into scripts/cspp/data (see its README for source and
licence). No tiles or other requests: the map is one inline SVG. Links are placeholders that the
block replaces with URLs relative to the embedding page.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from .charts_blocks import Chart
from .charts_render import base_config
from .pages_common import page_url, partnership_md

BOUNDARIES = Path(__file__).parent / "data" / "council_areas_2019_simplified.geojson"
BOUNDARY_SOURCE = ("Public Health Scotland, ScotPHO profiles tool: council area boundaries (OGL v3)",
                   "https://github.com/Public-Health-Scotland/scotpho-profiles-tool")
LINK = "__cspp_partnership__"
# 30 distinguishable colours (Tableau 20 plus 10 darker tones); neighbours are also told apart by
# the white borders, the link names and the list beside the map.
PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
           "#9c755f", "#bab0ac", "#a0cbe8", "#ffbe7d", "#ff9d9a", "#86bcb6", "#8cd17d", "#f1ce63",
           "#d4a6c8", "#fabfd2", "#d7b5a6", "#79706e", "#2c4d75", "#b6561a", "#8f2d2f", "#3d7470",
           "#2f6b2a", "#a8891c", "#6d4a66", "#b35c6b", "#5e4535", "#4a4542"]


def map_places(councils: pd.DataFrame, partnerships: pd.DataFrame) -> pd.DataFrame:
    return councils[["council_code", "council_name", "partnership_id"]].merge(
        partnerships[["partnership_id", "area_name"]].rename(columns={"area_name": "partnership_name"}),
        on="partnership_id").sort_values(["partnership_name", "council_name"]).reset_index(drop=True)


def map_chart(councils: pd.DataFrame, partnerships: pd.DataFrame) -> Chart:
    places = map_places(councils, partnerships)
    features = map_features(places)
    title = "Scotland's 32 council areas, coloured by their children's services planning partnership"
    data = places.rename(columns={"council_code": "area_code", "council_name": "area_name"})[
        ["area_code", "area_name", "partnership_id", "partnership_name"]]
    multi = places.groupby("partnership_name").filter(lambda g: len(g) > 1)
    joined = "; ".join(f"{name}: {', '.join(g['council_name'])}"
                       for name, g in multi.groupby("partnership_name"))
    description = [
        f"The map shows Scotland's {len(places)} council areas. Each colour is one of the "
        f"{places['partnership_id'].nunique()} partnerships that plan children's services. Most "
        f"partnerships cover one council area; these cover more than one: {joined}.",
        "Each area on the map links to its partnership's page. The table lists every council area "
        "and its partnership, with links, for anyone who cannot use the map.",
        "The boundaries are heavily simplified and some small islands are left out."]
    table = pd.DataFrame({"Council area": places["council_name"], "Code": places["council_code"],
                          "Partnership": [(name, page_url(partnership_md(pid))) for name, pid in
                                          zip(places["partnership_name"], places["partnership_id"])]})
    links = {f"{LINK}{pid}": page_url(partnership_md(pid)) for pid in places["partnership_id"].unique()}
    return Chart(key="map", slug="council-areas-map", title=title, description=description,
                 table=table, data=data, sources=[BOUNDARY_SOURCE], spec=map_spec(features, places),
                 alt=title, inline=True, links=links, table_open=True,
                 table_caption="Council areas and the partnership that plans for each")


def map_features(places: pd.DataFrame) -> list[dict]:
    geo = json.loads(BOUNDARIES.read_text(encoding="utf-8"))
    by_code = places.set_index("council_code")
    features = []
    for feature in geo["features"]:
        code = feature["properties"]["code"]
        row = by_code.loc[code]
        label = (f"{row['council_name']}: {row['partnership_name']} partnership"
                 if row["council_name"] != row["partnership_name"] else
                 f"{row['council_name']} partnership")
        features.append({"type": "Feature", "geometry": feature["geometry"],
                         "properties": {"code": code, "partnership": row["partnership_name"],
                                        "label": label, "href": f"{LINK}{row['partnership_id']}"}})
    return features


INSET = [(-4.95, 55.6), (-4.95, 56.2), (-2.5, 56.2), (-2.5, 55.6)]


def map_spec(features: list[dict], places: pd.DataFrame) -> dict:
    """The whole country, and the crowded central belt enlarged beside it."""
    names = sorted(places["partnership_name"].unique())
    encoding = {"color": {"field": "properties.partnership", "type": "nominal",
                          "scale": {"domain": names, "range": PALETTE[:len(names)]}, "legend": None},
                "href": {"field": "properties.href", "type": "nominal"},
                "description": {"field": "properties.label", "type": "nominal"}}
    shapes = {"mark": {"type": "geoshape", "stroke": "white", "strokeWidth": 0.7}, "encoding": encoding}
    outline = {"data": {"values": [{"type": "Feature", "properties": {},
                                    "geometry": {"type": "LineString", "coordinates": INSET + INSET[:1]}}]},
               "mark": {"type": "geoshape", "filled": False, "stroke": "#222", "strokeWidth": 1.2,
                        "strokeDash": [4, 3], "aria": False}}
    inset_fit = {"type": "Feature", "properties": {},
                 "geometry": {"type": "MultiPoint", "coordinates": INSET}}
    projection = {"type": "transverseMercator", "rotate": [4, 0, 0]}
    return {"$schema": "https://vega.github.io/schema/vega-lite/v5.json",
            "data": {"values": features},
            "vconcat": [
                {"title": "Scotland", "width": 400, "height": 600, "projection": projection,
                 "layer": [shapes, outline]},
                {"title": "Central belt, enlarged (dashed box)", "width": 400, "height": 300,
                 "projection": {**projection, "fit": inset_fit},
                 "layer": [{**shapes, "mark": {**shapes["mark"], "clip": True}}]}],
            "config": base_config()}


def fix_links(svg: str) -> str:
    """vl-convert prefixes hrefs with its own base URL: keep only our placeholder, and name each link."""
    # SVG 2 href (not xlink:href) so that browsers and assistive technology treat each area as a link.
    svg = re.sub(r'xlink:href="[^"]*?(' + LINK + r'[a-z0-9-]+)"', r'href="\1"', svg)
    return re.sub(r'<a (href="[^"]*")><path aria-label="([^"]*)"',
                  r'<a \1 aria-label="\2"><path aria-hidden="true"', svg)
