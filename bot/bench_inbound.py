"""``movesafe bench inbound``: updates/s and latency of the Telegram webhook path.

The Bot API is the local stand-in; movesafe runs as ``movesafe serve`` in its own process(es);
the yardsticks are two minimal echo bots, python-telegram-bot's and aiogram 3's, each with its
library's own webhook server, on the same stand-in under the same load, measured in the same run.
Latency is measured from "webhook POST sent" to "reply accepted by the stand-in" (one clock: the
load generator and the stand-in share this process).

Two loads: *throughput* — P people each send their next update as soon as the previous one was
answered (Telegram delivers one chat's updates one at a time), N updates in all; *rate* — updates
are sent on a fixed schedule at R per second for D seconds, spread over P people.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp

from bot.bench import percentile
from bot.channels.telegram import SECRET_HEADER
from bot.standins.telegram import Call, FakeTelegram

TOKEN = "123456:BENCH-TOKEN"  # noqa: S105 - valid only on the local stand-in
SECRET = "bench-secret"  # noqa: S105
TEXTS = ("/menu", "/sos", "/help", "hello")  # full steps: menu, help now, help text, unknown
# The yardsticks, each run as ``python -m MODULE PORT API_URL TOKEN SECRET``: (label, module).
ECHOES = (
    ("python-telegram-bot echo", "bot.bench_echo"),
    ("aiogram echo", "bot.bench_aiogram_echo"),
)


@dataclass
class Result:
    name: str
    updates: int
    seconds: float
    latencies: list[float]
    errors: int

    @property
    def rate(self) -> float:
        return self.updates / self.seconds

    def pct(self, q: float) -> float:
        return percentile(sorted(self.latencies), q * 100) * 1000 if self.latencies else 0.0

    def line(self) -> str:
        return (
            f"{self.name:<28} {self.updates:>6} updates in {self.seconds:6.2f} s = "
            f"{self.rate:7.1f}/s   p50 {self.pct(0.5):6.1f} ms   p99 {self.pct(0.99):6.1f} ms"
            f"   errors {self.errors}"
        )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Replies:
    """Wakes the sender of chat C when the stand-in accepts a reply to C."""

    def __init__(self, fake: FakeTelegram) -> None:
        self.waiting: dict[int, asyncio.Future[float]] = {}
        fake.keep_calls = False
        fake.on_call = self.seen

    def seen(self, call: Call) -> None:
        if call.method in ("sendMessage", "editMessageText"):
            future = self.waiting.pop(int(call.params.get("chat_id", 0)), None)
            if future is not None and not future.done():
                future.set_result(call.at)

    def expect(self, chat: int) -> asyncio.Future[float]:
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.waiting[chat] = future
        return future


def update(n: int, chat: int) -> dict[str, object]:
    return {
        "update_id": n,
        "message": {
            "message_id": n,
            "date": int(time.time()),
            "chat": {"id": chat, "type": "private", "first_name": "B"},
            "from": {"id": chat, "is_bot": False, "first_name": "B", "language_code": "uk"},
            "text": TEXTS[n % len(TEXTS)],
        },
    }


class Load:
    def __init__(self, http: aiohttp.ClientSession, urls: list[str], replies: Replies) -> None:
        self.http, self.urls, self.replies = http, urls, replies
        self.latencies: list[float] = []
        self.errors = 0
        self.counter = int(time.time() * 1000) % 10**12 * 100  # update ids unique across runs

    async def one(self, chat: int) -> None:
        self.counter += 1
        n = self.counter
        url = self.urls[n % len(self.urls)]  # several processes: any of them may get it
        reply = self.replies.expect(chat)
        began = time.monotonic()
        try:
            async with self.http.post(
                url, json=update(n, chat), headers={SECRET_HEADER: SECRET}
            ) as r:
                ok = r.status == 200
            at = await asyncio.wait_for(reply, 5.0) if ok else None
        except (TimeoutError, aiohttp.ClientError):
            at = None
        if at is None:
            self.errors += 1
        else:
            self.latencies.append(at - began)

    async def person(self, chat: int, count: int) -> None:
        for _ in range(count):
            await self.one(chat)


async def throughput(name: str, load: Load, people: int, updates: int) -> Result:
    began = time.monotonic()
    each, extra = divmod(updates, people)
    await asyncio.gather(*(load.person(900_000 + p, each + (p < extra)) for p in range(people)))
    return Result(name, updates, time.monotonic() - began, load.latencies, load.errors)


async def fixed_rate(name: str, load: Load, people: int, rate: float, seconds: float) -> Result:
    locks: dict[int, asyncio.Lock] = defaultdict(asyncio.Lock)
    total = int(rate * seconds)
    began = time.monotonic()

    async def scheduled(i: int) -> None:
        await asyncio.sleep(max(0.0, began + i / rate - time.monotonic()))
        chat = 800_000 + i % people
        async with locks[chat]:  # one chat's updates one at a time, as Telegram delivers them
            await load.one(chat)

    await asyncio.gather(*(scheduled(i) for i in range(total)))
    return Result(name, total, time.monotonic() - began, load.latencies, load.errors)


async def wait_listening(port: int, proc: asyncio.subprocess.Process) -> None:
    deadline = time.monotonic() + 30.0
    while time.monotonic() < deadline:
        if proc.returncode is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        with contextlib.suppress(OSError):
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        await asyncio.sleep(0.1)
    raise TimeoutError(f"nothing listening on {port}")


async def spawn(cmd: list[str], env: dict[str, str]) -> asyncio.subprocess.Process:
    quiet = asyncio.subprocess.DEVNULL
    return await asyncio.create_subprocess_exec(
        *cmd, env=env, stdout=quiet, stderr=quiet, start_new_session=True
    )


@contextlib.asynccontextmanager
async def processes(
    commands: list[list[str]], ports: list[int], env: dict[str, str]
) -> AsyncIterator[None]:
    procs = [await spawn(cmd, env) for cmd in commands]
    try:
        for proc, port in zip(procs, ports, strict=True):
            await wait_listening(port, proc)
        yield
    finally:
        for proc in procs:
            if proc.returncode is None:  # py-spy writes its profile on SIGINT only
                proc.send_signal(signal.SIGINT if os.environ.get("MOVESAFE_PROFILE") else 15)
        for proc in procs:
            await proc.wait()
            with contextlib.suppress(ProcessLookupError):  # what py-spy started, if left
                os.killpg(proc.pid, signal.SIGTERM)


def server_env(api_url: str, database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": api_url,
        "TELEGRAM_WEBHOOK_SECRET": SECRET,
        "SECRET_KEY": "bench",
    }


async def measure(name: str, urls: list[str], fake: FakeTelegram, args: BenchArgs) -> list[Result]:
    replies = Replies(fake)
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as http:
        await throughput("warm-up", Load(http, urls, replies), min(args.people, 20), 100)
        results = [await throughput(name, Load(http, urls, replies), args.people, args.updates)]
        if args.seconds > 0:
            load = Load(http, urls, replies)
            results.append(await fixed_rate(name, load, args.people, args.rate, args.seconds))
    return results


@dataclass(frozen=True)
class BenchArgs:
    updates: int = 2000
    people: int = 50
    rate: float = 200.0
    seconds: float = 10.0
    processes: int = 1
    database_url: str | None = None
    echo: bool = True


async def yardstick(
    name: str, module: str, fake: FakeTelegram, env: dict[str, str], args: BenchArgs
) -> list[Result]:
    """One echo bot in its own process on the stand-in, under the same load as movesafe."""
    port = free_port()
    echo = [[sys.executable, "-m", module, str(port), fake.url, TOKEN, SECRET]]
    async with processes(echo, [port], env):
        return await measure(name, [f"http://127.0.0.1:{port}/telegram/webhook"], fake, args)


def profiler(index: int) -> list[str]:
    """``MOVESAFE_PROFILE=FILE``: run each movesafe process under py-spy (collapsed stacks in
    ``FILE.<n>``, for "where does the time go"); nothing otherwise. Blocking mode, samples
    holding the GIL only: ``--nonblocking`` lost about two thirds of the samples here, and
    ``--idle`` counted waits inside SQLite's file locking as work."""
    target = os.environ.get("MOVESAFE_PROFILE")
    if not target:
        return []
    return ["py-spy", "record", "--rate", "250", "--format", "raw", "--gil",
            "--output", f"{target}.{index}", "--"]  # fmt: skip


