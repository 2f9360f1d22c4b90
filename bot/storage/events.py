"""Inbound deliveries already handled, so that a platform's re-delivery changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.engine import Connection

from bot.storage.db import INSERTS
from bot.storage.models import ProcessedEvent


def _record(insert: Any) -> Any:
    return (
        insert(ProcessedEvent)
        .values(
            channel=bindparam("p_channel"),
            key=bindparam("p_key"),
            at=bindparam("p_at"),
            outbox=bindparam("p_outbox"),
        )
        .on_conflict_do_nothing(index_elements=["channel", "key"])
    )


RECORD = {dialect: _record(insert) for dialect, insert in INSERTS.items()}  # built once


def first_time(
    db: Connection, channel: str, key: str, now: dt.datetime, outbox: bytes | None = None
) -> bool:
    """Record ``key`` (with its sealed replies, if any); False if it was already recorded (a
    re-delivery: the caller rolls its transaction back)."""
    statement = RECORD[db.dialect.name]
    params = {"p_channel": channel, "p_key": key, "p_at": now, "p_outbox": outbox}
    result = db.execute(statement, params)
    return bool(result.rowcount == 1)


# One delivery's row.
THIS = (ProcessedEvent.channel == bindparam("p_channel"), ProcessedEvent.key == bindparam("p_key"))
PARK = update(ProcessedEvent).where(*THIS).values(outbox=bindparam("p_outbox"))
UNPARK = update(ProcessedEvent).where(*THIS).values(outbox=None)
PARKED = select(ProcessedEvent.outbox, ProcessedEvent.at).where(*THIS)
RELEASE = update(ProcessedEvent).where(*THIS).values(at=bindparam("p_at"))


def park(db: Connection, channel: str, key: str, sealed: bytes) -> None:
    """Keep a delivery's sealed replies with its key until the platform accepted them."""
    db.execute(PARK, {"p_channel": channel, "p_key": key, "p_outbox": sealed})


def unpark(db: Connection, delivered: list[tuple[str, str]]) -> None:
    """The replies of these deliveries (channel, key) were accepted: drop them (one batch)."""
    db.execute(UNPARK, [{"p_channel": c, "p_key": k} for c, k in delivered])


def parked(db: Connection, channel: str, key: str) -> tuple[bytes, dt.datetime] | None:
    """A delivery's parked replies and when it came (locked on PostgreSQL), if any are left."""
    query = PARKED if db.dialect.name == "sqlite" else PARKED.with_for_update()
    row = db.execute(query, {"p_channel": channel, "p_key": key}).first()
    if row is None or row.outbox is None:
        return None
    at = row.at if row.at.tzinfo else row.at.replace(tzinfo=dt.UTC)  # SQLite drops the zone
    return bytes(row.outbox), at


def release(db: Connection, channel: str, key: str, at: dt.datetime) -> None:
    """Let the next re-delivery take the parked replies over at once (their sender gave up):
    the event's time is moved back to ``at``."""
    db.execute(RELEASE, {"p_channel": channel, "p_key": key, "p_at": at})


def prune(db: Connection, before: dt.datetime) -> int:
    """Forget keys older than any platform re-delivers (Telegram keeps updates 24 h)."""
    result = db.execute(delete(ProcessedEvent).where(ProcessedEvent.at < before))
    return int(result.rowcount)


def forget(db: Connection, channel: str, key: str) -> None:
    """Un-record a delivery whose replies could not be sent, so its re-delivery is handled."""
    db.execute(
        delete(ProcessedEvent).where(ProcessedEvent.channel == channel, ProcessedEvent.key == key)
    )
