"""The supervisor console (the old runner's step "console"): accounts and the communes they see,
sessions, login failures, its audit log, and its read model of the synced records."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "console_user",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(60), nullable=False, unique=True),
        sa.Column("display_name", sa.String(100), nullable=False),
        sa.Column("role", sa.String(12), nullable=False),
        sa.Column("all_communes", sa.Boolean, nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("password_changed_at", sa.DateTime, nullable=False),
        sa.Column("disabled_at", sa.DateTime),
    )
    op.create_table(
        "console_user_commune",
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("commune_code", sa.String(5), nullable=False),
        sa.PrimaryKeyConstraint("user_id", "commune_code"),
    )
    op.create_table(
        "console_session",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("address", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("last_seen_at", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_console_session_user_id", "console_session", ["user_id"])
    op.create_table(
        "console_login_failure",
        sa.Column("key", sa.String(130), primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("last_failure_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "console_audit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("user_id", sa.Integer),
        sa.Column("username", sa.String(60), nullable=False),
        sa.Column("address", sa.String(64), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("commune_code", sa.String(5)),
        sa.Column("target", sa.String(120), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_index("ix_console_audit_at", "console_audit", ["at"])
    op.create_table(
        "console_feed",
        sa.Column("commune_code", sa.String(5), primary_key=True),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("refreshed_at", sa.DateTime),
    )
    op.create_table(
        "console_village",
        sa.Column("uuid", sa.String(36), primary_key=True),
        sa.Column("commune_code", sa.String(5), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("deleted", sa.Boolean, nullable=False),
    )
    op.create_index("ix_console_village_commune_code", "console_village", ["commune_code"])
    op.create_table(
        "console_household",
        sa.Column("uuid", sa.String(36), primary_key=True),
        sa.Column("commune_code", sa.String(5), nullable=False),
        sa.Column("village_uuid", sa.String(36), nullable=False),
        sa.Column("code", sa.String(20), nullable=False),
        sa.Column("address", sa.String(200), nullable=False),
        sa.Column("deleted", sa.Boolean, nullable=False),
    )
    op.create_index("ix_console_household_village_uuid", "console_household", ["village_uuid"])
    op.create_table(
        "console_person",
        sa.Column("uuid", sa.String(36), primary_key=True),
        sa.Column("commune_code", sa.String(5), nullable=False),
        sa.Column("household_uuid", sa.String(36), nullable=False),
        sa.Column("position", sa.Integer),
        sa.Column("full_name", sa.String(100), nullable=False),
        sa.Column("sex", sa.String(8), nullable=False),
        sa.Column("dob", sa.String(10)),
        sa.Column("birth_year", sa.Integer),
        sa.Column("personal_id", sa.String(12)),
        sa.Column("relationship", sa.String(20), nullable=False),
        sa.Column("deleted", sa.Boolean, nullable=False),
    )
    op.create_index("ix_console_person_household_uuid", "console_person", ["household_uuid"])
    op.create_table(
        "console_review",
        sa.Column("uuid", sa.String(36), primary_key=True),
        sa.Column("commune_code", sa.String(5), nullable=False),
        sa.Column("household_uuid", sa.String(36), nullable=False),
        sa.Column("review_year", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("review_month", sa.Integer),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("result_class", sa.String(12)),
        sa.Column("reason_vi", sa.Text, nullable=False),
        sa.Column("reason_en", sa.Text, nullable=False),
        sa.Column("deprivations", sa.Text, nullable=False),
        sa.Column("surveyed_on", sa.String(10)),
        sa.Column("posted_on", sa.String(10)),
        sa.Column("recognised_on", sa.String(10)),
        sa.Column("decision_no", sa.String(40)),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("deleted", sa.Boolean, nullable=False),
    )
    op.create_index("ix_console_review_household_uuid", "console_review", ["household_uuid"])
    op.create_table(
        "console_tally",
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("commune_code", sa.String(5), nullable=False),
        sa.Column("village_uuid", sa.String(36), nullable=False),
        sa.Column("metric", sa.String(60), nullable=False),
        sa.Column("value", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("year", "commune_code", "village_uuid", "metric"),
    )
    op.create_index("ix_console_tally_village", "console_tally", ["village_uuid"])


def downgrade() -> None:
    raise RuntimeError("The server schema is never downgraded: restore the backup taken before the upgrade.")
