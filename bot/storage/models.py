"""Typed tables. Privacy by construction (DESIGN.md §7): no names, usernames or phone numbers;
the platform id is kept only to answer and is deleted on "delete my data"; activity is kept to the
day, not the second."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    __table_args__ = (
        UniqueConstraint("channel", "external_id", name="uq_users_channel_external_id"),
        Index("ix_users_audience", "subscribed", "stopped", "country", "lang"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(128))
    lang: Mapped[str | None] = mapped_column(String(8))
    country: Mapped[str | None] = mapped_column(String(8))
    subscribed: Mapped[bool] = mapped_column(default=False)
    stopped: Mapped[bool] = mapped_column(default=False)
    session: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(default=0)
    first_seen_on: Mapped[dt.date] = mapped_column(Date)
    last_seen_on: Mapped[dt.date] = mapped_column(Date)
    # The session holds something the person wrote (a draft report, a job ad) until then.
    holds_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), index=True)


class RecentMessage(Base):
    """A message id in a conversation, kept 48 hours for "hide this chat" (no content)."""

    __tablename__ = "recent_messages"
    __table_args__ = (Index("ix_recent_messages_person", "channel", "external_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(128))
    message_id: Mapped[int] = mapped_column(BigInteger)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class ProcessedEvent(Base):
    """Inbound deliveries already handled (webhook dedupe by platform key)."""

    __tablename__ = "processed_events"

    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    key: Mapped[str] = mapped_column(String(128), primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    # Its replies, sealed, until the platform accepted them (see bot/outbox.py).
    outbox: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)


# Anonymous reports (DESIGN.md §7). Nothing here can point at a person: no user id, chat or message
# id, no timestamp (the hour is inside the sealed payload; the readable columns are category,
# country and ISO week). Ids are random; on SQLite the tables are WITHOUT ROWID, so no hidden
# counter records the order in which reports came in.
WITHOUT_ROWID = {"sqlite_with_rowid": False}


class Report(Base):
    __tablename__ = "reports"
    __table_args__ = (
        UniqueConstraint("receipt_hash", name="uq_reports_receipt_hash"),
        Index("ix_reports_week_start", "week_start"),
        WITHOUT_ROWID,
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    sealed: Mapped[bytes] = mapped_column(LargeBinary)
    category: Mapped[str] = mapped_column(String(64))
    country: Mapped[str | None] = mapped_column(String(8))
    iso_week: Mapped[str] = mapped_column(String(8))  # "2026-W48"
    week_start: Mapped[dt.date] = mapped_column(Date)  # Monday of iso_week, for retention
    receipt_hash: Mapped[bytes] = mapped_column(LargeBinary(32))


class ReportPhoto(Base):
    __tablename__ = "report_photos"
    __table_args__ = (Index("ix_report_photos_report_id", "report_id"), WITHOUT_ROWID)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    report_id: Mapped[str] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    sealed: Mapped[bytes] = mapped_column(LargeBinary)


class ReportAddition(Base):
    __tablename__ = "report_additions"
    __table_args__ = (Index("ix_report_additions_report_id", "report_id"), WITHOUT_ROWID)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    report_id: Mapped[str] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    sealed: Mapped[bytes] = mapped_column(LargeBinary)


class PendingPhoto(Base):
    """A draft's photo, already cleaned and sealed, until the draft is sent or dropped."""

    __tablename__ = "report_pending_photos"
    __table_args__ = (Index("ix_report_pending_photos_draft_id", "draft_id"), WITHOUT_ROWID)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    draft_id: Mapped[str] = mapped_column(String(32))
    sealed: Mapped[bytes] = mapped_column(LargeBinary)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


# Volunteers and broadcasts (issue 8). A delivery points at its person only while they exist
# (``ON DELETE SET NULL``); its channel, language and country are copies kept for statistics.
class Volunteer(Base):
    __tablename__ = "volunteers"
    __table_args__ = (
        UniqueConstraint("channel", "external_id", name="uq_volunteers_channel_external_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(128))
    role: Mapped[str] = mapped_column(String(16))
    added_on: Mapped[dt.date] = mapped_column(Date)


class Invite(Base):
    __tablename__ = "invites"

    code_hash: Mapped[bytes] = mapped_column(LargeBinary(32), primary_key=True)
    role: Mapped[str] = mapped_column(String(16))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("volunteers.id", ondelete="SET NULL"))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


# The web console (issue 9): one-time login codes and browser sessions, as SHA-256 hashes only.
# Removing a volunteer (``ON DELETE CASCADE``) ends their sessions and unused codes at once.
class ConsoleLogin(Base):
    __tablename__ = "console_logins"

    code_hash: Mapped[bytes] = mapped_column(LargeBinary(32), primary_key=True)
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteers.id", ondelete="CASCADE"))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class ConsoleSession(Base):
    __tablename__ = "console_sessions"

    token_hash: Mapped[bytes] = mapped_column(LargeBinary(32), primary_key=True)
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteers.id", ondelete="CASCADE"))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class Broadcast(Base):
    __tablename__ = "broadcasts"
    __table_args__ = (Index("ix_broadcasts_status", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    content_id: Mapped[str] = mapped_column(String(64))
    countries: Mapped[str] = mapped_column(String(256), default="")
    langs: Mapped[str] = mapped_column(String(64), default="")
    channels: Mapped[str] = mapped_column(String(64), default="")
    active_days: Mapped[int | None] = mapped_column()
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    send_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("volunteers.id", ondelete="SET NULL"))
    recipients: Mapped[int] = mapped_column(default=0)
    report_channel: Mapped[str | None] = mapped_column(String(16))
    report_chat: Mapped[str | None] = mapped_column(String(128))
    report_lang: Mapped[str | None] = mapped_column(String(8))
    report_message_id: Mapped[int | None] = mapped_column(BigInteger)


class Delivery(Base):
    __tablename__ = "deliveries"
    __table_args__ = (
        Index("ix_deliveries_work", "broadcast_id", "channel", "state", "id"),
        Index("ix_deliveries_user_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), primary_key=True
    )
    broadcast_id: Mapped[int] = mapped_column(ForeignKey("broadcasts.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    channel: Mapped[str] = mapped_column(String(16))
    lang: Mapped[str] = mapped_column(String(8))
    country: Mapped[str | None] = mapped_column(String(8))
    state: Mapped[int] = mapped_column(SmallInteger, default=0)
    claimed_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    attempts: Mapped[int] = mapped_column(SmallInteger, default=0)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class Link(Base):
    __tablename__ = "links"
    __table_args__ = (UniqueConstraint("broadcast_id", "url", name="uq_links_broadcast_url"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    broadcast_id: Mapped[int] = mapped_column(ForeignKey("broadcasts.id", ondelete="CASCADE"))
    url: Mapped[str] = mapped_column(String(1024))
    clicks: Mapped[int] = mapped_column(default=0)
    browsers: Mapped[int] = mapped_column(default=0)


class LinkClick(Base):
    __tablename__ = "link_clicks"

    link_id: Mapped[int] = mapped_column(
        ForeignKey("links.id", ondelete="CASCADE"), primary_key=True
    )
    delivery_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date)


class SenderLease(Base):
    __tablename__ = "sender_leases"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str] = mapped_column(String(64))
    until: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class DailyCount(Base):
    """A number a day (``jobcheck.checked``, ``jobcheck.high``…): no person, no time of day."""

    __tablename__ = "daily_counts"

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column()
