"""Reports made in the chat, end to end (issue 6): through the real server on the Telegram and
Viber stand-ins, out of ``movesafe reports export``; what the database and the logs keep; the
draft's life; wrong receipt codes; abuse limits held in memory only."""

from __future__ import annotations

import base64
import datetime as dt
import json
import logging
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from nacl.public import PrivateKey
from PIL import Image
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.i18n import Renderer
from bot.reports.desk import Limits, ReportDesk
from bot.reports.store import ReportContent, ReportKeys, submit
from bot.runtime import Runtime
from bot.server import ENGINE
from bot.standins.telegram import FakeTelegram
from bot.standins.viber import FakeViber
from bot.storage.db import Database
from bot.storage.models import PendingPhoto, Report, User
from flows import Button, Photo, Text
from flows.content import ContentPack
from flows.replies import Msg
from flows.session import Session
from tests import transcript
from tests.conftest import FROZEN, PG_URL, served
from tests.telegram_driver import TelegramDriver, callback_update
from tests.test_reports_photos import LEAKS
from tests.test_reports_store import database_bytes
from tests.viber_driver import ViberDriver

TG_TOKEN = "123456:TEST-TOKEN"
TG_SECRET = "test-secret_1"
VB_TOKEN = "viber-test-token"
WORDS = "Zebra-van-7731 took passports at the Medyka crossing"
WORDS_UK = "Кременчук-таємниця-4412 водій забрав паспорти"
ADDED = "Addition-6610 the van came back on Friday"
DATABASES = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture
def analyst(tmp_path: Path) -> tuple[PrivateKey, Path]:
    key = PrivateKey.generate()
    path = tmp_path / "reports.key"
    path.write_text(base64.b64encode(bytes(key)).decode(), encoding="utf-8")
    return key, path


def public_of(key: PrivateKey) -> str:
    return base64.b64encode(bytes(key.public_key)).decode()


def cli(args: list[str], database_url: str, cwd: Path) -> str:
    """``movesafe ARGS`` in a process of its own, as an operator runs it; its output."""
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "k"}
    done = subprocess.run(
        [sys.executable, "-m", "bot", *args], check=True, env=env, capture_output=True,
        text=True, cwd=cwd,
    )  # fmt: skip
    return done.stdout


