"""The yearly report (the old runner's step "yearly_report"): each mark a commune's laptop sent, and
the signed snapshot of that commune's tables taken once the sync's records were stored."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "yearly_report",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column("commune_code", sa.String(5), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("device_id", sa.String(40), nullable=False),
        sa.Column("sent_by", sa.String(40), nullable=False),
        sa.Column("sent_at", sa.DateTime, nullable=False),
        sa.Column("noted_at", sa.DateTime, nullable=False),
        sa.Column("frozen_at", sa.DateTime),
        sa.Column("snapshot", sa.Text),
        sa.Column("signature", sa.String(64)),
    )
    op.create_index("ix_yearly_report_commune", "yearly_report", ["commune_code", "year"])


def downgrade() -> None:
    raise RuntimeError("The server schema is never downgraded: restore the backup taken before the upgrade.")
