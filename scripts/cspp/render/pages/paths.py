"""Where each generated page lives in the docs folder, and the words for document types."""

from __future__ import annotations

CONTRIBUTING = "contributing/index.md"
DOCUMENT_TYPES = {
    "childrens-services-plan": "Children's services plan",
    "annual-report": "Annual report",
    "child-poverty-action-report": "Child poverty action report",
    "promise-plan": "Promise plan",
    "corporate-parenting-plan": "Corporate parenting plan",
    "childrens-rights-report": "Children's rights report",
    "other": "Other document",
}


def partnership_page(partnership_id: str) -> str:
    return f"partnerships/{partnership_id}.md"


def plan_page(plan_id: str) -> str:
    return f"plans/{plan_id}.md"


def indicator_page(indicator_id: str) -> str:
    return f"indicators/{indicator_id}.md"


RELEASES = "releases/index.md"


def release_page(version: str) -> str:
    return f"releases/{version}/index.md"


def release_file(version: str, name: str) -> str:
    return f"releases/{version}/{name}"


def theme_page(theme_id: str) -> str:
    """A theme's compare page: its plans beside its indicators."""
    return f"compare/themes/{theme_id}.md"


GUIDELINES_PAGE = "compare/labelling-guidelines.md"  # how the hand labels of themes were made
