"""DERIVED: each source's publisher as the Sources page shows it. The publisher a source states
(sources.publisher) comes first; otherwise the one its web address implies by the published
domain table (sources/publisher_domains.csv, rule in cspp.sources.derived_publisher), marked as
derived. Pandas only; nothing here reads or writes files."""

from __future__ import annotations

import pandas as pd

from ..sources import publisher_domain

STATED = "stated"
DERIVED = "derived from the web address"


def with_publishers(sources: pd.DataFrame, domains: pd.DataFrame) -> pd.DataFrame:
    """The sources with the domain table's domain that covers each address (`publisher_domain`,
    "" when none), the publisher shown (`publisher_shown`) and its basis (`publisher_basis`:
    STATED, DERIVED or "")."""
    owners = dict(zip(domains["domain"], domains["publisher"]))
    domain = sources["url"].map(lambda url: publisher_domain(url, owners))
    derived = domain.map(owners).fillna("")
    stated = sources["publisher"] != ""
    basis = pd.Series("", index=sources.index).mask(derived != "", DERIVED).mask(stated, STATED)
    return sources.assign(
        publisher_domain=domain,
        publisher_shown=sources["publisher"].where(stated, derived),
        publisher_basis=basis,
    )


def name_counts(sources: pd.DataFrame) -> dict[str, int]:
    """How many sources have a recorded title, a stated publisher, a publisher derived from the
    web address, and none of these (sources as with_publishers returns them)."""
    titled = sources["title"] != ""
    return {
        "titled": int(titled.sum()),
        "stated": int((sources["publisher_basis"] == STATED).sum()),
        "derived": int((sources["publisher_basis"] == DERIVED).sum()),
        "neither": int((~titled & (sources["publisher_basis"] == "")).sum()),
    }
