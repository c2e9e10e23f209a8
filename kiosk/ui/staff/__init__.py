"""The front-desk staff console: operator login, register, sign out, today's visits,
on-site roll call, print history, devices."""
