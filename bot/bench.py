"""Benchmarks that print figures (``movesafe bench …``). Tests assert behaviour, not speed."""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bot.app import open_runtime
from bot.settings import Settings
from flows.events import Button, Event, Start, Text

# A conversation that visits every kind of screen: onboarding, phases, topics, help now, settings.
SCRIPT: tuple[Event, ...] = (
    Start(),
    Button(payload="lang:uk"),
    Button(payload="ok"),
    Button(payload="cty:PL"),
    Button(payload="upd:on"),
    Button(payload="ph:travel-safe"),
    Button(payload="sos"),
    Button(payload="back"),
    Text(text="hello"),
    Button(payload="set"),
    Button(payload="menu"),
)


def percentile(sorted_values: Sequence[float], p: float) -> float:
    """The value below which ``p`` per cent of the sorted values lie (nearest rank)."""
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * p / 100))]


def script(steps: int, topics: list[str]) -> list[Event]:
    events = list(SCRIPT)
    i = 0
    while len(events) < steps:
        events.append(Button(payload=topics[i % len(topics)]))
        i += 1
    return events[:steps]


async def _steps(db_url: str, steps: int) -> list[float]:
    settings = Settings.from_env({"DATABASE_URL": db_url})
    async with open_runtime(settings) as runtime:
        topics = [f"tp:{p.id}:{t.id}" for p in runtime.content.phases for t in p.topics]
        timings = []
        for event in script(steps, topics or ["menu"]):
            began = time.perf_counter()
            await runtime.handle("console", "bench", event)
            timings.append(time.perf_counter() - began)
        return timings


def bench_chat(steps: int = 50) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        db_url = f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}"
        began = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "bot", "chat", "--user", "bench"],
            input="",
            capture_output=True,
            text=True,
            check=True,
            env={"DATABASE_URL": db_url, "PATH": ""},
        )
        startup = time.perf_counter() - began
        timings = asyncio.run(_steps(db_url, steps))
    ms = sorted(t * 1000 for t in timings)
    return (
        f"console start-up (new process, migrations, first reply): {startup * 1000:.0f} ms\n"
        f"per step over {len(ms)} steps on SQLite: median {statistics.median(ms):.2f} ms, "
        f"p90 {ms[int(len(ms) * 0.9) - 1]:.2f} ms, max {ms[-1]:.2f} ms"
    )
