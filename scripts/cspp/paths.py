"""Where things live. Every path is computed from the project root, never the working directory."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATAPACKAGES = ROOT / "datapackages"
SITE_SRC = ROOT / "site_src"
ISSUE_FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"  # the issue forms, one YAML file each
MKDOCS_YML = ROOT / "mkdocs.yml"
SITE = ROOT / "site"
BUILD = ROOT / "build"
CACHE = ROOT / ".cache"


def relative(path: Path, root: Path = ROOT) -> str:
    """A path as contributors see it in their checkout (datapackages/plans/plans.csv)."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
