"""Suite-wide settings: Qt renders offscreen, so the UI tests run on machines without a screen."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
