"""The first released schema (the old runner's step 1): records, versions, conflicts, rejections,
devices and enrolment codes, imported sync files, reference data.

Written out as it was released, not taken from today's models: later columns (token expiry, sealed
keys, receipts) come with the revisions that added them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "server_meta",
        sa.Column("key", sa.String(40), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "commune_state",
        sa.Column("commune_code", sa.String(5), primary_key=True),
        sa.Column("last_seq", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "counter",
        sa.Column("name", sa.String(20), primary_key=True),
        sa.Column("value", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "device",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("commune_code", sa.String(5), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("signing_key", sa.String(64), nullable=False),
        sa.Column("label", sa.String(100), nullable=False),
        sa.Column("enrolled_at", sa.DateTime, nullable=False),
        sa.Column("revoked_at", sa.DateTime),
        sa.Column("last_seen_at", sa.DateTime),
    )
    op.create_index("ix_device_commune_code", "device", ["commune_code"])
    op.create_table(
        "enrollment_code",
        sa.Column("code_hash", sa.String(64), primary_key=True),
        sa.Column("commune_code", sa.String(5), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
        sa.Column("used_at", sa.DateTime),
        sa.Column("device_id", sa.String(40)),
    )
    op.create_table(
        "record",
        sa.Column("uuid", sa.String(36), primary_key=True),
        sa.Column("entity", sa.String(30), nullable=False),
        sa.Column("commune_code", sa.String(5), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("op", sa.String(8), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("device_id", sa.String(40), nullable=False),
        sa.Column("received_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_record_commune_seq", "record", ["commune_code", "seq"])
    op.create_index("ix_record_commune_entity", "record", ["commune_code", "entity"])
    op.create_table(
        "record_version",
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("op", sa.String(8), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("device_id", sa.String(40), nullable=False),
        sa.Column("batch_id", sa.String(64), nullable=False),
        sa.Column("received_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("uuid", "revision"),
    )
    op.create_table(
        "conflict",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("entity", sa.String(30), nullable=False),
        sa.Column("commune_code", sa.String(5), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("base_revision", sa.Integer, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("server_revision", sa.Integer, nullable=False),
        sa.Column("device_id", sa.String(40), nullable=False),
        sa.Column("received_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_conflict_uuid", "conflict", ["uuid"])
    op.create_index("ix_conflict_commune_code", "conflict", ["commune_code"])
    op.create_table(
        "rejection",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("entity", sa.String(30), nullable=False),
        sa.Column("commune_code", sa.String(5), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("field", sa.String(60), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("device_id", sa.String(40), nullable=False),
        sa.Column("received_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_rejection_commune_code", "rejection", ["commune_code"])
    op.create_table(
        "sync_file",
        sa.Column("device_id", sa.String(40), nullable=False),
        sa.Column("file_seq", sa.Integer, nullable=False),
        sa.Column("checksum", sa.String(64), nullable=False),
        sa.Column("records", sa.Integer, nullable=False),
        sa.Column("imported_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("device_id", "file_seq"),
    )
    op.create_table(
        "reference_item",
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("key", sa.String(120), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("kind", "key"),
    )
    op.create_index("ix_reference_item_seq", "reference_item", ["seq"])
    op.execute("INSERT INTO counter (name, value) VALUES ('reference', 0)")


def downgrade() -> None:
    raise RuntimeError("The server schema is never downgraded: restore the backup taken before the upgrade.")
