"""Device drivers, one package per device family; usable without Qt."""
