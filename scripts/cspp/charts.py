"""Charts: Altair specs rendered to static SVG with vl-convert, each with text, table and CSV."""


def write_charts(model, docs, cache_dir) -> dict:
    return {}
