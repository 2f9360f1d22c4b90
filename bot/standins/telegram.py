"""A stand-in of the Telegram Bot API on 127.0.0.1, for tests and ``movesafe bench inbound``.

The real python-telegram-bot client talks to it over real HTTP: point ``Bot(base_url=…)`` (or
``TELEGRAM_API_URL``) at the URL that :meth:`FakeTelegram.start` returns. The model:

* Every request to ``/bot{token}/{method}`` is recorded as a :class:`Call` (method as sent, params
  decoded the way the Bot API reads them), then answered ``{"ok": true, "result": …}`` with objects
  realistic enough for PTB's ``de_json`` (https://core.telegram.org/bots/api#making-requests).
* The bot's messages are remembered per chat (ids count up from 1000 in each chat), so an edit of a
  message the bot never sent fails as it does on Telegram.
* The far side's bad days are scripted: :attr:`FakeTelegram.blocked` chats answer 403,
  :meth:`FakeTelegram.fail_next` queues errors (429 with ``retry_after``, 5xx, slow answers), and
  ``latency`` slows every answer. Error bodies copy the Bot API server's
  (``{"ok": false, "error_code": …, "description": …}``; tdlib/telegram-bot-api ``Query.cpp``).
* Updates pushed with :meth:`FakeTelegram.push_update` are served by ``getUpdates`` (long poll
  capped at 1 s so tests stay fast).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from bot.standins._server import LocalServer

Params = dict[str, Any]
Handler = Callable[[Params], Awaitable[Any]]

# PTB sends every non-string value JSON-encoded and strings raw, so a field's type cannot be read
# from the value alone: these stay strings even when they look like JSON, numbers or booleans …
STRING_FIELDS = frozenset(
    {"text", "caption", "callback_query_id", "inline_message_id", "data", "url", "query",
     "secret_token", "parse_mode", "language_code", "description", "short_description", "name",
     "title", "address", "emoji", "phone_number", "first_name", "last_name",
     "business_connection_id", "message_effect_id", "ip_address"}
)  # fmt: skip
# … and these are numbers whenever they parse as one (chat_id may also be "@channelusername").
NUMERIC_FIELDS = frozenset(
    {"chat_id", "from_chat_id", "message_id", "message_thread_id", "reply_to_message_id", "user_id",
     "offset", "limit", "timeout", "cache_time", "max_connections", "latitude", "longitude",
     "horizontal_accuracy", "live_period", "heading", "proximity_alert_radius", "duration", "width",
     "height", "until_date"}
)  # fmt: skip
# Methods that a person's block refuses (https://core.telegram.org/bots/api#making-requests).
BLOCKABLE_PREFIXES = ("send", "edit", "copy", "forward")
# send*/edit*/delete* that do not create, change or remove a message in a chat.
NOT_MESSAGES = frozenset({"sendchataction", "deletewebhook", "deletemycommands"})
FIRST_MESSAGE_ID = 1000
MAX_LONG_POLL = 1.0
MAX_CALLBACK_DATA_BYTES = 64  # InlineKeyboardButton.callback_data: 1-64 bytes
BLOCKED = "Forbidden: bot was blocked by the user"
WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)


@dataclass
class Call:
    """One request as the stand-in received it."""

    method: str  # as in the URL, e.g. "sendMessage" (case as sent)
    params: Params  # form fields decoded: JSON objects/arrays/booleans parsed, ids as ints
    at: float  # time.monotonic() on arrival
    result: Any = None  # what the stand-in answered (a Message for sends), once answered


@dataclass(frozen=True)
class Failure:
    """A scripted error answer for one call of a method."""

    status: int
    description: str
    retry_after: int | None = None
    delay: float = 0.0


class ApiError(Exception):
    """Raised inside a method handler; answered as the Bot API's error JSON."""

    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after


