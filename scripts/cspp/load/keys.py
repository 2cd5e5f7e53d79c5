"""The references between tables: Table Schema's foreignKeys, and the project's
foreignKeysAcrossPackages (the same shape plus the referenced `package`), parsed in one place.

Stock frictionless follows foreignKeys inside a package only; references into another package
are declared under the schema's own key and checked by cspp (validate/checks.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from frictionless import Package, Resource

ACROSS_PACKAGES = "foreignKeysAcrossPackages"


@dataclass(frozen=True)
class Reference:
    """fields of (package, resource) refer to target_fields of (target_package, target_resource)."""

    package: str
    resource: str
    fields: tuple[str, ...]
    target_package: str
    target_resource: str
    target_fields: tuple[str, ...]

    @property
    def across_packages(self) -> bool:
        return self.package != self.target_package

    @property
    def target(self) -> tuple[str, str]:
        return self.target_package, self.target_resource


def as_tuple(value) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, list) else (value,)


def resource_references(package_name: str, resource: Resource) -> list[Reference]:
    """Every reference a resource makes, inside its package first, then across packages."""
    inside = [(key, package_name) for key in resource.schema.foreign_keys]
    across = [
        (key, Path(key["reference"]["package"]).parent.name)
        for key in resource.schema.custom.get(ACROSS_PACKAGES, [])
    ]
    return [
        Reference(
            package_name,
            resource.name,
            as_tuple(key["fields"]),
            target_package,
            key["reference"].get("resource") or resource.name,
            as_tuple(key["reference"]["fields"]),
        )
        for key, target_package in inside + across
    ]


def all_references(packages: dict[str, Package]) -> list[Reference]:
    return [
        reference
        for name, package in packages.items()
        for resource in package.resources
        for reference in resource_references(name, resource)
    ]
