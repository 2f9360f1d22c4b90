"""Submitting, adding to, purging and counting anonymous reports (DESIGN.md §7).

What reaches the database: one ``reports`` row per report holding the sealed payload and only
category, country and ISO week readable (plus the Monday of that week, for retention); one
``report_photos`` row per cleaned, sealed photo; one ``report_additions`` row per sealed follow-up.
No user id, chat or message id, no timestamp: the time inside the payload is to the hour. The
receipt code is returned once and kept only as its Argon2id hash (``receipts``).

The payload is JSON padded to a multiple of 256 bytes before sealing, so the sealed size tells
little about the length of what was written.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import math
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Literal, NamedTuple, get_args

from nacl.public import PublicKey
from sqlalchemy import delete, func, insert, select
from sqlalchemy.engine import Connection

from bot.reports.errors import InvalidReport
from bot.reports.photos import clean_photo
from bot.reports.receipts import hash_code, new_code, normalise, salt_from_secret
from bot.reports.sealing import load_public_key, seal
from bot.settings import Settings
from bot.storage.db import Database
from bot.storage.models import PendingPhoto, Report, ReportAddition, ReportPhoto
from flows import report as report_flow

When = Literal["today", "week", "earlier"]
WHENS: tuple[str, ...] = get_args(When)
MAX_PHOTOS = report_flow.MAX_PHOTOS  # per submission or addition
MAX_CHARS = report_flow.MAX_TEXT  # all texts of one submission or addition together
PAD = 256
COARSE_DECIMALS = 2  # ~1 km
EXACT_DECIMALS = 5  # ~1 m, what a phone's location gives anyway
_COUNTRY = re.compile(r"[A-Z]{2}")


@dataclass(frozen=True)
class ReportKeys:
    """What the bot needs to store reports: the analysts' public key and the receipt salt."""

    public_key: PublicKey
    receipt_salt: bytes

    @classmethod
    def from_settings(cls, settings: Settings) -> ReportKeys:
        public = load_public_key(settings.reports_key())
        return cls(public, salt_from_secret(settings.secret()))


@dataclass(frozen=True, kw_only=True)
class ReportContent:
    """What the person told us. ``location`` is (lat, lon); unless ``exact`` it is kept to ~1 km.
    ``signs`` and ``offer_text`` come from the job check when an offer is reported."""

    category: str
    country: str | None
    when: When
    texts: Sequence[str]
    language: str
    city: str | None = None
    location: tuple[float, float] | None = None
    exact: bool = False
    signs: tuple[str, ...] = field(default_factory=tuple)
    offer_text: str | None = None


class WeekCount(NamedTuple):
    category: str
    country: str | None
    iso_week: str
    reports: int


async def submit(
    db: Database, key: ReportKeys, content: ReportContent, photos: Sequence[bytes], now: dt.datetime
) -> str:
    """Seal and store a report; returns its 16-digit receipt code (the only copy).
    Raises ``InvalidReport``, ``NotAnImage`` or ``PhotoTooLarge`` before anything is stored."""
    _check(content)
    sealed_photos = await _sealed_photos(key, photos)
    code = new_code()
    digest = await asyncio.to_thread(hash_code, code, key.receipt_salt)
    photo_rows = [(_new_id(), sealed) for sealed in sealed_photos]
    row = _report_row(key, content, digest, now, [i for i, _ in photo_rows])
    await db.run(partial(_insert_report, row, photo_rows))
    return code


def file_report(
    conn: Connection,
    key: ReportKeys,
    content: ReportContent,
    digest: bytes,
    now: dt.datetime,
    draft_id: str,
) -> None:
    """Store a report written in the chat, with the draft's pending photos, inside the
    caller's transaction (which also wipes the draft). ``InvalidReport`` if out of range."""
    _check(content)
    photo_rows = _take_pending(conn, draft_id)
    row = _report_row(key, content, digest, now, [i for i, _ in photo_rows])
    _insert_report(row, photo_rows, conn)


