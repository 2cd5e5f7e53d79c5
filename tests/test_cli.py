"""The cspp command answers --help as a module and as a script, naming every subcommand."""

from __future__ import annotations

import subprocess
import sys

import pytest

COMMANDS = ["validate", "build", "sources", "dictionary", "diff", "check-sources", "submission"]


@pytest.mark.parametrize("module", ["cspp", "cspp.cli"])
def test_help_lists_every_command(module):
    done = subprocess.run(
        [sys.executable, "-m", module, "--help"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert all(command in done.stdout for command in COMMANDS)
