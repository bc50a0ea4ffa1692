"""``python -m msp_contract`` runs the command line."""

import sys

from .cli import main

sys.exit(main())
