"""shape/ keeps its promise, read from its source with ast: every shaping function names the
tables it reads (no parameter takes the loaded model whole), and nothing in shape/ reads a file,
runs a program or reads the clock (the build passes `today` and any history in)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SHAPE = Path(__file__).resolve().parents[1] / "scripts" / "cspp" / "shape"
MODULES = sorted(SHAPE.glob("*.py"))

IO_MODULES = {
    "os",
    "io",
    "pathlib",
    "shutil",
    "tempfile",
    "subprocess",
    "sqlite3",
    "socket",
    "frictionless",
    "requests",
    "urllib.request",
    "time",
    "glob",
}
# The load stage's readers, and its modules that only read (packages, history).
LOAD_READERS = {
    "load_model",
    "read_text",
    "read_table",
    "read_boundaries",
    "package_documents",
    "table_digest",
    "named_tables",
}
LOAD_READING_MODULES = {"packages", "history"}
IO_CALLS = {
    "open",
    "read_text",
    "read_bytes",
    "write_text",
    "write_bytes",
    "iterdir",
    "glob",
    "rglob",
    "exists",
    "mkdir",
    "today",
    "now",
    "utcnow",
    "read_csv",
    "to_csv",
}


def parsed(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def imports(tree: ast.Module) -> list[tuple[str, str]]:
    """(module, name) for each import; module keeps its leading dots."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, "") for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            found += [(module, alias.name) for alias in node.names]
    return found


def io_imports(tree: ast.Module) -> list[str]:
    bad = []
    for module, name in imports(tree):
        top = module.lstrip(".")
        loads = module.startswith("..load") or top.startswith("cspp.load")
        if top in IO_MODULES or top.split(".")[0] in IO_MODULES - {"urllib"}:
            bad.append(module)
        elif loads and (name in LOAD_READERS or top.split(".")[-1] in LOAD_READING_MODULES):
            bad.append(f"{module}.{name}")
    return bad


def io_calls(tree: ast.Module) -> list[str]:
    """Calls of open() or of a method that reads or writes a file or the clock."""
    bad = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in IO_CALLS:
                bad.append(f"{name}() on line {node.lineno}")
    return bad


def model_parameters(tree: ast.Module) -> list[str]:
    """Parameters named model, or annotated with the load stage's Model."""
    bad = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            args = node.args
            for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs]:
                annotation = ast.unparse(arg.annotation) if arg.annotation else ""
                if arg.arg == "model" or re.search(r"\bModel\b", annotation):
                    name = getattr(node, "name", "lambda")
                    bad.append(f"{name}({arg.arg}) on line {node.lineno}")
    return bad


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_shaping_function_takes_the_model_whole(path):
    assert model_parameters(parsed(path)) == [], (
        f"{path.name}: name the tables a function reads instead of taking the model"
    )


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_shape_imports_nothing_that_reads_or_writes(path):
    assert io_imports(parsed(path)) == [], (
        f"{path.name}: shape/ is pandas only; read in load/ and pass the tables in"
    )


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_shape_calls_nothing_that_reads_files_or_the_clock(path):
    assert io_calls(parsed(path)) == [], (
        f"{path.name}: take today and the tables as inputs; shape/ does no I/O"
    )


def test_the_checks_catch_what_they_are_for():
    """Each check flags a sample of what it forbids, so none passes by finding nothing."""
    sample = ast.parse(
        "import subprocess\nimport datetime as dt\nfrom ..load.model import load_model\n"
        "from ..load.packages import resource_file\nfrom ..load.model import citing_fields\n"
        "def f(model, other: Model, third: 'model.Model'):\n"
        "    open('x'); dt.date.today(); path.read_text()\n"
    )
    assert io_imports(sample) == [
        "subprocess",
        "..load.model.load_model",
        "..load.packages.resource_file",
    ]
    assert [c.split("(")[0] for c in io_calls(sample)] == ["open", "today", "read_text"]
    assert model_parameters(sample) == [
        "f(model) on line 6",
        "f(other) on line 6",
        "f(third) on line 6",
    ]
