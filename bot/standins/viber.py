"""A stand-in of the Viber REST Bot API on 127.0.0.1, for tests and benchmarks.

Our client and the real viberbot SDK talk to it over real HTTP: use the URL that
:meth:`FakeViber.start` returns as ``VIBER_API_URL`` (it ends in ``/pa``, like
``https://chatapi.viber.com/pa``). The model (https://developers.viber.com/docs/api/rest-bot-api/,
platforms.md C1 and D):

* Every ``POST /pa/{endpoint}`` is recorded as a :class:`Call`. The body is read as JSON whatever
  the Content-Type (viberbot sends none); the token may come in the ``X-Viber-Auth-Token`` header
  (the documented way, our client) or in the body's ``auth_token`` (viberbot 1.0.12).
* Like Viber it answers HTTP 200 with a ``status`` in the body: 0 ok, 2 invalidAuthToken,
  3 badData, 4 missingData, 6 notSubscribed. An unknown endpoint is an HTTP 404.
* The far side's bad days are scripted: :attr:`FakeViber.unsubscribed` receivers answer status 6,
  :meth:`FakeViber.fail_next` queues errors (status 12 tooManyRequests, HTTP 5xx, slow answers),
  and ``latency`` slows every answer.
* :func:`sign`, :func:`callback` and :func:`sender` build the callbacks Viber would post to us.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from bot.standins._server import LocalServer

Body = dict[str, Any]
Handler = Callable[[Body], Body]

AUTH_HEADER = "X-Viber-Auth-Token"
# set_webhook's optional event_types; answered when none are sent.
DEFAULT_EVENTS = (
    "delivered",
    "seen",
    "failed",
    "subscribed",
    "unsubscribed",
    "conversation_started",
)
# send_message "type"s (https://developers.viber.com/docs/api/rest-bot-api/#message-types);
# a message without a type is a keyboard alone.
MESSAGE_TYPES = frozenset(
    {"text", "picture", "video", "file", "location", "contact", "sticker", "rich_media", "url"}
)
MAX_TEXT = 7000  # text message: "Max length 7,000 characters"
MAX_BROADCAST = 300  # broadcast_list: "Maximum list length is 300 receivers"
CHAT_HOSTNAME = "SN-CHAT-01_"
USER_PROFILE = {"name": "Test", "language": "uk", "country": "UA", "api_version": 10}
_callback_tokens = itertools.count(5_000_000_000_000_000_000)  # 64-bit, like Viber's


@dataclass
class Call:
    """One request as the stand-in received it."""

    endpoint: str  # "send_message", "set_webhook", … as in the URL
    body: Body  # the JSON body as received ({} when unreadable)
    auth: str | None  # the X-Viber-Auth-Token header, else the body's "auth_token"
    at: float  # time.monotonic() on arrival
    result: Any = None  # what the stand-in answered, once answered


@dataclass(frozen=True)
class Failure:
    """A scripted error answer for one call of an endpoint."""

    status: int
    message: str
    http_status: int = 200
    delay: float = 0.0


class ApiError(Exception):
    """Raised inside an endpoint handler; answered as Viber's error JSON (HTTP 200)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def ok(**fields: Any) -> Body:
    return {"status": 0, "status_message": "ok", **fields}


def error_body(status: int, message: str) -> Body:
    return {"status": status, "status_message": message}


def sign(body: bytes, token: str) -> str:
    """``X-Viber-Content-Signature``: hex HMAC-SHA256 of the raw body keyed with the token."""
    return hmac.new(token.encode(), body, hashlib.sha256).hexdigest()


def callback(event: str, **fields: Any) -> Body:
    """A callback as Viber posts it: ``timestamp`` in ms and a fresh 64-bit ``message_token``."""
    return {
        "event": event,
        "timestamp": int(time.time() * 1000),
        "message_token": next(_callback_tokens),
        **fields,
    }


def sender(user_id: str, language: str = "uk", country: str = "UA", api_version: int = 10) -> Body:
    """The ``sender`` (``user`` in conversation_started/subscribed) of a callback."""
    return {
        "id": user_id,
        "name": "Test",
        "avatar": None,
        "language": language,
        "country": country,
        "api_version": api_version,
    }


