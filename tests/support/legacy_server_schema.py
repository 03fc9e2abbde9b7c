"""Central databases as the old hand-written schema runner left them: its version N in
``server_meta.schema_version`` and no ``alembic_version``. The schema of version N is the one revision
``000N`` gives (the revisions were written from the runner's steps); the marker is what differs."""

from __future__ import annotations

from alembic import command
from sqlalchemy import Connection, MetaData, Table, text

from xaapp.server import schema


def legacy_database(conn: Connection, version: int) -> None:
    """Make the empty database of *conn* one the old runner left at *version* (1 … 4)."""
    config = schema._config(conn)
    command.upgrade(config, schema.LEGACY_VERSIONS[version])
    Table("alembic_version", MetaData()).drop(conn)
    conn.execute(
        text("INSERT INTO server_meta (key, value) VALUES ('schema_version', :v)"), {"v": str(version)}
    )


def fresh_by_the_old_runner(conn: Connection) -> None:
    """What the old runner's last release did on an empty database: every table from the models at once
    (step 1 was ``create_all``), the reference counter, the console's tables, version 4."""
    from xaapp.server.console.schema import metadata as console_metadata

    schema.metadata.create_all(conn)
    conn.execute(schema.counter.insert().values(name="reference", value=0))
    console_metadata.create_all(conn)
    conn.execute(schema.server_meta.insert().values(key="schema_version", value="4"))
