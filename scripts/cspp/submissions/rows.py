"""The rows a checked submission adds, built as the schemas' descriptions say: ids, derived
columns and blanks. Pure: it reads the current rows it is given and returns edits, never writes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..sources import STATEMENT, free_id, source_id_for, source_kind
from .checks import Complaint, on_field
from .forms import Form

# The document kind in a plan_id, as every existing plan id spells it.
DOCUMENT_KINDS = {
    "childrens-services-plan": "csp",
    "annual-report": "annual-report",
    "child-poverty-action-report": "child-poverty",
    "promise-plan": "promise",
    "corporate-parenting-plan": "corporate-parenting",
    "childrens-rights-report": "rights",
    "other": "other",
}
# memberships.organisation_type: the data dictionary's keyword rule, in its order; first match wins.
ORGANISATION_TYPE_RULE = (
    (
        "health-and-social-care-partnership",
        r"health (and|&) social care|integration joint board|orkney health and care",
    ),
    ("health-board", r"^nhs\b"),
    ("police", r"\bpolice\b"),
    ("childrens-hearings", r"reporter|\bscra\b|children's hearing|area support team"),
    ("fire-and-rescue", r"\bfire\b"),
    ("local-authority", r"\bcouncil\b|comhairle|local authority"),
    ("third-sector", r"third|voluntary|\bcvs\b|tsimoray|barnardo|children 1st|who cares"),
    ("education-and-skills", r"skills development|college|university"),
)
BULLET = re.compile(r"^[*•]\s")  # a leading dash is refused before, as a formula-like start
CORRECTION_FIX = (
    "to correct a value that is already published, open a Data correction issue "
    "with the page that shows the right value"
)


@dataclass
class Edits:
    """New rows per table, and cells to fill in existing rows, plus notes for the reviewer."""

    added: dict[str, list[dict]] = field(default_factory=dict)  # table -> rows
    # table -> (key field, key value, cells to fill)
    filled: dict[str, list[tuple[str, str, dict]]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def add(self, table: str, rows: list[dict]) -> None:
        if rows:
            self.added.setdefault(table, []).extend(rows)


# ---------------------------------------------------------------- plan or report


def plan_edits(
    form: Form,
    values: dict,
    partnership_id: str,
    period: tuple[int, int | None],
    tables: dict[str, list[dict]],
    cycles: tuple[str, ...],
) -> tuple[Edits, list[Complaint]]:
    priorities, measures = lines_of(values["priorities"]), lines_of(values["measures"])
    complaints = bulleted(form, "priorities", priorities) + bulleted(form, "measures", measures)
    if complaints:
        return Edits(), complaints
    base_id = plan_id(partnership_id, values["document_type"], period)
    same = same_plan(tables["plans"], base_id, values["title"])
    if same is not None:
        return fill_plan(form, values, same, priorities, measures, tables)
    new_id = free_id(base_id, {row["plan_id"] for row in tables["plans"]})
    edits = Edits()
    source, complaints = cite(form, values["source_url"], tables["sources"], edits)
    if complaints:
        return Edits(), complaints
    edits.add("plans", [new_plan(values, new_id, partnership_id, period, cycles, source)])
    edits.add("priorities", priority_rows(new_id, priorities, source))
    edits.add("plan_measures", measure_rows(new_id, measures, source))
    note_cycle(edits, values["cycle"], edits.added["plans"][0]["cycle"], cycles)
    return edits, []


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def bulleted(form: Form, field_id: str, lines: list[str]) -> list[Complaint]:
    return [
        on_field(
            form,
            field_id,
            line,
            "the line starts with a bullet",
            "write one item a line, worded as published, without - or * in front",
        )
        for line in lines
        if BULLET.match(line)
    ]


def plan_id(partnership_id: str, document_type: str, period: tuple[int, int | None]) -> str:
    """partnership, document kind and years (tayside-csp-2023-2026), as plans.csv describes."""
    years = "-".join(str(year) for year in period if year is not None)
    return f"{partnership_id}-{DOCUMENT_KINDS[document_type]}-{years}"


def same_plan(plans: list[dict], base_id: str, title: str) -> dict | None:
    """An existing plan of this kind and these years with the same title (any case and spacing)."""
    wanted = normalised(title)
    return next(
        (
            row
            for row in plans
            if re.fullmatch(re.escape(base_id) + r"(-\d+)?", row["plan_id"])
            and normalised(row["title"]) == wanted
        ),
        None,
    )


def normalised(text: str) -> str:
    return " ".join(text.split()).casefold()


def plan_cycle(document_type: str, period: tuple[int, int | None], cycles: tuple[str, ...]) -> str:
    """plans.cycle by the data dictionary's rule: a children's services plan ends with its cycle
    and starts with it (or in 2021, for 2020-2023); an annual report lies inside its cycle."""
    start, end = period
    if end is None:
        return ""
    for cycle in cycles:
        first, last = (int(year) for year in cycle.split("-"))
        # COVID-19 legislation let partnerships publish 2021-2023 plans for the 2020-2023 cycle.
        starts = (first, 2021) if cycle == "2020-2023" else (first,)
        if document_type == "childrens-services-plan" and end == last and start in starts:
            return cycle
        if document_type == "annual-report" and first <= start and end <= last:
            return cycle
    return ""


def cite(form: Form, url: str, sources: list[dict], edits: Edits) -> tuple[str, list[Complaint]]:
    """The source_id of the page the submission names: its row in sources.csv, or a new row
    with its kind by the data dictionary's rule (title and publisher are left for the reviewer)."""
    every = sources + edits.added.get("sources", [])  # a page this submission added already
    known = next((row["source_id"] for row in every if row["url"] == url), None)
    if known:
        return known, []
    kind = source_kind(url)
    if not kind:
        return "", [
            on_field(
                form,
                "source_url",
                url,
                "the data dictionary's source-kind rule does "
                "not know this website yet, so the source's kind cannot be set",
                "nothing for you to change: a maintainer adds the website to the "
                "rule (scripts/cspp/sources.py) and labels the issue again",
            )
        ]
    source_id = source_id_for(url, {row["source_id"] for row in every})
    # The other columns stay blank: the writer fills every column the row does not give.
    edits.add("sources", [{"source_id": source_id, "url": url, "kind": kind}])
    edits.notes.append(f"New source {source_id} ({kind}): add its title and publisher if you can.")
    return source_id, []


