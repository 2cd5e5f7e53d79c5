"""One click from a gap to the form that fills it: a link to a GitHub issue form with the
gap's partnership, cycle, document type and field already filled in (GitHub fills an issue
form's fields from the query of its URL, by field id). The repository is `repo_url` in
mkdocs.yml, or REPO_URL, or `cspp build --repo-url` (publish/mkdocs.py finds it); a build
without one links every gap to the contributing page instead, and that page says why
(hubs.contributing_page).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import yaml

from ...paths import ISSUE_FORMS
from .paths import CONTRIBUTING, DOCUMENT_TYPES

PLAN_FORM = "plan-or-report.yml"  # .github/ISSUE_TEMPLATE/, with these field ids
MEMBER_FORM = "member-or-fact.yml"
CONFIRM_FORM = "page-correct.yml"
CSP = "childrens-services-plan"
# Where the hand-written contributing page gets its generated part: the repository and its
# forms, or the plain statement that this copy of the site was built without an address.
REPOSITORY_MARKER = "<!-- cspp: the repository and its forms -->"


@dataclass(frozen=True)
class GapLink:
    """Where a gap's link goes (an issue form, or the contributing page) and what it says."""

    target: str
    label: str  # the visible words, e.g. "Add it"
    purpose: str  # the accessible name: the label, then what it adds
    external: bool
    kind: str = "gap"  # a page part (parts.py), shown by macros.html's gap_link


@dataclass(frozen=True)
class IssueForm:
    file: str  # e.g. plan-or-report.yml
    name: str  # the form's own name, as GitHub lists it
    url: str | None  # the blank form, or None without a repository


@dataclass(frozen=True)
class Contribute:
    repo_url: str | None

    def plan(
        self,
        area: str,
        field: str,
        cycle: str = "",
        document_type: str = CSP,
        label: str = "Add it",
    ) -> GapLink:
        document = (
            f"{area}'s {cycle + ' ' if cycle else ''}"
            + DOCUMENT_TYPES.get(document_type, document_type).lower()
        )
        what = document if field == "plan" else f"the {field.replace('_', ' ')} of {document}"
        params = {
            "partnership": area,
            "cycle": cycle,
            "document_type": document_type,
            "field": field,
            "title": f"{what[0].upper()}{what[1:]}",
        }
        return self.link(PLAN_FORM, params, label, what)

    def member(self, area: str, label: str = "Tell us who the members are") -> GapLink:
        params = {
            "partnership": area,
            "kind": "member",
            "field": "members",
            "title": f"{area}: members of the partnership",
        }
        return self.link(MEMBER_FORM, params, label, f"the members of {area}'s partnership")

    def confirm(self, area: str) -> GapLink:
        """For partnership staff: confirm the page is correct as it stands."""
        params = {"partnership": area, "title": f"{area}: this page is correct"}
        return self.link(
            CONFIRM_FORM,
            params,
            "Confirm this page is correct",
            f"{area}'s page as it stands today",
        )

    def link(self, form: str, params: dict[str, str], label: str, what: str) -> GapLink:
        purpose = f"{label}: {what}"
        if not self.repo_url:
            return GapLink(CONTRIBUTING, label, purpose, external=False)
        return GapLink(self.form_url(form, params), label, purpose, external=True)

    def form_url(self, form: str, params: dict[str, str] | None = None) -> str:
        query = urlencode({"template": form, **{k: v for k, v in (params or {}).items() if v}})
        return f"{self.repo_url.rstrip('/')}/issues/new?{query}"

    def forms(self, folder: Path = ISSUE_FORMS) -> list[IssueForm]:
        """Every issue form in the folder, the two the gaps use first, each with its blank
        form's address when there is a repository."""
        first = {PLAN_FORM: 0, MEMBER_FORM: 1}
        files = sorted(
            (p.name for p in folder.glob("*.yml") if p.name != "config.yml"),
            key=lambda name: (first.get(name, 2), name),
        )
        if not files:  # the page would name no form: stop, rather than publish that
            raise FileNotFoundError(f"no issue forms in {folder}")
        return [
            IssueForm(
                name,
                yaml.safe_load((folder / name).read_text(encoding="utf-8"))["name"],
                self.form_url(name) if self.repo_url else None,
            )
            for name in files
        ]
