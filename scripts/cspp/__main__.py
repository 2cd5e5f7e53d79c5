"""`python -m cspp`: the same as the `cspp` command."""

import sys

from .cli import main

sys.exit(main())
