"""report_pending_photos; users.holds_until: what a draft report leaves, and when it goes

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A draft's photos, sealed as they arrive, until the report is sent (then they move to
    # report_photos) or the draft is discarded or expires. No user id: the random draft id is
    # known only to the person's session while they write.
    op.create_table(
        "report_pending_photos",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("draft_id", sa.String(32), nullable=False),
        sa.Column("sealed", sa.LargeBinary(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_report_pending_photos_draft_id", "report_pending_photos", ["draft_id"])
    # When the session's written content (a draft report, a job ad) must be gone at the latest.
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("holds_until", sa.DateTime(timezone=True), nullable=True))
        batch.create_index("ix_users_holds_until", ["holds_until"])


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_index("ix_users_holds_until")
        batch.drop_column("holds_until")
    op.drop_index("ix_report_pending_photos_draft_id", table_name="report_pending_photos")
    op.drop_table("report_pending_photos")
