"""One click from a gap to the form that fills it: a link to a GitHub issue form with the
gap's partnership, cycle, document type and field already filled in (GitHub fills an issue
form's fields from the query of its URL, by field id). The repository comes from the build's
configuration (REPO_URL, or `cspp build --repo-url`); a build without one links every gap to
the contributing page instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from .paths import CONTRIBUTING, DOCUMENT_TYPES

PLAN_FORM = "plan-or-report.yml"      # .github/ISSUE_TEMPLATE/, with these field ids
MEMBER_FORM = "member-or-fact.yml"
CONFIRM_FORM = "page-correct.yml"
CSP = "childrens-services-plan"


@dataclass(frozen=True)
class GapLink:
    """Where a gap's link goes (an issue form, or the contributing page) and what it says."""
    target: str
    label: str           # the visible words, e.g. "Add it"
    purpose: str         # the accessible name: the label, then what it adds
    external: bool
    kind: str = "gap"    # a page part (parts.py), shown by macros.html's gap_link


@dataclass(frozen=True)
class Contribute:
    repo_url: str | None

    def plan(self, area: str, field: str, cycle: str = "", document_type: str = CSP,
             label: str = "Add it") -> GapLink:
        document = f"{area}'s {cycle + ' ' if cycle else ''}" + DOCUMENT_TYPES.get(
            document_type, document_type).lower()
        what = document if field == "plan" else f"the {field.replace('_', ' ')} of {document}"
        params = {"partnership": area, "cycle": cycle, "document_type": document_type,
                  "field": field, "title": f"{what[0].upper()}{what[1:]}"}
        return self.link(PLAN_FORM, params, label, what)

    def member(self, area: str, label: str = "Tell us who the members are") -> GapLink:
        params = {"partnership": area, "kind": "member", "field": "members",
                  "title": f"{area}: members of the partnership"}
        return self.link(MEMBER_FORM, params, label, f"the members of {area}'s partnership")

    def confirm(self, area: str) -> GapLink:
        """For partnership staff: confirm the page is correct as it stands."""
        params = {"partnership": area, "title": f"{area}: this page is correct"}
        return self.link(CONFIRM_FORM, params, "Confirm this page is correct",
                         f"{area}'s page as it stands today")

    def link(self, form: str, params: dict[str, str], label: str, what: str) -> GapLink:
        purpose = f"{label}: {what}"
        if not self.repo_url:
            return GapLink(CONTRIBUTING, label, purpose, external=False)
        query = urlencode({"template": form, **{k: v for k, v in params.items() if v}})
        return GapLink(f"{self.repo_url.rstrip('/')}/issues/new?{query}", label, purpose,
                       external=True)
