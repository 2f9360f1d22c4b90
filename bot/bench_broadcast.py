"""``movesafe bench broadcast``: queueing time, send rate, memory, duplicates and losses.

For each size N: a fresh database (a SQLite file, or the PostgreSQL schema emptied) gets N
opted-in people (seeded in SQL), a phase broadcast to all of them is created (the recipients are
queued by ``INSERT … SELECT``: the "time to queue") and sent by the real worker and
python-telegram-bot to a local, unthrottled Bot API stand-in running in its own process, which
counts every message a chat got. The worker runs in a child process of its own, so its peak
memory (``ru_maxrss``) is its own at that N. ``--kill-at F`` kills that worker with SIGKILL when
a fraction F of the messages has arrived and starts a new one, which takes over the dead one's
claims once they run out: duplicates must stay within one batch, losses at 0.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiohttp import web
from sqlalchemy import text

TOKEN = "123456:BENCH-TOKEN"  # noqa: S105 - valid only on the local stand-in
LANGS = ("uk", "ru", "en")
COUNTRIES = ("PL", "RO", "DE", "CZ")
FIRST_CHAT = 10_000_000


# -- the stand-in (its own process) ------------------------------------------------------------


def serve_standin() -> None:
    """``python -m bot.bench_broadcast standin``: the Bot API stand-in, counting per chat;
    prints its URL, serves until killed. GET /bench/stats answers the counts."""
    from bot.standins.telegram import Call, FakeTelegram

    counts = bytearray(0)
    seen = {"messages": 0, "first": 0.0, "last": 0.0}

    def on_call(call: Call) -> None:
        nonlocal counts
        if call.method.lower() != "sendmessage":
            return
        chat = int(call.params.get("chat_id", 0)) - FIRST_CHAT
        if chat < 0:
            return
        if chat >= len(counts):
            counts.extend(bytes(max(chat + 1 - len(counts), 1 << 20)))
        counts[chat] = min(counts[chat] + 1, 255)
        seen["messages"] += 1
        seen["first"] = seen["first"] or call.at
        seen["last"] = call.at

    async def stats(request: web.Request) -> web.Response:
        n = int(request.query.get("n", "0"))
        view = counts[:n].ljust(n, b"\0")
        return web.json_response(
            {
                "messages": seen["messages"],
                "received": n - view.count(0),
                "duplicates": sum(c - 1 for c in view if c > 1),
                "seconds": seen["last"] - seen["first"],
            }
        )

    async def reset(request: web.Request) -> web.Response:
        nonlocal counts
        counts = bytearray(0)
        seen.update(messages=0, first=0.0, last=0.0)
        return web.json_response({"ok": True})

    class Standin(FakeTelegram):
        def app(self) -> web.Application:
            app = super().app()
            app.router.add_get("/bench/stats", stats)
            app.router.add_post("/bench/reset", reset)
            return app

    async def run() -> None:
        fake = Standin(TOKEN)
        fake.keep_calls = False
        fake.on_call = on_call
        url = await fake.start()
        print(url, flush=True)
        await asyncio.Event().wait()

    asyncio.run(run())


# -- the worker (its own process) --------------------------------------------------------------


def run_worker(database_url: str, api_url: str, rate: float, claim_seconds: float) -> None:
    """``python -m bot.bench_broadcast worker …``: send every due broadcast, then print the
    peak RSS (MB) as JSON."""
    from bot.broadcasts.engine import Worker
    from bot.broadcasts.links import Links
    from bot.broadcasts.senders import TelegramSender
    from bot.channels.telegram import bot_for
    from bot.channels.telegram_http import AiohttpRequest
    from bot.content import load_content
    from bot.i18n import Renderer
    from bot.runtime import utcnow
    from bot.settings import PROJECT_ROOT
    from bot.storage.db import Database, make_engine

    async def run() -> None:
        pack = load_content(PROJECT_ROOT / "content", PROJECT_ROOT / "locales")
        renderer = Renderer(PROJECT_ROOT / "locales", pack.languages)
        db = Database(make_engine(database_url))
        bot = bot_for(TOKEN, api_url, request=AiohttpRequest(connection_limit=256))
        async with bot:
            links = Links(db, "bench", "https://movesafe.example.org")
            sender = TelegramSender(bot, links, rate, paid=rate > 30)
            worker = Worker(
                db, pack, renderer, [sender], links, utcnow, claim_seconds=claim_seconds,
                lease_seconds=claim_seconds,
            )  # fmt: skip
            await worker.drain()
        await db.dispose()

    asyncio.run(run())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"peak_mb": peak}), flush=True)


# -- the orchestra ------------------------------------------------------------------------------


@dataclass
class Run:
    database: str
    n: int
    queue_s: float
    rate: float
    achieved: float
    peak_mb: float
    duplicates: int
    losses: int
    batch: int
    killed: bool

    def line(self) -> str:
        kill = "  (worker killed, restarted)" if self.killed else ""
        return (
            f"{self.database:<10} {self.n:>9,}  queued in {self.queue_s:6.2f} s  "
            f"send {self.achieved:7.1f}/s of {self.rate:.0f}/s ({self.achieved / self.rate:6.1%})  "
            f"peak RSS {self.peak_mb:6.1f} MB  duplicates {self.duplicates} "
            f"(batch {self.batch})  losses {self.losses}{kill}"
        )


async def reset_database(url: str) -> None:
    from bot.storage.db import make_engine, upgrade

    engine = make_engine(url)
    if not url.startswith("sqlite"):
        async with engine.begin() as conn:
            await conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))
    await upgrade(engine)
    await engine.dispose()


SEED_PG = """
INSERT INTO users (channel, external_id, lang, country, subscribed, stopped, session, version,
                   first_seen_on, last_seen_on)
