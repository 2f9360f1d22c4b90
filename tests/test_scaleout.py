"""Two ``movesafe serve`` processes on one PostgreSQL: deliveries of one update to both count
once, and one person's updates, spread over both, are processed in order."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy import select

from bot.bench_inbound import free_port, processes, server_env
from bot.standins.telegram import FakeTelegram
from bot.storage.models import User
from tests.conftest import PG_URL, fresh_engine
from tests.telegram_driver import callback_update, message_update

pytestmark = pytest.mark.postgres
TOKEN = "123456:BENCH-TOKEN"
SECRET = "bench-secret"
HEADERS = {"X-Telegram-Bot-Api-Secret-Token": SECRET}


@pytest.fixture
async def two_servers(tmp_path: Path) -> AsyncIterator[tuple[list[str], FakeTelegram]]:
    if not PG_URL:
        pytest.skip("TEST_DATABASE_URL is not set (the PostgreSQL suite runs in .ci/run)")
    engine = await fresh_engine("postgres", tmp_path)
    await engine.dispose()
    async with FakeTelegram(TOKEN) as fake:
        ports = [free_port(), free_port()]
        serve = [
            [sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1", "--port", str(p)]
            for p in ports
        ]
        async with processes(serve, ports, server_env(fake.url, PG_URL)):
            yield [f"http://127.0.0.1:{p}/telegram/webhook" for p in ports], fake


async def post(http: aiohttp.ClientSession, url: str, update: dict[str, object]) -> int:
    async with http.post(url, json=update, headers=HEADERS) as response:
        return response.status


async def test_one_update_delivered_to_both_processes_gets_one_reply(
    two_servers: tuple[list[str], FakeTelegram],
) -> None:
    # The process that loses the race finds the winner's replies parked while the winner may
    # still be sending them: it answers 200 (already delivered) or 503 with Retry-After (come
    # back later); coming back after the winner's delivery gets 200 and sends nothing.
    urls, fake = two_servers
    async with aiohttp.ClientSession() as http:
        for chat in range(5001, 5021):
            update = message_update(chat, "en", text="/start")
            statuses = await asyncio.gather(*(post(http, url, update) for url in urls))
            assert sorted(statuses) in ([200, 200], [200, 503])
            await asyncio.sleep(0.5)  # the winner's "delivered" is written within 0.2 s
            assert [await post(http, url, update) for url in urls] == [200, 200]
    for chat in range(5001, 5021):
        assert len(fake.sent(chat)) == 1


async def test_one_persons_updates_over_two_processes_stay_in_order(
    two_servers: tuple[list[str], FakeTelegram],
) -> None:
    urls, fake = two_servers
    chat = 6001
    steps = ["lang:en", "ok", "cty:PL", "upd:on", "ph:work-safe", "sos", "back", "menu"]
    async with aiohttp.ClientSession() as http:
        assert await post(http, urls[0], message_update(chat, "en", text="/start")) == 200
        for i, payload in enumerate(steps):  # Telegram: the next only after the last was answered
            message_id = fake.sent(chat)[0].result["message_id"]
            update = callback_update(chat, "en", payload, message_id)
            assert await post(http, urls[i % 2], update) == 200
    texts = [c.params["text"] for c in fake.sent(chat) if not c.params["text"].startswith("⬇️")]
    expected = [
        "Choose your language", "I never ask", "Which country", "May I send you",
        "Main menu", "Travel safe, work safe", "Help now", "Travel safe, work safe", "Main menu",
    ]  # fmt: skip
    assert len(texts) == len(expected)
    for text, part in zip(texts, expected, strict=True):
        assert part in text
    engine = await fresh_engine_for_reading()
    async with engine.connect() as conn:
        row = (await conn.execute(select(User.version).where(User.external_id == str(chat)))).one()
    await engine.dispose()
    assert row.version == len(steps) + 1


async def fresh_engine_for_reading():  # type: ignore[no-untyped-def]
    from bot.settings import normalise_database_url
    from bot.storage.db import make_engine

    assert PG_URL
    return make_engine(normalise_database_url(PG_URL))
