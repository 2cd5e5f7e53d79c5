"""The site's Altair theme: plain, readable defaults, real text in a system font, no border.

Labels are never truncated (labelLimit 0): a truncated name hides data, and checking each label
against a limit doubles vl-convert's text measuring, the bulk of its rendering time.
"""

from __future__ import annotations

import altair as alt
from altair.utils.schemapi import disable_debug_mode

# Altair checks every object against the Vega-Lite schema as it is made, which was most of the
# time spent making the site's 200 specs; tests/test_charts.py validates each finished spec.
disable_debug_mode()

FONT = "sans-serif"
THEME = "cspp"


@alt.theme.register(THEME, enable=True)
def cspp_theme() -> alt.theme.ThemeConfig:
    return {"config": {
        "font": FONT, "view": {"stroke": None},
        "axis": {"labelFontSize": 11, "titleFontSize": 12, "labelLimit": 0},
        "legend": {"labelFontSize": 11, "titleFontSize": 12, "labelLimit": 0},
        "title": {"fontSize": 14, "anchor": "start"}}}


def to_spec(chart: alt.TopLevelMixin) -> dict:
    """The Vega-Lite spec, in the site's theme (not validated here, see above)."""
    with alt.theme.enable(THEME):
        return chart.to_dict(validate=False)
