"""Recent message ids per conversation, so "hide this chat" can delete them.

Only ids and the time are kept (never content), and only for 48 hours: Telegram lets a bot delete
messages in a private chat for 48 hours after they were sent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection

from bot.storage.models import RecentMessage

KEEP = dt.timedelta(hours=48)


class Row(NamedTuple):
    channel: str
    external_id: str
    message_id: int
    at: dt.datetime


def remember(db: Connection, rows: Iterable[Row]) -> None:
    values = [r._asdict() for r in rows]
    if values:
        db.execute(insert(RecentMessage), values)


def recent(db: Connection, channel: str, external_id: str, now: dt.datetime) -> list[int]:
    query = select(RecentMessage.message_id).where(
        RecentMessage.channel == channel,
        RecentMessage.external_id == external_id,
        RecentMessage.at > now - KEEP,
    )
    return sorted(set((db.execute(query)).scalars()))


def forget(db: Connection, channel: str, external_id: str) -> None:
    db.execute(
        delete(RecentMessage).where(
            RecentMessage.channel == channel, RecentMessage.external_id == external_id
        )
    )


def prune(db: Connection, now: dt.datetime) -> None:
    db.execute(delete(RecentMessage).where(RecentMessage.at <= now - KEEP))
