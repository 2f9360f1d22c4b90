"""The Telegram channel end to end: the real server and python-telegram-bot, the Bot API faked
over HTTP on 127.0.0.1, on SQLite and PostgreSQL."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from sqlalchemy import select

from bot.i18n import Renderer
from bot.server import ENGINE, RUNTIME
from bot.standins.telegram import FakeTelegram
from bot.storage.models import RecentMessage, User
from flows.replies import Msg
from tests import transcript
from tests.conftest import served
from tests.telegram_driver import TelegramDriver, message_update

TOKEN = "123456:TEST-TOKEN"
SECRET = "test-secret_1"


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
    }
    async with served(request.param, tmp_path, env) as client:
        yield client


def driver(
    client: TestClient[Any, Any], fake: FakeTelegram, user: str, lang: str | None
) -> TelegramDriver:
    return TelegramDriver(client, fake, SECRET, user, lang)


async def user_row(client: TestClient[Any, Any], chat_id: int) -> User | None:
    async with client.app[ENGINE].connect() as conn:
        query = select(User).where(User.channel == "telegram", User.external_id == str(chat_id))
        return (await conn.execute(query)).first()  # type: ignore[return-value]


PATHS = sorted(transcript.FOLDER.glob("*.yaml"))


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
async def test_transcript_telegram(
    path: Path,
    client: TestClient[Any, Any],
    fake: FakeTelegram,
    renderer: Renderer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    transcript.log_levels()
    # "Share my location" is a reply keyboard of its own on Telegram (one keyboard a message,
    # and inline keyboards cannot ask for a location): compare the inline rows.
    location = {
        renderer.format(Msg(msg_id), lang)
        for lang in renderer.languages
        for msg_id in ("btn-share-location", "btn-findhelp-near")
    }
    data = transcript.load(path)
    tg = driver(client, fake, f"t-{path.stem}", data.get("lang_hint"))
    seen: dict[str, str] = {}
    for i, step in enumerate(data["steps"], 1):
        if not transcript.plays_on(step, "telegram"):
            continue
        expected = transcript.without_rows(step["replies"], location)
        actual = await transcript.play(tg, step, seen)
        assert actual == expected, f"{path.name} step {i}"
    transcript.assert_private(caplog.text, data, [str(tg.chat_id)], seen)


async def test_start_gets_the_language_choice_as_an_inline_keyboard(
    client: TestClient[Any, Any], fake: FakeTelegram
) -> None:
    tg = driver(client, fake, "new", "uk")
    assert await tg.post(message_update(tg.chat_id, "uk", text="/start")) == 200
    (call,) = fake.sent(tg.chat_id)
    assert call.method == "sendMessage"
    assert call.params["text"] == "Оберіть мову."
    assert call.params["parse_mode"] == "HTML"
    keyboard = call.params["reply_markup"]["inline_keyboard"]
    assert keyboard[0] == [
        {"text": "Українська", "callback_data": "lang:uk"},
        {"text": "Русский", "callback_data": "lang:ru"},
        {"text": "English", "callback_data": "lang:en"},
    ]


async def test_forged_or_missing_secret_gets_403_and_no_reply(
    client: TestClient[Any, Any], fake: FakeTelegram
) -> None:
    tg = driver(client, fake, "forger", "en")
    update = message_update(tg.chat_id, "en", text="/start")
    assert await tg.post(update, secret="wrong") == 403
    response = await client.post("/telegram/webhook", json=update)
    assert response.status == 403
    assert fake.sent() == []
    assert await user_row(client, tg.chat_id) is None


async def test_the_same_update_twice_gets_one_reply(
    client: TestClient[Any, Any], fake: FakeTelegram
) -> None:
    tg = driver(client, fake, "twice", "en")
    update = message_update(tg.chat_id, "en", text="/start")
    assert await tg.post(update) == 200
    assert await tg.post(update) == 200
    assert len(fake.sent(tg.chat_id)) == 1


async def test_onboarding_by_buttons_edits_in_place_and_sos_gives_numbers(
    client: TestClient[Any, Any], fake: FakeTelegram
) -> None:
    tg = driver(client, fake, "walker", "en")
    await tg.play({"start": ""})
    for label in ("English", "OK, continue", "Poland", "Yes, send me updates", "💼 Work safe",
                  "Never pay for a job"):  # fmt: skip
        await tg.play({"press": label})
    edits = [c for c in fake.sent(tg.chat_id) if c.method == "editMessageText"]
    assert len(edits) >= 5
    assert all(c.params["message_id"] == edits[0].params["message_id"] for c in edits)
    presses = [a for a in tg.answers if a is not None]  # answered in the webhook response
    assert len(presses) == 6
    assert all(a["method"] == "answerCallbackQuery" and a["callback_query_id"] for a in presses)
    (reply,) = await tg.play({"type": "/sos"})
    assert "112" in reply["text"] and "+48 22 628 01 20" in reply["text"]


async def test_blocked_person_is_marked_stopped(
    client: TestClient[Any, Any], fake: FakeTelegram
) -> None:
    tg = driver(client, fake, "blocker", "en")
    await tg.play({"start": ""})
    fake.blocked.add(tg.chat_id)
    assert await tg.post(message_update(tg.chat_id, "en", text="/menu")) == 200
    row = await user_row(client, tg.chat_id)
    assert row is not None and row.stopped


async def test_kicked_member_update_marks_stopped(
    client: TestClient[Any, Any], fake: FakeTelegram
) -> None:
    tg = driver(client, fake, "kicker", "en")
    await tg.play({"start": ""})
    bot = {"id": 1, "is_bot": True, "first_name": "b"}
    kicked = {
        "update_id": 900_001,
        "my_chat_member": {
            "chat": {"id": tg.chat_id, "type": "private", "first_name": "T"},
            "from": {"id": tg.chat_id, "is_bot": False, "first_name": "T"},
            "date": 1_764_331_200,
            "old_chat_member": {"status": "member", "user": bot},
            "new_chat_member": {"status": "kicked", "until_date": 0, "user": bot},
        },
    }
    assert await tg.post(kicked) == 200
    row = await user_row(client, tg.chat_id)
    assert row is not None and row.stopped


async def test_429_waits_retry_after_and_the_reply_arrives(
    client: TestClient[Any, Any], fake: FakeTelegram
) -> None:
    tg = driver(client, fake, "throttled", "en")
    fake.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    await tg.post(message_update(tg.chat_id, "en", text="/start"))
    sends = [c for c in fake.calls if c.method == "sendMessage"]
    assert len(sends) == 2  # refused, then accepted
    assert sends[1].at - sends[0].at >= 0.9


async def test_5xx_is_retried(client: TestClient[Any, Any], fake: FakeTelegram) -> None:
    tg = driver(client, fake, "flaky", "en")
    fake.fail_next("sendMessage", 502, "Bad Gateway", times=2)
    await tg.post(message_update(tg.chat_id, "en", text="/start"))
    assert len([c for c in fake.calls if c.method == "sendMessage"]) == 3


async def test_groups_channels_and_edits_are_ignored(
    client: TestClient[Any, Any], fake: FakeTelegram
) -> None:
    tg = driver(client, fake, "group", "en")
    group = message_update(-100123, "en", text="/start")
    group["message"]["chat"] = {"id": -100123, "type": "supergroup", "title": "g"}
    edited = message_update(tg.chat_id, "en", text="edited")
    edited["edited_message"] = edited.pop("message")
    channel = {"id": -1001, "type": "channel"}
    post = {
        "update_id": 777,
        "channel_post": {"message_id": 1, "date": 1, "text": "x", "chat": channel},
    }
    for update in (group, edited, post, {"update_id": 778}):
        assert await tg.post(update) == 200
    assert fake.sent() == []


async def test_malformed_body_is_answered_200_and_ignored(
    client: TestClient[Any, Any], fake: FakeTelegram
) -> None:
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json"}
    for body in (b"{not json", b"[1,2]", b'"x"'):
        response = await client.post("/telegram/webhook", data=body, headers=headers)
        assert response.status == 200
    assert fake.sent() == []


async def test_hide_deletes_recent_messages_then_one_neutral_line(
    client: TestClient[Any, Any], fake: FakeTelegram
) -> None:
    tg = driver(client, fake, "hider", "uk")
    await tg.play({"start": ""})
    await tg.play({"press": "Українська"})
    await tg.play({"type": "привіт"})
    await tg.play({"type": "/hide"})
    (delete,) = [c for c in fake.calls if c.method == "deleteMessages"]
    ids = delete.params["message_ids"]
    assert len(ids) >= 4  # /start, the reply, "привіт", its reply, /hide
    last = fake.sent(tg.chat_id)[-1]
    assert last.method == "sendMessage" and last.params["text"] == "👋"


async def test_healthz_and_metrics(client: TestClient[Any, Any], fake: FakeTelegram) -> None:
    tg = driver(client, fake, "metrics", "en")
    await tg.play({"start": ""})
    health = await client.get("/healthz")
    assert health.status == 200
    assert (await health.json()) == {"status": "ok", "database": "ok"}
    text = await (await client.get("/metrics")).text()
    assert 'movesafe_updates_total{channel="telegram",kind="text"} 1.0' in text
    assert "movesafe_update_seconds_bucket" in text
    assert str(tg.chat_id) not in text


async def test_a_delivery_that_fails_is_answered_503_and_the_re_delivery_is_handled(
    client: TestClient[Any, Any], fake: FakeTelegram
) -> None:
    tg = driver(client, fake, "outage", "en")
    update = message_update(tg.chat_id, "en", text="/start")
    fake.fail_next("sendMessage", 502, "Bad Gateway", times=5)  # every retry fails
    assert await tg.post(update) == 503  # Telegram will re-deliver
    assert await tg.post(update) == 200  # ... and this time the parked reply goes out
    accepted = [c for c in fake.sent(tg.chat_id) if c.result]
    assert len(accepted) == 1
    assert accepted[0].params["text"] == "Choose your language."
    row = await user_row(client, tg.chat_id)
    assert row is not None and row.version == 1  # the step ran once; its reply was sent again


async def test_delete_my_data_keeps_no_message_ids(
    client: TestClient[Any, Any], fake: FakeTelegram
) -> None:
    tg = driver(client, fake, "forgetful", "en")
    await tg.play({"start": ""})
    for label in ("English", "OK, continue", "Poland", "No, thanks"):
        await tg.play({"press": label})
    await tg.play({"type": "/forget"})
    await tg.play({"press": "Yes, delete everything"})
    await client.app[RUNTIME].flush()
    async with client.app[ENGINE].connect() as conn:
        rows = await conn.execute(
            select(RecentMessage).where(RecentMessage.external_id == str(tg.chat_id))
        )
        assert rows.all() == []
    assert await user_row(client, tg.chat_id) is None


async def test_odd_but_parsable_updates_are_answered_200(
    client: TestClient[Any, Any], fake: FakeTelegram
) -> None:
    tg = driver(client, fake, "odd", "en")
    no_chat = message_update(tg.chat_id, "en", text="hi")
    del no_chat["message"]["chat"]
    for update in ({}, {"update_id": "x"}, no_chat, {"update_id": 5, "callback_query": {}}):
        assert await tg.post(update) == 200
    assert fake.sent() == []
    assert (await client.get("/healthz")).status == 200


async def test_a_checked_job_ad_leaves_no_trace_in_logs_or_the_database(
    client: TestClient[Any, Any],
    fake: FakeTelegram,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    request: pytest.FixtureRequest,
) -> None:
    caplog.set_level(logging.INFO)  # the level `movesafe serve` logs at
    caplog.set_level(logging.DEBUG, logger="bot")  # and everything of ours
    ad = "Секретна вакансія Ґлорія: оплата за оформлення 150 €, паспорт залишаєте у нас."
    tg = driver(client, fake, "t-private", "uk")
    steps = transcript.load(transcript.FOLDER / "jobcheck-uk.yaml")["steps"][:6]
    for step in [*steps, {"forward": ad}, {"press": "☰ Меню"}]:
        await tg.play(step)
    row = await user_row(client, tg.chat_id)
    assert row is not None
    assert "Ґлорія" not in row.session and "recruitment_fee" not in row.session
    assert "Ґлорія" not in caplog.text and str(tg.chat_id) not in caplog.text
    if "sqlite" in request.node.callspec.id:
        stored = b"".join(p.read_bytes() for p in tmp_path.glob("test.db*"))  # noqa: ASYNC240
        assert "Ґлорія".encode() not in stored
