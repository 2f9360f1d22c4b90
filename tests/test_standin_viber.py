"""The Viber REST stand-in, proved with the real viberbot 1.0.12 SDK over HTTP on 127.0.0.1.

viberbot is synchronous (``requests``), so every SDK call runs in a thread. It sends the token in
the JSON body and no Content-Type; our client sends the ``X-Viber-Auth-Token`` header — both are
read here. If these pass, the channel tests that use the stand-in exercise viberbot's own
encoding, status handling and callback parsing — not a mock of it.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
import requests
from viberbot import Api, BotConfiguration
from viberbot.api.messages import KeyboardMessage, TextMessage
from viberbot.api.viber_requests import (
    ViberConversationStartedRequest,
    ViberMessageRequest,
    create_request,
)

from bot.standins.viber import DEFAULT_EVENTS, Call, FakeViber, callback, sender, sign

TOKEN = "445da6az1s345z78-dazcczb2542zv51a-e0vc5fva17480im9"
USER = "01234567890A="
BUTTON = {"Columns": 6, "Rows": 1, "Text": "Yes", "ActionType": "reply", "ActionBody": "yes"}
KEYBOARD = {"Type": "keyboard", "Buttons": [BUTTON]}


@pytest.fixture
async def fake() -> AsyncIterator[FakeViber]:
    async with FakeViber(TOKEN) as fake:
        yield fake


def viberbot_api(fake: FakeViber, token: str = TOKEN) -> Api:
    """A real viberbot Api pointed at the stand-in (platforms.md D: the URL is bound at init)."""
    api = Api(BotConfiguration(auth_token=token, name="movesafe", avatar=None))
    api._request_sender._viber_bot_api_url = fake.url
    return api


@pytest.fixture
def api(fake: FakeViber) -> Api:
    return viberbot_api(fake)


async def post_raw(fake: FakeViber, endpoint: str, **kwargs: Any) -> tuple[int, Any]:
    """One request without viberbot, to read the exact answer."""
    url = f"{fake.url}/{endpoint}"
    async with aiohttp.ClientSession() as session, session.post(url, **kwargs) as r:
        return r.status, await r.json(content_type=None)


def header(token: str = TOKEN) -> dict[str, str]:
    return {"X-Viber-Auth-Token": token}


# -- viberbot ------------------------------------------------------------------------------------


async def test_send_messages_returns_tokens_and_the_body_carries_auth_token(
    fake: FakeViber, api: Api
) -> None:
    messages = [TextMessage(text="hi", keyboard=KEYBOARD), TextMessage(text="again")]
    tokens = await asyncio.to_thread(api.send_messages, USER, messages)
    assert tokens == [1, 2]
    first, second = fake.sent(USER)
    assert first.body == {
        "auth_token": TOKEN,  # viberbot 1.0.12 never sends the header
        "receiver": USER,
        "sender": {"name": "movesafe", "avatar": None},  # only top-level Nones are dropped
        "type": "text",
        "text": "hi",
        "keyboard": KEYBOARD,
    }
    assert (first.auth, first.endpoint) == (TOKEN, "send_message")
    assert first.result == {
        "status": 0,
        "status_message": "ok",
        "message_token": 1,
        "chat_hostname": "SN-CHAT-01_",
    }
    assert "keyboard" not in second.body
    assert first.at <= second.at


async def test_a_keyboard_alone_has_no_type_and_is_accepted(fake: FakeViber, api: Api) -> None:
    assert await asyncio.to_thread(api.send_messages, USER, [KeyboardMessage(keyboard=KEYBOARD)])
    (call,) = fake.sent(USER)
    assert "type" not in call.body and call.body["keyboard"] == KEYBOARD


async def test_an_unsubscribed_receiver_makes_viberbot_raise_a_bare_exception(
    fake: FakeViber, api: Api
) -> None:
    fake.unsubscribed.add(USER)
    with pytest.raises(Exception, match="failed with status: 6, message: notSubscribed") as info:
        await asyncio.to_thread(api.send_messages, USER, [TextMessage(text="hi")])
    assert type(info.value) is Exception  # nothing narrower to catch
    assert fake.sent(USER)[0].result == {"status": 6, "status_message": "notSubscribed"}


@pytest.mark.parametrize("text", ["", "x" * 7001])
async def test_text_outside_1_to_7000_is_bad_data(fake: FakeViber, api: Api, text: str) -> None:
    """viberbot only checks ``text is not None``; Viber refuses the rest."""
    with pytest.raises(Exception, match="failed with status: 3, message: badData"):
        await asyncio.to_thread(api.send_messages, USER, [TextMessage(text=text)])
    assert await asyncio.to_thread(api.send_messages, USER, [TextMessage(text="x" * 7000)])


async def test_a_wrong_token_is_status_2(fake: FakeViber) -> None:
    api = viberbot_api(fake, token="wrong")
    with pytest.raises(Exception, match="status: 2, message: invalidAuthToken"):
        await asyncio.to_thread(api.send_messages, USER, [TextMessage(text="hi")])
    # get_account_info does not check the status: the error comes back as the "info"
    assert await asyncio.to_thread(api.get_account_info) == {
        "status": 2,
        "status_message": "invalidAuthToken",
    }


async def test_scripted_failures_reach_viberbot(fake: FakeViber, api: Api) -> None:
    fake.fail_next("send_message", 12, "tooManyRequests")
    fake.fail_next("send_message", 0, "", http_status=503)
    with pytest.raises(Exception, match="status: 12, message: tooManyRequests"):
        await asyncio.to_thread(api.send_messages, USER, [TextMessage(text="1")])
    with pytest.raises(requests.HTTPError, match="503"):  # raise_for_status()
        await asyncio.to_thread(api.send_messages, USER, [TextMessage(text="2")])
    assert await asyncio.to_thread(api.send_messages, USER, [TextMessage(text="3")]) == [1]
    assert [c.result["status"] for c in fake.sent(USER)] == [12, 0, 0]


async def test_set_webhook_returns_event_types_and_account_info_shows_it(
    fake: FakeViber, api: Api
) -> None:
    url = "https://bot.example.org/viber/webhook"
    assert await asyncio.to_thread(api.set_webhook, url) == list(DEFAULT_EVENTS)
    assert await asyncio.to_thread(api.set_webhook, url, ["delivered", "seen"]) == [
        "delivered",
        "seen",
    ]
    first, second = fake.calls
    assert first.body == {"auth_token": TOKEN, "url": url, "is_inline": False}
    assert second.body["event_types"] == ["delivered", "seen"]
    info = await asyncio.to_thread(api.get_account_info)
    assert (info["status"], info["webhook"], info["event_types"]) == (0, url, ["delivered", "seen"])
    assert (info["id"], info["name"], info["country"], info["members"]) == (
        "pa:123",
        "movesafe",
        "UA",
        [],
    )
    await asyncio.to_thread(api.unset_webhook)
    assert fake.webhook == ""


async def test_user_details_and_online(fake: FakeViber, api: Api) -> None:
    user = await asyncio.to_thread(api.get_user_details, USER)
    assert user == {
        "id": USER,
        "name": "Test",
        "language": "uk",
        "country": "UA",
        "api_version": 10,
    }
    assert await asyncio.to_thread(api.get_online, [USER]) == []
    assert [c.endpoint for c in fake.calls] == ["get_user_details", "get_online"]


async def test_an_endpoint_viber_does_not_have_is_404(fake: FakeViber, api: Api) -> None:
    with pytest.raises(requests.HTTPError, match="404"):  # viberbot's /pa/post
        await asyncio.to_thread(api.post_messages_to_public_account, USER, [TextMessage(text="x")])
    assert [c.endpoint for c in fake.calls] == ["post"]


# -- callbacks -----------------------------------------------------------------------------------


def test_viberbot_verifies_the_signature() -> None:
    api = Api(BotConfiguration(auth_token=TOKEN, name="movesafe", avatar=None))
    body = json.dumps(callback("message", sender=sender(USER), message={"type": "text"})).encode()
    assert api.verify_signature(body, sign(body, TOKEN))
    assert not api.verify_signature(body, sign(body, "another-token"))
    assert not api.verify_signature(body + b" ", sign(body, TOKEN))
    assert not api.verify_signature(body, sign(body, TOKEN).upper())  # plain ==, lowercase only


def test_callbacks_parse_with_viberbot() -> None:
    data = callback("message", sender=sender("u1"), message={"type": "text", "text": "hi"})
    request = create_request(data)
    assert isinstance(request, ViberMessageRequest)
    profile = request.sender
    assert (profile.id, profile.language, profile.country) == ("u1", "uk", "UA")
    assert (request.message.text, request.message_token) == ("hi", data["message_token"])
    started = create_request(
        callback("conversation_started", user=sender("u2", "en"), type="open", subscribed=False)
    )
    assert isinstance(started, ViberConversationStartedRequest)
    assert (started.user.id, started.user.language, started.subscribed) == ("u2", "en", False)


def test_callback_tokens_are_unique_64_bit_and_timestamps_in_ms() -> None:
    first, second = callback("seen", user_id="u1"), callback("seen", user_id="u1")
    assert first["message_token"] < second["message_token"] < 2**63
    assert first["timestamp"] > 1_700_000_000_000


# -- the wire, without viberbot ------------------------------------------------------------------


async def test_the_header_token_is_enough_and_no_token_is_status_2(fake: FakeViber) -> None:
    assert (await post_raw(fake, "get_account_info", headers=header()))[1]["status"] == 0
    assert await post_raw(fake, "get_account_info", json={}) == (
        200,
        {"status": 2, "status_message": "invalidAuthToken"},
    )
    body = {"auth_token": TOKEN}  # a wrong header is not rescued by a right body token
    assert (await post_raw(fake, "get_account_info", json=body, headers=header("x")))[1] == {
        "status": 2,
        "status_message": "invalidAuthToken",
    }
    assert [c.auth for c in fake.calls] == [TOKEN, None, "x"]


async def test_any_content_type_is_read_as_json_and_garbage_is_bad_data(fake: FakeViber) -> None:
    body = json.dumps({"auth_token": TOKEN, "receiver": USER, "type": "text", "text": "hi"})
    headers = {"Content-Type": "text/plain"}
    assert (await post_raw(fake, "send_message", data=body, headers=headers))[1]["status"] == 0
    for garbage in (b"{not json", b"[1, 2]", b"\xff\xfe"):
        answer = await post_raw(fake, "send_message", data=garbage, headers=header())
        assert answer == (200, {"status": 3, "status_message": "badData"})
    assert fake.calls[-1].body == {}


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"type": "text", "text": "hi"}, 4),  # no receiver
        ({"receiver": USER}, 3),  # no type and no keyboard
        ({"receiver": USER, "type": "hologram"}, 3),
        ({"receiver": USER, "type": "text"}, 3),
        ({"receiver": USER, "type": "rich_media", "rich_media": {}}, 0),
        ({"receiver": USER, "type": "location", "location": {"lat": 50.45, "lon": 30.52}}, 0),
    ],
)
async def test_send_message_checks(fake: FakeViber, body: dict[str, Any], status: int) -> None:
    (_, answer) = await post_raw(fake, "send_message", json=body, headers=header())
    assert answer["status"] == status


async def test_broadcast_lists_unsubscribed_receivers_as_failed(fake: FakeViber) -> None:
    fake.unsubscribed.add("gone=")
    body = {"broadcast_list": [USER, "gone="], "type": "text", "text": "news"}
    (_, answer) = await post_raw(fake, "broadcast_message", json=body, headers=header())
    assert answer == {
        "status": 0,
        "status_message": "ok",
        "message_token": 1,
        "failed_list": [{"receiver": "gone=", "status": 6, "status_message": "notSubscribed"}],
    }
    assert fake.sent(USER) == fake.sent("gone=") == fake.calls
    assert fake.sent("someone-else=") == []
    for receivers in ([], [f"u{i}" for i in range(301)]):
        body["broadcast_list"] = receivers
        (_, answer) = await post_raw(fake, "broadcast_message", json=body, headers=header())
        assert answer["status"] == 3


async def test_unknown_endpoint_is_http_404(fake: FakeViber) -> None:
    url = f"{fake.url}/nope"
    async with aiohttp.ClientSession() as session, session.post(url, headers=header()) as r:
        assert r.status == 404


# -- scripting -----------------------------------------------------------------------------------


async def test_fail_next_times_delay_and_http_status(fake: FakeViber) -> None:
    fake.fail_next("get_online", 12, "tooManyRequests", times=2, delay=0.05, http_status=500)
    answers = [await post_raw(fake, "get_online", json={}, headers=header()) for _ in range(3)]
    assert answers == [
        (500, {"status": 12, "status_message": "tooManyRequests"}),
        (500, {"status": 12, "status_message": "tooManyRequests"}),
        (200, {"status": 0, "status_message": "ok", "users": []}),
    ]
    assert fake.calls[2].at - fake.calls[1].at >= 0.05


async def test_wait_for_on_call_and_keep_calls(fake: FakeViber, api: Api) -> None:
    seen: list[Call] = []
    fake.on_call = seen.append
    task = asyncio.create_task(fake.wait_for(2, endpoint="send_message"))
    await asyncio.to_thread(api.send_messages, USER, [TextMessage(text="a"), TextMessage(text="b")])
    assert [c.body["text"] for c in await task] == ["a", "b"]
    with pytest.raises(TimeoutError, match="arrived: send_message, send_message"):
        await fake.wait_for(1, endpoint="set_webhook", timeout=0.05)
    fake.keep_calls = False
    await asyncio.to_thread(api.send_messages, USER, [TextMessage(text="c")])
    assert len(fake.calls) == 2 and len(seen) == 3


async def test_latency_slows_every_answer() -> None:
    async with FakeViber(TOKEN, latency=0.1) as fake:
        loop = asyncio.get_running_loop()
        started = loop.time()
        await post_raw(fake, "get_online", json={}, headers=header())
        assert loop.time() - started >= 0.1


async def test_url_needs_start_and_stop_keeps_calls() -> None:
    fake = FakeViber(TOKEN)
    with pytest.raises(RuntimeError, match="not started"):
        _ = fake.url
    url = await fake.start()
    assert url == fake.url and url.startswith("http://127.0.0.1:") and url.endswith("/pa")
    await post_raw(fake, "get_online", json={}, headers=header())
    await fake.stop()
    assert [c.endpoint for c in fake.calls] == ["get_online"]