def new_plan(
    values: dict,
    new_id: str,
    partnership_id: str,
    period: tuple[int, int | None],
    cycles: tuple[str, ...],
    source: str,
) -> dict:
    start, end = period
    return {
        "plan_id": new_id,
        "partnership_id": partnership_id,
        "document_type": values["document_type"],
        "cycle": plan_cycle(values["document_type"], period, cycles),
        "period_start": str(start),
        "period_end": "" if end is None else str(end),
        "title": values["title"],
        "vision": "",
        "document_url": values["document_url"],
        "source_id": source,
    }


def priority_rows(plan: str, texts: list[str], source: str) -> list[dict]:
    """The form asks for each priority worded exactly as published: each text is taken whole."""
    return [
        {
            "priority_id": f"{plan}-p{position}",
            "plan_id": plan,
            "parent_priority_id": "",
            "position": str(position),
            "text": text,
            "text_complete": "true",
            "source_id": source,
            "notes": "",
        }
        for position, text in enumerate(texts, start=1)
    ]


def measure_rows(plan: str, texts: list[str], source: str) -> list[dict]:
    return [
        {
            "measure_id": f"{plan}-m{position}",
            "plan_id": plan,
            "position": str(position),
            "text": text,
            "baseline": "",
            "baseline_period": "",
            "target": "",
            "deadline": "",
            "reported_result": "",
            "source_id": source,
        }
        for position, text in enumerate(texts, start=1)
    ]


def note_cycle(edits: Edits, submitted: str, derived: str, cycles: tuple[str, ...]) -> None:
    if submitted in cycles and submitted != derived:
        edits.notes.append(
            f"The form named the cycle {submitted}; by the data dictionary's rule "
            f"this document's years put it in {derived or 'no cycle'}."
        )


def fill_plan(
    form: Form,
    values: dict,
    plan: dict,
    priorities: list[str],
    measures: list[str],
    tables: dict[str, list[dict]],
) -> tuple[Edits, list[Complaint]]:
    """A plan already in the data: the submission may fill its blanks, never overwrite them."""
    edits, complaints, pid = Edits(), [], plan["plan_id"]
    link = values["document_url"]
    if link and plan["document_url"] and link != plan["document_url"]:
        complaints.append(
            already(form, "document_url", link, f"{pid} already links to {plan['document_url']}")
        )
    elif link and not plan["document_url"]:
        edits.filled["plans"] = [("plan_id", pid, {"document_url": link})]
    for table, texts, make in (
        ("priorities", priorities, priority_rows),
        ("plan_measures", measures, measure_rows),
    ):
        count = sum(row["plan_id"] == pid for row in tables[table])
        if texts and count:
            field_id = "priorities" if table == "priorities" else "measures"
            complaints.append(
                already(form, field_id, None, f"{pid} already has {count} {field_id} in the data")
            )
        elif texts:
            source, found = cite(form, values["source_url"], tables["sources"], edits)
            complaints += found
            edits.add(table, make(pid, texts, source))
    if not complaints and not edits.added and not edits.filled:
        complaints.append(
            already(
                form,
                "title",
                values["title"],
                f"{pid} is already in the data with everything this submission gives",
            )
        )
    return edits, complaints


def already(form: Form, field_id: str, value, message: str) -> Complaint:
    return on_field(form, field_id, value, message, CORRECTION_FIX)


# ---------------------------------------------------------------- member or fact


def member_or_fact_edits(
    form: Form, values: dict, partnership_id: str, tables: dict[str, list[dict]]
) -> tuple[Edits, list[Complaint]]:
    edits = Edits()
    source, complaints = cite(form, values["source_url"], tables["sources"], edits)
    if complaints:
        return Edits(), complaints
    if values["kind"] == "member":
        return member_edits(form, values, partnership_id, tables["memberships"], edits, source)
    return fact_edits(form, values, partnership_id, tables["partnership_facts"], edits, source)


