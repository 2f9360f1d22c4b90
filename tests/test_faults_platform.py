"""The platforms' bad days under traffic: bursts of 429, 5xx and slow answers while several
people write at once (the real server, python-telegram-bot and viberbot against the stand-ins).
Every reply arrives exactly once, ``retry_after`` is waited out, and the webhook answers stay 200
(nothing for the platform to re-deliver, so nothing is answered twice)."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from bot.standins.telegram import FakeTelegram
from bot.standins.viber import FakeViber
from tests.conftest import served
from tests.telegram_driver import TelegramDriver, message_update
from tests.viber_driver import ViberDriver

TOKEN = "123456:TEST-TOKEN"
SECRET = "test-secret_1"
VIBER_TOKEN = "4a-test-token"
PEOPLE = 6
SCRIPT = ["/start", "/sos", "/help", "/menu"]


@pytest.fixture
async def telegram(tmp_path: Path) -> AsyncIterator[tuple[TestClient[Any, Any], FakeTelegram]]:
    async with FakeTelegram(TOKEN) as fake:
        env = {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": fake.url,
            "TELEGRAM_WEBHOOK_SECRET": SECRET,
        }
        async with served("sqlite", tmp_path, env) as client:
            yield client, fake


def delivered(fake: FakeTelegram, chat: int) -> list[str]:
    """The messages that reached the person (sends the stand-in accepted, not refused ones)."""
    return [c.params["text"] for c in fake.sent(chat) if c.result is not None]


async def test_telegram_429_5xx_and_slow_bursts_lose_and_repeat_nothing(
    telegram: tuple[TestClient[Any, Any], FakeTelegram],
) -> None:
    client, fake = telegram
    drivers = [TelegramDriver(client, fake, SECRET, f"busy-{n}", "en") for n in range(PEOPLE)]

    async def person(d: TelegramDriver) -> list[int]:
        return [await d.post(message_update(d.chat_id, "en", text=t)) for t in SCRIPT]

    # What each person gets on a good day.
    calm = TelegramDriver(client, fake, SECRET, "calm", "en")
    assert await person(calm) == [200] * len(SCRIPT)
    expected = delivered(fake, calm.chat_id)

    fake.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1, times=4)
    fake.fail_next("sendMessage", 502, "Bad Gateway", times=3)
    fake.fail_next("sendMessage", 500, "Internal Server Error", times=2, delay=0.3)
    statuses = await asyncio.gather(*(person(d) for d in drivers))
    assert all(s == [200] * len(SCRIPT) for s in statuses)
    for d in drivers:
        assert delivered(fake, d.chat_id) == expected, d.user
    refused = [c for c in fake.calls if c.method == "sendMessage" and c.result is None]
    assert len(refused) == 4 + 3 + 2  # every scripted failure was met, then retried
    # After a 429 the person's next send waited at least retry_after (1 s).
    waited = []
    for d in drivers:
        sends = [c for c in fake.sent(d.chat_id) if c.method == "sendMessage"]
        for refused_call, after in itertools.pairwise(sends):
            if refused_call.result is None and refused_call.params["text"] == after.params["text"]:
                waited.append(after.at - refused_call.at)
    assert len(waited) == 4 + 3 + 2
    assert sorted(waited)[-4:] and all(w >= 0.9 for w in sorted(waited)[-4:])


@pytest.fixture
async def viber(tmp_path: Path) -> AsyncIterator[tuple[TestClient[Any, Any], FakeViber]]:
    async with FakeViber(VIBER_TOKEN) as fake:
        env = {
            "VIBER_AUTH_TOKEN": VIBER_TOKEN,
            "VIBER_BOT_NAME": "movesafe",
            "VIBER_API_URL": fake.url,
        }
        async with served("sqlite", tmp_path, env) as client:
            yield client, fake


def delivered_viber(fake: FakeViber, user: str) -> list[str]:
    return [
        str(c.body.get("text"))
        for c in fake.sent(user)
        if isinstance(c.result, dict) and c.result.get("status") == 0
    ]


async def test_viber_too_many_requests_and_5xx_bursts_lose_and_repeat_nothing(
    viber: tuple[TestClient[Any, Any], FakeViber],
) -> None:
    client, fake = viber
    drivers = [ViberDriver(client, fake, VIBER_TOKEN, f"busy-{n}", "en") for n in range(PEOPLE)]

    async def person(d: ViberDriver) -> list[int]:
        return [(await d.post(d.callback_for({"type": t})))[0] for t in SCRIPT]

    calm = ViberDriver(client, fake, VIBER_TOKEN, "calm", "en")
    assert await person(calm) == [200] * len(SCRIPT)
    expected = delivered_viber(fake, calm.user_id)
    assert expected

    fake.fail_next("send_message", 12, "tooManyRequests", times=4)
    fake.fail_next("send_message", 1, "internal error", times=2, http_status=502, delay=0.3)
    statuses = await asyncio.gather(*(person(d) for d in drivers))
    assert all(s == [200] * len(SCRIPT) for s in statuses)
    for d in drivers:
        assert delivered_viber(fake, d.user_id) == expected, d.user
