"""Replies parked with their delivery (bot/outbox.py): a process that dies after saving a step but
before its replies were accepted loses nothing — the platform's re-delivery sends them, once.

The runtime tests run on SQLite and PostgreSQL with two runtimes on one database (two processes);
the last test SIGKILLs a real ``movesafe serve`` while its reply is failing over to retries,
starts another and re-delivers the update the way Telegram does (honouring ``Retry-After``).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import signal
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.bench_inbound import SECRET, free_port, server_env, spawn, wait_listening
from bot.channels.telegram import SECRET_HEADER
from bot.i18n import Renderer
from bot.outbox import LEASE, Busy, Outbox
from bot.runtime import Handled, Runtime
from bot.standins.telegram import FakeTelegram
from bot.storage.db import Database
from bot.storage.models import ProcessedEvent, User
from flows import Button, Start, Text
from flows.content import ContentPack
from tests.conftest import FROZEN
from tests.telegram_driver import message_update

KEY = bytes(range(32))


class Crash(Exception):
    """Stands for the process dying while its replies are on the way (not a DeliveryFailed)."""


def runtime_at(
    engine: AsyncEngine,
    content: ContentPack,
    renderer: Renderer,
    seconds: float = 0.0,
    key: bytes = KEY,
) -> Runtime:
    """One process's runtime, its clock ``seconds`` after the first event."""
    when = FROZEN + dt.timedelta(seconds=seconds)
    return Runtime(Database(engine), content, renderer, clock=lambda: when, outbox=Outbox(key))


def recorder() -> tuple[list[Handled], Callable[[Handled], Awaitable[None]]]:
    delivered: list[Handled] = []

    async def deliver(handled: Handled) -> None:
        delivered.append(handled)

    return delivered, deliver


async def crashed_first_delivery(runtime: Runtime, person: str, key: str) -> Handled:
    """The first delivery of ``key``: the step is saved, then the process "dies" sending."""
    seen: list[Handled] = []

    async def dying(handled: Handled) -> None:
        seen.append(handled)
        raise Crash

    with pytest.raises(Crash):
        await runtime.handle("telegram", person, Start(lang_hint="en"), key=key, deliver=dying)
    return seen[0]


async def stored(engine: AsyncEngine, person: str, key: str) -> tuple[int, bytes | None]:
    async with engine.connect() as conn:
        version = await conn.scalar(select(User.version).where(User.external_id == person))
        outbox = await conn.scalar(select(ProcessedEvent.outbox).where(ProcessedEvent.key == key))
    return version, outbox


async def test_a_re_delivery_after_a_crash_sends_the_parked_replies_once(
    engine: AsyncEngine, content: ContentPack, renderer: Renderer
) -> None:
    first = await crashed_first_delivery(runtime_at(engine, content, renderer), "p1", "u1")
    assert first.replies and first.replies[0].body
    version, outbox = await stored(engine, "p1", "u1")
    assert version == 1 and outbox is not None
    # Another process gets Telegram's re-delivery once the lease of the dead one ran out.
    later = runtime_at(engine, content, renderer, seconds=LEASE.total_seconds() + 1)
    delivered, deliver = recorder()
    await later.handle("telegram", "p1", Start(lang_hint="en"), key="u1", deliver=deliver)
    assert [h.replies for h in delivered] == [first.replies]  # the same words, not a new step
    assert delivered[0].lang == first.lang
    await later.flush()
    assert await stored(engine, "p1", "u1") == (1, None)  # stepped once; the outbox is empty
    # A third delivery of the same update is an ordinary duplicate: nothing more is sent.
    await later.handle("telegram", "p1", Start(lang_hint="en"), key="u1", deliver=deliver)
    assert len(delivered) == 1


async def test_a_re_delivery_while_the_first_sender_may_be_alive_is_told_to_come_back(
    engine: AsyncEngine, content: ContentPack, renderer: Renderer
) -> None:
    await crashed_first_delivery(runtime_at(engine, content, renderer), "p2", "u2")
    soon = runtime_at(engine, content, renderer, seconds=5)
    delivered, deliver = recorder()
    with pytest.raises(Busy) as busy:
        await soon.handle("telegram", "p2", Start(lang_hint="en"), key="u2", deliver=deliver)
    assert busy.value.retry_after == pytest.approx(LEASE.total_seconds() - 5)
    assert delivered == []
    assert (await stored(engine, "p2", "u2"))[1] is not None  # still parked for later


async def test_replies_the_platform_accepted_are_not_kept(
    engine: AsyncEngine, content: ContentPack, renderer: Renderer
) -> None:
    runtime = runtime_at(engine, content, renderer)
    delivered, deliver = recorder()
    await runtime.handle("telegram", "p3", Start(lang_hint="en"), key="u3", deliver=deliver)
    assert (await stored(engine, "p3", "u3"))[1] is not None  # parked until the flush
    # A re-delivery before the clearing is written is still recognised as delivered.
    await runtime.handle("telegram", "p3", Start(lang_hint="en"), key="u3", deliver=deliver)
    assert len(delivered) == 1
    await runtime.flush()
    assert await stored(engine, "p3", "u3") == (1, None)


