"""Inbound deliveries already handled, so that a platform's re-delivery changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import bindparam, delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from bot.storage.models import ProcessedEvent


def _record(insert: Any) -> Any:
    return (
        insert(ProcessedEvent)
        .values(channel=bindparam("p_channel"), key=bindparam("p_key"), at=bindparam("p_at"))
        .on_conflict_do_nothing(index_elements=["channel", "key"])
    )


RECORD = {"postgresql": _record(pg_insert), "sqlite": _record(sqlite_insert)}  # built once


def first_time(db: Connection, channel: str, key: str, now: dt.datetime) -> bool:
    """Record ``key``; False if it was already recorded (a re-delivery)."""
    statement = RECORD["postgresql" if db.dialect.name == "postgresql" else "sqlite"]
    result = db.execute(statement, {"p_channel": channel, "p_key": key, "p_at": now})
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
