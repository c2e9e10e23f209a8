"""Use cases of the visit half of the server (register, look up, sign out, sync, credentials);
routes stay thin and call these with a session."""
