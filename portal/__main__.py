# Entry point for `python -m portal`.
import sys

from portal.cli import main

sys.exit(main())
