"""What a fetch did, in words: as text for the terminal, and as Markdown for the body of the pull
request the monthly workflow opens. Pure: nothing here reads or writes files."""

from __future__ import annotations

from .fetch import COMMIT_LIMIT, Fetched

# GitHub refuses a pull request body over 65,536 characters; the change is cut well before.
MAX_CHANGE_CHARACTERS = 50_000


def as_text(fetched: Fetched) -> str:
    record = fetched.snapshot
    if fetched.unchanged:
        return (
            f"{fetched.feed_id}: unchanged since snapshot {record['snapshot_id']} (retrieved "
            f"{record['retrieved']}, the same sha256); nothing was written."
        )
    return "\n".join(
        [
            f"{fetched.feed_id}: a new file, kept as snapshot {record['snapshot_id']} "
            f"({int(record['bytes']):,} bytes, sha256 {record['sha256']}).",
            kept_where(fetched),
            "The data change:",
            fetched.changes,
        ]
    )


def kept_where(fetched: Fetched) -> str:
    record = fetched.snapshot
    if record["path"]:
        return f"The file is committed at datapackages/measures/{record['path']}."
    return (
        f"The file is over {COMMIT_LIMIT:,} bytes, too large to commit: it is kept at "
        f"{fetched.cached}. Keep a copy under its checksum: the publisher's address will "
        "give a newer file later."
    )


def as_markdown(fetched: Fetched) -> str:
    record = fetched.snapshot
    if fetched.unchanged:
        return f"`cspp fetch {fetched.feed_id}`: {as_text(fetched)}\n"
    return "\n".join(
        [
            f"`cspp fetch {fetched.feed_id}` found a new file at the publisher's address and kept "
            f"it as snapshot `{record['snapshot_id']}`.",
            "",
            "| | |",
            "|---|---|",
            f"| publisher | {record['publisher']} |",
            f"| file | {record['file_url']} |",
            f"| retrieved | {record['retrieved']} |",
            f"| size | {int(record['bytes']):,} bytes |",
            f"| sha256 | `{record['sha256']}` |",
            f"| licence | {record['licence']} |",
            "",
            kept_where(fetched),
            "",
            "Before merging, on the publisher's page: give the snapshot's `release` (in the "
            "publisher's words) and `release_date` in `datapackages/measures/snapshots.csv`, and "
            "`next_update` where the publisher states one; check that changed values are revisions "
            "the publisher made, not a misread file.",
            "",
            "### The data change (`cspp diff`)",
            "",
            "```text",
            capped(fetched.changes),
            "```",
            "",
        ]
    )


def capped(text: str, limit: int = MAX_CHANGE_CHARACTERS) -> str:
    """The text, or its first lines up to limit characters and how many lines were left out."""
    if len(text) <= limit:
        return text
    kept = text[:limit].rsplit("\n", 1)[0]
    left_out = text.count("\n") - kept.count("\n")
    return (
        f"{kept}\n… and {left_out:,} more lines: run cspp diff origin/main on this branch "
        "for all of them"
    )
