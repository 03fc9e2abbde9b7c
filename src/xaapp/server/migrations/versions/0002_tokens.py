"""Token expiry and rotation, sealed file-signing keys, retryable enrolment (the old runner's step 2).

Devices enrolled before get a year from the upgrade (not from their enrolment: no laptop is locked out
by it). Their clear signing keys are sealed when the server key is first bound (``keys.bind``), which
needs the key and so cannot happen here. A column already there is left as it is: a database the old
runner created fresh had every column at once.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

COLUMNS: dict[str, list[sa.Column[Any]]] = {
    "device": [
        sa.Column("token_expires_at", sa.DateTime),
        sa.Column("previous_token_hash", sa.String(64)),
        sa.Column("signing_key_sealed", sa.Text),
        sa.Column("previous_signing_key_sealed", sa.Text),
    ],
    "enrollment_code": [sa.Column("request_id", sa.String(36))],
}


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    for table, columns in COLUMNS.items():
        have = {c["name"] for c in inspector.get_columns(table)}
        for column in columns:
            if column.name not in have:
                op.add_column(table, column)
    expiry = datetime.now(UTC).replace(tzinfo=None) + timedelta(days=365)
    op.get_bind().execute(
        sa.text("UPDATE device SET token_expires_at = :expiry WHERE token_expires_at IS NULL"),
        {"expiry": expiry},
    )


def downgrade() -> None:
    raise RuntimeError("The server schema is never downgraded: restore the backup taken before the upgrade.")
