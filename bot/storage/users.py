"""Repository functions for people and their conversation state (session-first, no lazy loads)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import User
from flows.session import Session


class VersionConflict(Exception):
    """Another process saved this person's state first; the step is retried from a fresh load."""


async def load(db: AsyncSession, channel: str, external_id: str) -> User | None:
    """The person's row, locked for this transaction on PostgreSQL (``FOR UPDATE``)."""
    query = select(User).where(User.channel == channel, User.external_id == external_id)
    if db.get_bind().dialect.name != "sqlite":  # SQLite: the write lock is taken at BEGIN IMMEDIATE
        query = query.with_for_update()
    return (await db.execute(query)).scalar_one_or_none()


async def save(
    db: AsyncSession,
    channel: str,
    external_id: str,
    user: User | None,
    session: Session,
    today: dt.date,
) -> None:
    """Insert the person, or update them if nobody else saved since we loaded (version check)."""
    fields = {
        "session": session.to_json(),
        "lang": session.lang,
        "country": session.country,
        "subscribed": session.subscribed,
        "stopped": False,
        "last_seen_on": today,
    }
    if user is None:
        await db.execute(
            insert(User).values(
                channel=channel, external_id=external_id, version=1, first_seen_on=today, **fields
            )
        )
        return
    result = await db.execute(
        update(User)
        .where(User.id == user.id, User.version == user.version)
        .values(version=User.version + 1, **fields)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise VersionConflict


async def forget(db: AsyncSession, channel: str, external_id: str) -> None:
    await db.execute(delete(User).where(User.channel == channel, User.external_id == external_id))


async def mark_stopped(db: AsyncSession, channel: str, external_id: str) -> None:
    """The platform says nothing can be sent to this person (blocked, unsubscribed)."""
    await db.execute(
        update(User)
        .where(User.channel == channel, User.external_id == external_id)
        .values(stopped=True, version=User.version + 1)
    )
