"""Alembic revisions of the central server's database (``versions/``), run by ``xaapp.server.schema.migrate``.

Each revision is written out in full (tables and columns spelled in the revision, never read from today's
models) and imports nothing of xaapp, so replaying it gives the same schema whatever today's code says.
How to add one: ``docs/server-schema.md``.
"""
