"""replies parked with their delivery until the platform accepted them

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The rendered replies of a delivery, sealed with a key derived from SECRET_KEY, written in the
    # transaction that saves the new state and cleared once the platform accepted them; a
    # re-delivery after a crash sends them instead of losing them.
    with op.batch_alter_table("processed_events") as batch:
        batch.add_column(sa.Column("outbox", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("processed_events") as batch:
        batch.drop_column("outbox")
