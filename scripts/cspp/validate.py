"""Validate every data package: frictionless plus the project's checks, one Problem per fault.

It reads files and reports. Given a cache folder (the build gives one), it also keeps each
resource's problems there, under a digest of everything they depend on (resource_digest), so a
rebuild after a one-cell correction checks again only the resources that correction can affect.
Each Problem names the file, the real line in that file, the field, the bad value, and a fix a
contributor can act on (see hints.py).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from frictionless import Checklist, FrictionlessException, Package

from . import checks, hints
from .paths import DATAPACKAGES, relative
from .steps import code_digest, read_kept, write_kept


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    field: str | None
    value: str | None
    type: str
    message: str
    fix: str

    def to_dict(self) -> dict:
        return asdict(self)


def validate_packages(root: Path = DATAPACKAGES, cache: Path | None = None) -> list[Problem]:
    """All problems in all packages under root, in file and line order."""
    problems: list[Problem] = []
    descriptors = {}
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        descriptor, found = read_descriptor(folder / "datapackage.json", root)
        problems += found
        if descriptor is not None:
            descriptors[folder.name] = descriptor
    lookups = build_lookups(root, descriptors)
    for name, descriptor in descriptors.items():
        problems += validate_package(root / name, descriptor, lookups, root, cache)
    return problems


def emittable_error_types() -> set[str]:
    """Every error type validate_packages can report: frictionless's baseline, ours, file-level."""
    from frictionless.checks import baseline

    ours = checks.project_checks() + [checks.foreign_key_across_packages(field_name="", target="")]
    file_level = {"missing-file", "empty-file", "encoding-error", "invalid-json", "package-error",
                  "resource-error", "schema-error", "source-error", "format-error",
                  "scheme-error", "general-error"}
    return ({e.type for e in baseline.Errors} | {e.type for c in ours for e in c.Errors}
            | file_level)


# ---------------------------------------------------------------- descriptors


def read_descriptor(path: Path, root: Path) -> tuple[dict | None, list[Problem]]:
    shown = relative(path, root.parent)
    if not path.exists():
        return None, [problem(shown, None, None, None, "missing-file",
                              "datapackage.json is missing")]
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        return None, [problem(shown, None, None, None, "encoding-error",
                              "the file is not UTF-8 text")]
    except json.JSONDecodeError as error:
        return None, [problem(shown, error.lineno, None, None, "invalid-json",
                              f"the JSON is broken at or just before column {error.colno}: {error.msg}")]
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        return None, [problem(shown, None, None, None, "package-error",
                              "the descriptor has no list of resources")]
    return descriptor, []


# ---------------------------------------------------------------- references across packages


def build_lookups(root: Path, descriptors: dict) -> dict[tuple[str, str, str], frozenset]:
    """Values of every field that another package refers to: (package, resource, field) -> set."""
    wanted = {(ref_package(key), key["reference"]["resource"], key["reference"]["fields"][0])
              for descriptor in descriptors.values()
              for resource in descriptor["resources"]
              for key in resource.get("schema", {}).get("foreignKeysAcrossPackages", [])}
    lookups = {}
    for package_name, resource_name, field in wanted:
        path = root / package_name / f"{resource_name}.csv"
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                reader = csv.DictReader(handle)
                if field not in (reader.fieldnames or []):
                    continue  # an empty or broken file: its own problem is reported
                lookups[(package_name, resource_name, field)] = frozenset(
                    row.get(field) for row in reader)
        except (OSError, UnicodeDecodeError, csv.Error):
            continue  # that file's own problem is reported; references to it wait until then
    return lookups


def ref_package(key: dict) -> str:
    return Path(key["reference"]["package"]).parent.name


def cross_package_targets(resource: dict) -> list[tuple[str, str, str]]:
    """(package, resource, field) each key of the resource points at in another package."""
    return [(ref_package(key), key["reference"]["resource"], key["reference"]["fields"][0])
            for key in resource.get("schema", {}).get("foreignKeysAcrossPackages", [])]


def cross_package_checks(resource: dict, lookups: dict) -> list:
    found = []
    keys = resource.get("schema", {}).get("foreignKeysAcrossPackages", [])
    for key, target in zip(keys, cross_package_targets(resource)):
        if target not in lookups:
            continue
        found.append(checks.foreign_key_across_packages(
            field_name=key["fields"][0], target=f"datapackages/{target[0]}/{target[1]}.csv",
            lookup=lookups[target]))
    return found


# ---------------------------------------------------------------- one package


