"""The data dictionary, generated from the Table Schemas so it can never drift from them.

`cspp dictionary` rewrites datapackages/DATA_DICTIONARY.md; a test checks that the committed
file matches the schemas. The Data page shows the same text.
"""

from __future__ import annotations

import re

from frictionless import Package
from markupsafe import Markup

from ... import text_rules
from ...load.keys import resource_references
from .html import MARKDOWN_TABLES, environment

# The descriptors mark who made a table with a capitalised word; readers get plain words.
MARKERS = {
    "DERIVED": "derived by this project",
    "PROJECT-DEFINED": "defined by this project",
    "PROJECT-WRITTEN": "written by this project",
}
MARKER = re.compile(r"\b(" + "|".join(map(re.escape, MARKERS)) + r")\b(\.?)")


def plain(description: str | None) -> str:
    """A description with its provenance marker in words: "DERIVED. The ..." becomes
    "Derived by this project. The ..."."""

    def words(match: re.Match) -> str:
        text = MARKERS[match.group(1)]
        at_start = match.start() == 0
        return (text[0].upper() + text[1:] if at_start else text) + match.group(2)

    return MARKER.sub(words, description or "")


def render_data_dictionary(packages: dict[str, Package]) -> str:
    """Markdown describing every package, resource and field."""
    text = (
        environment(MARKDOWN_TABLES)
        .get_template("dictionary.md")
        .render(
            packages=[package_view(name, package) for name, package in packages.items()],
            limits=text_rules,
        )
    )
    return text.rstrip("\n") + "\n"


def package_view(name: str, package: Package) -> dict:
    return {
        "name": name,
        "title": package.title or "",
        "description": plain(package.description),
        "resources": [resource_view(name, r) for r in package.resources],
    }


def resource_view(package_name: str, resource) -> dict:
    schema = resource.schema.to_descriptor()
    key = schema.get("primaryKey", [])
    return {
        "path": resource.path,
        "title": resource.title or "",
        "description": plain(resource.description),
        "primary_key": Markup(
            ", ".join(f"`{k}`" for k in (key if isinstance(key, list) else [key]))
        ),
        "references": [
            {
                "fields": ", ".join(ref.fields),
                "target": (f"{ref.target_package}/" if ref.across_packages else "")
                + f"{ref.target_resource}.{', '.join(ref.target_fields)}",
            }
            for ref in resource_references(package_name, resource)
        ],
        "fields": [field_view(field) for field in schema["fields"]],
    }


def field_view(field: dict) -> dict:
    constraints = dict(field.get("constraints", {}))
    rules = []
    required = "yes" if constraints.pop("required", False) else ""
    if constraints.pop("unique", False):
        rules.append("unique")
    if "enum" in constraints:
        rules.append("one of: " + ", ".join(f"`{v}`" for v in constraints.pop("enum")))
    if "pattern" in constraints:
        rules.append(f"pattern `{constraints.pop('pattern')}`")
    rules += [f"{k} {v}" for k, v in constraints.items()]
    return {
        "name": field["name"],
        "type": field["type"],
        "required": required,
        "rules": "; ".join(rules),
        "description": plain(field.get("description")),
    }
