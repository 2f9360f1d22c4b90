"""Volunteers in the chat, end to end on the Telegram stand-in: the real server with its
in-process broadcast worker, python-telegram-bot, SQLite and PostgreSQL.

The issue's scenario: a volunteer broadcasts phase 2 to uk+ru speakers in PL and RO; exactly the
matching opted-in people receive it once, each in their language; a blocked one is marked
stopped; the volunteer sees the final counts. And: nobody else reaches the volunteer corner;
invites; tracked links; share arrivals."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from sqlalchemy import func, insert, select

from bot.broadcasts import store
from bot.broadcasts import volunteers as vol
from bot.i18n import Renderer
from bot.runtime import Runtime
from bot.server import RUNTIME
from bot.standins.telegram import FakeTelegram
from bot.standins.viber import FakeViber
from bot.storage.models import Broadcast, ConsoleLogin, DailyCount, Link, LinkClick, User
from flows.content import ContentPack
from flows.replies import Msg
from tests.conftest import served
from tests.telegram_driver import TelegramDriver, chat_id_for
from tests.transcript import ConsoleDriver
from tests.viber_driver import ViberDriver

TOKEN = "123456:TEST-TOKEN"
SECRET = "test-secret_1"
PUBLIC = "https://movesafe.example.org"
TODAY = dt.datetime.now(dt.UTC).date()

# chat id, lang, country, subscribed, stopped
PEOPLE = [
    (7001, "uk", "PL", True, False),
    (7002, "ru", "PL", True, False),
    (7003, "uk", "RO", True, False),
    (7004, "ru", "RO", True, False),  # has blocked the bot: 403
    (7005, "en", "PL", True, False),
    (7006, "uk", "DE", True, False),
    (7007, "ru", "PL", False, False),
    (7008, "uk", "RO", True, True),
]
MATCHING = {7001: "uk", 7002: "ru", 7003: "uk"}


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram(TOKEN) as fake:
        yield fake


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def client(
    request: pytest.FixtureRequest, tmp_path: Path, fake: FakeTelegram
) -> AsyncIterator[TestClient[Any, Any]]:
    env = {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": fake.url,
        "TELEGRAM_WEBHOOK_SECRET": SECRET,
        "PUBLIC_URL": PUBLIC,
    }
    async with served(request.param, tmp_path, env, worker=True) as client:
        yield client


def driver(client: TestClient[Any, Any], fake: FakeTelegram, user: str) -> TelegramDriver:
    return TelegramDriver(client, fake, SECRET, user, "en")


async def onboard(d: TelegramDriver, renderer: Renderer) -> None:
    """English, OK, Poland, yes to updates: at the main menu."""
    await d.play({"start": ""})
    for label in ("English", "btn-ok", "country-PL", "btn-updates-yes"):
        text = label if label == "English" else renderer.format(Msg(label), "en")
        await d.play({"press": text})


async def seed(client: TestClient[Any, Any]) -> None:
    rows = [
        {
            "channel": "telegram", "external_id": str(chat), "lang": lang, "country": country,
            "subscribed": sub, "stopped": stopped, "session": "", "version": 1,
            "first_seen_on": TODAY, "last_seen_on": TODAY,
        }
        for chat, lang, country, sub, stopped in PEOPLE
    ]  # fmt: skip
    db = client.app[RUNTIME].db
    await db.run(lambda conn: conn.execute(insert(User), rows))


async def make_volunteer(client: TestClient[Any, Any], user: str, role: str) -> None:
    db = client.app[RUNTIME].db
    chat = str(chat_id_for(user))
    await db.run(lambda conn: vol.add(conn, "telegram", chat, role, TODAY))
    client.app[RUNTIME].volunteers.forget_roles()


def label(renderer: Renderer, msg_id: str, **args: Any) -> str:
    return renderer.format(Msg.of(msg_id, **args), "en")


def toggle(renderer: Renderer, name: str) -> str:
    return label(renderer, "vol-toggle", mark="▫️", name=name)


async def broadcast_messages(fake: FakeTelegram) -> list[Any]:
    return [
        c
        for c in fake.sent()
        if c.method == "sendMessage"
        and isinstance(c.result, dict)
        and c.params["chat_id"] in {p[0] for p in PEOPLE}
    ]


async def until(check: Any, seconds: float = 30.0) -> None:
    async with asyncio.timeout(seconds):
        while not await check():  # noqa: ASYNC110 - polls what another task writes
            await asyncio.sleep(0.1)


async def test_a_volunteer_broadcasts_phase_2_to_uk_ru_in_pl_ro_and_sees_the_final_counts(
    client: TestClient[Any, Any], fake: FakeTelegram, renderer: Renderer, content: ContentPack
) -> None:
    await seed(client)
    fake.blocked.add(7004)
    volunteer = driver(client, fake, "volunteer-anna")
    await onboard(volunteer, renderer)
    await make_volunteer(client, "volunteer-anna", "volunteer")
    menu = await volunteer.play({"type": "/menu"})
    assert label(renderer, "menu-volunteer") in [b for r in menu[-1]["buttons"] for b in r]

    phase = content.phase("work-safe")
    assert phase is not None
    for step in (
        label(renderer, "menu-volunteer"),
        label(renderer, "vol-new"),
        renderer.format(Msg(phase.title), "en"),
        toggle(renderer, "Poland"),
        toggle(renderer, "Romania"),
        label(renderer, "btn-next"),
        toggle(renderer, "Українська"),
        toggle(renderer, "Русский"),
        label(renderer, "btn-next"),
        label(renderer, "vol-channel-telegram"),
    ):
        await volunteer.play({"press": step})
    preview = await volunteer.play({"press": label(renderer, "vol-active-any")})
    # A sample in each chosen language, then the exact count.
    assert [r["text"].split("\n")[0] for r in preview[:-1]] == [
        label(renderer, "vol-preview-in", language="Українська"),
        label(renderer, "vol-preview-in", language="Русский"),
    ]
    assert renderer.format(Msg(phase.title), "uk") in preview[0]["text"]
    count = label(renderer, "vol-count", count=4, telegram=4, viber=0)
    assert count in preview[-1]["text"]

    started = await volunteer.play({"press": label(renderer, "vol-send-now")})
    assert label(renderer, "vol-started", id=1, count=4, at="") in started[-1]["text"]

    done_text = label(
        renderer, "broadcast-progress-done", id=1, sent=3, recipients=4, blocked=1, failed=0,
        skipped=0,
    )  # fmt: skip

    async def finished() -> bool:
        return any(
            c.params.get("chat_id") == volunteer.chat_id and c.params.get("text") == done_text
            for c in fake.sent()
        )

    await until(finished)
    sent = await broadcast_messages(fake)
    assert sorted(c.params["chat_id"] for c in sent) == sorted(MATCHING)  # once each
    for call in sent:
        lang = MATCHING[call.params["chat_id"]]
        assert renderer.format(Msg(phase.title), lang) in call.params["text"]
    db = client.app[RUNTIME].db
    blocked = await db.run(
        lambda conn: conn.execute(select(User.stopped).where(User.external_id == "7004")).scalar()
    )
    assert blocked is True
    status = await db.run(lambda conn: store.counts(conn, 1))
    assert status == {
        "recipients": 4, "sent": 3, "blocked": 1, "failed": 0, "skipped": 0, "pending": 0
    }  # fmt: skip
    # The progress was one message, edited in place.
    heads = ("📣 Broadcast 1", "✅ Broadcast 1")
    progress = [
        c
        for c in fake.sent()
        if c.params.get("chat_id") == volunteer.chat_id
        and str(c.params.get("text")).startswith(heads)
    ]
    assert progress[0].method == "sendMessage"
    assert all(c.method == "editMessageText" for c in progress[1:])


async def test_nobody_else_reaches_the_volunteer_corner(
    client: TestClient[Any, Any], fake: FakeTelegram, renderer: Renderer
) -> None:
    await seed(client)
    stranger = driver(client, fake, "stranger")
    await onboard(stranger, renderer)
    menu = await stranger.play({"type": "/menu"})
    assert label(renderer, "menu-volunteer") not in [b for r in menu[-1]["buttons"] for b in r]
    for payload in ("vol", "vol:new", "vol:ph:work-safe", "vol:a:0", "vol:go:now", "vol:list",
                    "vol:x:1", "vol:inv:coordinator", "vol:web"):  # fmt: skip
        replies = await stranger.play({"payload": payload})
        assert replies[-1]["text"].startswith(label(renderer, "stale-button")), payload
    db = client.app[RUNTIME].db
    made = await db.run(
        lambda conn: conn.execute(select(func.count()).select_from(Broadcast)).scalar()
    )
    assert made == 0
    logins = await db.run(
        lambda conn: conn.execute(select(func.count()).select_from(ConsoleLogin)).scalar()
    )
    assert logins == 0  # no web-console code for a stranger either


async def test_an_invite_makes_a_volunteer_once(
    client: TestClient[Any, Any], fake: FakeTelegram, renderer: Renderer
) -> None:
    coordinator = driver(client, fake, "coordinator-olena")
    await onboard(coordinator, renderer)
    await make_volunteer(client, "coordinator-olena", "coordinator")
    await coordinator.play({"type": "/menu"})
    await coordinator.play({"press": label(renderer, "menu-volunteer")})
    invite = await coordinator.play({"press": label(renderer, "vol-invite-volunteer")})
    link = re.search(
        r"https://t\.me/movesafe_test_bot\?start=(inv[A-Za-z0-9_-]+)", invite[-1]["text"]
    )
    assert link is not None
    newcomer = driver(client, fake, "newcomer")
    welcome = await newcomer.play({"start": link[1]})
    assert label(renderer, "vol-welcome", role="volunteer") in welcome[-1]["text"]
    db = client.app[RUNTIME].db
    role = await db.run(lambda conn: vol.role_of(conn, "telegram", str(chat_id_for("newcomer"))))
    assert role == "volunteer"
    # The code was not kept in the session as a campaign source.
    session = await db.run(
        lambda conn: conn.execute(
            select(User.session).where(User.external_id == str(chat_id_for("newcomer")))
        ).scalar()
    )
    assert link[1] not in str(session)
    # It works once.
    again = driver(client, fake, "someone-else")
    refused = await again.play({"start": link[1]})
    assert label(renderer, "vol-invite-bad") in refused[-1]["text"]
    role = await db.run(
        lambda conn: vol.role_of(conn, "telegram", str(chat_id_for("someone-else")))
    )
    assert role is None


async def test_tracked_links_count_clicks_and_unique_clicks_and_shares_count_arrivals(
    client: TestClient[Any, Any], fake: FakeTelegram, renderer: Renderer
) -> None:
    await seed(client)
    db = client.app[RUNTIME].db
    audience = store.Audience(("PL",), ("uk", "ru"), ("telegram",))
    now = dt.datetime.now(dt.UTC)
    broadcast_id, _ = await db.run(
        lambda conn: store.create(conn, "phase", "work-safe", audience, now)
    )
    await db.run(lambda conn: store.start(conn, broadcast_id, now))

    async def sent_both() -> bool:
        return len(await broadcast_messages(fake)) == 2

    await until(sent_both)
    urls = {}
    for call in await broadcast_messages(fake):
        buttons = [b for row in call.params["reply_markup"]["inline_keyboard"] for b in row]
        urls[call.params["chat_id"]] = [b["url"] for b in buttons if "url" in b]
    tracked = [u for u in urls[7001] if u.startswith(f"{PUBLIC}/l/")]
    assert len(tracked) == 1
    path = tracked[0].removeprefix(PUBLIC)
    for _ in range(2):  # the same person twice: two clicks, one unique
        response = await client.get(path, allow_redirects=False)
        assert response.status == 302
        assert response.headers["Location"] == "https://www.helpforukrainians.info/"
    other = next(u for u in urls[7002] if u.startswith(f"{PUBLIC}/l/")).removeprefix(PUBLIC)
    assert (await client.get(other, allow_redirects=False)).status == 302
    forged = path[:-1] + ("0" if path[-1] != "0" else "1")
    assert (await client.get(forged, allow_redirects=False)).status == 404
    clicks = await db.run(lambda conn: conn.execute(select(Link.clicks)).scalar())
    unique = await db.run(
        lambda conn: conn.execute(select(func.count()).select_from(LinkClick)).scalar()
    )
    assert (clicks, unique) == (3, 2)
    # The share button's deep link: arrivals counted, new people apart.
    share = next(u for u in urls[7001] if u.startswith("https://t.me/share/url?"))
    assert f"start%3Dsh{broadcast_id}" in share
    friend = driver(client, fake, "friend-of-7001")
    await friend.play({"start": f"sh{broadcast_id}"})
    counted = await db.run(
        lambda conn: dict(conn.execute(select(DailyCount.name, DailyCount.value)).all())
    )
    assert counted[f"share.arrival:{broadcast_id}"] == 1
    assert counted[f"share.new:{broadcast_id}"] == 1


# -- Viber ------------------------------------------------------------------------------------

VIBER_TOKEN = "viber-test-token"


@pytest.fixture
async def viber() -> AsyncIterator[FakeViber]:
    async with FakeViber(VIBER_TOKEN) as viber:
        yield viber


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def viber_client(
    request: pytest.FixtureRequest, tmp_path: Path, viber: FakeViber
) -> AsyncIterator[TestClient[Any, Any]]:
    env = {"VIBER_AUTH_TOKEN": VIBER_TOKEN, "VIBER_API_URL": viber.url, "PUBLIC_URL": PUBLIC}
    async with served(request.param, tmp_path, env, worker=True) as client:
        yield client


async def test_a_viber_volunteer_invited_by_deep_link_broadcasts_with_broadcast_message(
    viber_client: TestClient[Any, Any], viber: FakeViber, renderer: Renderer
) -> None:
    client = viber_client
    db = client.app[RUNTIME].db
    people = [(f"vp{i:03d}==", "uk" if i % 3 else "ru", "PL") for i in range(320)]
    rows = [
        {
            "channel": "viber", "external_id": ext, "lang": lang, "country": country,
            "subscribed": True, "stopped": False, "session": "", "version": 1,
            "first_seen_on": TODAY, "last_seen_on": TODAY,
        }
        for ext, lang, country in people
    ]  # fmt: skip
    await db.run(lambda conn: conn.execute(insert(User), rows))
    viber.unsubscribed.add("vp007==")
    now = dt.datetime.now(dt.UTC)
    code = await db.run(lambda conn: vol.create_invite(conn, "volunteer", None, now))
    # The invite arrives with conversation_started (context), before the person subscribed.
    volunteer = ViberDriver(client, viber, VIBER_TOKEN, "viber-volunteer", "en")
    welcome = await volunteer.play({"start": f"inv{code}"})
    assert label(renderer, "vol-welcome", role="volunteer") in welcome[0]["text"]
    for step in ("English", label(renderer, "btn-ok"), "Poland",
                 label(renderer, "btn-updates-yes"), label(renderer, "menu-volunteer"),
                 label(renderer, "vol-new"), "Travel safe, work safe",
                 label(renderer, "btn-next"), label(renderer, "btn-next"),
                 label(renderer, "vol-channel-viber")):  # fmt: skip
        await volunteer.play({"press": step})
    preview = await volunteer.play({"press": label(renderer, "vol-active-any")})
    # The 320 and the volunteer, who said yes to updates too.
    assert label(renderer, "vol-viber-paid", count=321) in preview[-1]["text"]
    await volunteer.play({"press": label(renderer, "vol-send-now")})

    done = label(
        renderer, "broadcast-progress-done", id=1, sent=320, recipients=321, blocked=1,
        failed=0, skipped=0,
    )  # fmt: skip

    async def finished() -> bool:
        return any(c.body.get("text") == done for c in viber.sent(volunteer.user_id))

    await until(finished)
    lists = [c for c in viber.calls if c.endpoint == "broadcast_message"]
    listed = [r for c in lists for r in c.body["broadcast_list"]]
    everyone = [p[0] for p in people] + [volunteer.user_id]
    assert sorted(listed) == sorted(everyone)  # each once, ≤ 300 a request
    assert all(len(c.body["broadcast_list"]) <= 300 for c in lists)
    stopped = await db.run(
        lambda conn: conn.execute(
            select(User.stopped).where(User.external_id == "vp007==")
        ).scalar()
    )
    assert stopped is True


async def test_a_viber_volunteer_gets_a_web_console_code_that_logs_in_once(
    viber_client: TestClient[Any, Any], viber: FakeViber, renderer: Renderer
) -> None:
    client = viber_client
    volunteer = ViberDriver(client, viber, VIBER_TOKEN, "viber-coordinator", "en")
    for step in ({"start": ""}, {"press": "English"}, {"press": label(renderer, "btn-ok")},
                 {"press": "Poland"}, {"press": label(renderer, "btn-updates-yes")}):  # fmt: skip
        await volunteer.play(step)
    db = client.app[RUNTIME].db
    await db.run(lambda conn: vol.add(conn, "viber", volunteer.user_id, "coordinator", TODAY))
    client.app[RUNTIME].volunteers.forget_roles()
    await volunteer.play({"type": "/menu"})
    await volunteer.play({"press": label(renderer, "menu-volunteer")})
    answer = await volunteer.play({"press": label(renderer, "vol-web")})
    text = answer[-1]["text"]
    link = re.search(rf"{re.escape(PUBLIC)}/console/login\?code=([A-Z0-9-]+)", text)
    assert link is not None, text
    assert link.group(1) in text.split(link.group(0))[0]  # the code itself is shown too

    async def log_in() -> int:
        form = await client.get(f"/console/login?code={link.group(1)}")
        pre = re.search(r'name="pre" value="([^"]+)"', await form.text())
        assert pre is not None
        answer = await client.post(
            "/console/login", data={"pre": pre.group(1), "code": link.group(1)},
            allow_redirects=False, headers={"Cookie": f"ms_console_login={pre.group(1)}"},
        )  # fmt: skip
        return answer.status

    assert await log_in() == 303
    assert await log_in() == 400  # once only


async def test_a_console_volunteer_gets_a_code_without_a_link(
    runtime: Runtime, renderer: Renderer
) -> None:
    driver = ConsoleDriver(runtime, "console-coordinator", "en")
    for step in ({"start": ""}, {"press": "English"}, {"press": label(renderer, "btn-ok")},
                 {"press": "Poland"}, {"press": label(renderer, "btn-updates-yes")}):  # fmt: skip
        await driver.play(step)
    await runtime.db.run(
        lambda conn: vol.add(conn, "console", "console-coordinator", "coordinator", TODAY)
    )
    runtime.volunteers.forget_roles()
    await driver.play({"type": "/menu"})
    await driver.play({"press": label(renderer, "menu-volunteer")})
    answer = await driver.play({"press": label(renderer, "vol-web")})
    text = answer[-1]["text"]
    assert re.search(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", text), text
    assert label(renderer, "vol-web-no-link") in text  # no PUBLIC_URL here: where to type it
