"""Services behind the kiosk's reference-data endpoints (hosts, purposes, units, groups,
field configuration, site settings, blacklist); routes stay thin and call these."""