def read_body(raw: bytes) -> Body | None:
    """The JSON object in ``raw`` (an empty body is ``{}``); ``None`` if it is not one."""
    if not raw:
        return {}
    try:
        body = json.loads(raw)
    except ValueError:  # also UnicodeDecodeError
        return None
    return body if isinstance(body, dict) else None


def auth_of(request: web.Request, body: Body | None) -> str | None:
    header = request.headers.get(AUTH_HEADER)
    if header is not None:
        return header
    token = (body or {}).get("auth_token")
    return token if isinstance(token, str) else None


def check_content(body: Body) -> None:
    """The message part of send_message/broadcast_message: a known type, or a keyboard alone."""
    kind = body.get("type")
    if kind is None and "keyboard" not in body:
        raise ApiError(3, "badData")
    if kind is not None and kind not in MESSAGE_TYPES:
        raise ApiError(3, "badData")
    text = body.get("text")
    if kind == "text" and not (isinstance(text, str) and 0 < len(text) <= MAX_TEXT):
        raise ApiError(3, "badData")


class FakeViber(LocalServer):
    """The Viber REST API for one auth token."""

    name = "FakeViber"
    path = "/pa"

    def __init__(self, token: str = "viber-test-token", *, latency: float = 0.0) -> None:  # noqa: S107
        super().__init__()
        self.token = token
        self.latency = latency
        self.calls: list[Call] = []
        self.keep_calls = True  # benchmarks turn this off to keep memory flat
        self.on_call: Callable[[Call], None] | None = None
        self.unsubscribed: set[str] = set()
        self.webhook = ""  # the last set_webhook url
        self.event_types: list[str] = list(DEFAULT_EVENTS)
        self._failures: defaultdict[str, deque[Failure]] = defaultdict(deque)
        self._message_tokens = itertools.count(1)
        self.media: dict[str, bytes] = {}  # name -> content, served at /media/<name>
        self._endpoints: dict[str, Handler] = {
            "send_message": self._send_message,
            "broadcast_message": self._broadcast_message,
            "set_webhook": self._set_webhook,
            "get_account_info": self._get_account_info,
            "get_user_details": self._get_user_details,
            "get_online": self._get_online,
        }

    # -- lifecycle (start, stop, async with, url: LocalServer) --------------------------------

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/pa/{endpoint}", self._handle)
        app.router.add_get("/media/{name}", self._media)
        return app

    def add_media(self, content: bytes, name: str = "picture.jpg") -> str:
        """Host a picture a person "sent"; returns the ``media`` URL to put in a callback
        (Viber's own media URLs are plain HTTPS downloads, no token)."""
        self.media[name] = content
        return f"{self.url.removesuffix(self.path)}/media/{name}"

    async def _media(self, request: web.Request) -> web.Response:
        content = self.media.get(request.match_info["name"])
        if content is None:
            return web.Response(status=404)
        return web.Response(body=content, content_type="image/jpeg")

    # -- scripting and reading back ----------------------------------------------------------

    def sent(self, receiver: str | None = None) -> list[Call]:
        """send_message calls (to ``receiver``), and broadcasts whose list holds ``receiver``."""
        return [
            c
            for c in self.calls
            if c.endpoint in ("send_message", "broadcast_message")
            and (
                receiver is None
                or c.body.get("receiver") == receiver
                or receiver in (c.body.get("broadcast_list") or [])
            )
        ]

    def fail_next(
        self,
        endpoint: str,
        status: int,
        message: str,
        *,
        times: int = 1,
        http_status: int = 200,
        delay: float = 0.0,
    ) -> None:
        """The next ``times`` calls of ``endpoint`` answer ``{"status": status, …}`` after
        ``delay`` seconds, with HTTP ``http_status`` (Viber itself answers errors with 200)."""
        self._failures[endpoint].extend([Failure(status, message, http_status, delay)] * times)

    async def wait_for(
        self,
        count: int,
        *,
        endpoint: str | None = None,
        timeout: float = 30.0,  # noqa: ASYNC109 - a ceiling: returns as soon as they arrive
    ) -> list[Call]:
        """Wait until at least ``count`` calls (of ``endpoint``) arrived; returns all of them."""
        wanted = f"{endpoint or 'any'} call(s)"
        return await self._wait(count, lambda: self._calls_of(endpoint), wanted, timeout)

    def arrivals(self) -> str:
        return ", ".join(c.endpoint for c in self.calls) or "nothing"

    def _calls_of(self, endpoint: str | None) -> list[Call]:
        return [c for c in self.calls if endpoint is None or c.endpoint == endpoint]

    # -- HTTP --------------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        """Record, then answer: a scripted failure, an error status, or the endpoint's answer."""
        arrived = time.monotonic()
        endpoint = request.match_info["endpoint"]
        body = read_body(await request.read())
        call = Call(endpoint, body or {}, auth_of(request, body), arrived)
        self._record(call)
        if self.latency:
            await asyncio.sleep(self.latency)
        if self._failures[endpoint]:
            failure = self._failures[endpoint].popleft()
            await asyncio.sleep(failure.delay)
            call.result = error_body(failure.status, failure.message)
            return web.json_response(call.result, status=failure.http_status)
        handler = self._endpoints.get(endpoint)
        if handler is None:
            raise web.HTTPNotFound(text=f"no endpoint {endpoint!r}")
        call.result = self._answer(handler, body, call.auth)
        return web.json_response(call.result)

    def _record(self, call: Call) -> None:
        if self.keep_calls:
            self.calls.append(call)
        self._arrived.set()
        if self.on_call is not None:
            self.on_call(call)

    def _answer(self, handler: Handler, body: Body | None, auth: str | None) -> Body:
        if body is None:  # not JSON: the token in it cannot be read either
            return error_body(3, "badData")
        if auth is None or not hmac.compare_digest(auth.encode(), self.token.encode()):
            return error_body(2, "invalidAuthToken")
        try:
            return handler(body)
        except ApiError as exc:
            return error_body(exc.status, exc.message)

    # -- endpoints ---------------------------------------------------------------------------

    def _send_message(self, body: Body) -> Body:
        receiver = body.get("receiver")
        if not receiver:
            raise ApiError(4, "missingData")
        check_content(body)
        if receiver in self.unsubscribed:
            raise ApiError(6, "notSubscribed")
        return ok(message_token=next(self._message_tokens), chat_hostname=CHAT_HOSTNAME)

    def _broadcast_message(self, body: Body) -> Body:
        receivers = body.get("broadcast_list")
        if not isinstance(receivers, list) or not 1 <= len(receivers) <= MAX_BROADCAST:
            raise ApiError(3, "badData")
        check_content(body)
        failed = [
            {"receiver": r, "status": 6, "status_message": "notSubscribed"}
            for r in receivers
            if r in self.unsubscribed
        ]
        return ok(message_token=next(self._message_tokens), failed_list=failed)

    def _set_webhook(self, body: Body) -> Body:
        """``url: ""`` removes the webhook; Viber's own check-callback to the URL is not made."""
        if not isinstance(body.get("url"), str):
            raise ApiError(4, "missingData")
        events = body.get("event_types") or list(DEFAULT_EVENTS)
        if not isinstance(events, list):
            raise ApiError(3, "badData")
        self.webhook, self.event_types = body["url"], events
        return ok(event_types=events)

    def _get_account_info(self, body: Body) -> Body:
        return ok(
            id="pa:123", name="movesafe", uri="movesafe", icon="", background="", category="",
            subcategory="", location={"lon": 0, "lat": 0}, country="UA", webhook=self.webhook,
            event_types=self.event_types, subscribers_count=0, members=[],
        )  # fmt: skip

    def _get_user_details(self, body: Body) -> Body:
        if not body.get("id"):
            raise ApiError(4, "missingData")
        user = {"id": body["id"], **USER_PROFILE}
        return ok(message_token=next(self._message_tokens), user=user)

    def _get_online(self, body: Body) -> Body:
        return ok(users=[])
