"""``python -m immunomod``: the command line."""

from __future__ import annotations

import sys

from immunomod.cli import main

sys.exit(main())
