"""A household's code looked up within its village: the index of ``0008`` held the code within the
commune, and a commune's villages each number their households from 1, so a push of 500 households
read every village's household of those codes (about 20 rows per code, each decoded) to keep the few of
the same village. The new index leads with the village, read from the record's JSON by the same
expressions ``server.ingest`` looks it up with; the old one is dropped (nothing else uses it)."""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        village, code = "(CAST(data AS JSON) ->> 'village_uuid')", "(CAST(data AS JSON) ->> 'code')"
    else:
        village, code = "json_extract(data, '$.village_uuid')", "json_extract(data, '$.code')"
    op.execute(
        "CREATE INDEX IF NOT EXISTS ix_record_household_village_code"
        f" ON record (commune_code, ({village}), ({code})) WHERE entity = 'household'"
    )
    op.execute("DROP INDEX IF EXISTS ix_record_household_code")


def downgrade() -> None:
    raise RuntimeError("The server schema is never downgraded: restore the backup taken before the upgrade.")
