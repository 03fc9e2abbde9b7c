"""The review loop (the old runner's step "review"): reviews a supervisor returned to the commune with a
comment, villages' lists approved for a year, and a per-commune counter of what laptops have been told."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "review_return",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("commune_code", sa.String(5), nullable=False),
        sa.Column("village_uuid", sa.String(36), nullable=False),
        sa.Column("household_uuid", sa.String(36), nullable=False),
        sa.Column("review_uuid", sa.String(36), nullable=False),
        sa.Column("review_year", sa.Integer, nullable=False),
        sa.Column("review_revision", sa.Integer, nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("returned_by", sa.String(60), nullable=False),
        sa.Column("returned_by_name", sa.String(100), nullable=False),
        sa.Column("returned_at", sa.DateTime, nullable=False),
        sa.Column("delivered_at", sa.DateTime),
        sa.Column("resolved_at", sa.DateTime),
        sa.Column("resolved_revision", sa.Integer),
        sa.Column("resolved_device", sa.String(40)),
    )
    op.create_index("ix_review_return_household_uuid", "review_return", ["household_uuid"])
    op.create_index("ix_review_return_commune", "review_return", ["commune_code", "resolved_at"])
    op.create_table(
        "list_approval",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("commune_code", sa.String(5), nullable=False),
        sa.Column("village_uuid", sa.String(36), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("scope", sa.String(8), nullable=False),
        sa.Column("approved_by", sa.String(60), nullable=False),
        sa.Column("approved_by_name", sa.String(100), nullable=False),
        sa.Column("approved_at", sa.DateTime, nullable=False),
        sa.Column("withdrawn_at", sa.DateTime),
        sa.Column("withdrawn_reason", sa.Text),
    )
    op.create_index("ix_list_approval_commune", "list_approval", ["commune_code", "year"])
    op.create_table(
        "review_feed",
        sa.Column("commune_code", sa.String(5), primary_key=True),
        sa.Column("seq", sa.BigInteger, nullable=False),
    )


def downgrade() -> None:
    raise RuntimeError("The server schema is never downgraded: restore the backup taken before the upgrade.")