def organisation_type(name: str) -> str:
    lowered = name.casefold()
    return next(
        (kind for kind, pattern in ORGANISATION_TYPE_RULE if re.search(pattern, lowered)), "other"
    )


def member_edits(
    form: Form, values: dict, partnership_id: str, members: list[dict], edits: Edits, source: str
) -> tuple[Edits, list[Complaint]]:
    name = values["organisation"]
    if not name:
        return Edits(), [
            on_field(
                form,
                "organisation",
                None,
                "a member needs the organisation",
                "give its name exactly as the source prints it",
            )
        ]
    kind = organisation_type(name)
    complaints = []
    if values["organisation_type"] and values["organisation_type"] != kind:
        complaints.append(
            on_field(
                form,
                "organisation_type",
                values["organisation_type"],
                f'the data dictionary\'s keyword rule makes "{name}" {kind}',
                f"choose {kind} or leave the type empty; if the rule is wrong, say so in the issue",
            )
        )
    if any(
        row["partnership_id"] == partnership_id
        and row["basis"] == "named"
        and normalised(row["organisation"]) == normalised(name)
        for row in members
    ):
        complaints.append(
            already(form, "organisation", name, f"it is already a member of {partnership_id}")
        )
    edits.add(
        "memberships",
        [
            {
                "partnership_id": partnership_id,
                "organisation": name,
                "organisation_type": kind,
                "basis": "named",
                "role": values["role"],
                "source_id": source,
            }
        ],
    )
    return edits, complaints


def fact_edits(
    form: Form, values: dict, partnership_id: str, facts: list[dict], edits: Edits, source: str
) -> tuple[Edits, list[Complaint]]:
    topic, fact = values["topic"], values["fact"]
    complaints = []
    if not topic:
        complaints.append(
            on_field(form, "topic", None, "a fact needs its topic", "choose governance or context")
        )
    if not fact:
        complaints.append(
            on_field(
                form,
                "fact",
                None,
                "a fact needs its text",
                "write the fact, paraphrased from the source",
            )
        )
    elif "\n" in fact:
        complaints.append(
            on_field(
                form,
                "fact",
                fact,
                "the fact is on more than one line",
                "write it as one line (one fact a submission)",
            )
        )
    elif any(
        row["partnership_id"] == partnership_id and normalised(row["fact"]) == normalised(fact)
        for row in facts
    ):
        complaints.append(already(form, "fact", fact, f"{partnership_id} already has this fact"))
    if complaints:
        return Edits(), complaints
    edits.add(
        "partnership_facts",
        [
            {
                "fact_id": fact_id(partnership_id, topic, facts),
                "partnership_id": partnership_id,
                "topic": topic,
                "fact": fact,
                "source_id": source,
            }
        ],
    )
    return edits, []


def fact_id(partnership_id: str, topic: str, facts: list[dict]) -> str:
    """partnership, topic and position: the next number after the highest in use."""
    pattern = re.compile(re.escape(f"{partnership_id}-{topic}-") + r"(\d+)")
    used = [int(m.group(1)) for row in facts if (m := pattern.fullmatch(row["fact_id"]))]
    return f"{partnership_id}-{topic}-{max(used, default=0) + 1}"


# ---------------------------------------------------------------- confirmation


def confirmation_edits(
    form: Form, values: dict, partnership_id: str, tables: dict[str, list[dict]], issue
) -> tuple[Edits, list[Complaint]]:
    """A dated confirmation that cites its issue: the page is correct, or a document absent."""
    absent = values["confirmation"] == "no such document was published"
    if absent and not (values["cycle"] and values["document_type"]):
        return Edits(), [
            on_field(
                form,
                "cycle" if not values["cycle"] else "document_type",
                None,
                "it is needed to say which document was not published",
                "choose the cycle and the document type",
            )
        ]
    if "\n" in values["note"]:
        return Edits(), [
            on_field(
                form,
                "note",
                values["note"],
                "the note is on more than one line",
                "write it as one line",
            )
        ]
    edits = Edits()
    kind = "absent" if absent else "page-correct"
    taken = {row["confirmation_id"] for row in tables["confirmations"]}
    edits.add(
        "sources",
        [
            {
                "source_id": source_id_for(issue.url, {r["source_id"] for r in tables["sources"]}),
                "url": issue.url,
                "kind": STATEMENT,
            }
        ],
    )
    edits.add(
        "confirmations",
        [
            {
                "confirmation_id": free_id(f"{partnership_id}-{kind}-{issue.date}", taken),
                "partnership_id": partnership_id,
                "kind": kind,
                "cycle": values["cycle"] if absent else "",
                "document_type": values["document_type"] if absent else "",
                "confirmed_on": issue.date,
                "confirmed_by": values["confirmed_by"],
                "note": values["note"],
                "source_id": edits.added["sources"][0]["source_id"],
            }
        ],
    )
    return edits, []
