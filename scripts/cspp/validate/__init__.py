"""Stage 2, validate: frictionless and the project's own checks, reported as Problems a
contributor can act on (file, line, field, value, fix), as text, GitHub annotations or JSON."""

from .packages import VALIDATION_CACHE, emittable_error_types, validate_packages
from .problems import Problem

__all__ = ["VALIDATION_CACHE", "Problem", "emittable_error_types", "validate_packages"]
