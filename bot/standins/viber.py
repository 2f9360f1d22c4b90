"""A local stand-in of the Viber REST Bot API (https://developers.viber.com/docs/api/rest-bot-api/),
served by aiohttp on 127.0.0.1 for tests and benchmarks. Like Viber it answers HTTP 200 with a
``status`` in the body (0 ok, 2 invalidAuthToken, 3 badData, 6 notSubscribed, 12 tooManyRequests),
reads JSON whatever the Content-Type (viberbot sends none), and takes the token from the
``X-Viber-Auth-Token`` header or, as viberbot 1.0.12 sends it, from the body's ``auth_token``.
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
from types import TracebackType
from typing import Any, Self

from aiohttp import web

Body = dict[str, Any]
DEFAULT_EVENTS = [
    "delivered",
    "seen",
    "failed",
    "subscribed",
    "unsubscribed",
    "conversation_started",
]
_tokens = itertools.count(5_000_000_000_000_000_000)


@dataclass
class Call:
    endpoint: str
    body: Body
    auth: str | None
    at: float
    result: Any = None


@dataclass(frozen=True)
class Failure:
    status: int
    message: str
    http_status: int = 200
    delay: float = 0.0


def sign(body: bytes, token: str) -> str:
    """``X-Viber-Content-Signature``: hex HMAC-SHA256 of the raw body keyed with the token."""
    return hmac.new(token.encode(), body, hashlib.sha256).hexdigest()


def callback(event: str, **fields: Any) -> Body:
    return {
        "event": event,
        "timestamp": int(time.time() * 1000),
        "message_token": next(_tokens),
        **fields,
    }


def sender(user_id: str, language: str = "uk", country: str = "UA", api_version: int = 10) -> Body:
    return {
        "id": user_id,
        "name": "Test",
        "avatar": None,
        "language": language,
        "country": country,
        "api_version": api_version,
    }


def ok(**fields: Any) -> Body:
    return {"status": 0, "status_message": "ok", **fields}


def error(status: int, message: str) -> Body:
    return {"status": status, "status_message": message}


class FakeViber:
    """The Viber REST API for one auth token."""

    def __init__(self, token: str = "viber-test-token", *, latency: float = 0.0) -> None:  # noqa: S107
        self.token = token
        self.latency = latency
        self.calls: list[Call] = []
        self.keep_calls = True
        self.on_call: Callable[[Call], None] | None = None
        self.unsubscribed: set[str] = set()
        self.webhook = ""
        self.event_types: list[str] = list(DEFAULT_EVENTS)
        self._failures: defaultdict[str, deque[Failure]] = defaultdict(deque)
        self._message_tokens = itertools.count(1)
        self._arrived = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.url = ""

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        app = web.Application()
        app.router.add_post("/pa/{endpoint}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        bound = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://{host}:{bound}/pa"
        return self.url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    def sent(self, receiver: str | None = None) -> list[Call]:
        return [
            c
            for c in self.calls
            if c.endpoint in ("send_message", "broadcast_message")
            and (
                receiver is None
                or c.body.get("receiver") == receiver
                or receiver in c.body.get("broadcast_list", [])
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
        for _ in range(times):
            self._failures[endpoint].append(Failure(status, message, http_status, delay))

    async def wait_for(
        self,
        count: int,
        *,
        endpoint: str | None = None,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> list[Call]:
        async def enough() -> list[Call]:
            while True:
                found = [c for c in self.calls if endpoint is None or c.endpoint == endpoint]
                if len(found) >= count:
                    return found
                self._arrived.clear()
                await self._arrived.wait()

        try:
            return await asyncio.wait_for(enough(), timeout)
        except TimeoutError:
            raise TimeoutError(
                f"wanted {count} calls, got {[c.endpoint for c in self.calls]}"
            ) from None

    async def _handle(self, request: web.Request) -> web.Response:
        arrived = time.monotonic()
        endpoint = request.match_info["endpoint"]
        raw = await request.read()
        try:
            body = json.loads(raw) if raw else {}
        except ValueError:
            body = None
        header = request.headers.get("X-Viber-Auth-Token")
        auth = header or (body.get("auth_token") if isinstance(body, dict) else None)
        call = Call(endpoint, body if isinstance(body, dict) else {}, auth, arrived)
        if self.keep_calls:
            self.calls.append(call)
        self._arrived.set()
        if self.on_call is not None:
            self.on_call(call)
        if self.latency:
            await asyncio.sleep(self.latency)
        if self._failures[endpoint]:
            failure = self._failures[endpoint].popleft()
            await asyncio.sleep(failure.delay)
            answer = error(failure.status, failure.message)
            return web.json_response(answer, status=failure.http_status)
        if auth != self.token:
            return web.json_response(error(2, "invalidAuthToken"))
        if not isinstance(body, dict):
            return web.json_response(error(3, "badData"))
        handler = getattr(self, f"_{endpoint}", None)
        if handler is None:
            raise web.HTTPNotFound
        call.result = handler(body)
        return web.json_response(call.result)

    def _send_message(self, body: Body) -> Body:
        receiver = body.get("receiver")
        if not receiver:
            return error(4, "missingData")
        if body.get("type") == "text" and not 0 < len(str(body.get("text", ""))) <= 7000:
            return error(3, "badData")
        if body.get("type") is None and "keyboard" not in body:
            return error(3, "badData")
        if receiver in self.unsubscribed:
            return error(6, "notSubscribed")
        return ok(message_token=next(self._message_tokens), chat_hostname="SN-CHAT-01_")

    def _broadcast_message(self, body: Body) -> Body:
        ids = body.get("broadcast_list") or []
        if not 1 <= len(ids) <= 300:
            return error(3, "badData")
        failed = [
            {"receiver": r, "status": 6, "status_message": "notSubscribed"}
            for r in ids
            if r in self.unsubscribed
        ]
        return ok(message_token=next(self._message_tokens), failed_list=failed)

    def _set_webhook(self, body: Body) -> Body:
        if "url" not in body:
            return error(4, "missingData")
        self.webhook = str(body["url"])
        self.event_types = list(body.get("event_types") or DEFAULT_EVENTS)
        return ok(event_types=self.event_types)

    def _get_account_info(self, body: Body) -> Body:
        return ok(
            id="pa:123", name="movesafe", uri="movesafe", icon="", background="", category="",
            subcategory="", location={"lon": 0, "lat": 0}, country="UA", webhook=self.webhook,
            event_types=self.event_types, subscribers_count=0, members=[],
        )  # fmt: skip

    def _get_user_details(self, body: Body) -> Body:
        user = {
            "id": body.get("id"),
            "name": "Test",
            "language": "uk",
            "country": "UA",
            "api_version": 10,
        }
        return ok(message_token=next(self._message_tokens), user=user)

    def _get_online(self, body: Body) -> Body:
        return ok(users=[])
