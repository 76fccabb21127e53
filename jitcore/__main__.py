"""Entry point for ``python -m jitcore``."""

import sys

from jitcore.cli import main

sys.exit(main())
