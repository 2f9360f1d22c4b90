"""The runtime: one inbound event at a time per person, load → step → effects → save.

Order per person is kept twice: in-process by a bounded set of FIFO locks (a person's key always
maps to the same lock; 1024 locks whatever the number of people), and across processes by the
database (``FOR UPDATE`` row locks on PostgreSQL, ``BEGIN IMMEDIATE`` on SQLite, and a version
check on every save so a lost race is retried from a fresh load, never overwritten).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import zlib
from collections.abc import Callable

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.i18n import Rendered, Renderer
from bot.storage import users
from flows import ForgetMe, Outcome, Session, step
from flows.content import ContentPack
from flows.events import Event, Stopped
from flows.screens import Context

log = logging.getLogger(__name__)
ATTEMPTS = 5


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class StripedLocks:
    """A fixed number of FIFO locks; a key always maps to the same one."""

    def __init__(self, size: int = 1024) -> None:
        self._locks = [asyncio.Lock() for _ in range(size)]

    def __call__(self, key: str) -> asyncio.Lock:
        return self._locks[zlib.crc32(key.encode()) % len(self._locks)]


class Runtime:
    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        content: ContentPack,
        renderer: Renderer,
        clock: Callable[[], dt.datetime] = utcnow,
    ) -> None:
        self.sessionmaker = sessionmaker
        self.content = content
        self.renderer = renderer
        self.clock = clock
        self.locks = StripedLocks()

    async def handle(self, channel: str, external_id: str, event: Event) -> list[Rendered]:
        """Process one event of one person and return the replies to draw, in order."""
        async with self.locks(f"{channel}:{external_id}"):
            for attempt in range(1, ATTEMPTS + 1):
                try:
                    outcome = await self._transact(channel, external_id, event)
                    break
                except (users.VersionConflict, IntegrityError):
                    log.info("state conflict on %s, retry %d", channel, attempt)
                    if attempt == ATTEMPTS:
                        raise
                    await asyncio.sleep(0.005 * attempt)
        lang = outcome.session.lang or self.content.languages[0]
        return [self.renderer.render(reply, lang) for reply in outcome.replies]

    async def _transact(self, channel: str, external_id: str, event: Event) -> Outcome:
        now = self.clock()
        async with self.sessionmaker() as db, db.begin():
            if isinstance(event, Stopped):
                await users.mark_stopped(db, channel, external_id)
                return Outcome((), (), Session())
            user = await users.load(db, channel, external_id)
            session = Session.from_json(user.session if user else None)
            outcome = step(session, event, Context(now=now, content=self.content))
            if any(isinstance(e, ForgetMe) for e in outcome.effects):
                await users.forget(db, channel, external_id)
            else:
                await users.save(db, channel, external_id, user, outcome.session, now.date())
        return outcome
