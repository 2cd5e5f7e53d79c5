"""The site's Altair theme: plain, readable defaults, real text in a system font, no border.

Labels are never truncated (labelLimit 0): a truncated name hides data, and checking each label
against a limit doubles vl-convert's text measuring, the bulk of its rendering time.
"""

from __future__ import annotations

import altair as alt
from altair.utils.schemapi import disable_debug_mode

FONT = "sans-serif"
THEME = "cspp"


def configure_altair() -> None:
    """Altair's switches for the build, thrown here (the build calls this before making a chart)
    rather than at import: the site's theme, and no schema check of each object as it is made,
    which was most of the time spent making the site's 200 specs (tests/test_charts.py validates
    each finished spec)."""
    alt.theme.register(THEME, enable=True)(cspp_theme)
    disable_debug_mode()


def cspp_theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": FONT,
            "view": {"stroke": None},
            "axis": {"labelFontSize": 11, "titleFontSize": 12, "labelLimit": 0},
            "legend": {"labelFontSize": 11, "titleFontSize": 12, "labelLimit": 0},
            "title": {"fontSize": 14, "anchor": "start"},
        }
    }


def to_spec(chart: alt.TopLevelMixin) -> dict:
    """The Vega-Lite spec, in the site's theme (not validated here; configure_altair)."""
    with alt.theme.enable(THEME):
        return chart.to_dict(validate=False)
