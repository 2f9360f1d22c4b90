"""Inbound deliveries already handled, so that a platform's re-delivery changes nothing."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from bot.storage.models import ProcessedEvent


def first_time(db: Connection, channel: str, key: str, now: dt.datetime) -> bool:
    """Record ``key``; False if it was already recorded (a re-delivery)."""
    insert = pg_insert if db.dialect.name == "postgresql" else sqlite_insert
    result = db.execute(
        insert(ProcessedEvent)
        .values(channel=channel, key=key, at=now)
        .on_conflict_do_nothing(index_elements=["channel", "key"])
    )
    return bool(result.rowcount == 1)


def prune(db: Connection, before: dt.datetime) -> int:
    """Forget keys older than any platform re-delivers (Telegram keeps updates 24 h)."""
    result = db.execute(delete(ProcessedEvent).where(ProcessedEvent.at < before))
    return int(result.rowcount)


def forget(db: Connection, channel: str, key: str) -> None:
    """Un-record a delivery whose replies could not be sent, so its re-delivery is handled."""
    db.execute(
        delete(ProcessedEvent).where(ProcessedEvent.channel == channel, ProcessedEvent.key == key)
    )
