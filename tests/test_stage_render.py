"""The render stage keeps its promises, read from its source with `ast` (issue 29): views name
what they render instead of taking Site, views do not import each other, charts and pages meet
only in the shared base, and nothing in render/ throws a library switch at import."""

from __future__ import annotations

import ast
from pathlib import Path

RENDER = Path(__file__).resolve().parents[1] / "scripts" / "cspp" / "render"
PAGES = RENDER / "pages"
# The one dispatcher that unpacks Site, handing each view the fields it needs.
DISPATCHER = PAGES / "__init__.py"
# What views share: the modules of render/pages a view may import. Everything else there is a view.
BASE = {
    "html",  # the Jinja environment factory and links between pages
    "parts",  # the pieces a page is made of
    "paths",  # where each page lives
    "contribute",  # the gap links (a part) to the issue forms
    "dictionary",  # the data dictionary, on the data page and in the zip's README
    "glance",  # a partnership page's opening figures, as parts
}


def modules(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def dotted(path: Path) -> str:
    """cspp.render.pages.hubs for scripts/cspp/render/pages/hubs.py."""
    parts = path.relative_to(RENDER.parent.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> set[str]:
    """Every module the file imports, absolute (relative imports resolved), and for a `from X
    import y` also X.y, since y may be a module."""
    package = dotted(path) if path.name == "__init__.py" else dotted(path).rpartition(".")[0]
    names = set()
    for node in ast.walk(tree(path)):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module
            names.add(module)
            names |= {f"{module}.{alias.name}" for alias in node.names}
    return names


def pages_imported(path: Path) -> set[str]:
    """The modules of render/pages the file imports, by short name."""
    prefix = "cspp.render.pages."
    return {name[len(prefix) :].split(".")[0] for name in imported(path) if name.startswith(prefix)}


def view_modules() -> list[Path]:
    return [p for p in modules(PAGES) if p != DISPATCHER and p.stem not in BASE]


def view_of(path: Path) -> str:
    """A view is a module of render/pages, or a package there with its own modules."""
    return path.relative_to(PAGES).parts[0].removesuffix(".py")


def annotation_names(arg: ast.arg) -> str:
    return ast.unparse(arg.annotation) if arg.annotation is not None else ""


def test_the_base_modules_exist():
    """A typo in BASE would let a view through unchecked."""
    assert {p.stem for p in modules(PAGES)} >= BASE


def test_no_function_of_render_takes_site_but_the_dispatcher():
    wrong = []
    for path in modules(RENDER):
        for node in ast.walk(tree(path)):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) or path == DISPATCHER:
                continue
            arguments = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
            wrong += [
                f"{path.relative_to(RENDER)}: {node.name}({arg.arg})"
                for arg in arguments
                if arg.arg == "site" or annotation_names(arg).split(".")[-1] == "Site"
            ]
    assert wrong == []


def test_only_the_dispatcher_imports_site():
    importing = [
        str(p.relative_to(RENDER))
        for p in modules(RENDER)
        if p != DISPATCHER and "cspp.shape.site" in imported(p)
    ]
    assert importing == []


def test_views_import_only_the_base():
    sideways = {
        str(p.relative_to(RENDER)): sorted(pages_imported(p) - BASE - {view_of(p)})
        for p in view_modules()
    }
    assert {path: names for path, names in sideways.items() if names} == {}


def test_the_base_imports_no_view():
    upward = {p.stem: sorted(pages_imported(p) - BASE) for p in modules(PAGES) if p.stem in BASE}
    assert {name: names for name, names in upward.items() if names} == {}


def test_charts_and_pages_meet_only_in_the_base():
    charts_to_views = {
        str(p.relative_to(RENDER)): sorted(pages_imported(p) - BASE)
        for p in modules(RENDER / "charts")
    }
    pages_to_charts = [
        str(p.relative_to(RENDER))
        for p in modules(PAGES)
        if any(n.startswith("cspp.render.charts") for n in imported(p))
    ]
    assert {path: names for path, names in charts_to_views.items() if names} == {}
    assert pages_to_charts == []


def calls(node: ast.AST) -> list[str]:
    return [ast.unparse(n.func) for n in ast.walk(node) if isinstance(n, ast.Call)]


def module_level(path: Path) -> list[ast.stmt]:
    """The statements that run at import: all but function and class bodies."""
    return [
        node
        for node in tree(path).body
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
    ]


def decorators(path: Path) -> list[str]:
    return [
        ast.unparse(d)
        for node in ast.walk(tree(path))
        if isinstance(node, (ast.FunctionDef, ast.ClassDef))
        for d in node.decorator_list
    ]


def test_nothing_in_render_throws_a_switch_at_import():
    """Altair's theme and debug mode, and the Jinja environments, are made by functions."""
    thrown = {}
    for path in modules(RENDER):
        at_import = [c for stmt in module_level(path) for c in calls(stmt)] + decorators(path)
        switches = [
            c
            for c in at_import
            if "Environment" in c
            or "debug_mode" in c
            or "theme.register" in c
            or "theme.enable" in c
        ]
        if switches:
            thrown[str(path.relative_to(RENDER))] = switches
    assert thrown == {}


def test_one_jinja_environment_factory():
    made = [
        f"{path.relative_to(RENDER)}"
        for path in modules(RENDER)
        for call in calls(tree(path))
        if call.split(".")[-1] == "Environment"
    ]
    assert made == ["pages/html.py"]


def test_the_downloads_page_is_rendered_by_the_pages_not_by_publish():
    """publish/downloads.py writes the files and lists them; render/pages renders their page,
    which the build (publish/build.py, the one caller of the views) writes like every page."""
    publish = RENDER.parent / "publish"
    rendering = [
        str(p.relative_to(publish))
        for p in modules(publish)
        if p.name != "build.py"
        and any(name.startswith("cspp.render.pages") for name in imported(p))
        and any(
            c.split(".")[-1] in ("page", "render", "downloads_page", "downloads_files")
            for c in calls(tree(p))
        )
    ]
    assert rendering == []
