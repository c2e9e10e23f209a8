"""The demo site's operator login, in a module of its own: the kiosk shows it on its login
screens, and importing the whole demo seeder (SQLModel) on the GUI thread for two strings
raced with the workers' imports of SQLAlchemy."""

DEMO_OPERATOR = ("admin", "admin123")
