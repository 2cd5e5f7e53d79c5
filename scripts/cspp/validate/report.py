"""Print validation problems for people (text), for GitHub pull requests, or as JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence

from .problems import Problem

FORMATS = ("text", "github", "json")


def summary(problems: Sequence[Problem], built: bool | None = None) -> str:
    files = len({p.file for p in problems})
    if not problems:
        return "All data packages are valid."
    noun = "problem" if len(problems) == 1 else "problems"
    where = "file" if files == 1 else "files"
    tail = " Nothing was built." if built is False else ""
    return f"{len(problems)} {noun} in {files} {where}.{tail}"


def as_text(problems: Sequence[Problem], built: bool | None = None) -> str:
    lines = []
    for p in problems:
        location = f"{p.file}:{p.line}" if p.line else p.file
        lines.append(f"{location}: {p.message} [{p.type}]")
        lines.append(f"    fix: {p.fix}")
    lines.append(summary(problems, built))
    return "\n".join(lines)


def as_github(problems: Sequence[Problem], built: bool | None = None) -> str:
    """Workflow commands: GitHub shows each as an annotation on the pull request's diff."""
    lines = []
    for p in problems:
        where = f"file={escape_property(p.file)}" + (f",line={p.line}" if p.line else "")
        title = escape_property(f"{p.type}")
        lines.append(
            f"::error {where},title={title}::{escape_data(p.message + ' | fix: ' + p.fix)}"
        )
    lines.append(summary(problems, built))
    return "\n".join(lines)


def as_json(problems: Sequence[Problem], built: bool | None = None) -> str:
    """One shape, documented in the contributor guide."""
    return json.dumps(
        {
            "valid": not problems,
            "problem_count": len(problems),
            "file_count": len({p.file for p in problems}),
            "summary": summary(problems, built),
            "problems": [p.to_dict() for p in problems],
        },
        indent=2,
        ensure_ascii=False,
    )


def render(problems: Sequence[Problem], fmt: str, built: bool | None = None) -> str:
    return {"text": as_text, "github": as_github, "json": as_json}[fmt](problems, built)


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
