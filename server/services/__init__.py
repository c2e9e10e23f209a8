"""Use cases of the visit half of the server (register, look up, sign out, sync, credentials), one
per module; routes stay thin and hand these to `Database.run` (docs/server.md)."""
