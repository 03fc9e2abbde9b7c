"""Receipts of imported sync files; a device's versions by time, to tell a restored laptop (the old
runner's step 3). What a database the old runner created fresh already has is left as it is."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    if "receipt" not in {c["name"] for c in inspector.get_columns("sync_file")}:
        op.add_column("sync_file", sa.Column("receipt", sa.Text))
    if "ix_record_version_device" not in {i["name"] for i in inspector.get_indexes("record_version")}:
        op.create_index("ix_record_version_device", "record_version", ["device_id", "received_at"])


def downgrade() -> None:
    raise RuntimeError("The server schema is never downgraded: restore the backup taken before the upgrade.")
