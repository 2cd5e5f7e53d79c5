"""Validate every data package: frictionless plus the project's checks, one Problem per fault.

It reads files and reports. Given a cache folder (the build gives one), each resource's problems
are a cached step (cache.py) whose inputs are everything they depend on (resource_inputs), so a
rebuild after a one-cell correction checks again only the resources that correction can affect.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from frictionless import Checklist, Package
from frictionless import __version__ as frictionless_version

from ..cache import Step, code_digest, digest_of
from ..load.keys import Reference, resource_references
from ..load.packages import DescriptorError, package_folders, read_package, resource_file
from ..paths import DATAPACKAGES, relative
from . import checks, hints
from .files import check_file, check_header, physical_lines
from .problems import Problem, problem, to_problem, without_cascades

# Where, under a cache folder (.cache/), the build and `cspp validate` keep each resource's problems.
VALIDATION_CACHE = "validation"
# (package, resource, fields) -> the tuples of those fields' values
Lookups = dict[tuple[str, str, tuple[str, ...]], frozenset]


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

    ours = checks.project_checks() + [checks.foreign_key_across_packages(field_names=[], target="")]
    file_level = {
        "missing-file",
        "empty-file",
        "encoding-error",
        "invalid-json",
        "package-error",
        "resource-error",
        "schema-error",
        "source-error",
        "format-error",
        "scheme-error",
        "general-error",
    }
    return {e.type for e in baseline.Errors} | {e.type for c in ours for e in c.Errors} | file_level


# ---------------------------------------------------------------- references across packages


def cross_package_lookups(packages: dict[str, Package]) -> Lookups:
    """Values of every field, or set of fields, that another package refers to."""
    wanted = {
        (ref.target_package, ref.target_resource, ref.target_fields)
        for name, package in packages.items()
        for resource in package.resources
        for ref in resource_references(name, resource)
        if ref.across_packages
    }
    lookups = {}
    for package_name, resource_name, fields in wanted:
        target = packages.get(package_name)
        if target is None or not target.has_resource(resource_name):
            continue  # that package's own problem is reported; references to it wait until then
        values = key_values(resource_file(target, resource_name), fields)
        if values is not None:
            lookups[(package_name, resource_name, fields)] = values
    return lookups


def key_values(path: Path, fields: tuple[str, ...]) -> frozenset | None:
    """The tuples of these fields' values, one per row."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            if not set(fields) <= set(reader.fieldnames or []):
                return None  # an empty or broken file: its own problem is reported
            return frozenset(tuple(row.get(f) for f in fields) for row in reader)
    except (OSError, UnicodeDecodeError, csv.Error):
        return None


def column_values(path: Path, field: str) -> frozenset | None:
    keys = key_values(path, (field,))
    return None if keys is None else frozenset(key[0] for key in keys)


def across(package_name: str, resource) -> list[Reference]:
    return [r for r in resource_references(package_name, resource) if r.across_packages]


def cross_package_checks(package_name: str, resource, lookups: Lookups) -> list:
    found = []
    for ref in across(package_name, resource):
        target = (ref.target_package, ref.target_resource, ref.target_fields)
        if target in lookups:
            found.append(
                checks.foreign_key_across_packages(
                    field_names=list(ref.fields),
                    target=f"datapackages/{target[0]}/{target[1]}.csv",
                    lookup=lookups[target],
                )
            )
    return found


# ---------------------------------------------------------------- one package


def validate_package(
    name: str, package: Package, lookups: Lookups, root: Path, cache: Path | None = None
) -> list[Problem]:
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
    return [
        r
        for r in readable
        if all(
            key["reference"]["resource"] in names | {"", r.name} for key in r.schema.foreign_keys
        )
    ]


def resource_problems(
    name: str, package: Package, resource, lookups: Lookups, root: Path, cache: Path | None
) -> list[Problem]:
    """One resource's problems, kept from an earlier run if nothing they depend on changed."""
    if cache is None:
        return check_resource(name, package, resource, lookups, root)
    step = Step(
        cache,
        f"{name}.{resource.name}",
        code=f"{code_digest()} frictionless {frictionless_version}",
    )
    return step.value(
        resource_inputs(name, package, resource, lookups, root),
        lambda: check_resource(name, package, resource, lookups, root),
    )


def resource_inputs(
    name: str, package: Package, resource, lookups: Lookups, root: Path
) -> dict[str, str]:
    """What a resource's problems depend on: how problems name the packages' folder (by its
    name, datapackages/plans/plans.csv, so a copy elsewhere reuses what was kept), its
    package's descriptor, its own file and those of the resources its foreign keys
    point at, the values other packages' keys point at, and any files its rows name (the
    snapshots' checksums are checked against them)."""
    inputs = {
        "packages": relative(root, root.parent),
        "descriptor": digest_of(json.dumps(package.to_descriptor(), sort_keys=True)),
    }
    pointed = {
        ref.target_resource
        for ref in resource_references(name, resource)
        if not ref.across_packages
    }
    for other in sorted({resource.name} | pointed):
        path = resource_file(package, other) if package.has_resource(other) else None
        inputs[f"table {other}"] = file_digest(path)
    for ref in across(name, resource):
        target = (ref.target_package, ref.target_resource, ref.target_fields)
        values = sorted(str(v) for v in lookups.get(target, ()))
        inputs[
            f"values {ref.target_package}/{ref.target_resource}/{','.join(ref.target_fields)}"
        ] = digest_of("\n".join(values))
    for path in named_files(package, resource):
        inputs[f"file {relative(path, root.parent)}"] = file_digest(path)
    return inputs


def file_digest(path: Path | None) -> str:
    return digest_of(path.read_bytes()) if path and path.is_file() else "(no file)"


def named_files(package: Package, resource) -> list[Path]:
    """The files a resource's rows name in a path field (the snapshots' committed files)."""
    if "path" not in resource.schema.field_names:
        return []
    values = column_values(resource_file(package, resource.name), "path") or frozenset()
    return [Path(package.basepath) / value for value in sorted(values) if value]


def check_resource(
    name: str, package: Package, resource, lookups: Lookups, root: Path
) -> list[Problem]:
    path = resource_file(package, resource.name)
    checklist = Checklist(
        checks=checks.project_checks() + cross_package_checks(name, resource, lookups)
    )
    report = resource.validate(checklist)
    lines = physical_lines(path)
    problems: list[Problem] = []
    for task in report.tasks:
        problems += without_cascades(
            [to_problem(error, path, resource.schema, lines, root) for error in task.errors]
        )
    return problems
