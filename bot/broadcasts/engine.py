"""The broadcast worker: claims batches, sends them at the platform's rate, records results.

One loop a channel. Before it sends, a sender takes the channel's lease (one sender a bot token,
across processes and machines); it claims the next batch while the current one is on the wire,
and marks a batch only once all of it has been answered, so a hard kill re-sends at most the
batch in flight. The rate is kept by a token bucket (aiolimiter) a message (Telegram) or a
request (Viber); a 429 pauses the whole sender for ``retry_after``.

Live progress: the volunteer who started a broadcast from the bot gets one status message that
is edited as it goes (Telegram) or a message at the start and the end (Viber cannot edit).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import socket
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from sqlalchemy.engine import Connection

from bot.broadcasts import store
from bot.broadcasts.links import Links
from bot.broadcasts.store import Claimed
from bot.i18n import Rendered, Renderer
from bot.storage import messages
from bot.storage.db import Database
from flows.broadcast import broadcast_reply
from flows.content import ContentPack

log = logging.getLogger(__name__)
IDLE = 1.0  # seconds between looks for work when there is none
PROGRESS_EVERY = 2.0  # seconds between edits of the status message


@dataclass
class Results:
    """What became of a batch."""

    sent: list[int] = field(default_factory=list)
    blocked: list[int] = field(default_factory=list)  # refused for good: person stopped
    failed: list[int] = field(default_factory=list)  # refused for good: message or account
    retry: list[int] = field(default_factory=list)  # not answered: back to the queue
    skipped: list[int] = field(default_factory=list)  # the person is gone or opted out
    message_ids: list[tuple[str, int]] = field(default_factory=list)  # for "hide this chat"

    def extend(self, other: Results) -> None:
        for name in ("sent", "blocked", "failed", "retry", "skipped", "message_ids"):
            getattr(self, name).extend(getattr(other, name))


@dataclass(frozen=True)
class Prepared:
    """A broadcast ready to send: its message rendered once in each language."""

    id: int
    by_lang: Mapping[str, Rendered]
    fallback: str


class Sender(Protocol):
    channel: str
    rate: float  # what the limiter counts per second (messages or requests)
    batch: int  # deliveries claimed at a time
    lease: str  # one holder a bot token

    async def send(self, broadcast: Prepared, items: list[Claimed]) -> Results: ...

    async def progress(
        self, chat: str, message_id: int | None, text: str, final: bool
    ) -> int | None:
        """Show the volunteer ``text``: edit ``message_id`` if the platform can, else send;
        returns the id of the status message."""
        ...


Clock = Callable[[], dt.datetime]


def default_holder() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}"


class Worker:
    """Sends every due broadcast through ``senders`` until cancelled (``run``) or until there is
    nothing left (``drain``)."""

    def __init__(
        self,
        db: Database,
        content: ContentPack,
        renderer: Renderer,
        senders: list[Sender],
        links: Links,
        clock: Clock,
        *,
        holder: str | None = None,
        lease_seconds: float = 30.0,
        claim_seconds: float | None = None,
    ) -> None:
        self.db = db
        self.content = content
        self.renderer = renderer
        self.senders = senders
        self.by_channel = {s.channel: s for s in senders}
        self.links = links
        self.clock = clock
        self.holder = holder or default_holder()
        self.lease_seconds = lease_seconds
        self.claim_seconds = claim_seconds
        self._prepared: dict[int, Prepared] = {}
        self.sent = 0  # messages sent by this worker (``worker --once`` reports it)
        self._progress_at: dict[int, float] = {}

    # -- the loops ---------------------------------------------------------------------------

    async def run(self) -> None:
        """Forever: one loop a channel; a failure (the database restarting) is logged by kind
        and the loop goes on after a pause."""
        await asyncio.gather(*(self._loop(s) for s in self.senders))

    async def _loop(self, sender: Sender) -> None:
        while True:
            try:
                worked = await self.work(sender)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("broadcast %s: %s", sender.channel, type(exc).__name__)
                worked = False
            if not worked:
                await asyncio.sleep(IDLE)

    async def drain(self) -> None:
        """Send until no due broadcast has anything left for these senders' channels (tools and
        tests); what waits for a channel without a sender here stays queued."""
        channels = tuple(s.channel for s in self.senders)
        while True:
            results = await asyncio.gather(*(self.work(s) for s in self.senders))
            if not any(results):
                left = await self.db.run(lambda db: store.unfinished(db, channels))
                if not left:
                    return
                await asyncio.sleep(0.05)  # claims of a dead worker still running out

    async def work(self, sender: Sender) -> bool:
        """Send what is due on ``sender``'s channel; False if there was nothing (or another
        process holds the channel)."""
        now = self.clock()
        due = await self.db.run(lambda db: store.due(db, now))
        if not due:
            return False
        if not await self._lease(sender):
            return False
        worked = False
        try:
            for broadcast_id in due:
                worked |= await self._send_broadcast(sender, broadcast_id)
        finally:
            await self.db.run(lambda db: store.drop_lease(db, sender.lease, self.holder))
        return worked

    async def _lease(self, sender: Sender) -> bool:
        now = self.clock()
        until = now + dt.timedelta(seconds=self.lease_seconds)
        return await self.db.run(
            lambda db: store.take_lease(db, sender.lease, self.holder, now, until)
        )

    async def _send_broadcast(self, sender: Sender, broadcast_id: int) -> bool:
        prepared = await self._prepare(broadcast_id)
        claim_for = self.claim_seconds or max(60.0, 10 * sender.batch / sender.rate)
        channel = sender.channel

        async def claim() -> list[Claimed]:
            now = self.clock()
            until = now + dt.timedelta(seconds=claim_for)
            return await self.db.run(
                lambda db: store.claim(db, broadcast_id, channel, sender.batch, now, until)
            )

        batch = await claim()
        worked = bool(batch)
        if not worked:
            if await self.db.run(lambda db: store.finish_if_done(db, broadcast_id, self.clock())):
                await self._progress(broadcast_id, sender, final=True)
            return False
        last_lease = time.monotonic()
        while batch:
            if not await self._still_sending(broadcast_id):
                await self._release(batch)
                break
            following = asyncio.create_task(claim())  # on the wire meanwhile: no duplicates
            try:
                results = await self._send_batch(sender, prepared, batch)
            except BaseException:
                following.cancel()
                raise
            await self._record(results)
            batch = await following
            if time.monotonic() - last_lease > self.lease_seconds / 3:
                if not await self._lease(sender):  # lost it (a long pause): leave the rest
                    await self._release(batch)
                    return worked
                last_lease = time.monotonic()
            await self._progress(broadcast_id, sender)
        if await self.db.run(lambda db: store.finish_if_done(db, broadcast_id, self.clock())):
            await self._progress(broadcast_id, sender, final=True)
        return worked

    async def _send_batch(
        self, sender: Sender, prepared: Prepared, batch: list[Claimed]
    ) -> Results:
        reachable = [c for c in batch if c.external_id is not None]
        results = await sender.send(prepared, reachable) if reachable else Results()
        results.skipped += [c.id for c in batch if c.external_id is None]
        return results

    async def _record(self, results: Results) -> None:
        now = self.clock()

        def record(db: Connection) -> None:
            store.mark(db, store.SENT, results.sent, now)
            store.mark(db, store.BLOCKED, results.blocked, now)
            store.mark(db, store.FAILED, results.failed, now)
            store.mark(db, store.SKIPPED, results.skipped, now)
            store.release(db, results.retry)
            store.stop_people(db, results.blocked)
            if results.message_ids:  # broadcasts go too when the person hides the chat
                rows = [messages.Row("telegram", ext, mid, now) for ext, mid in results.message_ids]
                messages.remember(db, rows)

        await self.db.run(record)
        self.sent += len(results.sent)

    async def _release(self, batch: list[Claimed]) -> None:
        ids = [c.id for c in batch]
        await self.db.run(lambda db: store.release(db, ids))

    async def _still_sending(self, broadcast_id: int) -> bool:
        row = await self.db.run(lambda db: store.get(db, broadcast_id))
        return row is not None and row.status == store.SENDING

    # -- content -------------------------------------------------------------------------------

    async def _prepare(self, broadcast_id: int) -> Prepared:
        if broadcast_id not in self._prepared:
            row = await self.db.run(lambda db: store.get(db, broadcast_id))
            assert row is not None
            reply = broadcast_reply(self.content, row.kind, row.content_id)
            await self.links.register(broadcast_id, reply)
            by_lang = {lang: self.renderer.render(reply, lang) for lang in self.content.languages}
            self._prepared[broadcast_id] = Prepared(
                broadcast_id, by_lang, self.content.languages[0]
            )
        return self._prepared[broadcast_id]

    # -- progress ------------------------------------------------------------------------------

    async def _progress(self, broadcast_id: int, sender: Sender, final: bool = False) -> None:
        """Update the volunteer's status message (at most every ``PROGRESS_EVERY`` seconds)."""
        now = time.monotonic()
        if not final and now - self._progress_at.get(broadcast_id, 0.0) < PROGRESS_EVERY:
            return
        self._progress_at[broadcast_id] = now
        row = await self.db.run(lambda db: store.get(db, broadcast_id))
        if row is None or row.report_chat is None:
            return
        reporter = self.by_channel.get(row.report_channel or "")
        if reporter is None:
            return
        counts = await self.db.run(lambda db: store.counts(db, broadcast_id))
        lang = row.report_lang or self.content.languages[0]
        text = progress_text(self.renderer, lang, broadcast_id, counts, final)
        try:
            message_id = await reporter.progress(
                row.report_chat, row.report_message_id, text, final
            )
        except Exception as exc:  # the volunteer's chat is not the broadcast: never stop it
            log.warning("broadcast progress not shown: %s", type(exc).__name__)
            return
        if message_id != row.report_message_id:
            await self.db.run(lambda db: store.set_report_message(db, broadcast_id, message_id))


def progress_text(
    renderer: Renderer, lang: str, broadcast_id: int, counts: Mapping[str, int], final: bool
) -> str:
    from flows.replies import Msg

    msg_id = "broadcast-progress-done" if final else "broadcast-progress"
    return renderer.format(Msg.of(msg_id, id=broadcast_id, **counts), lang)
