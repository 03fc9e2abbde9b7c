"""The revisions, oldest first: ``0001`` … (Alembic reads these files itself; ``__init__`` is skipped)."""
