"""Draw the samples of priorities for the hand labels of themes (datapackages/themes/theme_labels.csv).

    python tools/draw_theme_sample.py            # the first sample
    python tools/draw_theme_sample.py --second   # the second, held-out sample

Prints priority_ids, one a line, in draw order. The first sample: all ids in priorities.csv,
sorted, then random.Random(SEED).sample(ids, 120). The second sample: the sorted ids not in the
first sample, then random.Random(SECOND_SEED).sample(remaining, 80); it was drawn after the
automatic theme rule had been revised against the first sample's labels, so the rule has not seen
it. The seeds are recorded here so that anyone can draw the same samples again; the labels measure
the automatic theme rule, so they are made blind to it. Standard library only.
"""

import argparse
import csv
import random
from pathlib import Path

SEED = 2026_12_06
SIZE = 120
SECOND_SEED = 2026_12_07
SECOND_SIZE = 80
PRIORITIES = Path(__file__).resolve().parent.parent / "datapackages" / "plans" / "priorities.csv"


def _ids() -> list[str]:
    with PRIORITIES.open(newline="", encoding="utf-8") as f:
        return sorted(row["priority_id"] for row in csv.DictReader(f))


def draw_sample() -> list[str]:
    return random.Random(SEED).sample(_ids(), SIZE)


def draw_second_sample() -> list[str]:
    first = set(draw_sample())
    remaining = [i for i in _ids() if i not in first]
    return random.Random(SECOND_SEED).sample(remaining, SECOND_SIZE)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--second", action="store_true", help="print the second, held-out sample")
    args = parser.parse_args()
    print("\n".join(draw_second_sample() if args.second else draw_sample()))
