"""Downloads: the packages as validated, one zip, a SQLite database and per-page CSVs."""


def write_downloads(model, docs, packages) -> None:
    return None