async def test_parked_replies_are_sealed_and_useless_without_the_key(
    engine: AsyncEngine, content: ContentPack, renderer: Renderer
) -> None:
    runtime = runtime_at(engine, content, renderer)
    _, deliver = recorder()
    presses = ("lang:en", "ok", "cty:PL", "upd:on", "job")  # onboarding, then the job check
    onboarding = [Start(lang_hint="en"), *(Button(payload=p) for p in presses)]
    for n, event in enumerate(onboarding):
        await runtime.handle("telegram", "p4", event, key=f"o{n}", deliver=deliver)
    ad = "Warehouse work, pay the agency 300 EUR first, the boss keeps your passport. Qx9mark"
    with pytest.raises(Crash):
        await runtime.handle("telegram", "p4", Text(text=ad), key="u5", deliver=_crash)
    _, sealed = await stored(engine, "p4", "u5")
    assert sealed is not None  # the reply quotes the ad (its warning signs' evidence)…
    assert b"Qx9mark" not in sealed and b"passport" not in sealed  # …but not readably
    # A process with another SECRET_KEY cannot read them: the re-delivery is a plain duplicate.
    other = runtime_at(engine, content, renderer, seconds=60, key=bytes(32))
    resent, deliver_other = recorder()
    await other.handle("telegram", "p4", Text(text=ad), key="u5", deliver=deliver_other)
    assert resent == []
    # With the key, the re-delivery sends the quoted warning signs.
    mine = runtime_at(engine, content, renderer, seconds=60)
    await mine.handle("telegram", "p4", Text(text=ad), key="u5", deliver=deliver_other)
    assert len(resent) == 1 and "Qx9mark" not in resent[0].replies[0].text
    assert "passport" in resent[0].replies[0].text


async def _crash(handled: Handled) -> None:
    raise Crash


# -- a real process killed mid-delivery -----------------------------------------------------------

TOKEN = "123456:OUTBOX-TOKEN"


async def redeliver(http: aiohttp.ClientSession, url: str, update: dict[str, object]) -> int:
    """Post like Telegram: again after a 503 (waiting its Retry-After), until a 200. Returns the
    number of posts it took."""
    for attempt in range(1, 20):
        headers = {SECRET_HEADER: SECRET}
        async with http.post(url, json=update, headers=headers) as response:
            if response.status == 200:
                return attempt
            assert response.status == 503, response.status
            await asyncio.sleep(float(response.headers.get("Retry-After", "1")))
    raise AssertionError("never answered 200")


async def test_a_web_process_killed_before_its_reply_went_out_loses_nothing(
    tmp_path: Path,
) -> None:
    async with FakeTelegram(TOKEN) as fake:
        env = server_env(fake.url, f"sqlite+aiosqlite:///{tmp_path / 'kill.db'}")
        env["TELEGRAM_BOT_TOKEN"] = TOKEN
        upgrade = await spawn([sys.executable, "-m", "bot", "db", "upgrade"], env)
        assert await upgrade.wait() == 0
        chat = 4242
        update = message_update(chat, "en", text="/start")
        fake.fail_next("sendMessage", 502, "Bad Gateway", times=3)  # the reply is retrying…
        port = free_port()
        serve = ["-m", "bot", "serve", "--host", "127.0.0.1", "--port", str(port), "--no-worker"]
        first = await spawn([sys.executable, *serve], env)
        try:
            await wait_listening(port, first)
            url = f"http://127.0.0.1:{port}/telegram/webhook"
            async with aiohttp.ClientSession() as http:
                post = asyncio.create_task(redeliver(http, url, update))
                await fake.wait_for(1, method="sendMessage", timeout=10)  # the reply failed once
                first.send_signal(signal.SIGKILL)  # …and the process dies: no answer, no reply
                await first.wait()
                with pytest.raises(aiohttp.ClientError):
                    await post
        finally:
            if first.returncode is None:
                first.kill()
                await first.wait()
        assert not [c for c in fake.sent(chat) if c.result], "a reply got through before the kill"
        second = await spawn([sys.executable, *serve], env)
        try:
            await wait_listening(port, second)
            async with aiohttp.ClientSession() as http:
                posts = await redeliver(http, url, update)
                assert await redeliver(http, url, update) == 1  # a later duplicate: nothing more
        finally:
            second.send_signal(signal.SIGTERM)
            await second.wait()
    accepted = [c for c in fake.sent(chat) if c.result]
    assert [c.params["text"] for c in accepted] == ["Choose your language."]
    assert posts >= 2  # within the dead process's lease the re-delivery was asked to come back
