"""volunteers, invites, broadcasts, deliveries, tracked links, daily counts, sender leases

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Staff, not the people the bot serves: a platform id and a role, nothing else.
    op.create_table(
        "volunteers",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("external_id", sa.String(128), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("added_on", sa.Date(), nullable=False),
        sa.UniqueConstraint("channel", "external_id", name="uq_volunteers_channel_external_id"),
    )
    # Invite codes are stored as their SHA-256 only; a code works once, until it expires.
    op.create_table(
        "invites",
        sa.Column("code_hash", sa.LargeBinary(32), primary_key=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("created_by", sa.Integer(), sa.ForeignKey("volunteers.id", ondelete="SET NULL")),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True)),
    )
    op.create_table(
        "broadcasts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),  # phase | message
        sa.Column("content_id", sa.String(64), nullable=False),
        sa.Column("countries", sa.String(256), nullable=False, server_default=""),
        sa.Column("langs", sa.String(64), nullable=False, server_default=""),
        sa.Column("channels", sa.String(64), nullable=False, server_default=""),
        sa.Column("active_days", sa.Integer()),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("send_at", sa.DateTime(timezone=True)),
        sa.Column("started_at", sa.DateTime(timezone=True)),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
        sa.Column("created_by", sa.Integer(), sa.ForeignKey("volunteers.id", ondelete="SET NULL")),
        sa.Column("recipients", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("report_channel", sa.String(16)),  # where the live progress goes
        sa.Column("report_chat", sa.String(128)),
        sa.Column("report_lang", sa.String(8)),
        sa.Column("report_message_id", sa.BigInteger()),
    )
    op.create_index("ix_broadcasts_status", "broadcasts", ["status"])
    # One row a recipient. user_id is set to NULL when the person deletes their data; channel,
    # language and country are copied at queueing for statistics and rendering.
    op.create_table(
        "deliveries",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True),
        sa.Column(
            "broadcast_id",
            sa.Integer(),
            sa.ForeignKey("broadcasts.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="SET NULL")),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("country", sa.String(8)),
        sa.Column("state", sa.SmallInteger(), nullable=False, server_default="0"),
        sa.Column("claimed_until", sa.DateTime(timezone=True)),
        sa.Column("attempts", sa.SmallInteger(), nullable=False, server_default="0"),
        sa.Column("sent_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_deliveries_work", "deliveries", ["broadcast_id", "channel", "state", "id"])
    op.create_index("ix_deliveries_user_id", "deliveries", ["user_id"])
    op.create_table(
        "links",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "broadcast_id",
            sa.Integer(),
            sa.ForeignKey("broadcasts.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("url", sa.String(1024), nullable=False),
        sa.Column("clicks", sa.Integer(), nullable=False, server_default="0"),
        # First clicks of browsers without our cookie (links sent without a delivery: Viber).
        sa.Column("browsers", sa.Integer(), nullable=False, server_default="0"),
        sa.UniqueConstraint("broadcast_id", "url", name="uq_links_broadcast_url"),
    )
    # A unique click is one delivery's first click on one link: no person, no time of day.
    op.create_table(
        "link_clicks",
        sa.Column(
            "link_id",
            sa.Integer(),
            sa.ForeignKey("links.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("delivery_id", sa.BigInteger(), primary_key=True),
        sa.Column("day", sa.Date(), nullable=False),
    )
    # Counts a day for statistics that nothing else keeps (job offers checked, by risk).
    op.create_table(
        "daily_counts",
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("value", sa.Integer(), nullable=False),
    )
    # One sender owns a bot token's rate at a time: a lease renewed while it sends.
    op.create_table(
        "sender_leases",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("holder", sa.String(64), nullable=False),
        sa.Column("until", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    for table in (
        "sender_leases", "daily_counts", "link_clicks", "links", "deliveries", "broadcasts",
        "invites", "volunteers",
    ):  # fmt: skip
        op.drop_table(table)
