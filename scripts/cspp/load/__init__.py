"""Stage 1, load: read the data packages through frictionless, and the model built from them."""
