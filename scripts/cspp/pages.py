"""Generated Markdown pages, one per partnership, plan and indicator, from the model."""


def write_pages(model, docs, snippets) -> None:
    return None
