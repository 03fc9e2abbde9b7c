"""Every lookup of a push through an index: a household's code within its commune (two laptops typing
one household), read from the record's JSON by the same expression ``server.ingest`` looks it up with."""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        code = "(CAST(data AS JSON) ->> 'code')"
    else:
        code = "json_extract(data, '$.code')"
    op.execute(
        f"CREATE INDEX IF NOT EXISTS ix_record_household_code ON record (commune_code, ({code}))"
        " WHERE entity = 'household'"
    )


def downgrade() -> None:
    raise RuntimeError("The server schema is never downgraded: restore the backup taken before the upgrade.")
