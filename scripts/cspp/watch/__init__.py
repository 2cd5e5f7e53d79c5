"""Watch: ask the outside world about the data, never change the data itself. Today: whether each
source address still opens (`links.py`), and the rows and report that record it (`records.py`)."""