def validate_package(folder: Path, descriptor: dict, lookups: dict, root: Path,
                     cache: Path | None = None) -> list[Problem]:
    problems: list[Problem] = []
    readable = []
    for resource in descriptor["resources"]:
        path = folder / str(resource.get("path", ""))
        found = check_file(path, root) or check_header(path, resource, root)
        problems += found
        if not found:
            readable.append(resource)
    readable = without_broken_references(readable)
    if not readable:
        return problems
    try:
        package = Package(descriptor, basepath=str(folder))
    except FrictionlessException as error:
        shown = relative(folder / "datapackage.json", root.parent)
        kind = error.error.type if hints.has_specific_fix(error.error.type) else "package-error"
        return problems + [problem(shown, None, None, None, kind, error.error.note)]
    for spec in readable:
        problems += resource_problems(package, descriptor, spec, lookups, root, cache)
    return problems


def resource_problems(package: Package, descriptor: dict, spec: dict, lookups: dict, root: Path,
                      cache: Path | None) -> list[Problem]:
    """One resource's problems, kept from an earlier run if nothing they depend on changed."""
    folder = Path(package.basepath)
    if cache is None:
        return check_resource(package, folder, spec, lookups, root)
    kept_path = cache / f"{folder.name}.{spec['name']}.pickle"
    digest = resource_digest(folder, descriptor, spec, lookups, root)
    kept = read_kept(kept_path) or {}
    if kept.get("digest") == digest:
        return kept["problems"]
    problems = check_resource(package, folder, spec, lookups, root)
    write_kept(kept_path, {"digest": digest, "problems": problems})
    return problems


def resource_digest(folder: Path, descriptor: dict, spec: dict, lookups: dict, root: Path) -> str:
    """What a resource's problems depend on: its package's descriptor, its own file and those of
    the resources its foreign keys point at, the values other packages' keys point at, where the
    packages are (problems name files by path), and the code."""
    from frictionless import __version__ as frictionless_version

    paths = {r.get("name"): r.get("path") for r in descriptor["resources"]}
    pointed = {key["reference"].get("resource") or spec["name"]
               for key in spec.get("schema", {}).get("foreignKeys", [])}
    digest = hashlib.sha256("\0".join([
        str(root.resolve()), folder.name, frictionless_version, code_digest(),
        json.dumps(descriptor, sort_keys=True)]).encode("utf-8"))
    for name in sorted({spec["name"]} | pointed):
        path = folder / str(paths.get(name, ""))
        digest.update(b"\0" + (path.read_bytes() if path.is_file() else b"(no file)"))
    for target in cross_package_targets(spec):
        values = sorted(str(v) for v in lookups.get(target, ()))
        digest.update(("\0" + repr(target) + "\0" + "\n".join(values)).encode("utf-8"))
    return digest.hexdigest()


def check_resource(package: Package, folder: Path, spec: dict, lookups: dict,
                   root: Path) -> list[Problem]:
    resource = package.get_resource(spec["name"])
    path = folder / spec["path"]
    checklist = Checklist(checks=checks.project_checks() + cross_package_checks(spec, lookups))
    report = resource.validate(checklist)
    lines = physical_lines(path)
    problems: list[Problem] = []
    for task in report.tasks:
        problems += without_cascades([to_problem(error, path, resource.schema, lines, root)
                                      for error in task.errors])
    return problems


def without_cascades(problems: list[Problem]) -> list[Problem]:
    """Report causes, not their echoes.

    A row with a cell too many or too few has shifted cells: report only that. A year that is
    itself wrong makes the period and cycle rules fail too: report only the year.
    """
    shifted = {p.line for p in problems if p.type in ("extra-cell", "missing-cell")}
    bad_years = {p.line for p in problems if p.field in ("period_start", "period_end")
                 and p.type in ("type-error", "constraint-error")}
    return [p for p in problems
            if (p.line not in shifted or p.type in ("extra-cell", "missing-cell"))
            and not (p.line in bad_years and p.type in ("cycle-mismatch", "period-order"))]


def without_broken_references(readable: list[dict]) -> list[dict]:
    """Resources whose referenced tables are readable; the others wait until those are fixed."""
    names = {r["name"] for r in readable}
    return [r for r in readable
            if all(key["reference"]["resource"] in names | {"", r["name"]}
                   for key in r.get("schema", {}).get("foreignKeys", []))]


