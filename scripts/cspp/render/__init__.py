"""Stage 4, render: the shaped data as pages (Jinja templates) and charts (Altair, rendered to
static SVG). Writes only into the docs folder it is given."""
