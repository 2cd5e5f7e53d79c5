"""Shared fixtures: a small valid copy of the data packages that tests may break one way each."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import copy_packages


@pytest.fixture
def packages(tmp_path) -> Path:
    return copy_packages(tmp_path / "datapackages")