SELECT 'telegram', ({first} + i)::text, (ARRAY['uk','ru','en'])[1 + i % 3],
       (ARRAY['PL','RO','DE','CZ'])[1 + i % 4], true, false, '', 1, :today, :today
FROM generate_series(0, :n - 1) AS i
"""
SEED_SQLITE = """
INSERT INTO users (channel, external_id, lang, country, subscribed, stopped, session, version,
                   first_seen_on, last_seen_on)
WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < :n - 1)
SELECT 'telegram', CAST({first} + i AS TEXT),
       CASE i % 3 WHEN 0 THEN 'uk' WHEN 1 THEN 'ru' ELSE 'en' END,
       CASE i % 4 WHEN 0 THEN 'PL' WHEN 1 THEN 'RO' WHEN 2 THEN 'DE' ELSE 'CZ' END,
       1, 0, '', 1, :today, :today
FROM seq
"""


async def seed_and_queue(url: str, n: int) -> tuple[int, float]:
    """N people, then a broadcast to all of them; returns (broadcast id, seconds to queue)."""
    from bot.broadcasts import store
    from bot.storage.db import Database, make_engine

    db = Database(make_engine(url))
    today = dt.datetime.now(dt.UTC).date()
    sql = (SEED_SQLITE if db.dialect == "sqlite" else SEED_PG).format(first=FIRST_CHAT)
    await db.run(lambda conn: conn.execute(text(sql), {"n": n, "today": today}))
    if db.dialect != "sqlite":
        await db.run(lambda conn: conn.execute(text("ANALYZE users")))
    now = dt.datetime.now(dt.UTC)
    started = time.perf_counter()
    broadcast_id, queued = await db.run(
        lambda conn: store.create(conn, "phase", "work-safe", store.Audience(), now)
    )
    seconds = time.perf_counter() - started
    assert queued == n, (queued, n)
    await db.run(lambda conn: store.start(conn, broadcast_id, now))
    await db.dispose()
    return broadcast_id, seconds


async def stats(api: str, n: int) -> dict[str, Any]:
    import aiohttp

    base = api.rstrip("/")
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"{base}/bench/stats", params={"n": str(n)}) as response,
    ):
        return dict(await response.json())


async def reset_standin(api: str) -> None:
    import aiohttp

    async with (
        aiohttp.ClientSession() as session,
        session.post(f"{api.rstrip('/')}/bench/reset") as response,
    ):
        await response.read()


def worker_process(url: str, api: str, rate: float, claim_seconds: float) -> subprocess.Popen[str]:
    command = [
        sys.executable, "-m", "bot.bench_broadcast", "worker", url, api, str(rate),
        str(claim_seconds),
    ]  # fmt: skip
    return subprocess.Popen(command, stdout=subprocess.PIPE, text=True)  # noqa: S603


async def one_run(
    label: str, url: str, api: str, n: int, rate: float, kill_at: float | None
) -> Run:
    await reset_database(url)
    await reset_standin(api)
    _, queue_s = await seed_and_queue(url, n)
    claim_seconds = 5.0 if kill_at is not None else 60.0
    worker = worker_process(url, api, rate, claim_seconds)
    killed = False
    if kill_at is not None:
        while worker.poll() is None:
            got = await stats(api, n)
            if got["messages"] >= kill_at * n:
                worker.send_signal(signal.SIGKILL)
                worker.communicate()
                killed = True
                break
            await asyncio.sleep(0.05)
        worker = worker_process(url, api, rate, claim_seconds)
    out, _ = await asyncio.to_thread(worker.communicate)
    if worker.returncode != 0:
        raise RuntimeError(f"bench worker failed with exit code {worker.returncode}")
    peak = json.loads(out.strip().splitlines()[-1])["peak_mb"]
    got = await stats(api, n)
    achieved = got["messages"] / got["seconds"] if got["seconds"] else 0.0
    return Run(
        label, n, queue_s, rate, achieved, peak, got["duplicates"], n - got["received"],
        max(50, int(rate)), killed,
    )  # fmt: skip


async def bench(
    sizes: list[int], database_url: str | None, rate: float, kill_at: float | None
) -> list[str]:
    standin = subprocess.Popen(  # noqa: ASYNC220 - started once, before any timing
        [sys.executable, "-m", "bot.bench_broadcast", "standin"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert standin.stdout is not None
        api = standin.stdout.readline().strip()
        lines = [
            f"broadcast benchmark: python-telegram-bot → local Bot API stand-in (own process), "
            f"configured rate {rate:.0f} msg/s, worker in its own process; "
            f"{os.cpu_count()} CPU(s)"
        ]
        print(lines[0], flush=True)
        with tempfile.TemporaryDirectory() as folder:
            for n in sizes:
                if database_url:
                    url, label = database_url, "postgresql"
                else:
                    url, label = f"sqlite+aiosqlite:///{Path(folder) / f'bench-{n}.db'}", "sqlite"
                run = await one_run(label, url, api, n, rate, kill_at)
                lines.append(run.line())
                print(lines[-1], flush=True)
        return lines
    finally:
        standin.send_signal(signal.SIGTERM)
        standin.communicate()  # reaps it and closes its pipe


def main(argv: list[str]) -> None:
    if argv[:1] == ["standin"]:
        serve_standin()
    elif argv[:1] == ["worker"]:
        url, api, rate, claim = argv[1:5]
        run_worker(url, api, float(rate), float(claim))
    else:
        raise SystemExit("usage: python -m bot.bench_broadcast standin | worker URL API RATE CLAIM")


if __name__ == "__main__":
    main(sys.argv[1:])
