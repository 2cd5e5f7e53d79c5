"""Run MkDocs on the generated docs through its Python API, exactly as `mkdocs build --strict`:
the same configuration (mkdocs.yml), with the docs folder, site folder and site URL of this build.
"""

from __future__ import annotations

import logging
import os

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from ..paths import MKDOCS_YML


class MkDocsFailed(Exception):
    """MkDocs stopped, or warned in strict mode; the message holds what it said."""


class Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname}: {record.getMessage()}")


def run_mkdocs(docs, out, site_url: str | None) -> None:
    """site_url None keeps mkdocs.yml's (the SITE_URL environment variable, or localhost)."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner about MkDocs 2
    logger, said = logging.getLogger("mkdocs"), Collect()
    logger.addHandler(said)
    try:
        config = load_config(str(MKDOCS_YML), docs_dir=str(docs), site_dir=str(out),
                             site_url=site_url, strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as error:
        raise MkDocsFailed("\n".join(said.lines + [str(error)])) from None
    finally:
        logger.removeHandler(said)
