"""`python -m kiosk` and the installer's entry point: the same as the `visitor-kiosk` script."""

import sys

from kiosk.app import main

sys.exit(main())
