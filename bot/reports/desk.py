"""Where the chat's report effects are carried out (issue 6).

The flow asks for I/O with effects; the runtime hands each one to ``ReportDesk.prepare``, which
does the slow work outside any transaction (fetching and cleaning a photo, the receipt's Argon2
hash) and returns an ``Apply``: the database part, run inside the person's next transaction
together with the step that reads its result. So a report is stored and its draft wiped in one
commit: both happen, or neither.

Abuse limits are held in memory only, per person, under a keyed hash whose random key is
replaced every day (and the counters with it): no id, not even a hashed one, reaches the
database or outlives the day.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import hmac
import logging
import secrets
from collections.abc import Awaitable, Callable

from aiolimiter import AsyncLimiter
from sqlalchemy.engine import Connection

from bot.reports import store
from bot.reports.errors import NotAnImage, PhotoTooLarge, ReportError
from bot.reports.photos import clean_photo
from bot.reports.receipts import hash_code, new_code, normalise
from bot.reports.sealing import seal
from bot.reports.store import ReportContent, ReportKeys
from flows.effects import CheckReceipt, Effect, SavePhoto, SubmitAddition, SubmitReport
from flows.events import Event, PhotoSaved, ReceiptChecked, ReportSent
from flows.session import DRAFT_LIFETIME, Draft, Session

log = logging.getLogger(__name__)

Fetch = Callable[[str], Awaitable[bytes]]  # a photo's bytes by its platform reference
Apply = Callable[[Connection, Session], Event]  # the database part, in the step's transaction
ANSWERED = (SavePhoto, SubmitReport, CheckReceipt, SubmitAddition)
REPORTS_PER_DAY = 5
RECEIPT_TRIES_PER_HOUR = 10


class Limits:
    """Per-person leaky buckets (aiolimiter) under a rotating keyed hash, in memory only."""

    def __init__(
        self,
        rate: float,
        period: dt.timedelta,
        clock: Callable[[], dt.datetime],
        rotate_every: dt.timedelta = dt.timedelta(days=1),
    ) -> None:
        self.rate = rate
        self.period = period
        self.clock = clock
        self.rotate_every = max(rotate_every, period)
        self._rotate(clock())

    def _rotate(self, now: dt.datetime) -> None:
        self._key = secrets.token_bytes(32)
        self._since = now
        self._buckets: dict[bytes, AsyncLimiter] = {}

    def _slot(self, person: str) -> bytes:
        now = self.clock()
        if now - self._since >= self.rotate_every:
            self._rotate(now)
        return hmac.new(self._key, person.encode(), hashlib.sha256).digest()[:16]

    async def allow(self, person: str) -> bool:
        """Take one unit for ``person``; False (and nothing taken) when they are over."""
        slot = self._slot(person)
        bucket = self._buckets.get(slot)
        if bucket is None:
            bucket = AsyncLimiter(self.rate, self.period.total_seconds())
            self._buckets[slot] = bucket
        if not bucket.has_capacity():
            return False
        await bucket.acquire()
        return True

    def __len__(self) -> int:
        return len(self._buckets)


def content_of(d: Draft, language: str) -> ReportContent:
    location = (d.lat, d.lon) if d.lat is not None and d.lon is not None else None
    return ReportContent(
        category=d.category or "other",
        country=d.country,
        when=d.when,  # type: ignore[arg-type]  # checked by store (InvalidReport)
        texts=d.texts,
        language=language,
        city=d.city,
        location=location,
        exact=d.exact,
        signs=d.signs,
        offer_text=d.offer,
    )


def _draft(session: Session, draft_id: str) -> Draft | None:
    d = session.draft
    return d if d is not None and d.id == draft_id else None


class ReportDesk:
    def __init__(
        self,
        keys: ReportKeys,
        clock: Callable[[], dt.datetime],
        reports_per_day: int = REPORTS_PER_DAY,
        receipt_tries_per_hour: int = RECEIPT_TRIES_PER_HOUR,
    ) -> None:
        self.keys = keys
        self.clock = clock
        self.reports = Limits(reports_per_day, dt.timedelta(days=1), clock)
        self.receipt_tries = Limits(receipt_tries_per_hour, dt.timedelta(hours=1), clock)

    async def prepare(
        self, effect: Effect, person: str, fetch: Fetch | None, now: dt.datetime
    ) -> Apply:
        if isinstance(effect, SavePhoto):
            return await self._photo(effect, fetch, now)
        if isinstance(effect, SubmitReport):
            return await self._report(effect, person, now)
        if isinstance(effect, CheckReceipt):
            return await self._receipt(effect, person)
        if isinstance(effect, SubmitAddition):
            return self._addition(effect, now)
        raise TypeError(f"not a report effect: {type(effect).__name__}")

    async def _photo(self, effect: SavePhoto, fetch: Fetch | None, now: dt.datetime) -> Apply:
        try:
            if fetch is None:
                raise ReportError("this channel cannot fetch photos")
            cleaned = await asyncio.to_thread(clean_photo, await fetch(effect.ref))
        except PhotoTooLarge:
            return _answer(PhotoSaved(result="too_large"))
        except NotAnImage:
            return _answer(PhotoSaved(result="not_image"))
        except Exception as exc:
            log.warning("photo not fetched: %s", type(exc).__name__)  # never the reference
            return _answer(PhotoSaved(result="failed"))
        sealed = seal(self.keys.public_key, cleaned)
        expires = now + DRAFT_LIFETIME

        def apply(conn: Connection, session: Session) -> Event:
            if _draft(session, effect.draft) is None:
                return PhotoSaved(result="gone")
            kept = store.keep_pending_photo(conn, effect.draft, sealed, expires, store.MAX_PHOTOS)
            return PhotoSaved(result="saved" if kept else "too_many")

        return apply

    async def _report(self, effect: SubmitReport, person: str, now: dt.datetime) -> Apply:
        if not await self.reports.allow(person):
            return _answer(ReportSent(problem="limited"))
        code = new_code()
        digest = await asyncio.to_thread(hash_code, code, self.keys.receipt_salt)

        def apply(conn: Connection, session: Session) -> Event:
            d = _draft(session, effect.draft)
            if d is None:
                return ReportSent(problem="gone")
            content = content_of(d, session.lang or "")
            try:
                store.file_report(conn, self.keys, content, digest, now, d.id)
            except ReportError as exc:
                log.warning("report not stored: %s", type(exc).__name__)
                return ReportSent(problem="failed")
            return ReportSent(receipt=code)

        return apply

    async def _receipt(self, effect: CheckReceipt, person: str) -> Apply:
        if not await self.receipt_tries.allow(person):
            return _answer(ReceiptChecked(limited=True))
        code = normalise(effect.code)
        # The slow hash runs for a malformed code too: every wrong code costs the same.
        digest = await asyncio.to_thread(hash_code, code or "0" * 16, self.keys.receipt_salt)

        def apply(conn: Connection, session: Session) -> Event:
            found = code is not None and store.report_exists(conn, digest)
            return ReceiptChecked(digest=digest.hex() if found else None)

        return apply

    def _addition(self, effect: SubmitAddition, now: dt.datetime) -> Apply:
        def apply(conn: Connection, session: Session) -> Event:
            d = _draft(session, effect.draft)
            if d is None or d.receipt is None:
                return ReportSent(problem="gone")
            digest = bytes.fromhex(d.receipt)
            if not store.file_addition(conn, self.keys, digest, d.texts, now, d.id):
                return ReportSent(problem="not_found")
            return ReportSent()

        return apply


def _answer(event: Event) -> Apply:
    return lambda _conn, _session: event
