"""``python -m scenes``: the same as the ``explainer`` command."""

import sys

from scenes.tool.cli import main

sys.exit(main())
