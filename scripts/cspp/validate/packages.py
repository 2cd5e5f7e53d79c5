"""Validate every data package: frictionless plus the project's checks, one Problem per fault.

It reads files and reports. Given a cache folder (the build gives one), it also keeps each
resource's problems there, under a digest of everything they depend on (resource_digest), so a
rebuild after a one-cell correction checks again only the resources that correction can affect.
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

from frictionless import Checklist, Package, __version__ as frictionless_version

from ..cache import code_digest, read_kept, write_kept
from ..load.keys import Reference, resource_references
from ..load.packages import DescriptorError, package_folders, read_package, resource_file
from ..paths import DATAPACKAGES, relative
from . import checks, hints
from .files import check_file, check_header, physical_lines
from .problems import Problem, problem, to_problem, without_cascades

Lookups = dict[tuple[str, str, str], frozenset]  # (package, resource, field) -> values


def validate_packages(root: Path = DATAPACKAGES, cache: Path | None = None) -> list[Problem]:
    """All problems in all packages under root, in file and line order."""
    problems: list[Problem] = []
    packages: dict[str, Package] = {}
    for folder in package_folders(root):
        try:
            packages[folder.name] = read_package(folder)
        except DescriptorError as error:
            problems.append(descriptor_problem(error, root))
    lookups = cross_package_lookups(packages)
    for name, package in packages.items():
        problems += validate_package(name, package, lookups, root, cache)
    return problems


def descriptor_problem(error: DescriptorError, root: Path) -> Problem:
    kind = error.kind if hints.has_specific_fix(error.kind) else "package-error"
    return problem(relative(error.path, root.parent), error.line, None, None, kind, error.note)


def emittable_error_types() -> set[str]:
    """Every error type validate_packages can report: frictionless's baseline, ours, file-level."""
    from frictionless.checks import baseline

    ours = checks.project_checks() + [checks.foreign_key_across_packages(field_name="", target="")]
    file_level = {"missing-file", "empty-file", "encoding-error", "invalid-json", "package-error",
                  "resource-error", "schema-error", "source-error", "format-error",
                  "scheme-error", "general-error"}
    return ({e.type for e in baseline.Errors} | {e.type for c in ours for e in c.Errors}
            | file_level)


# ---------------------------------------------------------------- references across packages


def cross_package_lookups(packages: dict[str, Package]) -> Lookups:
    """Values of every field that another package refers to."""
    wanted = {(ref.target_package, ref.target_resource, ref.target_fields[0])
              for name, package in packages.items() for resource in package.resources
              for ref in resource_references(name, resource) if ref.across_packages}
    lookups = {}
    for package_name, resource_name, field in wanted:
        target = packages.get(package_name)
        if target is None or not target.has_resource(resource_name):
            continue  # that package's own problem is reported; references to it wait until then
        values = column_values(resource_file(target, resource_name), field)
        if values is not None:
            lookups[(package_name, resource_name, field)] = values
    return lookups


def column_values(path: Path, field: str) -> frozenset | None:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            if field not in (reader.fieldnames or []):
                return None  # an empty or broken file: its own problem is reported
            return frozenset(row.get(field) for row in reader)
    except (OSError, UnicodeDecodeError, csv.Error):
        return None


def across(package_name: str, resource) -> list[Reference]:
    return [r for r in resource_references(package_name, resource) if r.across_packages]


def cross_package_checks(package_name: str, resource, lookups: Lookups) -> list:
    found = []
    for ref in across(package_name, resource):
        target = (ref.target_package, ref.target_resource, ref.target_fields[0])
        if target in lookups:
            found.append(checks.foreign_key_across_packages(
                field_name=ref.fields[0], target=f"datapackages/{target[0]}/{target[1]}.csv",
                lookup=lookups[target]))
    return found


# ---------------------------------------------------------------- one package


def validate_package(name: str, package: Package, lookups: Lookups, root: Path,
                     cache: Path | None = None) -> list[Problem]:
    problems: list[Problem] = []
    readable = []
    for resource in package.resources:
        path = resource_file(package, resource.name)
        found = check_file(path, root) or check_header(path, resource.schema.field_names, root)
        problems += found
        if not found:
            readable.append(resource)
    for resource in with_readable_targets(readable):
        problems += resource_problems(name, package, resource, lookups, root, cache)
    return problems


def with_readable_targets(readable: list) -> list:
    """Resources whose referenced tables are readable; the others wait until those are fixed."""
    names = {r.name for r in readable}
    return [r for r in readable
            if all(key["reference"]["resource"] in names | {"", r.name}
                   for key in r.schema.foreign_keys)]


def resource_problems(name: str, package: Package, resource, lookups: Lookups, root: Path,
                      cache: Path | None) -> list[Problem]:
    """One resource's problems, kept from an earlier run if nothing they depend on changed."""
    if cache is None:
        return check_resource(name, package, resource, lookups, root)
    kept_path = cache / f"{name}.{resource.name}.pickle"
    digest = resource_digest(name, package, resource, lookups, root)
    kept = read_kept(kept_path) or {}
    if kept.get("digest") == digest:
        return kept["problems"]
    problems = check_resource(name, package, resource, lookups, root)
    write_kept(kept_path, {"digest": digest, "problems": problems})
    return problems


def resource_digest(name: str, package: Package, resource, lookups: Lookups, root: Path) -> str:
    """What a resource's problems depend on: its package's descriptor, its own file and those of
    the resources its foreign keys point at, the values other packages' keys point at, where the
    packages are (problems name files by path), the code, and any files its rows name (the
    snapshots' checksums are checked against them)."""
    descriptor = json.dumps(package.to_descriptor(), sort_keys=True)
    digest = hashlib.sha256("\0".join([str(root.resolve()), name, frictionless_version,
                                       code_digest(), descriptor]).encode("utf-8"))
    pointed = {ref.target_resource for ref in resource_references(name, resource)
               if not ref.across_packages}
    for other in sorted({resource.name} | pointed):
        path = resource_file(package, other) if package.has_resource(other) else None
        digest.update(b"\0" + (path.read_bytes() if path and path.is_file() else b"(no file)"))
    for ref in across(name, resource):
        target = (ref.target_package, ref.target_resource, ref.target_fields[0])
        values = sorted(str(v) for v in lookups.get(target, ()))
        digest.update(("\0" + repr(target) + "\0" + "\n".join(values)).encode("utf-8"))
    for path in named_files(package, resource):
        digest.update(b"\0" + str(path).encode("utf-8") + b"\0"
                      + (path.read_bytes() if path.is_file() else b"(no file)"))
    return digest.hexdigest()


def named_files(package: Package, resource) -> list[Path]:
    """The files a resource's rows name in a path field (the snapshots' committed files)."""
    if "path" not in resource.schema.field_names:
        return []
    values = column_values(resource_file(package, resource.name), "path") or frozenset()
    return [Path(package.basepath) / value for value in sorted(values) if value]


def check_resource(name: str, package: Package, resource, lookups: Lookups,
                   root: Path) -> list[Problem]:
    path = resource_file(package, resource.name)
    checklist = Checklist(checks=checks.project_checks()
                          + cross_package_checks(name, resource, lookups))
    report = resource.validate(checklist)
    lines = physical_lines(path)
    problems: list[Problem] = []
    for task in report.tasks:
        problems += without_cascades([to_problem(error, path, resource.schema, lines, root)
                                      for error in task.errors])
    return problems
