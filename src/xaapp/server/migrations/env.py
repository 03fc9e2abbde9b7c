"""Alembic environment of the central server: runs the revisions on the connection (and in the
transaction) ``xaapp.server.schema.migrate`` hands over, under its PostgreSQL advisory lock."""

from __future__ import annotations

from alembic import context

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "xaapp's server migrations run inside `xaapp server run` (xaapp.server.schema.migrate), "
        "which passes its database connection"
    )
context.configure(connection=connection, target_metadata=None)
with context.begin_transaction():
    context.run_migrations()