def check_header(path: Path, resource: dict, root: Path) -> list[Problem]:
    """Columns are matched by name, so one missing column is one problem, not a cascade."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle), [])
    expected = [f["name"] for f in resource.get("schema", {}).get("fields", [])]
    shown = relative(path, root.parent)
    found = []
    for name in [n for n in expected if n not in header]:
        found.append(problem(shown, 1, name, None, "missing-label",
                             hints.describe("missing-label", name, None, "", None)))
    for name in [n for n in header if n and n not in expected]:
        found.append(problem(shown, 1, name, name, "extra-label",
                             hints.describe("extra-label", name, name, "", None)))
    if "" in header:
        found.append(problem(shown, 1, None, None, "blank-label",
                             hints.describe("blank-label", None, None, "", None)))
    for name in sorted({n for n in header if n and header.count(n) > 1}):
        found.append(problem(shown, 1, name, name, "duplicate-label",
                             hints.describe("duplicate-label", name, name, "", None)))
    if not found and header != expected:
        found.append(problem(shown, 1, None, ",".join(header), "incorrect-label",
                             "the columns are not in the order of the schema",
                             "put the columns back in this order: " + ", ".join(expected)))
    return found


def check_file(path: Path, root: Path) -> list[Problem]:
    """Faults that stop a CSV being read at all: missing, empty, not UTF-8."""
    shown = relative(path, root.parent)
    if not path.is_file():
        return [problem(shown, None, None, None, "missing-file", "the file is missing")]
    data = path.read_bytes()
    if not data.strip():
        return [problem(shown, 1, None, None, "empty-file", "the file is empty")]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        bad = data[error.start: error.start + 1].hex()
        return [problem(shown, line, None, f"\\x{bad}", "encoding-error",
                        f"byte \\x{bad} is not UTF-8 text")]
    return []


def physical_lines(path: Path) -> dict[int, int]:
    """Map frictionless row numbers (header = 1) to the line where that row starts."""
    text = path.read_text(encoding="utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    starts, previous_end = {}, 0
    for number, _ in enumerate(reader, start=1):
        starts[number] = previous_end + 1
        previous_end = reader.line_num
    return starts


# ---------------------------------------------------------------- frictionless errors -> Problems

SAME_ROW = re.compile(r"row at position \"?(\d+)\"?")
FK_VALUE = re.compile(r'for "([^"]+)": values "([^"]*)" not found in the lookup table "([^"]+)"')


def to_problem(error, path: Path, schema, lines: dict, root: Path) -> Problem:
    shown = relative(path, root.parent)
    kind = error.type
    row_number = getattr(error, "row_number", None)
    line = lines.get(row_number, row_number) if row_number else None
    field = getattr(error, "field_name", None) or None
    value = getattr(error, "cell", None)
    note = getattr(error, "note", "") or ""
    candidates = None
    if kind == "foreign-key" and field is None:
        match = FK_VALUE.search(note)
        if match:
            field, value = match.group(1), match.group(2)
            note = f'"{value}" is not an id in {match.group(3)}.csv'
            candidates = referenced_values(path.parent / f"{match.group(3)}.csv", schema, field)
    elif kind == "foreign-key":
        candidates = sorted(getattr(error, "candidates", None) or [])
    if kind == "primary-key":
        field = ", ".join(schema.primary_key)
        value = primary_key_value(error, schema)
        same = SAME_ROW.search(note)
        if same:
            note = f"the same key is already on line {lines.get(int(same.group(1)), same.group(1))}"
    spec = schema.get_field(field) if field and schema.has_field(field) else None
    message = hints.describe(kind, field, value, note, spec)
    fix = hints.fix_for(kind, field, value, note, spec, candidates)
    return problem(shown, line, field, value, kind, message, fix)


def referenced_values(path: Path, schema, field: str) -> list[str]:
    """Ids a dangling reference could have meant, for a "did you mean" hint."""
    key = next((k for k in schema.foreign_keys if k["fields"] == [field]), None)
    if key is None or not path.exists():
        return []
    column = key["reference"]["fields"][0]
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [row.get(column, "") for row in csv.DictReader(handle)]


def primary_key_value(error, schema) -> str | None:
    """The duplicated key, read from the row's own cells in schema order."""
    cells = dict(zip(schema.field_names, error.cells or []))
    return ", ".join(str(cells.get(name, "")) for name in schema.primary_key) or None


def problem(file, line, field, value, kind, message, fix=None) -> Problem:
    return Problem(file=file, line=line, field=field, value=value, type=kind, message=message,
                   fix=fix or hints.fix_for(kind, field, value, message, None))
