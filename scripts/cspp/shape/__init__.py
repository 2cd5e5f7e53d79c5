"""Stage 3, shape: pandas only, no reading or writing, no clock. The loaded tables, each passed
by name (load/tables.py), become the data behind each page and chart: latest values, themes,
freshness, per-partnership slices, gaps. The day and any history are inputs too
(tests/test_stage_shape.py checks all this)."""