def error_body(status: int, description: str, retry_after: int | None = None) -> Params:
    """The Bot API's error shape; a 429 also says when to retry (``parameters.retry_after``)."""
    body: Params = {"ok": False, "error_code": status, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return body


def decode_field(name: str, value: str) -> Any:
    """Read one form field the way the Bot API does (see ``STRING_FIELDS``/``NUMERIC_FIELDS``)."""
    if name in STRING_FIELDS:
        return value
    if name in NUMERIC_FIELDS:
        return parse_number(value)
    if value[:1] in ("{", "[") or value in ("true", "false"):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def parse_number(value: str) -> int | float | str:
    """``"42"`` → 42, ``"50.45"`` → 50.45, anything else (``"@channel"``) unchanged."""
    for kind in (int, float):
        try:
            return kind(value)
        except ValueError:
            continue
    return value


def file_summary(field: web.FileField) -> Params:
    """An uploaded file is kept as its name and size, never its bytes."""
    return {"filename": field.filename, "size": len(field.file.read())}


async def read_params(request: web.Request) -> Params:
    """Query string plus body: form (url-encoded or multipart, as PTB sends) or JSON.

    Raises ValueError for a body that cannot be read."""
    params: Params = {k: decode_field(k, v) for k, v in request.query.items()}
    if request.content_type == "application/json" and request.can_read_body:
        body = await request.json()
        if not isinstance(body, dict):
            raise ValueError("request body must be a JSON object")
        params.update({k: decode_field(k, v) if isinstance(v, str) else v for k, v in body.items()})
    elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        for name, value in (await request.post()).items():
            if isinstance(value, web.FileField):
                params[name] = file_summary(value)
            else:
                text = value if isinstance(value, str) else bytes(value).decode()
                params[name] = decode_field(name, text)
    return params


def chat_of(chat_id: int) -> Params:
    """A Chat for an id: people have positive ids, groups negative ones."""
    if chat_id > 0:
        return {"id": chat_id, "type": "private"}
    kind = "supergroup" if chat_id <= -1_000_000_000_000 else "group"
    return {"id": chat_id, "type": kind, "title": "group"}


def required_chat_id(params: Params) -> int:
    """The numeric ``chat_id`` of a call; usernames and missing ids fail as on Telegram."""
    if "chat_id" not in params:
        raise ApiError(400, "Bad Request: chat_id is empty")
    chat_id = params["chat_id"]
    if not isinstance(chat_id, int) or isinstance(chat_id, bool):
        raise ApiError(400, "Bad Request: chat not found")
    return chat_id


def message_key(params: Params) -> tuple[int, int]:
    """(chat_id, message_id) of a call that names one of the chat's messages."""
    chat_id, message_id = required_chat_id(params), params.get("message_id")
    if not isinstance(message_id, int):
        raise ApiError(400, "Bad Request: message identifier is not specified")
    return chat_id, message_id


def inline_keyboard(params: Params) -> Params | None:
    """The inline keyboard of a call, checked like Telegram checks ``callback_data``."""
    markup = params.get("reply_markup")
    if not isinstance(markup, dict) or "inline_keyboard" not in markup:
        return None
    for row in markup["inline_keyboard"]:
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= MAX_CALLBACK_DATA_BYTES:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
    return markup


class FakeTelegram(LocalServer):
    """The Bot API for one bot token, served by aiohttp on a free local port."""

    name = "FakeTelegram"
    path = ""

    def __init__(
        self,
        token: str = "123456:TEST-TOKEN",  # noqa: S107 - a test token, valid only on this stand-in
        *,
        latency: float = 0.0,
    ) -> None:
        super().__init__()
        self.token = token
        self.latency = latency
        self.calls: list[Call] = []
        self.blocked: set[int] = set()
        self.bot_user: Params = {
            "id": int(token.split(":", 1)[0]),
            "is_bot": True,
            "first_name": "movesafe",
            "username": "movesafe_test_bot",
            "can_join_groups": False,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.last_message_id = 0  # id of the newest message the bot sent, in any chat
        self.on_call: Callable[[Call], None] | None = None  # a listener (benchmarks)
        self.keep_calls = True  # benchmarks turn this off to keep memory flat
        self._failures: defaultdict[str, deque[Failure]] = defaultdict(deque)
        self._messages: dict[tuple[int, int], Params] = {}
        self._next_id: dict[int, int] = {}
        self._updates: list[Params] = []
        self._next_update_id = 1
        self._file_ids = itertools.count(1)
        self.files: dict[str, bytes] = {}  # file_id -> content, for getFile and downloads
        self._commands: dict[tuple[str, str], list[Any]] = {}
        self._webhook_url = ""
        self._pushed = asyncio.Event()
        self._methods: dict[str, Handler] = {
            "getme": self._get_me,
            "sendmessage": self._send_message,
            "sendphoto": self._send_photo,
            "senddocument": self._send_document,
            "sendlocation": self._send_location,
            "sendchataction": self._true,
            "copymessage": self._copy_message,
            "forwardmessage": self._forward_message,
            "editmessagetext": self._edit_message_text,
            "editmessagereplymarkup": self._edit_message_reply_markup,
            "deletemessage": self._delete_message,
            "deletemessages": self._delete_messages,
            "answercallbackquery": self._true,
            "setmycommands": self._set_my_commands,
            "getmycommands": self._get_my_commands,
            "deletemycommands": self._delete_my_commands,
            "setwebhook": self._set_webhook,
            "deletewebhook": self._delete_webhook,
            "getwebhookinfo": self._get_webhook_info,
            "setchatmenubutton": self._true,
            "getupdates": self._get_updates,
            "getfile": self._get_file,
        }

    # -- lifecycle (start, stop, async with, url: LocalServer) --------------------------------

    def app(self) -> web.Application:
        app = web.Application(client_max_size=50 * 1024 * 1024)  # Bot API upload limit
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        return app

    def add_file(self, content: bytes, kind: str = "photo") -> str:
        """Store a file a person "sent"; returns its ``file_id`` (put it in an update)."""
        file_id = self._file(kind)["file_id"]
        self.files[file_id] = content
        return str(file_id)

    # -- scripting and reading back ----------------------------------------------------------

    def sent(self, chat_id: int | None = None) -> list[Call]:
        """Calls that create, change or remove messages (send*/edit*/delete*), for one chat or all.

        ``sendChatAction``, ``deleteWebhook`` and ``deleteMyCommands`` are not messages."""
        return [
            c
            for c in self.calls
            if c.method.lower().startswith(("send", "edit", "delete"))
            and c.method.lower() not in NOT_MESSAGES
            and (chat_id is None or c.params.get("chat_id") == chat_id)
        ]

    def fail_next(
        self,
        method: str,
        status: int,
        description: str,
        *,
        retry_after: int | None = None,
        times: int = 1,
        delay: float = 0.0,
    ) -> None:
        """The next ``times`` calls of ``method`` answer this error, after ``delay`` seconds."""
        failure = Failure(status, description, retry_after, delay)
        self._failures[method.lower()].extend([failure] * times)

    def push_update(self, update: Params) -> None:
        """Queue an Update for ``getUpdates``; ``update_id`` is assigned when missing."""
        update = dict(update)
        update.setdefault("update_id", self._next_update_id)
        self._next_update_id = max(self._next_update_id, int(update["update_id"])) + 1
        self._updates.append(update)
        self._pushed.set()

    async def wait_for(
        self,
        count: int,
        *,
        method: str | None = None,
        timeout: float = 30.0,  # noqa: ASYNC109 - a ceiling: returns as soon as they arrive
    ) -> list[Call]:
        """Wait until at least ``count`` calls (of ``method``) arrived; returns all of them."""
        wanted = f"{method or 'any'} call(s)"
        return await self._wait(count, lambda: self._calls_of(method), wanted, timeout)

    def arrivals(self) -> str:
        return ", ".join(c.method for c in self.calls) or "nothing"

    def _calls_of(self, method: str | None) -> list[Call]:
        if method is None:
            return list(self.calls)
        return [c for c in self.calls if c.method.lower() == method.lower()]

    # -- HTTP --------------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        """Authenticate, record, then answer: a scripted failure, an error, or the result."""
        arrived = time.monotonic()
        if request.match_info["token"] != self.token:
            return web.json_response(error_body(401, "Unauthorized"), status=401)
        method = request.match_info["method"]
        try:
            params = await read_params(request)
        except ValueError as exc:  # bad JSON or multipart, as Telegram answers them
            self._record(Call(method, {}, arrived))
            return web.json_response(error_body(400, f"Bad Request: {exc}"), status=400)
        call = Call(method, params, arrived)
        self._record(call)
        if self.latency:
            await asyncio.sleep(self.latency)
        return await self._answer(method.lower(), call)

    def _record(self, call: Call) -> None:
        if self.keep_calls:
            self.calls.append(call)
        self._arrived.set()
        if self.on_call is not None:
            self.on_call(call)

    async def _answer(self, method: str, call: Call) -> web.Response:
        if self._failures[method]:
            failure = self._failures[method].popleft()
            await asyncio.sleep(failure.delay)
            return self._error(ApiError(failure.status, failure.description, failure.retry_after))
        try:
            result = await self._dispatch(method, call.params)
        except ApiError as exc:
            return self._error(exc)
        call.result = result
        return web.json_response({"ok": True, "result": result})

    @staticmethod
    def _error(exc: ApiError) -> web.Response:
        body = error_body(exc.status, exc.description, exc.retry_after)
        return web.json_response(body, status=exc.status)

    async def _dispatch(self, method: str, params: Params) -> Any:
        handler = self._methods.get(method)
        if handler is None:
            raise ApiError(404, "Not Found: method not found")
        if method.startswith(BLOCKABLE_PREFIXES) and params.get("chat_id") in self.blocked:
            raise ApiError(403, BLOCKED)
        return await handler(params)

    # -- messages ----------------------------------------------------------------------------

    def _new_message(self, params: Params, **content: Any) -> Params:
        """A Message from the bot in ``chat_id`` with the next id of that chat, remembered."""
        chat_id = required_chat_id(params)
        markup = inline_keyboard(params)
        message_id = self._next_id.get(chat_id, FIRST_MESSAGE_ID)
        self._next_id[chat_id] = message_id + 1
        self.last_message_id = message_id
        message: Params = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": chat_of(chat_id),
            "from": self.bot_user,
            **content,
        }
        if markup is not None:
            message["reply_markup"] = markup
        if self.keep_calls:  # benchmarks send millions and edit none: keep memory flat
            self._messages[(chat_id, message_id)] = message
        return message

    def _edited(self, params: Params, **content: Any) -> Params | bool:
        """The stored message with ``content`` replaced; inline messages answer ``true``."""
        if "inline_message_id" in params:
            return True
        key = message_key(params)
        if key not in self._messages:
            raise ApiError(400, "Bad Request: message to edit not found")
        message = {k: v for k, v in self._messages[key].items() if k != "reply_markup"}
        message.update(content, edit_date=int(time.time()))
        markup = inline_keyboard(params)
        if markup is not None:
            message["reply_markup"] = markup
        self._messages[key] = message
        return message

    async def _send_message(self, params: Params) -> Params:
        text = params.get("text")
        if not text:
            raise ApiError(400, "Bad Request: message text is empty")
        return self._new_message(params, text=str(text))

    def _file(self, kind: str, **fields: Any) -> Params:
        """A stored file's ids (unique per upload) plus its kind's fields."""
        n = next(self._file_ids)
        return {"file_id": f"{kind}-{n}", "file_unique_id": f"u-{kind}-{n}", **fields}

    async def _get_file(self, params: Params) -> Params:
        """https://core.telegram.org/bots/api#getfile — the path to download it from
        ``/file/bot<token>/<file_path>`` (files up to 20 MB)."""
        file_id = str(params.get("file_id", ""))
        if file_id not in self.files:
            raise ApiError(400, "Bad Request: invalid file_id")
        size = len(self.files[file_id])
        if size > 20 * 1024 * 1024:
            raise ApiError(400, "Bad Request: file is too big")
        return {
            "file_id": file_id,
            "file_unique_id": f"u-{file_id}",
            "file_size": size,
            "file_path": f"photos/{file_id}.jpg",
        }

    async def _download(self, request: web.Request) -> web.Response:
        self._record(Call("download", {"path": request.match_info["path"]}, time.monotonic()))
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        name = request.match_info["path"].rsplit("/", 1)[-1].removesuffix(".jpg")
        if name not in self.files:
            return web.Response(status=404)
        return web.Response(body=self.files[name], content_type="application/octet-stream")

    async def _send_photo(self, params: Params) -> Params:
        """Telegram answers with the sizes it made: here a thumbnail and a medium one."""
        photo = [
            self._file("photo", width=90, height=90),
            self._file("photo", width=800, height=800),
        ]
        return self._new_message(params, photo=photo, **self._caption(params))

    async def _send_document(self, params: Params) -> Params:
        document = self._file("document")
        upload = params.get("document")
        if isinstance(upload, dict) and upload.get("filename"):
            document["file_name"] = upload["filename"]
        return self._new_message(params, document=document, **self._caption(params))

    async def _send_location(self, params: Params) -> Params:
        location = {"latitude": params.get("latitude"), "longitude": params.get("longitude")}
        return self._new_message(params, location=location)

    async def _copy_message(self, params: Params) -> Params:
        """Telegram answers copyMessage with a MessageId, not a Message."""
        return {"message_id": self._new_message(params)["message_id"]}

    async def _forward_message(self, params: Params) -> Params:
        return self._new_message(params)

    @staticmethod
    def _caption(params: Params) -> Params:
        return {"caption": params["caption"]} if params.get("caption") else {}

    async def _edit_message_text(self, params: Params) -> Params | bool:
        return self._edited(params, text=str(params.get("text", "")))

    async def _edit_message_reply_markup(self, params: Params) -> Params | bool:
        return self._edited(params)

    async def _delete_message(self, params: Params) -> bool:
        self._messages.pop(message_key(params), None)
        return True

    async def _delete_messages(self, params: Params) -> bool:
        """Ids that are not there (or not the bot's) are skipped, as on Telegram."""
        chat_id = required_chat_id(params)
        for message_id in params.get("message_ids") or []:
            self._messages.pop((chat_id, message_id), None)
        return True

    # -- bot settings and updates ------------------------------------------------------------

    async def _get_me(self, params: Params) -> Params:
        return self.bot_user

    async def _true(self, params: Params) -> bool:
        return True

    @staticmethod
    def _commands_key(params: Params) -> tuple[str, str]:
        """Commands are kept per (scope, language_code), as ``getMyCommands`` reads them."""
        scope = params.get("scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(params.get("language_code") or "")

    async def _set_my_commands(self, params: Params) -> bool:
        self._commands[self._commands_key(params)] = list(params.get("commands") or [])
        return True

    async def _get_my_commands(self, params: Params) -> list[Any]:
        return self._commands.get(self._commands_key(params), [])

    async def _delete_my_commands(self, params: Params) -> bool:
        self._commands.pop(self._commands_key(params), None)
        return True

    async def _set_webhook(self, params: Params) -> bool:
        self._webhook_url = str(params.get("url") or "")
        return True

    async def _delete_webhook(self, params: Params) -> bool:
        self._webhook_url = ""
        return True

    async def _get_webhook_info(self, params: Params) -> Params:
        return {
            "url": self._webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": 0,
        }

    async def _get_updates(self, params: Params) -> list[Params]:
        """Updates from ``offset`` on; older ones are confirmed (dropped). Long-polls ≤ 1 s."""
        if self._webhook_url:
            raise ApiError(409, WEBHOOK_CONFLICT)
        offset = int(params.get("offset") or 0)
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        wait = min(float(params.get("timeout") or 0), MAX_LONG_POLL)
        if not self._updates and wait > 0:
            self._pushed.clear()
            try:
                await asyncio.wait_for(self._pushed.wait(), wait)
            except TimeoutError:
                return []
        return self._updates[: int(params.get("limit") or 100)]