def file_addition(
    conn: Connection,
    key: ReportKeys,
    digest: bytes,
    texts: Sequence[str],
    now: dt.datetime,
    draft_id: str,
) -> bool:
    """Add a follow-up written in the chat (texts and the draft's pending photos) to the
    report with this receipt hash; False, with nothing stored, if it is gone."""
    _check_texts(texts)
    exists = report_exists(conn, digest)
    photo_rows = _take_pending(conn, draft_id) if exists else []
    payload = {
        "received_at": _hour(now),
        "texts": list(texts),
        "photos": [i for i, _ in photo_rows],
    }
    return _insert_addition(key.public_key, digest, payload, photo_rows, conn)


def report_exists(conn: Connection, digest: bytes) -> bool:
    query = select(Report.id).where(Report.receipt_hash == digest)
    return conn.execute(query).first() is not None


def keep_pending_photo(
    conn: Connection, draft_id: str, sealed: bytes, expires_at: dt.datetime, most: int
) -> bool:
    """Keep a draft's sealed photo until the draft is sent or dropped; False if it has
    ``most`` already."""
    count = select(func.count()).where(PendingPhoto.draft_id == draft_id)
    if (conn.execute(count).scalar() or 0) >= most:
        return False
    row = {"id": _new_id(), "draft_id": draft_id, "sealed": sealed, "expires_at": expires_at}
    conn.execute(insert(PendingPhoto).values(**row))
    return True


def drop_pending(conn: Connection, draft_id: str) -> None:
    """A draft was discarded or expired: its photos go."""
    conn.execute(delete(PendingPhoto).where(PendingPhoto.draft_id == draft_id))


def prune_pending(conn: Connection, now: dt.datetime) -> int:
    """Photos of drafts abandoned past their hour."""
    return conn.execute(delete(PendingPhoto).where(PendingPhoto.expires_at < now)).rowcount


def _take_pending(conn: Connection, draft_id: str) -> list[tuple[str, bytes]]:
    query = select(PendingPhoto.id, PendingPhoto.sealed).where(PendingPhoto.draft_id == draft_id)
    rows = [(i, sealed) for i, sealed in conn.execute(query).all()]
    drop_pending(conn, draft_id)
    return rows


def _report_row(
    key: ReportKeys, content: ReportContent, digest: bytes, now: dt.datetime, photo_ids: list[str]
) -> dict[str, Any]:
    payload = {**_fields(content), "received_at": _hour(now), "photos": photo_ids}
    return {
        "id": _new_id(),
        "sealed": seal(key.public_key, pack(payload)),
        "category": content.category,
        "country": content.country,
        "iso_week": iso_week(now.date()),
        "week_start": week_start(now.date()),
        "receipt_hash": digest,
    }


async def add(
    db: Database,
    key: ReportKeys,
    receipt: str,
    texts: Sequence[str],
    photos: Sequence[bytes],
    now: dt.datetime,
) -> bool:
    """Add texts and photos to the report with this receipt code (as typed: spaces and dashes
    are fine). False, with nothing stored, when no report has it; the slow hash and the photo
    work are done either way."""
    if not texts and not photos:
        raise InvalidReport("an addition needs a text or a photo")
    _check_texts(texts)
    sealed_photos = await _sealed_photos(key, photos)
    code = normalise(receipt)
    digest = await asyncio.to_thread(hash_code, code or "0" * 16, key.receipt_salt)
    if code is None:
        digest = b""  # matches no stored hash (all are 32 bytes): the same lookup, no report
    photo_ids = [_new_id() for _ in sealed_photos]
    payload = {"received_at": _hour(now), "texts": list(texts), "photos": photo_ids}
    photo_rows = list(zip(photo_ids, sealed_photos, strict=True))
    found = await db.run(partial(_insert_addition, key.public_key, digest, payload, photo_rows))
    return found


async def purge(db: Database, today: dt.date, days: int) -> int:
    """Delete reports (with their photos and additions) that came in more than ``days`` ago;
    returns how many. Only the week is known, so a report goes when its week began more than
    ``days`` ago: it is never kept longer than ``days``, and at least ``days - 6``."""
    return await db.run(partial(delete_before, today - dt.timedelta(days=days)))


async def counts_by_category_country_week(db: Database) -> list[WeekCount]:
    """Reports per (category, country, ISO week), from the readable columns only."""
    query = (
        select(Report.category, Report.country, Report.iso_week, func.count())
        .group_by(Report.category, Report.country, Report.iso_week)
        .order_by(Report.iso_week, Report.category, Report.country)
    )
    rows = await db.run(lambda conn: conn.execute(query).all())
    return [WeekCount(*row) for row in rows]


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def pack(payload: dict[str, Any]) -> bytes:
    """JSON, padded with spaces (which JSON ignores) to a multiple of ``PAD`` bytes."""
    raw = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return raw + b" " * (-len(raw) % PAD)


