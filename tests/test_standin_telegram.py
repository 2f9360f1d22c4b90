"""The Bot API stand-in, proved with the real python-telegram-bot client over HTTP on 127.0.0.1.

If these pass, the channel tests that use the stand-in exercise PTB's own encoding, error mapping
and ``de_json`` — not a mock of it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import time
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    MessageId,
    Update,
)
from telegram.error import BadRequest, Conflict, Forbidden, InvalidToken, NetworkError, RetryAfter

from bot.standins.telegram import FakeTelegram

TOKEN = "123456:TEST-TOKEN"
CHAT = 4242
KEYBOARD = InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data="consent:yes")]])


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram(TOKEN) as fake:
        yield fake


@pytest.fixture
async def tg(fake: FakeTelegram) -> AsyncIterator[Bot]:
    """A real PTB Bot pointed at the stand-in; ``initialize()`` calls getMe."""
    async with Bot(TOKEN, base_url=f"{fake.url}/bot") as bot:
        yield bot


async def post_raw(fake: FakeTelegram, path: str, **kwargs: Any) -> tuple[int, Any]:
    """One request without PTB, to read the exact answer body."""
    async with aiohttp.ClientSession() as session, session.post(fake.url + path, **kwargs) as r:
        return r.status, await r.json()


async def test_initialize_reads_the_bot_user_from_get_me(fake: FakeTelegram, tg: Bot) -> None:
    assert [c.method for c in fake.calls] == ["getMe"]
    assert fake.calls[0].params == {}
    assert (tg.id, tg.username, tg.first_name) == (123456, "movesafe_test_bot", "movesafe")


async def test_send_message_decodes_form_fields_and_answers_a_message(
    fake: FakeTelegram, tg: Bot
) -> None:
    message = await tg.send_message(CHAT, "<b>Hi</b>", parse_mode="HTML", reply_markup=KEYBOARD)
    (call,) = fake.sent(CHAT)
    assert call.method == "sendMessage"
    assert call.params == {
        "chat_id": CHAT,
        "text": "<b>Hi</b>",
        "parse_mode": "HTML",
        "reply_markup": {"inline_keyboard": [[{"text": "Yes", "callback_data": "consent:yes"}]]},
    }
    assert (message.message_id, message.chat.id, message.text) == (1000, CHAT, "<b>Hi</b>")
    assert message.from_user is not None and message.from_user.is_bot
    assert message.reply_markup == KEYBOARD
    assert (await tg.send_message(CHAT, "again")).message_id == 1001
    assert (await tg.send_message(CHAT + 1, "elsewhere")).message_id == 1000  # per-chat counter
    assert fake.last_message_id == 1000


@pytest.mark.parametrize("text", ["123", "[1, 2]", '{"a": 1}', "true", "1.5"])
async def test_text_stays_a_string_whatever_it_looks_like(
    fake: FakeTelegram, tg: Bot, text: str
) -> None:
    await tg.send_message(CHAT, text, disable_notification=True)
    (call,) = fake.sent(CHAT)
    assert call.params == {"chat_id": CHAT, "text": text, "disable_notification": True}


async def test_edits_keep_the_message_id_and_unknown_messages_fail(
    fake: FakeTelegram, tg: Bot
) -> None:
    sent = await tg.send_message(CHAT, "Choose", reply_markup=KEYBOARD)
    edited = await tg.edit_message_text("Chosen", chat_id=CHAT, message_id=sent.message_id)
    assert not isinstance(edited, bool)
    assert (edited.message_id, edited.text, edited.reply_markup) == (
        sent.message_id,
        "Chosen",
        None,
    )
    assert edited.edit_date is not None
    remarked = await tg.edit_message_reply_markup(CHAT, sent.message_id, reply_markup=KEYBOARD)
    assert not isinstance(remarked, bool)
    assert (remarked.text, remarked.reply_markup) == ("Chosen", KEYBOARD)
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await tg.edit_message_text("x", chat_id=CHAT, message_id=999)
    assert [c.params["message_id"] for c in fake.sent(CHAT)[1:]] == [1000, 1000, 999]


async def test_callback_answers_deletes_and_commands(fake: FakeTelegram, tg: Bot) -> None:
    assert await tg.answer_callback_query("cb-1", text="OK")
    assert await tg.delete_messages(CHAT, [1000, 1001])
    commands = [BotCommand("start", "Почати"), BotCommand("sos", "Допомога")]
    assert await tg.set_my_commands(commands, language_code="uk")
    assert await tg.get_my_commands(language_code="uk") == tuple(commands)
    assert await tg.get_my_commands() == ()
    assert fake.calls[1].params == {"callback_query_id": "cb-1", "text": "OK"}
    assert fake.calls[2].params == {"chat_id": CHAT, "message_ids": [1000, 1001]}
    assert fake.calls[3].params == {
        "commands": [
            {"command": "start", "description": "Почати"},
            {"command": "sos", "description": "Допомога"},
        ],
        "language_code": "uk",
    }
    assert [c.method for c in fake.sent()] == ["deleteMessages"]


async def test_a_blocked_chat_raises_forbidden(fake: FakeTelegram, tg: Bot) -> None:
    fake.blocked.add(CHAT)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await tg.send_message(CHAT, "hello?")
    assert (await tg.send_message(CHAT + 1, "others still get it")).message_id == 1000
    assert [c.params["chat_id"] for c in fake.sent()] == [CHAT, CHAT + 1]


async def test_429_raises_retry_after_once(fake: FakeTelegram, tg: Bot) -> None:
    fake.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    with pytest.raises(RetryAfter) as refused:
        await tg.send_message(CHAT, "too fast")
    # bot/__init__.py sets PTB_TIMEDELTA=true, so this is a timedelta and reading it does not warn.
    assert refused.value.retry_after == dt.timedelta(seconds=1)
    assert (await tg.send_message(CHAT, "later")).text == "later"
    assert len(fake.sent(CHAT)) == 2


async def test_502_raises_network_error(fake: FakeTelegram, tg: Bot) -> None:
    fake.fail_next("sendMessage", 502, "Bad Gateway", times=2)
    for _ in range(2):
        with pytest.raises(NetworkError, match="Bad Gateway") as failed:
            await tg.send_message(CHAT, "hi")
        assert type(failed.value) is NetworkError  # not BadRequest, its subclass
    assert (await tg.send_message(CHAT, "hi")).message_id == 1000


async def test_a_wrong_token_raises_invalid_token_and_is_not_recorded(fake: FakeTelegram) -> None:
    with pytest.raises(InvalidToken):
        async with Bot("999:WRONG", base_url=f"{fake.url}/bot"):
            pass
    assert fake.calls == []


async def test_error_bodies_are_the_bot_api_shapes(fake: FakeTelegram) -> None:
    fake.fail_next("SENDMESSAGE", 429, "Too Many Requests: retry after 7", retry_after=7)
    form = {"chat_id": str(CHAT), "text": "x"}
    assert await post_raw(fake, f"/bot{TOKEN}/sendMessage", data=form) == (
        429,
        {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 7",
            "parameters": {"retry_after": 7},
        },
    )
    assert await post_raw(fake, "/bot1:nope/getMe") == (
        401,
        {"ok": False, "error_code": 401, "description": "Unauthorized"},
    )
    status, answer = await post_raw(fake, f"/bot{TOKEN}/getMe", json=[1])
    assert (status, answer["description"]) == (
        400,
        "Bad Request: request body must be a JSON object",
    )
    assert await post_raw(fake, f"/bot{TOKEN}/sendTelepathy") == (
        404,
        {"ok": False, "error_code": 404, "description": "Not Found: method not found"},
    )


async def test_json_bodies_and_any_method_case_are_accepted(fake: FakeTelegram) -> None:
    markup = {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}
    body = {"chat_id": CHAT, "text": "42", "reply_markup": markup}
    status, answer = await post_raw(fake, f"/bot{TOKEN}/SendMessage", json=body)
    assert status == 200 and answer["result"]["reply_markup"] == markup
    assert fake.sent(CHAT)[0].method == "SendMessage"
    assert fake.sent(CHAT)[0].params == body


async def test_uploads_are_recorded_as_name_and_size(fake: FakeTelegram, tg: Bot) -> None:
    photo = await tg.send_photo(CHAT, io.BytesIO(b"x" * 10), caption="map", filename="map.jpg")
    (call,) = fake.sent(CHAT)
    assert call.params == {
        "chat_id": CHAT,
        "caption": "map",
        "photo": {"filename": "map.jpg", "size": 10},
    }
    assert photo.caption == "map" and len(photo.photo) == 2


async def test_location_copy_and_webhook(fake: FakeTelegram, tg: Bot) -> None:
    location = await tg.send_location(CHAT, 50.45, 30.52)
    assert location.location is not None and location.location.latitude == 50.45
    copied = await tg.copy_message(CHAT, from_chat_id=CHAT, message_id=location.message_id)
    assert copied == MessageId(1001)
    assert await tg.set_webhook("https://example.org/telegram/webhook", secret_token="s3cret")
    assert (await tg.get_webhook_info()).url == "https://example.org/telegram/webhook"
    with pytest.raises(Conflict):
        await tg.get_updates()
    assert await tg.delete_webhook()
    assert (await tg.get_webhook_info()).url == ""


async def test_get_updates_serves_pushed_updates_from_the_offset(
    fake: FakeTelegram, tg: Bot
) -> None:
    message = {"message_id": 1, "date": 1_764_331_200, "text": "/start",
               "chat": {"id": CHAT, "type": "private"},
               "from": {"id": CHAT, "is_bot": False, "first_name": "A"}}  # fmt: skip
    fake.push_update({"message": message})
    fake.push_update({"update_id": 10, "message": {**message, "text": "hi"}})
    updates = await tg.get_updates()
    assert all(isinstance(u, Update) for u in updates)
    assert [(u.update_id, u.message and u.message.text) for u in updates] == [
        (1, "/start"),
        (10, "hi"),
    ]
    assert [u.update_id for u in await tg.get_updates(offset=2)] == [10]
    assert [u.update_id for u in await tg.get_updates(offset=11, timeout=0)] == []


async def test_get_updates_long_polls_at_most_a_second(fake: FakeTelegram, tg: Bot) -> None:
    started = time.monotonic()
    assert await tg.get_updates(timeout=30) == ()
    assert 0.9 <= time.monotonic() - started < 2
    asyncio.get_running_loop().call_later(0.1, fake.push_update, {"update_id": 5})
    (update,) = await tg.get_updates(timeout=30)
    assert update.update_id == 5


async def test_wait_for_returns_when_calls_arrive_and_says_what_came(
    fake: FakeTelegram, tg: Bot
) -> None:
    later = asyncio.create_task(tg.send_message(CHAT, "soon"))
    (call,) = await fake.wait_for(1, method="sendmessage", timeout=2)
    assert call.params["text"] == "soon"
    await later
    with pytest.raises(TimeoutError, match=r"2 sendMessage call\(s\); arrived: getMe, sendMessage"):
        await fake.wait_for(2, method="sendMessage", timeout=0.2)


async def test_latency_and_slow_failures_delay_the_answer(fake: FakeTelegram, tg: Bot) -> None:
    fake.fail_next("sendMessage", 504, "Gateway Timeout", delay=0.3)
    started = time.monotonic()
    with pytest.raises(NetworkError, match="Gateway Timeout"):
        await tg.send_message(CHAT, "slow")
    assert time.monotonic() - started >= 0.3
    async with (
        FakeTelegram(TOKEN, latency=0.2) as slow,
        Bot(TOKEN, base_url=f"{slow.url}/bot") as b,
    ):
        started = time.monotonic()
        await b.send_message(CHAT, "hi")
        assert time.monotonic() - started >= 0.2