def export(kind: str, tmp_path: Path, key_file: Path) -> list[dict[str, Any]]:
    """``movesafe reports export`` as an analyst runs it."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'test.db'}" if kind == "sqlite" else PG_URL or ""
    out = tmp_path / "export"
    cli(["reports", "export", "--private-key", str(key_file), "--out", str(out)], url, tmp_path)
    lines = (out / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) | {"_dir": str(out)} for line in lines]


def assert_clean_photo(path: Path) -> None:
    raw = path.read_bytes()
    for marker in LEAKS:
        assert marker not in raw, marker
    with Image.open(path) as image:
        assert image.format == "JPEG"
        assert not image.getexif()
        assert set(image.info) <= {"jfif", "jfif_version", "jfif_unit", "jfif_density"}


@pytest.fixture
async def telegram(
    request: pytest.FixtureRequest, tmp_path: Path, analyst: tuple[PrivateKey, Path]
) -> AsyncIterator[tuple[TestClient[Any, Any], FakeTelegram, str]]:
    kind = getattr(request, "param", "sqlite")
    async with FakeTelegram(TG_TOKEN) as fake:
        env = {
            "TELEGRAM_BOT_TOKEN": TG_TOKEN,
            "TELEGRAM_API_URL": fake.url,
            "TELEGRAM_WEBHOOK_SECRET": TG_SECRET,
            "REPORTS_PUBLIC_KEY": public_of(analyst[0]),
        }
        async with served(kind, tmp_path, env) as client:
            yield client, fake, kind


async def play(driver: Any, steps: list[dict[str, Any]]) -> dict[str, str]:
    seen: dict[str, str] = {}
    for step in steps:
        await transcript.play(driver, step, seen)
    return seen


ONBOARD_EN = [
    {"start": ""},
    {"press": "English"},
    {"press": "OK, continue"},
    {"press": "Poland"},
    {"press": "No, thanks"},
]
REPORT_EN = [
    {"press": "📝 Report something suspicious"},
    {"press": "✍️ Start a report"},
    {"press": "Transport or a ride"},
    {"press": "Poland"},
    {"location": [49.81234, 22.94321]},
    {"press": "About 1 km (safer)"},
    {"press": "Today"},
    {"type": WORDS},
    {"type": WORDS_UK},
    {"press": "✓ Done"},
    {"photo": "van.jpg"},
    {"press": "✓ Done"},
    {"press": "✅ Send the report"},
]


@pytest.mark.parametrize("telegram", DATABASES, indirect=True)
async def test_a_telegram_report_with_a_gps_photo_comes_out_of_the_export_whole(
    telegram: tuple[TestClient[Any, Any], FakeTelegram, str],
    analyst: tuple[PrivateKey, Path],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    client, fake, kind = telegram
    caplog.set_level(logging.INFO)  # what the server logs (movesafe serve runs at INFO)
    caplog.set_level(logging.DEBUG, logger="bot")  # and all of our own
    caplog.set_level(logging.DEBUG, logger="flows")
    tg = TelegramDriver(client, fake, TG_SECRET, "reporter", "en")
    seen = await play(tg, ONBOARD_EN + REPORT_EN)
    receipt = seen["receipt"]
    assert any(c.method == "getFile" for c in fake.calls)
    assert any(c.method == "download" for c in fake.calls)

    [report] = export(kind, tmp_path, analyst[1])
    assert report["category"] == "transport" and report["country"] == "PL"
    assert report["location"] == {"lat": 49.81, "lon": 22.94, "exact": False}  # ~1 km
    assert report["when"] == "today" and report["language"] == "en"
    assert report["texts"] == [WORDS, WORDS_UK]
    received = dt.datetime.fromisoformat(report["received_at"])
    assert (received.minute, received.second) == (0, 0)  # to the hour
    [photo] = report["photos"]
    assert_clean_photo(Path(report["_dir"]) / photo)

    # Nothing in the logs of the whole conversation names the person or quotes them.
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "POST /telegram/webhook" in logged  # the capture works
    for secret in (WORDS[:14], WORDS_UK[:14], str(tg.chat_id), receipt, receipt.replace(" ", "")):
        assert secret not in logged, secret

    # The draft is gone: the session holds no text, no photo waits, nothing left to wipe.
    async with client.app[ENGINE].connect() as conn:
        row = (await conn.execute(select(User.session, User.holds_until))).one()
        pending = (await conn.execute(select(PendingPhoto.id))).all()
    assert Session.from_json(row.session).draft is None
    assert WORDS[:14] not in row.session and row.holds_until is None
    assert pending == []

    if kind == "sqlite":  # and no copy of the words anywhere in the database's files
        raw = database_bytes(tmp_path)
        for secret in (WORDS[:14], WORDS_UK[:14], receipt.replace(" ", "")):
            assert secret.encode() not in raw, secret
        assert b"transport" in raw  # the check can read what is meant to stay readable


@pytest.mark.parametrize("telegram", DATABASES, indirect=True)
async def test_pressing_send_twice_or_a_redelivered_send_stores_one_report(
    telegram: tuple[TestClient[Any, Any], FakeTelegram, str],
) -> None:
    client, fake, _kind = telegram
    tg = TelegramDriver(client, fake, TG_SECRET, "twice", "en")
    await play(tg, ONBOARD_EN + REPORT_EN[:-1])
    send = callback_update(tg.chat_id, "en", tg.buttons["✅ Send the report"], tg.last_message_id)
    assert await tg.post(send) == 200
    assert await tg.post(send) == 200  # Telegram re-delivers the same update
    again = callback_update(tg.chat_id, "en", "rep:send", tg.last_message_id)
    assert await tg.post(again) == 200  # an old Send button pressed again
    async with client.app[ENGINE].connect() as conn:
        assert (await conn.execute(text("SELECT count(*) FROM reports"))).scalar() == 1


@pytest.fixture
async def viber(
    request: pytest.FixtureRequest, tmp_path: Path, analyst: tuple[PrivateKey, Path]
) -> AsyncIterator[tuple[TestClient[Any, Any], FakeViber, str]]:
    kind = getattr(request, "param", "sqlite")
    async with FakeViber(VB_TOKEN) as fake:
        env = {
            "VIBER_AUTH_TOKEN": VB_TOKEN,
            "VIBER_API_URL": fake.url,
            "REPORTS_PUBLIC_KEY": public_of(analyst[0]),
        }
        async with served(kind, tmp_path, env) as client:
            yield client, fake, kind


@pytest.mark.parametrize("viber", DATABASES, indirect=True)
async def test_a_viber_report_and_its_follow_up_come_out_of_the_export(
    viber: tuple[TestClient[Any, Any], FakeViber, str],
    analyst: tuple[PrivateKey, Path],
    tmp_path: Path,
    renderer: Renderer,
) -> None:
    client, fake, kind = viber
    vb = ViberDriver(client, fake, VB_TOKEN, "reporter", "uk")
    steps = [
        {"start": ""},
        {"press": "Українська"},
        {"press": "Гаразд, далі"},
        {"press": "Румунія"},
        {"press": "Ні, дякую"},
        {"press": "📝 Повідомити про підозріле"},
        {"press": "✍️ Написати звернення"},
        {"press": "Когось, схоже, контролюють чи експлуатують"},
        {"press": "Румунія"},
        {"type": "Сучава"},
        {"press": "Цього тижня"},
        {"type": WORDS_UK},
        {"press": "✓ Готово"},
        {"photo": "kitchen.jpg"},
        {"press": "✓ Готово"},
        {"press": "✅ Надіслати"},
        {"press": "☰ Меню"},
        {"press": "📝 Повідомити про підозріле"},
        {"press": "🔑 Доповнити звернення"},
        {"type": "{receipt}"},
        {"type": ADDED},
        {"photo": "second.jpg"},
        {"press": "✅ Надіслати"},
    ]
    await play(vb, steps)
    assert fake.calls[-1].body["text"] == renderer.format(Msg("followup-sent"), "uk")

    [report] = export(kind, tmp_path, analyst[1])
    assert (report["category"], report["country"], report["city"]) == ("controlled", "RO", "Сучава")
    assert report["when"] == "week" and report["language"] == "uk"
    assert report["texts"] == [WORDS_UK] and report["location"] is None
    [addition] = report["additions"]
    assert addition["texts"] == [ADDED]
    folder = Path(report["_dir"])
    photos = [*report["photos"], *addition["photos"]]
    assert len(photos) == 2
    for name in photos:
        assert_clean_photo(folder / name)


def person(runtime: Runtime, who: str) -> Any:
    async def say(event: Any) -> list[str]:
        handled = await runtime.handle("console", who, event, fetch=fetch)
        return [r.text for r in handled.replies]

    return say


async def fetch(ref: str) -> bytes:
    return transcript.photo_bytes(ref)


async def ready_to_send(say: Any) -> None:
    for payload in ("lang:en", "ok", "cty:PL", "upd:off", "rep:new", "rep:cat:other",
                    "rep:cty:PL", "rep:next", "rep:when:today"):  # fmt: skip
        await say(Button(payload=payload))
    await say(Text(text=WORDS))
    await say(Button(payload="rep:next"))
    await say(Button(payload="rep:next"))


async def count(engine: AsyncEngine, table: Any) -> int:
    async with engine.connect() as conn:
        return len((await conn.execute(select(table.id))).all())


async def test_a_wrong_receipt_code_reveals_nothing(
    runtime: Runtime, engine: AsyncEngine, renderer: Renderer
) -> None:
    say = person(runtime, "guesser")
    await ready_to_send(say)
    sent = await say(Button(payload="rep:send"))
    receipt = transcript.RECEIPT.search(sent[0])
    assert receipt is not None
    answers = set()
    for wrong in ("0000 0000 0000 0000", "1234", "not a code", receipt.group()[:-1] + "9x"):
        await say(Button(payload="fu"))
        answers.add(tuple(await say(Text(text=wrong))))
    assert len(answers) == 1  # a malformed code and a code of no report look the same
    [reply] = answers.pop()
    assert reply.startswith(renderer.format(Msg("followup-not-found"), "en"))
    await say(Button(payload="fu"))
    [found] = await say(Text(text=receipt.group()))
    assert "I found your report" in found


async def test_abuse_limits_are_per_person_and_in_memory_only(
    runtime: Runtime, engine: AsyncEngine
) -> None:
    a, b = person(runtime, "busy"), person(runtime, "other")
    for n in range(5):
        await ready_to_send(a)
        [sent] = await a(Button(payload="rep:send"))
        assert "receipt code" in sent, n
    await ready_to_send(a)
    [refused] = await a(Button(payload="rep:send"))
    assert refused.startswith("You have sent several reports today")
    await ready_to_send(b)
    [sent] = await b(Button(payload="rep:send"))
    assert "receipt code" in sent
    assert await count(engine, Report) == 6
    async with engine.connect() as conn:  # the limits left no trace in the database
        tables = await conn.run_sync(lambda c: c.dialect.get_table_names(c))
    assert not any("limit" in t or "rate" in t for t in tables)


def test_limits_forget_everyone_when_the_key_rotates() -> None:
    now = [FROZEN]
    limits = Limits(1, dt.timedelta(hours=1), lambda: now[0])

    async def go() -> list[bool]:
        first = [await limits.allow("telegram:1"), await limits.allow("telegram:1")]
        slot = limits._slot("telegram:1")
        assert b"telegram" not in slot and len(slot) == 16
        now[0] += dt.timedelta(days=1)
        return [*first, await limits.allow("telegram:1"), limits._slot("telegram:1") == slot]

    import asyncio

    assert asyncio.run(go()) == [True, False, True, False]


async def test_an_abandoned_draft_and_its_photos_are_wiped_within_the_hour(
    engine: AsyncEngine, content: ContentPack, renderer: Renderer, keys: ReportKeys
) -> None:
    now = [FROZEN]
    clock = lambda: now[0]  # noqa: E731
    runtime = Runtime(
        Database(engine), content, renderer, clock=clock, desk=ReportDesk(keys, clock)
    )
    say = person(runtime, "walked-away")
    for payload in ("lang:en", "ok", "cty:PL", "upd:off", "rep:new", "rep:cat:other",
                    "rep:cty:PL", "rep:next", "rep:when:today"):  # fmt: skip
        await say(Button(payload=payload))
    await say(Text(text=WORDS))
    await say(Photo(ref="van.jpg"))
    assert await count(engine, PendingPhoto) == 1
    now[0] += dt.timedelta(minutes=61)
    await runtime.flush()  # the server prunes as it goes
    assert await count(engine, PendingPhoto) == 0
    async with engine.connect() as conn:
        row = (await conn.execute(select(User.session, User.holds_until))).one()
    assert WORDS not in row.session and row.holds_until is None
    assert Session.from_json(row.session).draft is None
    [back] = await say(Text(text="hello again"))
    assert "Report something suspicious" in back


async def test_the_worker_sweeps_drafts_left_behind_and_reports_past_retention(
    sqlite_runtime: Runtime, sqlite_engine: AsyncEngine, keys: ReportKeys, tmp_path: Path
) -> None:
    say = person(sqlite_runtime, "left")  # the runtime's clock is FROZEN, long before now
    for payload in ("lang:en", "ok", "cty:PL", "upd:off", "rep:new", "rep:cat:other",
                    "rep:cty:PL", "rep:next", "rep:when:today"):  # fmt: skip
        await say(Button(payload=payload))
    await say(Text(text=WORDS))
    await say(Photo(ref="van.jpg"))
    old = FROZEN - dt.timedelta(days=200)
    content = ReportContent(
        category="other", country="PL", when="today", texts=["x"], language="en"
    )
    await submit(Database(sqlite_engine), keys, content, [], old)
    await sqlite_engine.dispose()
    done = cli(["worker", "--once"], f"sqlite+aiosqlite:///{tmp_path / 'test.db'}", tmp_path)
    assert done.strip() == (
        "wiped 1 unfinished draft(s) or job ad(s), 1 photo(s) of abandoned drafts, "
        "1 report(s) past 180 days; sent 0 broadcast message(s)"
    )
    assert WORDS.encode() not in database_bytes(tmp_path)
