"""Inbound deliveries already handled, so that a platform's re-delivery changes nothing."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import ProcessedEvent


async def first_time(db: AsyncSession, channel: str, key: str, now: dt.datetime) -> bool:
    """Record ``key``; False if it was already recorded (a re-delivery)."""
    insert = pg_insert if db.get_bind().dialect.name == "postgresql" else sqlite_insert
    result = await db.execute(
        insert(ProcessedEvent)
        .values(channel=channel, key=key, at=now)
        .on_conflict_do_nothing(index_elements=["channel", "key"])
    )
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


async def prune(db: AsyncSession, before: dt.datetime) -> int:
    """Forget keys older than any platform re-delivers (Telegram keeps updates 24 h)."""
    result = await db.execute(delete(ProcessedEvent).where(ProcessedEvent.at < before))
    return int(result.rowcount)  # type: ignore[attr-defined]
