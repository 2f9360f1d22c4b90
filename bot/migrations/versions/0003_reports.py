"""reports, report_photos, report_additions: sealed anonymous reports

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _child(name: str) -> None:
    """A sealed part of a report, deleted with it."""
    op.create_table(
        name,
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column(
            "report_id",
            sa.String(32),
            sa.ForeignKey("reports.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("sealed", sa.LargeBinary(), nullable=False),
        sqlite_with_rowid=False,
    )
    op.create_index(f"ix_{name}_report_id", name, ["report_id"])


def upgrade() -> None:
    # Random text ids and WITHOUT ROWID on SQLite: no counter that records the order of arrival.
    op.create_table(
        "reports",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("sealed", sa.LargeBinary(), nullable=False),
        sa.Column("category", sa.String(64), nullable=False),
        sa.Column("country", sa.String(8), nullable=True),
        sa.Column("iso_week", sa.String(8), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("receipt_hash", sa.LargeBinary(32), nullable=False),
        sa.UniqueConstraint("receipt_hash", name="uq_reports_receipt_hash"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_reports_week_start", "reports", ["week_start"])
    _child("report_photos")
    _child("report_additions")


def downgrade() -> None:
    for child in ("report_additions", "report_photos"):
        op.drop_index(f"ix_{child}_report_id", table_name=child)
        op.drop_table(child)
    op.drop_index("ix_reports_week_start", table_name="reports")
    op.drop_table("reports")
