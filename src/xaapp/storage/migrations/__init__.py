"""Versioned schema migrations of the local database (``PRAGMA user_version``)."""
