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
    LargeBinary,
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
