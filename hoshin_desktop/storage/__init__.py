"""Storage: SQLite through sqlite-utils. The bundled reference data and each user's working data."""
