"""The second research pass and the seed transcriptions, merged into the first pass's records
before tools/import_sources.py writes the CSVs.

- Second pass (../shared/sources/partnerships_r2): only what is new, in the first pass's format.
  An entry with `extends_title` adds its priorities and measures to the plan of that title, or,
  where that plan was left out (an http source), to the first second-pass entry that extends it,
  or else stands as a plan of its own.
- Seeds (tools/seeds/*.json): the founding documents, transcribed by hand (names and wording
  exact, prose paraphrased). Each names its sources; one without a public link is cited by its
  title and publisher, as kind "supplied". A seed can give a plan's priorities in the page's own
  wording (`priorities_for`), or replace a second-pass plan that is the same document (`replaces`).

Every left-out or replaced item is reported with its reason.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

SEED_KEY = "seed:"  # stands in a source_url cell for a source without a public link


def is_citable(url: str) -> bool:
    return url.startswith("https://") or url.startswith(SEED_KEY)


def merge_second_pass(first: dict, second: dict, report: list[str]) -> None:
    for pid, data in second.items():
        target = first[pid]
        target["members"] += data["members"]
        target["other_facts"] += data["other_facts"]
        target.setdefault("second_pass_gaps", []).extend(data["searched_but_not_found"])
        extended: dict[str, dict] = {}
        for plan in data["plans"]:
            plan = {**plan, "research_pass": 2}
            name = plan.pop("extends_title", "")
            into = extended.get(name) or imported_plan(target["plans"], name)
            if name and into is not None:
                add_to_plan(into, plan, pid, report)
            else:
                target["plans"].append(plan)
                if name:
                    extended[name] = plan


def imported_plan(plans: list[dict], title: str) -> dict | None:
    return next(
        (p for p in plans if title and p["title"] == title and is_citable(p["source_url"])), None
    )


def add_to_plan(into: dict, plan: dict, pid: str, report: list[str]) -> None:
    for key in ("priorities", "measures"):
        if not plan[key]:
            continue
        if into[key]:
            report.append(
                f"second-pass {key} left out (the plan has its own already): {pid}: "
                f"{into['title']} <{plan['source_url']}>"
            )
            continue
        into[key] = [
            {
                "source_url": plan["source_url"],
                **(item if isinstance(item, dict) else {"text": item}),
            }
            for item in plan[key]
        ]


def load_seeds(folder: Path) -> list[dict]:
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.json"))]


def seed_sources(seeds: list[dict]) -> dict[str, dict]:
    """Source rows the seeds name, by the key their rows cite: the url, or seed:<source_id>."""
    rows = {}
    for seed in seeds:
        for source_id, source in seed["sources"].items():
            rows[source_key(seed, source_id)] = {"source_id": source_id, **source}
    return rows


def source_key(seed: dict, source_id: str) -> str:
    url = seed["sources"][source_id]["url"]
    return url or f"{SEED_KEY}{source_id}"


def apply_seeds(partnerships: dict, seeds: list[dict], report: list[str]) -> None:
    for seed in seeds:
        data = partnerships[seed["partnership_id"]]
        cite = functools.partial(cited_key, seed)
        drop_replaced(data, seed, report)
        for entry in seed.get("priorities_for", []):
            plan = imported_plan(data["plans"], entry["title"])
            plan["priorities"] = seed_priorities(entry["priorities"], cite)
            plan["statements"] = seed_statements(entry["statements"], cite)
            report.append(
                f"seed {seed['seed']}: priorities of '{entry['title']}' taken from the "
                f"seed ({entry['reason']})"
            )
        data["plans"] += [seed_plan(plan, cite) for plan in seed.get("plans", [])]
        # First, so that a member the research also found is cited to the seed's page.
        data["members"] = [
            {"organisation": m["organisation"], "role": m.get("role", ""), "source_url": cite(m)}
            for m in seed.get("members", [])
        ] + data["members"]
        data["other_facts"] += [
            {"fact": f["fact"], "topic": f["topic"], "source_url": cite(f)}
            for f in seed.get("facts", [])
        ]
        data.setdefault("policy_context", []).extend(
            {**item, "source_url": cite(item)} for item in seed.get("policy_context", [])
        )


def cited_key(seed: dict, item: dict) -> str:
    """The source_url cell for a seed item: its source's url, or seed:<source_id>."""
    return source_key(seed, item["source"])


def drop_replaced(data: dict, seed: dict, report: list[str]) -> None:
    for replaced in seed.get("replaces", []):
        before = len(data["plans"])
        data["plans"] = [
            p
            for p in data["plans"]
            if not (
                p.get("research_pass", 1) == replaced["research_pass"]
                and p["title"] == replaced["title"]
            )
        ]
        if len(data["plans"]) == before:
            raise SystemExit(f"seed {seed['seed']}: no plan '{replaced['title']}' to replace")
        report.append(
            f"second-pass plan left out (replaced by seed {seed['seed']}): "
            f"{seed['partnership_id']}: {replaced['title']} ({replaced['reason']})"
        )


def seed_plan(plan: dict, cite) -> dict:
    return {
        "title": plan["title"],
        "type": plan["document_type"],
        "period_start": plan["period_start"],
        "period_end": plan["period_end"],
        "url": plan["document_url"],
        "vision": plan["vision"],
        "measures": [],
        "priorities": seed_priorities(plan["priorities"], cite),
        "statements": seed_statements(plan["statements"], cite),
        "source_url": cite(plan),
    }


def seed_priorities(priorities: list[dict], cite) -> list[dict]:
    return [
        {"text": p["text"], "source_url": cite(p), "outcomes": p.get("outcomes", [])}
        for p in priorities
    ]


def seed_statements(statements: list[dict], cite) -> list[dict]:
    return [{"kind": s["kind"], "text": s["text"], "source_url": cite(s)} for s in statements]
