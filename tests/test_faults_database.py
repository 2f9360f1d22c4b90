"""PostgreSQL stopped and restarted mid-traffic (``pg_ctlcluster … stop -m fast``, then start),
under the real server, python-telegram-bot and the Bot API stand-in.

While it is down the webhook answers 503, so Telegram re-delivers; this test plays Telegram and
re-delivers every update until it gets 200. Afterwards every person has received exactly the
replies a person who wrote during no outage received, in the same order: nothing lost, nothing
twice; and the server came back by itself (no restart).

Runs where PostgreSQL is a local cluster this user may stop (``.ci/run``: root, Debian's
``pg_ctlcluster``); ``MOVESAFE_CI`` makes a missing cluster a failure instead of a skip."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestClient

from bot.channels.telegram import SECRET_HEADER
from bot.standins.telegram import FakeTelegram
from tests.conftest import PG_URL, served
from tests.telegram_driver import message_update

pytestmark = pytest.mark.postgres
TOKEN = "123456:TEST-TOKEN"
SECRET = "test-secret_1"
SCRIPT = ["/start", "/sos", "/help", "/menu", "hello", "/sos", "/help", "/menu"]
CONTROL = [8001, 8002]
HIT = [8101, 8102, 8103, 8104, 8105, 8106]
DOWN_FOR = 3.0  # seconds


def cluster() -> list[str] | None:
    """``pg_ctlcluster`` arguments for the local cluster, or None where it cannot be driven."""
    if shutil.which("pg_ctlcluster") is None or os.geteuid() != 0:
        return None
    versions = sorted(os.listdir("/etc/postgresql")) if os.path.isdir("/etc/postgresql") else []
    if not versions:
        return None
    return ["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1], "main"]


def pg(action: str) -> None:
    args = cluster()
    assert args is not None
    extra = ["-m", "fast"] if action == "stop" else []
    subprocess.run([*args, action, *extra], check=True, capture_output=True, timeout=60)


def pg_ready() -> bool:
    probe = ["pg_isready", "-h", "127.0.0.1", "-p", "5432", "-q"]
    return subprocess.run(probe, check=False, timeout=10).returncode == 0


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[tuple[TestClient[Any, Any], FakeTelegram]]:
    if not PG_URL:
        pytest.skip("TEST_DATABASE_URL is not set (the PostgreSQL suite runs in .ci/run)")
    if cluster() is None and not os.environ.get("MOVESAFE_CI"):
        pytest.skip("needs a local PostgreSQL cluster this user can stop (root, pg_ctlcluster)")
    async with FakeTelegram(TOKEN) as fake:
        env = {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": fake.url,
            "TELEGRAM_WEBHOOK_SECRET": SECRET,
        }
        async with served("postgres", tmp_path, env) as client:
            yield client, fake


class Platform:
    """Telegram's side: deliver an update, and re-deliver it until the answer is 200."""

    def __init__(self, client: TestClient[Any, Any]) -> None:
        self.client = client
        self.unavailable = 0  # 503 answers seen
        self.other: list[int] = []  # any other non-200 status
        self.delivered = 0
        self.log: list[tuple[int, str, list[int]]] = []
        self.under_way = asyncio.Event()  # set once traffic is flowing

    async def deliver(self, update: dict[str, Any]) -> None:
        headers = {SECRET_HEADER: SECRET}
        seen: list[int] = []
        self.log.append((update["message"]["chat"]["id"], update["message"]["text"], seen))
        for _ in range(600):  # up to about 2 minutes
            try:
                answer = await self.client.post("/telegram/webhook", json=update, headers=headers)
                status = answer.status
                await answer.release()
            except aiohttp.ClientError:
                status = 0
            seen.append(status)
            if status == 200:
                self.delivered += 1
                if self.delivered >= len(HIT) * 2:
                    self.under_way.set()
                return
            if status == 503:
                self.unavailable += 1
            else:
                self.other.append(status)
            await asyncio.sleep(0.2)
        raise AssertionError(f"update {update['update_id']} was never accepted")

    async def person(self, chat: int, gap: float = 0.0) -> None:
        for text in SCRIPT:
            await self.deliver(message_update(chat, "uk", text=text))
            await asyncio.sleep(gap)


def replies(fake: FakeTelegram, chat: int) -> list[str]:
    return [
        str(c.params.get("text"))
        for c in fake.sent(chat)
        if c.method in ("sendMessage", "editMessageText")
    ]


async def test_the_database_stops_and_restarts_mid_traffic_and_nothing_is_lost(
    client: tuple[TestClient[Any, Any], FakeTelegram],
) -> None:
    http, fake = client
    platform = Platform(http)
    for chat in CONTROL:  # what a person gets when nothing goes wrong
        await platform.person(chat)
    expected = replies(fake, CONTROL[0])
    assert expected and replies(fake, CONTROL[1]) == expected
    assert platform.unavailable == 0
    platform.delivered = 0

    health_while_down: list[int] = []
    console_while_down: list[int] = []

    async def outage() -> None:
        await platform.under_way.wait()  # each person is a couple of updates in
        await asyncio.to_thread(pg, "stop")
        try:
            began = time.monotonic()
            while time.monotonic() - began < DOWN_FOR:
                answer = await http.get("/healthz")
                health_while_down.append(answer.status)
                await answer.release()
                page = await http.get(  # a console page needs the database for its session
                    "/console/broadcasts", headers={"Cookie": "ms_console=some-session"}
                )
                console_while_down.append(page.status)
                await page.release()
                await asyncio.sleep(0.5)
        finally:
            await asyncio.to_thread(pg, "start")

    try:
        await asyncio.gather(outage(), *(platform.person(chat, gap=0.3) for chat in HIT))
    finally:
        if not await asyncio.to_thread(pg_ready):  # never leave the suite without its database
            await asyncio.to_thread(pg, "start")

    assert platform.unavailable > 0, "no update met the outage"
    assert platform.other == [], f"answers other than 200/503: {platform.other}"
    assert health_while_down and set(health_while_down) == {503}
    assert console_while_down and set(console_while_down) == {503}  # a kind page, not a 500
    for chat in HIT:
        answers = [x[1:] for x in platform.log if x[0] == chat]  # (text, statuses) per update
        assert replies(fake, chat) == expected, f"chat {chat} lost or repeated a reply: {answers}"
    health = await http.get("/healthz")
    assert health.status == 200  # back by itself, same process