def _hour(now: dt.datetime) -> str:
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    hour = now.astimezone(dt.UTC).replace(minute=0, second=0, microsecond=0)
    return hour.isoformat()


def _new_id() -> str:
    return secrets.token_hex(16)


def _fields(content: ReportContent) -> dict[str, Any]:
    location = None
    if content.location is not None:
        decimals = EXACT_DECIMALS if content.exact else COARSE_DECIMALS
        lat, lon = (round(x, decimals) for x in content.location)
        location = {"lat": lat, "lon": lon, "exact": content.exact}
    return {
        "category": content.category,
        "country": content.country,
        "city": content.city,
        "location": location,
        "when": content.when,
        "texts": list(content.texts),
        "language": content.language,
        "signs": list(content.signs),
        "offer_text": content.offer_text,
    }


def _check(content: ReportContent) -> None:
    if not 0 < len(content.category) <= 64:
        raise InvalidReport("category must be 1-64 characters")
    if content.country is not None and not _COUNTRY.fullmatch(content.country):
        raise InvalidReport("country must be an ISO 3166 alpha-2 code such as PL")
    if content.when not in WHENS:
        raise InvalidReport(f"when must be one of {', '.join(WHENS)}")
    if content.location is not None:
        lat, lon = content.location
        finite = math.isfinite(lat) and math.isfinite(lon)
        if not (finite and -90 <= lat <= 90 and -180 <= lon <= 180):
            raise InvalidReport("location must be (latitude -90..90, longitude -180..180)")
    _check_texts([*content.texts, content.city or "", content.offer_text or ""])


def _check_texts(texts: Sequence[str]) -> None:
    if sum(len(t) for t in texts) > MAX_CHARS:
        raise InvalidReport(f"at most {MAX_CHARS} characters of text at once")


async def _sealed_photos(key: ReportKeys, photos: Sequence[bytes]) -> list[bytes]:
    if len(photos) > MAX_PHOTOS:
        raise InvalidReport(f"at most {MAX_PHOTOS} photos at once")
    cleaned = [await asyncio.to_thread(clean_photo, photo) for photo in photos]
    return [seal(key.public_key, photo) for photo in cleaned]


def _insert_photos(conn: Connection, report_id: str, photos: list[tuple[str, bytes]]) -> None:
    if photos:
        rows = [{"id": i, "report_id": report_id, "sealed": s} for i, s in photos]
        conn.execute(insert(ReportPhoto), rows)


def _insert_report(row: dict[str, Any], photos: list[tuple[str, bytes]], conn: Connection) -> None:
    conn.execute(insert(Report).values(**row))
    _insert_photos(conn, row["id"], photos)


def _insert_addition(
    key: PublicKey,
    digest: bytes,
    payload: dict[str, Any],
    photos: list[tuple[str, bytes]],
    conn: Connection,
) -> bool:
    query = select(Report.id).where(Report.receipt_hash == digest)
    if conn.dialect.name != "sqlite":  # SQLite: BEGIN IMMEDIATE already serialises writers
        query = query.with_for_update()
    report_id = conn.execute(query).scalar()
    if report_id is None:
        return False
    count = select(func.count()).where(ReportAddition.report_id == report_id)
    number = (conn.execute(count).scalar() or 0) + 1
    sealed = seal(key, pack({**payload, "number": number}))
    conn.execute(insert(ReportAddition).values(id=_new_id(), report_id=report_id, sealed=sealed))
    _insert_photos(conn, report_id, photos)
    return True


def delete_before(cutoff: dt.date, conn: Connection) -> int:
    """Delete reports whose week began before ``cutoff`` (inside the caller's transaction)."""
    old = select(Report.id).where(Report.week_start < cutoff)
    conn.execute(delete(ReportPhoto).where(ReportPhoto.report_id.in_(old)))
    conn.execute(delete(ReportAddition).where(ReportAddition.report_id.in_(old)))
    return conn.execute(delete(Report).where(Report.week_start < cutoff)).rowcount
