"""The broadcast engine against the platform stand-ins (real python-telegram-bot, real HTTP):
audience, one message each in the person's language, blocked people stopped, 429 and 5xx,
a crashed worker's claims taken over, cancel; on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from functools import partial
from typing import Any

import aiohttp
import pytest
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.broadcasts import store
from bot.broadcasts.engine import Worker
from bot.broadcasts.links import Links, link_id
from bot.broadcasts.senders import TelegramSender, ViberSender, telegram_share
from bot.channels.telegram import bot_for
from bot.channels.telegram_http import AiohttpRequest
from bot.i18n import Renderer
from bot.standins.telegram import FakeTelegram
from bot.standins.viber import FakeViber
from bot.storage.db import Database
from bot.storage.models import Delivery, Link, User
from flows.content import ContentPack
from flows.replies import Msg

TOKEN = "123456:TEST-TOKEN"
VIBER_TOKEN = "viber-test-token"
NOW = dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC)
TODAY = NOW.date()

# (channel, id, lang, country, subscribed, stopped, last seen days ago)
PEOPLE = [
    ("telegram", "101", "uk", "PL", True, False, 1),
    ("telegram", "102", "ru", "PL", True, False, 40),
    ("telegram", "103", "uk", "RO", True, False, 3),
    ("telegram", "104", "en", "PL", True, False, 1),  # not in the languages chosen
    ("telegram", "105", "uk", "DE", True, False, 1),  # not in the countries chosen
    ("telegram", "106", "uk", "PL", False, False, 1),  # did not opt in
    ("telegram", "107", "ru", "RO", True, True, 1),  # stopped
    ("telegram", "108", "ru", "RO", True, False, 1),  # blocks the bot before the broadcast
    ("viber", "v-201", "uk", "PL", True, False, 1),  # another channel
]
MATCHING = {"101": "uk", "102": "ru", "103": "uk", "108": "ru"}


async def seed(db: Database, people: list[tuple[Any, ...]] = PEOPLE) -> None:
    rows = [
        {
            "channel": ch, "external_id": ext, "lang": lang, "country": country,
            "subscribed": sub, "stopped": stopped, "session": "", "version": 1,
            "first_seen_on": TODAY - dt.timedelta(days=60),
            "last_seen_on": TODAY - dt.timedelta(days=ago),
        }
        for ch, ext, lang, country, sub, stopped, ago in people
    ]  # fmt: skip
    await db.run(lambda conn: conn.execute(insert(User), rows))


async def work_safe_to_everyone(db: Database) -> tuple[int, int]:
    """A new broadcast of phase 2 ("work safe") to everybody who said yes: (id, recipients)."""
    return await db.run(
        lambda conn: store.create(conn, "phase", "work-safe", store.Audience(), NOW)
    )


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram(TOKEN) as fake:
        yield fake


@pytest.fixture
async def viber() -> AsyncIterator[FakeViber]:
    async with FakeViber(VIBER_TOKEN) as viber:
        yield viber


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> dt.datetime:
        return self.now


async def make_worker(
    db: Database,
    content: ContentPack,
    renderer: Renderer,
    fake: FakeTelegram,
    clock: Clock,
    stack: list[Any],
    *,
    rate: float = 200.0,
    holder: str = "test-worker",
    viber: FakeViber | None = None,
    claim_seconds: float | None = None,
) -> Worker:
    bot = bot_for(TOKEN, fake.url, request=AiohttpRequest())
    await bot.initialize()
    stack.append(bot.shutdown)
    links = Links(db, "secret", "https://movesafe.example.org")
    senders: list[Any] = [
        TelegramSender(bot, links, rate, share=telegram_share(bot.username), sleep=no_sleep)
    ]
    if viber is not None:
        session = aiohttp.ClientSession()
        stack.append(session.close)
        senders.append(
            ViberSender(viber.url, VIBER_TOKEN, session, {"name": "movesafe"}, links, 10.0)
        )
    return Worker(
        db, content, renderer, senders, links, clock, holder=holder, claim_seconds=claim_seconds
    )


async def no_sleep(_seconds: float) -> None:
    return None


def delivered(fake: FakeTelegram) -> list[Any]:
    """Messages the stand-in accepted (a refused call has no Message result)."""
    return [c for c in fake.sent() if isinstance(c.result, dict)]


@pytest.fixture
async def closing() -> AsyncIterator[list[Any]]:
    stack: list[Any] = []
    yield stack
    for close in reversed(stack):
        await close()


async def test_phase_2_to_uk_ru_in_pl_ro_reaches_exactly_the_matching_people_once(
    engine: AsyncEngine,
    content: ContentPack,
    renderer: Renderer,
    fake: FakeTelegram,
    closing: list[Any],
) -> None:
    db = Database(engine)
    await seed(db)
    fake.blocked.add(108)
    audience = store.Audience(("PL", "RO"), ("uk", "ru"), ("telegram",))
    broadcast_id, recipients = await db.run(
        lambda conn: store.create(conn, "phase", "work-safe", audience, NOW)
    )
    assert recipients == len(MATCHING)
    assert await db.run(lambda conn: store.start(conn, broadcast_id, NOW)) == store.READY
    clock = Clock()
    worker = await make_worker(db, content, renderer, fake, clock, closing)
    await worker.drain()

    sent = delivered(fake)
    assert sorted(c.params["chat_id"] for c in sent) == [101, 102, 103]  # 108 blocked: 403
    phase = content.phase("work-safe")
    assert phase is not None
    for call in sent:
        lang = MATCHING[str(call.params["chat_id"])]
        assert renderer.format(Msg(phase.title), lang) in call.params["text"]
        buttons = [b for row in call.params["reply_markup"]["inline_keyboard"] for b in row]
        assert {"text": renderer.format(Msg("broadcast-open-phase"), lang),
                "callback_data": "ph:work-safe"} in buttons  # fmt: skip
        urls = [b["url"] for b in buttons if "url" in b]
        assert any(u.startswith("https://movesafe.example.org/l/") for u in urls)
        assert any(u.startswith("https://t.me/share/url?") for u in urls)

    counts = await db.run(lambda conn: store.counts(conn, broadcast_id))
    assert counts == {
        "recipients": 4, "sent": 3, "blocked": 1, "failed": 0, "skipped": 0, "pending": 0
    }  # fmt: skip
    row = await db.run(lambda conn: store.get(conn, broadcast_id))
    assert row is not None and row.status == store.DONE
    stopped = await db.run(
        lambda conn: conn.execute(select(User.stopped).where(User.external_id == "108")).scalar()
    )
    assert stopped is True
    # A second worker pass sends nothing more.
    await worker.drain()
    assert len(delivered(fake)) == 3


async def test_active_days_and_channels_narrow_the_audience(engine: AsyncEngine) -> None:
    db = Database(engine)
    await seed(db)
    recent = store.Audience(("PL",), ("uk", "ru"), ("telegram",), active_days=30)
    counted = await db.run(lambda conn: store.count_audience(conn, recent, TODAY))
    assert counted == {("telegram", "uk"): 1}  # 102 was last seen 40 days ago
    both = store.Audience(("PL",), ("uk",))
    counted = await db.run(lambda conn: store.count_audience(conn, both, TODAY))
    assert counted == {("telegram", "uk"): 1, ("viber", "uk"): 1}


async def test_429_pauses_and_5xx_is_retried_nothing_lost_nothing_twice(
    engine: AsyncEngine,
    content: ContentPack,
    renderer: Renderer,
    fake: FakeTelegram,
    closing: list[Any],
) -> None:
    db = Database(engine)
    people = [("telegram", str(1000 + i), "uk", "PL", True, False, 1) for i in range(40)]
    await seed(db, people)
    broadcast_id, recipients = await db.run(
        lambda conn: store.create(conn, "message", "hotline-reminder", store.Audience(), NOW)
    )
    await db.run(lambda conn: store.start(conn, broadcast_id, NOW))
    fake.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    fake.fail_next("sendMessage", 502, "Bad Gateway", times=2)
    worker = await make_worker(db, content, renderer, fake, Clock(), closing)
    await worker.drain()
    chats = [c.params["chat_id"] for c in delivered(fake)]
    assert sorted(chats) == sorted(int(p[1]) for p in people)
    counts = await db.run(lambda conn: store.counts(conn, broadcast_id))
    assert counts["sent"] == recipients == 40 and counts["pending"] == 0


async def test_a_dead_workers_claims_are_taken_over_after_the_claim_runs_out(
    engine: AsyncEngine,
    content: ContentPack,
    renderer: Renderer,
    fake: FakeTelegram,
    closing: list[Any],
) -> None:
    db = Database(engine)
    people = [("telegram", str(2000 + i), "ru", "RO", True, False, 1) for i in range(30)]
    await seed(db, people)
    broadcast_id, _ = await work_safe_to_everyone(db)
    await db.run(lambda conn: store.start(conn, broadcast_id, NOW))
    # A worker claimed 10 and died before sending them (its lease and claim remain).
    until = NOW + dt.timedelta(seconds=60)
    claimed = await db.run(lambda conn: store.claim(conn, broadcast_id, "telegram", 10, NOW, until))
    assert len(claimed) == 10
    clock = Clock()
    worker = await make_worker(db, content, renderer, fake, clock, closing)
    assert await worker.work(worker.senders[0]) is True  # the other 20 go now
    assert len(delivered(fake)) == 20
    clock.now = NOW + dt.timedelta(seconds=61)  # the dead worker's claim has run out
    await worker.drain()
    chats = sorted(c.params["chat_id"] for c in delivered(fake))
    assert chats == sorted(int(p[1]) for p in people)
    row = await db.run(lambda conn: store.get(conn, broadcast_id))
    assert row is not None and row.status == store.DONE


async def test_cancel_stops_what_is_not_sent(
    engine: AsyncEngine,
    content: ContentPack,
    renderer: Renderer,
    fake: FakeTelegram,
    closing: list[Any],
) -> None:
    db = Database(engine)
    await seed(db)
    broadcast_id, recipients = await work_safe_to_everyone(db)
    await db.run(lambda conn: store.start(conn, broadcast_id, NOW))
    assert await db.run(lambda conn: store.cancel(conn, broadcast_id, NOW)) is True
    worker = await make_worker(db, content, renderer, fake, Clock(), closing)
    await worker.drain()
    assert fake.sent() == []
    counts = await db.run(lambda conn: store.counts(conn, broadcast_id))
    assert counts["skipped"] == recipients and counts["sent"] == 0
    assert await db.run(lambda conn: store.cancel(conn, broadcast_id, NOW)) is False


async def test_a_batch_on_the_wire_when_cancelled_ends_skipped_not_pending(
    engine: AsyncEngine,
) -> None:
    db = Database(engine)
    await seed(db)
    broadcast_id, recipients = await work_safe_to_everyone(db)
    await db.run(lambda conn: store.start(conn, broadcast_id, NOW))
    until = NOW + dt.timedelta(seconds=60)
    claimed = await db.run(lambda conn: store.claim(conn, broadcast_id, "telegram", 2, NOW, until))
    assert len(claimed) == 2
    assert await db.run(lambda conn: store.cancel(conn, broadcast_id, NOW)) is True
    await db.run(lambda conn: store.release(conn, [c.id for c in claimed]))  # answered 5xx
    counts = await db.run(lambda conn: store.counts(conn, broadcast_id))
    assert counts["pending"] == 0 and counts["skipped"] == recipients


async def test_viber_broadcast_message_lists_and_failed_list(
    engine: AsyncEngine,
    content: ContentPack,
    renderer: Renderer,
    fake: FakeTelegram,
    viber: FakeViber,
    closing: list[Any],
) -> None:
    db = Database(engine)
    people = [("viber", f"v{i:04d}", "uk" if i % 2 else "ru", "PL", True, False, 1)
              for i in range(650)]  # fmt: skip
    await seed(db, people)
    viber.unsubscribed.add("v0007")
    broadcast_id, recipients = await work_safe_to_everyone(db)
    await db.run(lambda conn: store.start(conn, broadcast_id, NOW))
    worker = await make_worker(db, content, renderer, fake, Clock(), closing, viber=viber)
    await worker.drain()
    calls = viber.calls
    assert all(c.endpoint == "broadcast_message" for c in calls)
    assert all(1 <= len(c.body["broadcast_list"]) <= 300 for c in calls)
    listed = [r for c in calls for r in c.body["broadcast_list"]]
    assert sorted(listed) == sorted(p[1] for p in people)  # each once
    phase = content.phase("work-safe")
    assert phase is not None
    for call in calls:
        langs = {dict((p[1], p[2]) for p in people)[r] for r in call.body["broadcast_list"]}
        assert len(langs) == 1  # one language a request
        assert renderer.format(Msg(phase.title), langs.pop()) in call.body["text"]
    counts = await db.run(lambda conn: store.counts(conn, broadcast_id))
    assert counts["sent"] == recipients - 1 and counts["blocked"] == 1
    rows = await db.run(
        lambda conn: (
            conn.execute(select(Delivery.state).where(Delivery.state == store.BLOCKED))
            .scalars()
            .all()
        )
    )
    assert len(rows) == 1


async def test_a_scheduled_broadcast_starts_by_itself_at_its_time(
    engine: AsyncEngine,
    content: ContentPack,
    renderer: Renderer,
    fake: FakeTelegram,
    closing: list[Any],
) -> None:
    db = Database(engine)
    await seed(db)
    at = NOW + dt.timedelta(hours=1)
    broadcast_id, recipients = await db.run(
        lambda conn: store.create(
            conn, "message", "check-before-you-go", store.Audience(channels=("telegram",)), NOW,
            send_at=at,
        )
    )  # fmt: skip
    clock = Clock()
    worker = await make_worker(db, content, renderer, fake, clock, closing)
    await worker.drain()
    assert delivered(fake) == []  # not yet
    row = await db.run(lambda conn: store.get(conn, broadcast_id))
    assert row is not None and row.status == store.SCHEDULED
    clock.now = at
    await worker.drain()
    assert len(delivered(fake)) == recipients == 6  # Telegram, opted in, not stopped
    row = await db.run(lambda conn: store.get(conn, broadcast_id))
    assert row is not None and row.status == store.DONE


async def test_delete_my_data_unlinks_the_persons_deliveries(
    engine: AsyncEngine,
    content: ContentPack,
    renderer: Renderer,
    fake: FakeTelegram,
    closing: list[Any],
) -> None:
    from bot.storage import users

    db = Database(engine)
    await seed(db)
    broadcast_id, _ = await db.run(
        lambda conn: store.create(
            conn, "phase", "work-safe", store.Audience(("PL",), channels=("telegram",)), NOW
        )
    )
    await db.run(lambda conn: store.start(conn, broadcast_id, NOW))
    worker = await make_worker(db, content, renderer, fake, Clock(), closing)
    await worker.drain()
    await db.run(lambda conn: users.forget(conn, "telegram", "101"))
    rows = await db.run(
        lambda conn: conn.execute(
            select(Delivery.user_id, Delivery.state).where(Delivery.broadcast_id == broadcast_id)
        ).all()
    )
    user_ids = await db.run(lambda conn: set(conn.execute(select(User.id)).scalars()))
    assert all(uid is None or uid in user_ids for uid, _state in rows)
    assert sum(1 for uid, _ in rows if uid is None) == 1  # 101's delivery, kept as a count
    counts = await db.run(lambda conn: store.counts(conn, broadcast_id))
    assert counts["sent"] == len(rows)


async def test_senders_registering_one_broadcasts_link_at_once_share_one_row(
    engine: AsyncEngine,
) -> None:
    # A worker's Telegram and Viber senders prepare the same broadcast at the same time; on
    # PostgreSQL their transactions really overlap (a pool of connections). Each must get the
    # link's id, and there must be one row (it once failed on the unique constraint).
    db = Database(engine)
    await seed(db)
    broadcast_id, _ = await work_safe_to_everyone(db)
    url = "https://example.org/help"
    # Open the connections first, so the eight transactions below start together.
    await asyncio.gather(*(db.run(lambda conn: conn.execute(select(1))) for _ in range(8)))
    ids = await asyncio.gather(
        *(db.run(partial(link_id, broadcast_id=broadcast_id, url=url)) for _ in range(8))
    )
    assert len(set(ids)) == 1
    async with engine.connect() as conn:
        rows = (await conn.execute(select(Link.id).where(Link.url == url))).all()
    assert [r.id for r in rows] == [ids[0]]
