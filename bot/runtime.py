"""The runtime: one inbound event at a time per person, load → step → effects → save.

Order per person is kept twice: in-process by a bounded set of FIFO locks (a person's key always
maps to the same lock; 1024 locks whatever the number of people), and across processes by the
database (``FOR UPDATE`` row locks on PostgreSQL, ``BEGIN IMMEDIATE`` on SQLite, and a version
check on every save so a lost race is retried from a fresh load, never overwritten).

A channel passes a ``key`` (Telegram ``update_id``, Viber ``message_token``) to drop re-deliveries:
the key is recorded in the same transaction as the new state, so an event counts once. It passes a
``deliver`` callback to send the replies while the person's lock is still held, so one person's
replies leave in the order their events came.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import secrets
import zlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import partial

from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from bot import housekeeping
from bot.broadcasts.desk import VolunteerDesk
from bot.errors import DeliveryFailed
from bot.i18n import Rendered, Renderer
from bot.outbox import LEASE, Busy, Outbox
from bot.reports import store as reports
from bot.reports.desk import ANSWERED, Apply, Fetch, ReportDesk
from bot.storage import counters, events, messages, users
from bot.storage.db import Database
from flows import ForgetMe, Outcome, Session, step
from flows.content import ContentPack
from flows.effects import (
    VOLUNTEER_EFFECTS,
    CheckReceipt,
    Count,
    DropDraft,
    Effect,
    RedeemInvite,
    SavePhoto,
    SubmitReport,
)
from flows.events import Event, PhotoSaved, ReceiptChecked, ReportSent, Stopped
from flows.screens import Context

log = logging.getLogger(__name__)
ATTEMPTS = 5
FLUSH_AFTER = 0.2  # seconds a sent message id may wait before it is written
MAX_PENDING = 10_000  # message ids kept for a later write while the database is away
PRUNE_EVERY = housekeeping.EVERY


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class StripedLocks:
    """A fixed number of FIFO locks; a key always maps to the same one."""

    def __init__(self, size: int = 1024) -> None:
        self._locks = [asyncio.Lock() for _ in range(size)]

    def __call__(self, key: str) -> asyncio.Lock:
        return self._locks[zlib.crc32(key.encode()) % len(self._locks)]


@dataclass(frozen=True)
class Handled:
    """What a channel gets back: rendered replies, the effects only it can carry out."""

    replies: list[Rendered] = field(default_factory=list)
    effects: tuple[Effect, ...] = ()
    lang: str = "uk"
    duplicate: bool = False
    forgotten: bool = False  # the person's data was just deleted: keep nothing more about them


class Duplicate(Exception):
    """This delivery was handled before (same platform key)."""


Deliver = Callable[[Handled], Awaitable[None]]
Park = Callable[[Connection, Outcome], bytes | None]


class Runtime:
    def __init__(
        self,
        db: Database,
        content: ContentPack,
        renderer: Renderer,
        clock: Callable[[], dt.datetime] = utcnow,
        report_retention_days: int | None = None,
        desk: ReportDesk | None = None,
        volunteers: VolunteerDesk | None = None,
        outbox: Outbox | None = None,
    ) -> None:
        self.db = db
        self.outbox = outbox  # None: replies are not parked (tools, the console chat)
        self.desk = desk
        self.volunteers = volunteers or VolunteerDesk()
        self.report_retention_days = report_retention_days
        self.content = content
        self.renderer = renderer
        self.clock = clock
        self.locks = StripedLocks()
        self._pending: list[messages.Row] = []
        self._delivered: dict[tuple[str, str], None] = {}  # parked replies accepted, to clear
        self._pruned = dt.datetime.min.replace(tzinfo=dt.UTC)
        self._flusher: asyncio.Task[None] | None = None
        self._cards: dict[tuple[str, str], bytes] = {}

    async def handle(
        self,
        channel: str,
        external_id: str,
        event: Event,
        *,
        key: str | None = None,
        deliver: Deliver | None = None,
        reachable: bool = True,
        fetch: Fetch | None = None,
    ) -> Handled:
        """Process one event of one person; replies are delivered (if ``deliver``) in order.
        ``fetch`` gets a photo's bytes by its reference (for reports)."""
        # Replies are parked when there is a delivery to re-deliver and a way to send them.
        outbox = self.outbox if deliver is not None and key is not None else None
        async with self.locks(f"{channel}:{external_id}"):
            handled = await self._handle(channel, external_id, event, key, reachable, fetch, outbox)
            if handled.duplicate:
                if outbox is None or key is None:
                    return handled
                resend = await self._take_parked(outbox, channel, key)
                if resend is None:
                    return handled
                handled = resend
            if deliver is None:
                return handled
            try:
                await deliver(handled)
            except DeliveryFailed:
                if key is not None:
                    await self.db.run(
                        partial(self._undeliverable, channel, key, outbox is not None)
                    )
                raise
            if outbox is not None and key is not None and (handled.replies or handled.effects):
                self._delivered[(channel, key)] = None  # cleared with the next flush
                self._flush_later()
            return handled

    def _undeliverable(self, channel: str, key: str, parking: bool, db: Connection) -> None:
        """The replies could not be delivered now: let the platform's re-delivery through —
        to the parked replies at once, or (nothing parked) to a new step."""
        if parking:
            events.release(db, channel, key, self.clock() - LEASE)
        else:
            events.forget(db, channel, key)

    async def _take_parked(self, outbox: Outbox, channel: str, key: str) -> Handled | None:
        """A re-delivery: the replies its first delivery parked and no sender has delivered —
        the process that took it died (or gave up). None when there is nothing left to send.
        Raises :class:`Busy` while another process may still be sending them."""
        if (channel, key) in self._delivered:
            return None  # delivered here a moment ago; the clearing is not written yet
        now = self.clock()

        def take(db: Connection) -> Handled | None:
            row = events.parked(db, channel, key)
            if row is None:
                return None
            sealed, at = row
            if now - at < LEASE:
                raise Busy((at + LEASE - now).total_seconds())
            opened = outbox.open(sealed)
            if opened is None:  # sealed under another SECRET_KEY: nothing this process can send
                return None
            events.release(db, channel, key, now)  # ours now, for one lease
            replies, effects, lang, forgotten = opened
            return Handled(replies, effects, lang, forgotten=forgotten)

        resend = await self.db.run(take)
        if resend is not None:
            log.info("%s: sending replies parked by an earlier delivery", channel)
        return resend

    async def _handle(
        self,
        channel: str,
        external_id: str,
        event: Event,
        key: str | None,
        reachable: bool,
        fetch: Fetch | None,
        outbox: Outbox | None = None,
    ) -> Handled:
        now = self.clock()
        assembled: list[Handled] = []

        def parker(prior: list[Outcome], last: bool) -> Park | None:
            """Seals the replies in the step's own transaction once no step follows: the first
            step hands them to the key's record (returns them); a later one parks them."""
            if outbox is None or key is None:
                return None

            def park(db: Connection, outcome: Outcome) -> bytes | None:
                assembled.clear()  # a retried transaction parks afresh
                if not last and any(
                    isinstance(e, ANSWERED + VOLUNTEER_EFFECTS) for e in outcome.effects
                ):
                    return None  # another step follows: it parks
                handled = self._assemble([*prior, outcome])
                assembled.append(handled)
                if not (handled.replies or handled.effects):
                    return None
                sealed = outbox.seal(
                    handled.replies, handled.effects, handled.lang, handled.forgotten
                )
                if not prior:
                    return sealed  # recorded with the key, in this transaction
                events.park(db, channel, key, sealed)
                return None

            return park

        try:
            outcome = await self._run(
                channel, external_id, event, key, now, reachable, None, parker([], last=False)
            )
        except Duplicate:
            return Handled(duplicate=True)
        steps = [outcome]
        lang = outcome.session.lang or self.content.languages[0]
        answered = [e for e in outcome.effects if isinstance(e, ANSWERED + VOLUNTEER_EFFECTS)]
        for n, effect in enumerate(answered, 1):  # effects answered with an event: photos…
            if isinstance(effect, ANSWERED):
                apply = await self._prepare(effect, f"{channel}:{external_id}", fetch, now)
            else:
                apply = self.volunteers.prepare(effect, channel, external_id, lang, now)
            park = parker(list(steps), last=n == len(answered))
            steps.append(
                await self._run(channel, external_id, None, None, now, reachable, apply, park)
            )
        handled = assembled[-1] if assembled else self._assemble(steps)
        if any(isinstance(e, DropDraft | SubmitReport) for done in steps for e in done.effects):
            await self.db.scrub()  # a draft was wiped: leave no old copy of it in the files
        if handled.forgotten:  # message ids still queued for /hide go too
            self._pending = [
                r for r in self._pending if (r.channel, r.external_id) != (channel, external_id)
            ]
        return handled

    def _assemble(self, steps: list[Outcome]) -> Handled:
        """The replies of an event's steps in words, and the effects only a channel carries out."""
        lang = steps[-1].session.lang or self.content.languages[0]
        replies = [self.renderer.render(r, lang) for done in steps for r in done.replies]
        effects = [
            e
            for done in steps
            for e in done.effects
            if not isinstance(e, ANSWERED + VOLUNTEER_EFFECTS)
        ]
        kept = tuple(e for e in effects if not isinstance(e, ForgetMe | DropDraft | Count))
        forgotten = any(isinstance(e, ForgetMe) for e in effects)
        return Handled(replies, kept, lang, forgotten=forgotten)

    async def _prepare(
        self, effect: Effect, person: str, fetch: Fetch | None, now: dt.datetime
    ) -> Apply:
        if self.desk is None:  # reports are not set up (a tool's runtime): say it failed
            result: Event = ReportSent(problem="failed")
            if isinstance(effect, CheckReceipt):
                result = ReceiptChecked()
            elif isinstance(effect, SavePhoto):
                result = PhotoSaved(result="failed")
            return lambda _conn, _session: result
        return await self.desk.prepare(effect, person, fetch, now)

    async def _run(
        self,
        channel: str,
        external_id: str,
        event: Event | None,
        key: str | None,
        now: dt.datetime,
        reachable: bool,
        apply: Apply | None,
        park: Park | None = None,
    ) -> Outcome:
        """One transaction, retried from a fresh load when another process saved first."""
        transact = partial(
            self._transact, channel, external_id, event, key, now, reachable, apply, park
        )
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return await self.db.run(transact)
            except (users.VersionConflict, IntegrityError):
                log.info("state conflict on %s, retry %d", channel, attempt)
                if attempt == ATTEMPTS:
                    raise
                await asyncio.sleep(0.005 * attempt)
        raise AssertionError("unreachable")

    def _transact(
        self,
        channel: str,
        external_id: str,
        event: Event | None,
        key: str | None,
        now: dt.datetime,
        reachable: bool,
        apply: Apply | None,
        park: Park | None,
        db: Connection,
    ) -> Outcome:
        """Load, step, save, park the replies and record the delivery's ``key``: one transaction
        (run by ``Database.run``). The key is recorded last, with the parked replies in the same
        row (one write); a re-delivery finds it taken and the whole transaction is rolled back
        (:class:`Duplicate`). With ``apply`` (an effect's database part) the event is what
        ``apply`` returns, in this transaction."""
        if isinstance(event, Stopped):
            users.mark_stopped(db, channel, external_id)
            if key is not None and not events.first_time(db, channel, key, now):
                raise Duplicate
            return Outcome((), (), Session())
        user = users.load(db, channel, external_id)
        session = Session.from_json(user.session if user else None)
        if apply is not None:
            event = apply(db, session)
        assert event is not None
        role = self.volunteers.role(db, channel, external_id)
        ctx = Context(now=now, content=self.content, token=secrets.token_hex(16), role=role)
        outcome = step(session, event, ctx)
        for effect in outcome.effects:
            if isinstance(effect, DropDraft):
                reports.drop_pending(db, effect.draft)
            elif isinstance(effect, Count):
                counters.bump(db, effect.name, now.date())
        if any(isinstance(e, ForgetMe) for e in outcome.effects):
            users.forget(db, channel, external_id)
            messages.forget(db, channel, external_id)
        else:
            users.save(db, channel, external_id, user, outcome.session, now.date(), reachable)
        sealed = park(db, outcome) if park is not None else None
        if key is not None and not events.first_time(db, channel, key, now, sealed):
            raise Duplicate
        return outcome

    async def welcome(self, channel: str, external_id: str, event: Event, key: str) -> Handled:
        """Viber's ``conversation_started``: someone opened the chat. A stranger gets the reply
        and nothing is stored (no id without a conversation); someone we know goes on as usual,
        but a stopped person stays stopped (opening a chat is not subscribing)."""
        stored = await self.db.run(lambda db: users.load(db, channel, external_id))
        if stored is not None:
            return await self.handle(channel, external_id, event, key=key, reachable=False)
        now = self.clock()
        ctx = Context(now=now, content=self.content)
        outcome = step(Session(), event, ctx)
        lang = outcome.session.lang or self.content.languages[0]
        counted = [e for e in outcome.effects if isinstance(e, Count)]
        invite = next((e for e in outcome.effects if isinstance(e, RedeemInvite)), None)
        if counted or invite:  # counts and a volunteer invite, but still no user row
            session = outcome.session
            apply = (
                self.volunteers.prepare(invite, channel, external_id, lang, now) if invite else None
            )

            def record(db: Connection) -> Event | None:
                for effect in counted:
                    counters.bump(db, effect.name, now.date())
                return apply(db, session) if apply else None

            answer = await self.db.run(record)
            if answer is not None:
                outcome = step(session, answer, ctx)
        return Handled([self.renderer.render(r, lang) for r in outcome.replies], (), lang)

    async def mark_stopped(self, channel: str, external_id: str) -> None:
        """The platform refused to deliver (blocked, deactivated): no more sends to them."""
        await self.db.run(partial(users.mark_stopped, channel=channel, external_id=external_id))

    async def remember_messages(self, channel: str, external_id: str, ids: list[int]) -> None:
        """Keep message ids for "hide this chat"; written in batches a moment later (one write
        for everybody's recent messages instead of one per event)."""
        now = self.clock()
        self._pending += [messages.Row(channel, external_id, i, now) for i in ids]
        self._flush_later()

    def _flush_later(self) -> None:
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.create_task(self._flush_soon())

    async def _flush_soon(self) -> None:
        await asyncio.sleep(FLUSH_AFTER)
        try:
            await self.flush()
        except Exception as exc:  # the database restarting: keep the ids for the next write
            log.warning("message ids not written yet: %s", type(exc).__name__)
            if len(self._delivered) > MAX_PENDING:  # parked replies stay; a re-delivery is rare
                for done in list(self._delivered)[: len(self._delivered) - MAX_PENDING]:
                    self._delivered.pop(done, None)

    async def close(self) -> None:
        """Finish the pending write of message ids (and its sweep) before the database goes:
        a write cut off at shutdown would leave a connection open."""
        if self._flusher is not None and not self._flusher.done():
            await self._flusher
        await self.flush()

    async def flush(self) -> None:
        rows, self._pending = self._pending, []
        delivered = list(self._delivered)

        def write(db: Connection) -> None:
            if rows:
                messages.remember(db, rows)
            if delivered:
                events.unpark(db, delivered)

        if rows or delivered:
            try:
                await self.db.run(write)
            except Exception:
                self._pending = rows[-MAX_PENDING:] + self._pending  # tried again next time
                raise
            for done in delivered:
                self._delivered.pop(done, None)
        now = self.clock()
        if now - self._pruned > PRUNE_EVERY:
            self._pruned = now
            # Message ids and delivery keys live 48 hours; drafts and job ads an hour; reports
            # as long as REPORTS_RETENTION_DAYS (at most every 10 minutes, while people write).
            await housekeeping.sweep_now(self.db, now, self.report_retention_days)

    async def card(self, country: str, lang: str) -> bytes:
        """The offline safety card (PNG) of ``country`` in ``lang``; made once, then kept."""
        key = (country, lang)
        if key not in self._cards:
            from bot.card import safety_card

            made = await asyncio.to_thread(safety_card, self.content, self.renderer, country, lang)
            self._cards[key] = made
        return self._cards[key]

    async def recent_messages(self, channel: str, external_id: str) -> list[int]:
        await self.flush()
        now = self.clock()
        return await self.db.run(lambda db: messages.recent(db, channel, external_id, now))

    async def forget_messages(self, channel: str, external_id: str) -> None:
        await self.db.run(lambda db: messages.forget(db, channel, external_id))
