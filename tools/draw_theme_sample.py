"""Draw the sample of priorities for the hand labels of themes (datapackages/themes/theme_labels.csv).

    python tools/draw_theme_sample.py

Prints 120 priority_ids, one a line, in draw order: all ids in priorities.csv, sorted, then
random.Random(SEED).sample(ids, 120). The seed is recorded here so that anyone can draw the same
sample again; the labels measure the automatic theme rule, so they are made blind to it.
Standard library only.
"""

import csv
import random
from pathlib import Path

SEED = 2026_12_06
SIZE = 120
PRIORITIES = Path(__file__).resolve().parent.parent / "datapackages" / "plans" / "priorities.csv"


def draw_sample() -> list[str]:
    with PRIORITIES.open(newline="", encoding="utf-8") as f:
        ids = sorted(row["priority_id"] for row in csv.DictReader(f))
    return random.Random(SEED).sample(ids, SIZE)


if __name__ == "__main__":
    print("\n".join(draw_sample()))
