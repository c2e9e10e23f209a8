"""Icons, translations, fonts and templates shipped with the kiosk."""
