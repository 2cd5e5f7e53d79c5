"""The data dictionary, generated from the Table Schemas so it can never drift from them.

`python -m cspp.dictionary` rewrites datapackages/DATA_DICTIONARY.md; a test checks that the
committed file matches the schemas.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from .paths import DATAPACKAGES

INTRODUCTION = """\
# Data dictionary

Generated from the `datapackage.json` descriptors by `python -m cspp.dictionary`. Do not edit by
hand: change the schema's `description` instead.

## Design choices

- **One package per subject** (partnerships, plans, measures, reviews, context, themes), so a
  researcher can take only what they need. Each validates on its own with stock
  `frictionless validate`.
- **Stable, readable ids.** Partnerships are kebab-case slugs of the area (`tayside`,
  `na-h-eileanan-siar`); councils and NHS boards are identified by their GSS codes (`S12…`,
  `S08…`), so the data joins to official statistics without name matching.
- **Blank means not found.** Nothing is estimated or completed. Every row names the public
  https page that shows its values (`source_url`); `accessed` records when that source was last
  checked, and is blank where the research did not record it.
- **Verbatim where it matters.** Titles, names, priority wording, measures and numbers are copied
  exactly; governance and context facts are paraphrased.
- **Official statistics keep their own units.** LGBF stores percentages as proportions from 0 to
  1; the `unit` column of `indicators.csv` says which unit each series uses. Values for a
  multi-council partnership (Tayside) are never averaged: indicators stay per council area.
- **References across packages** (for example `plans.partnership_id` → `partnerships`) are
  declared in each schema under `foreignKeysAcrossPackages`, in the same shape as Table Schema's
  `foreignKeys` plus the referenced `package`. Stock frictionless cannot follow references into
  another package, so `cspp validate` checks these.

## Derived columns and their rules

- `plans.cycle`: the statutory planning cycle. A children's services plan belongs to a cycle when
  its last year is the cycle's last year and its first year is the cycle's first year (or
  2021 for the 2020-2023 cycle, because COVID-19 legislation let partnerships publish 2021-2023
  plans instead). An annual report belongs to the cycle whose years contain its period. Other
  documents, and documents with unknown years, have no cycle.
- `memberships.organisation_type`: assigned from the organisation's name by the first matching
  keyword rule, in this order: health-and-social-care-partnership ("health and social care",
  "integration joint board", "Orkney Health and Care"); health-board (name starts "NHS");
  police; childrens-hearings ("Reporter", "SCRA", "Children's Hearing", "Area Support Team");
  fire-and-rescue ("Fire"); local-authority ("Council", "Comhairle"); third-sector ("third",
  "voluntary", "CVS", "tsiMORAY", "Barnardo", "Children 1st", "Who Cares"); education-and-skills
  ("Skills Development", "College", "University"); otherwise other.
"""


def render_data_dictionary(model=None, root: Path = DATAPACKAGES) -> str:
    """Markdown describing every package, resource and field."""
    descriptors = model.descriptors if model is not None else load_descriptors(root)
    parts = [INTRODUCTION]
    for name, descriptor in descriptors.items():
        parts.append(render_package(name, descriptor))
    return "\n".join(parts)


def load_descriptors(root: Path) -> dict[str, dict]:
    return {path.parent.name: json.loads(path.read_text(encoding="utf-8"))
            for path in sorted(root.glob("*/datapackage.json"))}


def render_package(name: str, descriptor: dict) -> str:
    lines = [f"## Package `{name}`: {cell(descriptor.get('title', ''))}", "",
             cell(descriptor.get("description", "")), ""]
    for resource in descriptor["resources"]:
        lines += render_resource(name, resource)
    return "\n".join(lines)


def render_resource(package: str, resource: dict) -> list[str]:
    schema = resource["schema"]
    lines = [f"### `{package}/{resource['path']}`: {cell(resource.get('title', ''))}", "",
             cell(resource.get("description", "")), "",
             f"Primary key: {', '.join(f'`{k}`' for k in as_list(schema.get('primaryKey')))}."]
    for key in schema.get("foreignKeys", []) + schema.get("foreignKeysAcrossPackages", []):
        ref = key["reference"]
        target = f"{ref.get('package', '').replace('/datapackage.json', '').lstrip('./')}"
        where = f"{target}/" if target else ""
        lines.append(f"Reference: `{', '.join(as_list(key['fields']))}` → "
                     f"`{where}{ref['resource'] or resource['name']}."
                     f"{', '.join(as_list(ref['fields']))}`.")
    lines += ["", "| field | type | required | rules | description |",
              "|---|---|---|---|---|"]
    for field in schema["fields"]:
        lines.append(render_field(field))
    lines.append("")
    return lines


def render_field(field: dict) -> str:
    constraints = dict(field.get("constraints", {}))
    required = "yes" if constraints.pop("required", False) else ""
    rules = []
    if constraints.pop("unique", False):
        rules.append("unique")
    if "enum" in constraints:
        rules.append("one of: " + ", ".join(f"`{v}`" for v in constraints.pop("enum")))
    if "pattern" in constraints:
        rules.append(f"pattern `{constraints.pop('pattern')}`")
    rules += [f"{k} {v}" for k, v in constraints.items()]
    return (f"| `{field['name']}` | {field['type']} | {required} | {cell('; '.join(rules))} | "
            f"{cell(field.get('description', ''))} |")


def as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def cell(text: str) -> str:
    """Safe inside a Markdown table cell and inert as HTML."""
    return html.escape(str(text), quote=False).replace("|", "\\|")


def write_data_dictionary(root: Path = DATAPACKAGES) -> Path:
    path = root / "DATA_DICTIONARY.md"
    path.write_text(render_data_dictionary(root=root), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(f"wrote {write_data_dictionary()}")
