"""Stage 3, shape: pandas only, no reading or writing. The model becomes the data behind each
page and chart: latest values, themes, freshness, per-partnership slices, gaps."""
