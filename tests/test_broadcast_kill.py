"""A worker killed with SIGKILL in the middle of a 100,000-person broadcast on PostgreSQL: the
`movesafe worker` started after it finishes the broadcast with no one left out and at most one
batch sent twice. The real command, python-telegram-bot and the Bot API stand-in (this process)."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.bench_broadcast import FIRST_CHAT, seed_and_queue
from bot.broadcasts import store
from bot.settings import normalise_database_url
from bot.standins.telegram import Call, FakeTelegram
from bot.storage.db import Database, make_engine
from tests.conftest import PG_URL, fresh_engine

TOKEN = "123456:KILL-TOKEN"
N = 100_000
RATE = 1000  # Telegram's paid-broadcast ceiling; a batch is a second of it


def worker(env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "worker"],
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


@pytest.mark.postgres
async def test_sigkill_mid_broadcast_loses_nobody_and_repeats_at_most_one_batch(
    tmp_path: Path,
) -> None:
    engine = await fresh_engine("postgres", tmp_path)
    await engine.dispose()
    assert PG_URL is not None
    url = normalise_database_url(PG_URL)
    broadcast_id, _queue_seconds = await seed_and_queue(url, N)

    counts = bytearray(N)

    def on_call(call: Call) -> None:
        if call.method.lower() == "sendmessage":
            counts[int(call.params["chat_id"]) - FIRST_CHAT] += 1

    async with FakeTelegram(TOKEN) as fake:
        fake.keep_calls = False
        fake.on_call = on_call
        env = {
            "DATABASE_URL": PG_URL,
            "SECRET_KEY": "kill-test",
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": fake.url,
            "TELEGRAM_BROADCAST_RATE": str(RATE),
            "TELEGRAM_PAID_BROADCAST": "1",
            "BROADCAST_CLAIM_SECONDS": "5",
            "BROADCAST_LEASE_SECONDS": "5",
        }
        first = worker(env)
        deadline = time.monotonic() + 180
        while sum(1 for c in counts if c) < 0.4 * N:
            assert first.poll() is None, first.stderr.read() if first.stderr else b""
            assert time.monotonic() < deadline, "the first worker did not get to 40%"
            await asyncio.sleep(0.1)
        first.send_signal(signal.SIGKILL)
        first.communicate()
        at_kill = sum(counts)
        assert at_kill < N  # killed in the middle

        second = worker(env)
        db = Database(make_engine(url))
        try:
            deadline = time.monotonic() + 300
            while True:
                row = await db.run(lambda conn: store.get(conn, broadcast_id))
                if row is not None and row.status == store.DONE:
                    break
                assert second.poll() is None, second.stderr.read() if second.stderr else b""
                assert time.monotonic() < deadline, f"not done: {sum(counts)} sent"
                await asyncio.sleep(0.5)
            status = await db.run(lambda conn: store.counts(conn, broadcast_id))
        finally:
            second.send_signal(signal.SIGINT)
            second.communicate(timeout=30)
            await db.dispose()

    losses = counts.count(0)
    duplicates = sum(c - 1 for c in counts if c > 1)
    print(f"killed at {at_kill} messages; duplicates {duplicates}, losses {losses}")
    assert losses == 0
    assert duplicates <= RATE  # at most the one batch that was on the wire
    assert status["sent"] == N and status["pending"] == 0
