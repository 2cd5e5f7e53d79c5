"""Run MkDocs on the generated docs through its Python API, exactly as `mkdocs build --strict`:
the same configuration (mkdocs.yml), with the docs folder, site folder and site URL of this build.

mkdocs.yml is also the one home of the project's repository address (`repo_url`, Material's
convention: the header links to it). `repository` reads it through MkDocs' own configuration
loading, so its `!ENV` tag and MkDocs' check of the address apply as they do in the build.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from ..paths import MKDOCS_YML, SITE_SRC


class MkDocsFailed(Exception):
    """MkDocs stopped, or warned in strict mode; the message holds what it said."""


class Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname}: {record.getMessage()}")


@contextmanager
def said_by_mkdocs() -> Iterator[None]:
    """MkDocs' warnings and errors, gathered into MkDocsFailed if it stops."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner about MkDocs 2
    logger, said = logging.getLogger("mkdocs"), Collect()
    logger.addHandler(said)
    try:
        yield
    except MkDocsException as error:
        raise MkDocsFailed("\n".join(said.lines + [str(error)])) from None
    finally:
        logger.removeHandler(said)


def repository(override: str | None = None, config_file: Path = MKDOCS_YML) -> str | None:
    """The repository whose issue forms the gaps link to, or None: override (`cspp build
    --repo-url`), else the REPO_URL environment variable, else `repo_url` in mkdocs.yml. Raises
    MkDocsFailed if MkDocs does not accept the address."""
    chosen = override or os.environ.get("REPO_URL") or None
    with said_by_mkdocs():
        # docs_dir must exist for MkDocs to accept the configuration; only repo_url is read.
        config = load_config(str(config_file), docs_dir=str(SITE_SRC), repo_url=chosen)
    return config.repo_url or None


def run_mkdocs(
    docs, out, site_url: str | None, repo_url: str | None = None, config_file: Path = MKDOCS_YML
) -> None:
    """site_url None keeps mkdocs.yml's (the SITE_URL environment variable, or localhost);
    repo_url None keeps mkdocs.yml's (pass what `repository` found, so the header and the gap
    links name the same repository)."""
    with said_by_mkdocs():
        config: MkDocsConfig = load_config(
            str(config_file),
            docs_dir=str(docs),
            site_dir=str(out),
            site_url=site_url,
            repo_url=repo_url,
            strict=True,
        )
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
