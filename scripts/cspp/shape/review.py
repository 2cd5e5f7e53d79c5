"""The national reviews of the plans, each with its criteria and their counts. A blank count is
one the review does not give (not found), never zero."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

STATUSES = ("fully_met", "partially_met", "not_met")


@dataclass
class ReviewData:
    review: dict
    criteria: pd.DataFrame  # review_criteria rows, with label "number. criterion"

    @property
    def id(self) -> str:
        return self.review["review_id"]


def review_data(reviews: pd.DataFrame, criteria: pd.DataFrame) -> list[ReviewData]:
    """Each review in the order of reviews.csv."""
    out = []
    for review in reviews.to_dict("records"):
        rows = criteria[criteria["review_id"] == review["review_id"]].reset_index(drop=True)
        rows = rows.assign(label=rows["criterion_number"] + ". " + rows["criterion"])
        out.append(ReviewData(review, rows))
    return out
