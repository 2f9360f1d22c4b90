"""Housekeeping: what must go after its time, in one transaction (``sweep``).

Run by ``movesafe worker`` every few minutes, and by ``movesafe serve`` as it prunes (so a
single-process deployment needs no worker for it): message ids kept for "hide this chat" (48
hours), delivery keys (48 hours), drafts and job ads people walked away from (an hour after they
started), the photos of those drafts, expired web-console sessions and login codes, and reports
past ``REPORTS_RETENTION_DAYS``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable
from typing import NamedTuple

from sqlalchemy.engine import Connection

from bot.console import auth as console
from bot.reports import store as reports
from bot.storage import events, messages, users
from bot.storage.db import Database

log = logging.getLogger(__name__)
KEEP_KEYS = dt.timedelta(hours=48)
EVERY = dt.timedelta(minutes=10)


class Swept(NamedTuple):
    drafts: int  # sessions whose draft or job ad was wiped
    photos: int  # photos of abandoned drafts
    reports: int  # reports past the retention


def sweep(conn: Connection, now: dt.datetime, retention_days: int | None) -> Swept:
    """Delete what is past its time; ``retention_days`` None keeps reports."""
    messages.prune(conn, now)
    events.prune(conn, now - KEEP_KEYS)
    drafts = users.wipe_writing(conn, now)
    photos = reports.prune_pending(conn, now)
    console.prune(conn, now)
    old = 0
    if retention_days is not None:
        old = reports.delete_before(now.date() - dt.timedelta(days=retention_days), conn)
    return Swept(drafts, photos, old)


async def sweep_now(db: Database, now: dt.datetime, retention_days: int | None) -> Swept:
    swept = await db.run(lambda conn: sweep(conn, now, retention_days))
    if swept.drafts or swept.photos:
        await db.scrub()  # no old copy of what was wiped stays in SQLite's files
    return swept


async def run_forever(
    db: Database,
    retention_days: int,
    clock: Callable[[], dt.datetime],
    every: dt.timedelta = EVERY,
) -> None:
    """``movesafe worker``: sweep every ``every`` until cancelled; a failed sweep (the
    database restarting) is logged by kind and tried again next time."""
    while True:
        try:
            swept = await sweep_now(db, clock(), retention_days)
            log.info("swept: %d drafts, %d photos, %d reports", *swept)
        except Exception as exc:
            log.warning("sweep failed: %s", type(exc).__name__)
        await asyncio.sleep(every.total_seconds())
