"""Stage 5, publish: the build (validate, shape, render, MkDocs, swap into site/), the chart
files, the downloads and the SQLite database. Only this stage writes outside the cache."""
