"""Use cases of the kiosk, free of widgets and of Qt."""