def ratio(ours: Result, theirs: Result) -> str:
    return (
        f"  ratio movesafe/{theirs.name} (updates/s): {ours.rate / theirs.rate:.2f}"
        f"   p99 {ours.pct(0.99):.1f} ms vs {theirs.pct(0.99):.1f} ms"
    )


async def run(args: BenchArgs) -> str:
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        db = args.database_url or f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}"
        async with FakeTelegram(TOKEN) as fake:
            env = server_env(fake.url, db)
            upgrade = await spawn([sys.executable, "-m", "bot", "db", "upgrade"], env)
            if await upgrade.wait() != 0:
                raise RuntimeError("movesafe db upgrade failed")
            ports = [free_port() for _ in range(args.processes)]
            serve = [
                [*profiler(i), sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1",
                 "--port", str(p)]
                for i, p in enumerate(ports)
            ]  # fmt: skip
            async with processes(serve, ports, env):
                urls = [f"http://127.0.0.1:{p}/telegram/webhook" for p in ports]
                label = f"movesafe ({args.processes} process{'es' if args.processes > 1 else ''})"
                ours = await measure(label, urls, fake, args)
            theirs: list[list[Result]] = []
            if args.echo:  # one after the other, never beside movesafe or each other
                for name, module in ECHOES:
                    theirs.append(await yardstick(name, module, fake, env, args))
    kind = "PostgreSQL" if db.startswith("postgres") else "SQLite"
    lines.append(
        f"movesafe bench inbound: {kind}, {args.people} people, Bot API stand-in on 127.0.0.1"
    )
    lines.append(f"throughput ({args.updates} updates, each person one at a time):")
    lines += [f"  {r.line()}" for r in (ours[0], *(t[0] for t in theirs))]
    lines += [ratio(ours[0], t[0]) for t in theirs]
    if args.seconds > 0:
        lines.append(f"fixed rate ({args.rate:.0f} updates/s for {args.seconds:.0f} s):")
        lines += [f"  {r.line()}" for r in (ours[1], *(t[1] for t in theirs))]
    return "\n".join(lines)
