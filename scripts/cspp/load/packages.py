"""Read data packages through frictionless: the one reader of every datapackage.json.

A descriptor that cannot be read raises DescriptorError, which says what is wrong and where, so
that the validator can report it to a contributor; everything else trusts the packages it gets.
"""

from __future__ import annotations

import json
from pathlib import Path

from frictionless import FrictionlessException, Package

DESCRIPTOR = "datapackage.json"


class DescriptorError(Exception):
    """A datapackage.json that cannot be read: kind is the validator's error type."""

    def __init__(self, path: Path, kind: str, note: str, line: int | None = None) -> None:
        super().__init__(note)
        self.path, self.kind, self.note, self.line = path, kind, note, line


def package_folders(root: Path) -> list[Path]:
    """Every package folder under root, in name order."""
    return sorted(p for p in root.iterdir() if p.is_dir())


def read_package(folder: Path) -> Package:
    """The package in folder, with its resources' paths relative to that folder."""
    path = folder / DESCRIPTOR
    descriptor = read_descriptor(path)
    try:
        return Package.from_descriptor(descriptor, basepath=str(folder))
    except FrictionlessException as error:
        raise DescriptorError(path, error.error.type, error.error.note) from None


def read_packages(root: Path) -> dict[str, Package]:
    """Every package under root, by folder name (raises DescriptorError on the first bad one)."""
    return {folder.name: read_package(folder) for folder in package_folders(root)}


def read_descriptor(path: Path) -> dict:
    """The descriptor as JSON, or a DescriptorError naming the fault (JSON faults by line)."""
    if not path.exists():
        raise DescriptorError(path, "missing-file", "datapackage.json is missing")
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise DescriptorError(path, "encoding-error", "the file is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        note = f"the JSON is broken at or just before column {error.colno}: {error.msg}"
        raise DescriptorError(path, "invalid-json", note, error.lineno) from None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise DescriptorError(path, "package-error", "the descriptor has no list of resources")
    return descriptor


def resource_file(package: Package, name: str) -> Path:
    """Where a resource's CSV lives."""
    return Path(package.basepath) / package.get_resource(name).path


def package_files(packages: dict[str, Package]) -> list[Path]:
    """Each package's datapackage.json and the CSVs it lists, in a stable order."""
    files = []
    for package in packages.values():
        folder = Path(package.basepath)
        files.append(folder / DESCRIPTOR)
        files += [folder / resource.path for resource in package.resources]
    return files
