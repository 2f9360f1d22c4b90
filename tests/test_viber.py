"""The Viber channel end to end: the real server, viberbot parsing, our aiohttp client, and the
Viber REST API faked over HTTP on 127.0.0.1, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from sqlalchemy import select

from bot.channels.viber import signature
from bot.server import ENGINE
from bot.settings import Settings
from bot.standins.viber import FakeViber, callback, sender
from bot.storage.models import User
from tests import transcript
from tests.conftest import served
from tests.viber_driver import ViberDriver, user_id_for

TOKEN = "viber-test-token"


@pytest.fixture
async def fake() -> AsyncIterator[FakeViber]:
    async with FakeViber(TOKEN) as fake:
        yield fake


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def client(
    request: pytest.FixtureRequest, tmp_path: Path, fake: FakeViber
) -> AsyncIterator[TestClient[Any, Any]]:
    env = {
        "VIBER_AUTH_TOKEN": TOKEN,
        "VIBER_API_URL": fake.url,
        "VIBER_BOT_NAME": "movesafe",
    }
    async with served(request.param, tmp_path, env) as client:
        yield client


def driver(client: TestClient[Any, Any], fake: FakeViber, user: str, lang: str) -> ViberDriver:
    return ViberDriver(client, fake, TOKEN, user, lang)


async def user_row(client: TestClient[Any, Any], user_id: str) -> User | None:
    async with client.app[ENGINE].connect() as conn:
        query = select(User).where(User.channel == "viber", User.external_id == user_id)
        return (await conn.execute(query)).first()  # type: ignore[return-value]


PATHS = sorted(transcript.FOLDER.glob("*.yaml"))


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
async def test_transcript_viber(
    path: Path, client: TestClient[Any, Any], fake: FakeViber, caplog: pytest.LogCaptureFixture
) -> None:
    transcript.log_levels()
    data = transcript.load(path)
    user = f"t-{path.stem}"
    vb = driver(client, fake, user, data.get("lang_hint") or "uk")
    seen = await transcript.run(path, vb, update=False)
    transcript.assert_private(caplog.text, data, [user_id_for(user)], seen)


async def test_conversation_started_gets_the_welcome_in_the_response_body(
    client: TestClient[Any, Any], fake: FakeViber
) -> None:
    vb = driver(client, fake, "welcome", "ru")
    status, answer = await vb.post(vb.callback_for({"start": "campaign-md"}))
    assert status == 200
    assert answer["sender"] == {"name": "movesafe"}
    assert answer["type"] == "text"
    assert answer["text"] == "Выберите язык."
    buttons = answer["keyboard"]["Buttons"]
    assert [b["ActionBody"] for b in buttons[:3]] == ["lang:ru", "lang:uk", "lang:en"]
    assert all(b["Columns"] == 2 for b in buttons[:3])
    assert buttons[3]["Columns"] == 6 and buttons[3]["ActionType"] == "reply"
    assert fake.sent() == []  # nothing else may be sent before the person writes


async def test_forged_or_unsigned_callback_gets_403_and_no_reply(
    client: TestClient[Any, Any], fake: FakeViber
) -> None:
    vb = driver(client, fake, "forger", "en")
    message = vb.message(type="text", text="/start")
    status, _ = await vb.post(message, sign=False)
    assert status == 403
    body = json.dumps(message).encode()
    response = await client.post(
        "/viber/webhook", data=body, headers={"X-Viber-Content-Signature": "00" * 32}
    )
    assert response.status == 403
    assert fake.sent() == []
    assert await user_row(client, vb.user_id) is None


async def test_a_signed_text_walks_onboarding_to_the_menu(
    client: TestClient[Any, Any], fake: FakeViber
) -> None:
    vb = driver(client, fake, "walker", "en")
    await vb.play({"start": ""})
    for label in ("English", "OK, continue", "Poland", "Yes, send me updates"):
        replies = await vb.play({"press": label})
    assert replies[-1]["text"].endswith("If you are in danger, tap 🆘 Help now.")
    sent = fake.sent(vb.user_id)
    assert all(c.auth == TOKEN for c in sent)
    assert all(c.body["sender"] == {"name": "movesafe"} for c in sent)
    assert "auth_token" not in sent[0].body  # the token travels in the header


async def test_country_screen_offers_the_location_picker(
    client: TestClient[Any, Any], fake: FakeViber
) -> None:
    vb = driver(client, fake, "picker", "uk")
    await vb.play({"start": ""})
    await vb.play({"press": "Українська"})
    await vb.play({"press": "Гаразд, далі"})
    keyboard = fake.sent(vb.user_id)[-1].body["keyboard"]
    pickers = [b for b in keyboard["Buttons"] if b["ActionType"] == "location-picker"]
    assert len(pickers) == 1 and pickers[0]["ActionBody"]


async def test_the_same_callback_twice_gets_one_reply(
    client: TestClient[Any, Any], fake: FakeViber
) -> None:
    vb = driver(client, fake, "twice", "en")
    await vb.play({"start": ""})
    message = vb.message(type="text", text="lang:en")
    await vb.post(message)
    await vb.post(message)
    assert len(fake.sent(vb.user_id)) == 1


async def test_unsubscribed_marks_the_person_stopped(
    client: TestClient[Any, Any], fake: FakeViber
) -> None:
    vb = driver(client, fake, "leaver", "en")
    await vb.play({"start": ""})
    await vb.play({"press": "English"})
    status, _ = await vb.post(callback("unsubscribed", user_id=vb.user_id))
    assert status == 200
    row = await user_row(client, vb.user_id)
    assert row is not None and row.stopped


async def test_status_6_marks_the_person_stopped(
    client: TestClient[Any, Any], fake: FakeViber
) -> None:
    vb = driver(client, fake, "gone", "en")
    await vb.play({"start": ""})
    fake.unsubscribed.add(vb.user_id)
    await vb.play({"press": "English"})
    row = await user_row(client, vb.user_id)
    assert row is not None and row.stopped


async def test_status_12_backs_off_and_retries(
    client: TestClient[Any, Any], fake: FakeViber
) -> None:
    vb = driver(client, fake, "busy", "en")
    await vb.play({"start": ""})
    fake.fail_next("send_message", 12, "tooManyRequests")
    replies = await vb.play({"press": "English"})
    assert len(replies) == 1
    assert len([c for c in fake.calls if c.endpoint == "send_message"]) == 2


async def test_unknown_events_malformed_bodies_and_receipts_get_200(
    client: TestClient[Any, Any], fake: FakeViber
) -> None:
    vb = driver(client, fake, "odd", "en")
    for data in (
        callback("webhook"),
        callback("delivered", user_id=vb.user_id),
        callback("seen", user_id=vb.user_id),
        callback("failed", user_id=vb.user_id, desc="x"),
        callback("client_status", user_id=vb.user_id),
        {"event": "message", "sender": sender(vb.user_id)},
    ):
        status, _ = await vb.post(data)
        assert status == 200
    response = await client.post(
        "/viber/webhook",
        data=b"{oops",
        headers={"X-Viber-Content-Signature": signature(b"{oops", TOKEN)},
    )
    assert response.status == 200
    assert fake.sent() == []


async def test_hide_explains_how_to_delete_the_chat_on_viber(
    client: TestClient[Any, Any], fake: FakeViber
) -> None:
    vb = driver(client, fake, "hider", "uk")
    await vb.play({"start": ""})
    replies = await vb.play({"type": "/hide"})
    assert "видаліть його в застосунку" in replies[-1]["text"]
    assert replies[-1]["buttons"] == [["🆘 Допомога зараз", "☰ Меню"]]  # help stays one tap away


async def test_exact_outbound_json(client: TestClient[Any, Any], fake: FakeViber) -> None:
    vb = driver(client, fake, "exact", "en")
    await vb.play({"start": ""})
    await vb.play({"press": "English"})
    (call,) = fake.sent(vb.user_id)
    reply = {"Columns": 6, "Rows": 1, "TextSize": "regular", "BgColor": "#FFFFFF", "Silent": True}
    assert call.body == {
        "receiver": vb.user_id,
        "sender": {"name": "movesafe"},
        "type": "text",
        "text": (
            "🔒 I never ask for your name or phone number.\n"
            "I keep only your language, country and choices, so that I can answer you.\n"
            "You can delete it all at any time: Settings → Delete my data."
        ),
        "tracking_data": "en",
        "keyboard": {
            "Type": "keyboard",
            "DefaultHeight": False,
            "InputFieldState": "regular",
            "Buttons": [
                {**reply, "Text": "OK, continue", "ActionType": "reply", "ActionBody": "ok"},
                {
                    **reply,
                    "Columns": 3,
                    "Text": "◀ Back",
                    "ActionType": "reply",
                    "ActionBody": "back",
                },
                {
                    **reply,
                    "Columns": 3,
                    "Text": "🆘 Help now",
                    "ActionType": "reply",
                    "ActionBody": "sos",
                },
            ],
        },
    }
    assert call.auth == TOKEN  # in the X-Viber-Auth-Token header, not the body


async def test_a_message_kind_viberbot_does_not_know_gets_a_kind_reply(
    client: TestClient[Any, Any], fake: FakeViber
) -> None:
    vb = driver(client, fake, "newer", "en")
    await vb.play({"start": ""})
    status, _ = await vb.post(vb.message(type="voice_note", media="x"))
    assert status == 200
    (call,) = fake.sent(vb.user_id)
    assert call.body["text"].startswith("Sorry, I cannot read this kind of message.")


async def test_webhooks_set_registers_viber_with_the_events_it_reads(fake: FakeViber) -> None:
    from bot.webhooks import set_all

    settings = Settings.from_env(
        {
            "VIBER_AUTH_TOKEN": TOKEN,
            "VIBER_API_URL": fake.url,
            "PUBLIC_URL": "https://bot.example.org",
        }
    )
    assert await set_all(settings) == ["viber webhook: https://bot.example.org/viber/webhook"]
    (call,) = [c for c in fake.calls if c.endpoint == "set_webhook"]
    assert call.auth == TOKEN
    assert call.body["url"] == "https://bot.example.org/viber/webhook"
    assert set(call.body["event_types"]) == {
        "delivered", "seen", "failed", "subscribed", "unsubscribed", "conversation_started",
    }  # fmt: skip


async def test_opening_the_chat_stores_nothing_and_does_not_unstop(
    client: TestClient[Any, Any], fake: FakeViber
) -> None:
    stranger = driver(client, fake, "stranger", "uk")
    await stranger.play({"start": ""})
    assert await user_row(client, stranger.user_id) is None  # no id kept for a mere visit
    known = driver(client, fake, "known", "en")
    await known.play({"start": ""})
    await known.play({"press": "English"})
    await known.post(callback("unsubscribed", user_id=known.user_id))
    await known.play({"start": ""})  # opens the chat again
    row = await user_row(client, known.user_id)
    assert row is not None and row.stopped


async def test_hostile_signature_and_odd_callbacks_never_500(
    client: TestClient[Any, Any], fake: FakeViber
) -> None:
    vb = driver(client, fake, "hostile", "en")
    body = json.dumps(vb.message(type="text", text="hi")).encode()
    response = await client.post(
        "/viber/webhook", data=body, headers={"X-Viber-Content-Signature": "é" * 64}
    )
    assert response.status == 403
    odd = [
        vb.message(type="location", location={}),
        vb.message(type="location", location={"lat": "x", "lon": "y"}),
        callback(
            "message", sender={"id": 5, "language": 7}, message={"type": "text", "text": "hi"}
        ),
        callback("conversation_started", user={"id": "u" * 500}, type="open", context=5),
    ]
    for data in odd:
        status, _ = await vb.post(data)
        assert status == 200


async def test_a_delivery_that_fails_is_answered_503_and_the_re_delivery_sends_its_reply(
    client: TestClient[Any, Any], fake: FakeViber
) -> None:
    vb = driver(client, fake, "outage", "en")
    await vb.play({"start": ""})
    message = vb.message(type="text", text="lang:en")
    fake.fail_next("send_message", 12, "tooManyRequests", times=5)  # every retry fails
    assert (await vb.post(message))[0] == 503  # Viber re-delivers
    assert (await vb.post(message))[0] == 200  # ... and the parked reply goes out
    accepted = [c for c in fake.sent(vb.user_id) if (c.result or {}).get("status") == 0]
    assert len(accepted) == 1
    assert accepted[0].body["text"].startswith("🔒 I never ask for your name")
    row = await user_row(client, vb.user_id)
    assert row is not None and row.version == 1  # the step ran once; its reply was sent again
