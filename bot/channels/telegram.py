"""The Telegram channel: Bot API updates in, rendered replies out, through python-telegram-bot.

python-telegram-bot is the typed API client only (``Update.de_json`` in, ``Bot`` methods out); our
aiohttp server owns HTTP and our runtime owns the conversation (platforms.md §F).

- Updates: private-chat messages and button presses become neutral events; ``my_chat_member``
  "kicked" (the person blocked the bot) becomes ``Stopped``; edited messages, groups and channel
  posts are ignored without a word (https://core.telegram.org/bots/api#update).
- Replies: the title in bold, everything HTML-escaped; action buttons as an inline keyboard
  (``callback_data`` ≤ 64 bytes, checked by ``content check``); a "share my location" button as a
  one-time reply keyboard on a short second message, since a message has one keyboard and inline
  keyboards cannot ask for a location; texts split under 4096 UTF-16 units, keyboard on the last
  part. A button press answers the callback query and edits the pressed message in place.
- Errors: 429 waits ``retry_after``; timeouts and 5xx retry with backoff; 403 marks the person
  stopped; 400 is logged by method name only (never text, never ids).
"""

from __future__ import annotations

import asyncio
import logging
import time
import warnings
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

from telegram import Bot, InputFile, Message, ReplyKeyboardRemove, Update
from telegram.error import (
    BadRequest,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.warnings import PTBUserWarning

from bot.channels.telegram_keyboard import html_chunks, inline_keyboard, location_keyboard
from bot.errors import ChannelError, ContactStopped, DeliveryFailed, Throttled
from bot.i18n import Rendered
from bot.metrics import Metrics
from bot.reports.errors import PhotoTooLarge
from bot.reports.photos import MAX_BYTES
from bot.runtime import Handled, Runtime
from flows.effects import HideChat, SendCard
from flows.events import (
    Button,
    Event,
    Location,
    Photo,
    Stopped,
    Text,
    Unsupported,
)
from flows.replies import Msg

log = logging.getLogger(__name__)
T = TypeVar("T")

CHANNEL = "telegram"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name
ALLOWED_UPDATES = ("message", "edited_message", "callback_query", "my_chat_member")
ATTEMPTS = 5
MAX_WAIT = 60.0
COMMANDS = (
    "start",
    "menu",
    "sos",
    "report",
    "followup",
    "help",
    "language",
    "stop",
    "forget",
    "hide",
)


@dataclass(frozen=True)
class Inbound:
    """One update, read: who, what, and what the channel needs to answer it."""

    chat_id: int
    event: Event
    key: str
    message_id: int | None = None  # the person's own message (deleted by /hide)
    callback_id: str | None = None
    callback_message_id: int | None = None  # the message whose button was pressed

    def __post_init__(self) -> None:
        # PTB does not check types: a list or a 100-digit "id" would reach the database (message
        # ids are written later, in one batch with everybody's) and the Bot API.
        for value in (self.chat_id, self.message_id, self.callback_message_id):
            if value is not None and not is_id(value):
                raise ValueError("malformed telegram update: an id is not a 64-bit integer")


def is_id(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and -(2**63) < value < 2**63


def read_update(update: Update) -> Inbound | None:
    """The neutral event in an update, or None for what the bot ignores."""
    if not is_id(update.update_id):
        raise ValueError("malformed telegram update: update_id is not a 64-bit integer")
    key = str(update.update_id)
    if (query := update.callback_query) is not None:
        chat = query.message.chat if query.message else None
        if chat is not None and chat.type != "private":
            return None
        hint = query.from_user.language_code
        return Inbound(
            chat.id if chat else query.from_user.id,
            Button(payload=query.data or "", lang_hint=hint),
            key,
            callback_id=query.id,
            callback_message_id=query.message.message_id if query.message else None,
        )
    if (member := update.my_chat_member) is not None:
        if member.chat.type == "private" and member.new_chat_member.status == "kicked":
            return Inbound(member.chat.id, Stopped(), key)
        return None
    msg = update.message
    if msg is None or msg.chat.type != "private":
        return None  # edited messages, channel posts, groups: nothing to say there
    hint = msg.from_user.language_code if msg.from_user else None
    return Inbound(msg.chat.id, message_event(msg, hint), key, message_id=msg.message_id)


def read_common(data: dict[str, Any]) -> Inbound | None:
    """The two updates nearly all traffic is — a text message and a button press in a private
    chat — read straight from the JSON. ``Update.de_json`` builds a whole object tree for them
    (a fifth of a conversation step's time in the ``movesafe bench inbound`` profile). Anything
    else, or anything not shaped exactly as the Bot API documents it, gives None: such an update
    goes through ``Update.de_json`` and :func:`read_update` as before."""
    update_id = data.get("update_id")
    if len(data) != 2 or not is_id(update_id):  # an update has its id and exactly one kind
        return None
    if isinstance(msg := data.get("message"), dict):
        text, chat = msg.get("text"), msg.get("chat")
        if not isinstance(text, str) or not private(chat) or not is_id(msg.get("message_id")):
            return None
        known, hint = language_of(msg.get("from"))
        if not known:
            return None
        event = Text(text=text, lang_hint=hint)
        return Inbound(msg["chat"]["id"], event, str(update_id), message_id=msg["message_id"])
    if isinstance(query := data.get("callback_query"), dict):
        pressed, payload = query.get("message"), query.get("data", "")
        if not isinstance(pressed, dict) or not private(pressed.get("chat")):
            return None
        known, hint = language_of(query.get("from"))
        if not known or not isinstance(query.get("id"), str) or not isinstance(payload, str):
            return None
        if not is_id(pressed.get("message_id")):
            return None
        return Inbound(
            pressed["chat"]["id"],
            Button(payload=payload, lang_hint=hint),
            str(update_id),
            callback_id=query["id"],
            callback_message_id=pressed["message_id"],
        )
    return None


def private(chat: object) -> bool:
    return isinstance(chat, dict) and chat.get("type") == "private" and is_id(chat.get("id"))


def language_of(user: object) -> tuple[bool, str | None]:
    """(well-formed, its ``language_code``) of a User object."""
    if not isinstance(user, dict) or not is_id(user.get("id")):
        return False, None
    hint = user.get("language_code")
    return hint is None or isinstance(hint, str), hint


def message_event(msg: Message, hint: str | None) -> Event:
    if msg.text is not None:
        return Text(text=msg.text, lang_hint=hint)
    place = msg.venue.location if msg.venue else msg.location
    if place is not None:
        return Location(lat=place.latitude, lon=place.longitude, lang_hint=hint)
    if msg.photo:
        return Photo(ref=msg.photo[-1].file_id, caption=msg.caption, lang_hint=hint)
    return Unsupported(kind=unsupported_kind(msg), lang_hint=hint)


def unsupported_kind(msg: Message) -> str:
    kinds = (
        ("sticker", msg.sticker),
        ("voice", msg.voice or msg.audio or msg.video_note),
        ("video", msg.video or msg.animation),
        ("file", msg.document),
        ("contact", msg.contact),
    )
    return next((name for name, present in kinds if present), "other")


Sleep = Callable[[float], Awaitable[None]]


async def call(name: str, fn: Callable[[], Awaitable[T]], sleep: Sleep = asyncio.sleep) -> T:
    """One Bot API call with Telegram's manners: wait on 429, back off on 5xx and timeouts."""
    for attempt in range(ATTEMPTS):
        try:
            return await fn()
        except RetryAfter as exc:
            wait = exc.retry_after
            seconds = wait.total_seconds() if not isinstance(wait, int) else float(wait)
            if seconds > MAX_WAIT:
                raise Throttled(f"{name}: retry after {seconds:.0f}s") from None
            await sleep(seconds)
        except Forbidden:
            raise ContactStopped(name) from None
        except BadRequest:  # a NetworkError subclass in PTB: must come before it
            raise
        except (TimedOut, NetworkError):
            if attempt == ATTEMPTS - 1:
                raise Throttled(f"{name}: gave up after {ATTEMPTS} attempts") from None
            await sleep(0.25 * 2**attempt)
        except TelegramError as exc:  # refused for good (bad token, conflict…): not retried
            raise ChannelError(f"{name}: {type(exc).__name__}") from None
    raise Throttled(f"{name}: still throttled after {ATTEMPTS} attempts")


def html_message(chat: int, text: str, markup: Any, **more: Any) -> dict[str, Any]:
    """The parameters of a sendMessage / editMessageText with HTML text and its keyboard."""
    params = {"chat_id": chat, "text": text, "parse_mode": "HTML", **more}
    if markup is not None:
        params["reply_markup"] = markup
    return params


def bot_for(token: str, api_url: str, **kwargs: Any) -> Bot:
    base = api_url.rstrip("/")
    return Bot(token, base_url=f"{base}/bot", base_file_url=f"{base}/file/bot", **kwargs)


class TelegramChannel:
    """Webhook bodies in (already authenticated), replies out, for one bot token."""

    def __init__(self, bot: Bot, runtime: Runtime, metrics: Metrics, sleep: Sleep = asyncio.sleep):
        self.bot = bot
        self.runtime = runtime
        self.metrics = metrics
        self.sleep = sleep

    async def receive(self, data: dict[str, Any]) -> dict[str, Any] | None:
        """Handle one update; returns a Bot API call for the webhook response body, if any.

        A button press is answered there (``answerCallbackQuery``, which stops the button's
        spinner): Telegram allows one method in the response, and this saves a round trip.
        https://core.telegram.org/bots/api#making-requests-when-getting-updates
        """
        started = time.perf_counter()
        inbound = read_common(data)
        if inbound is None:
            update = Update.de_json(data, self.bot)
            inbound = read_update(update) if update is not None else None
        kind = type(inbound.event).__name__.lower() if inbound else "ignored"
        self.metrics.updates.labels(CHANNEL, kind).inc()
        if inbound is None:
            return None
        handled = await self.runtime.handle(
            CHANNEL,
            str(inbound.chat_id),
            inbound.event,
            key=inbound.key,
            deliver=partial(self._deliver, inbound),
            fetch=self._fetch,
        )
        if handled.duplicate:
            self.metrics.duplicates.labels(CHANNEL).inc()
        self.metrics.latency.labels(CHANNEL).observe(time.perf_counter() - started)
        if inbound.callback_id is None:
            return None
        return {"method": "answerCallbackQuery", "callback_query_id": inbound.callback_id}

    async def _fetch(self, file_id: str) -> bytes:
        """A photo the person sent (getFile, then the download; bots may fetch up to 20 MB)."""
        file = await call("getFile", partial(self.bot.get_file, file_id), self.sleep)
        if file.file_size is not None and file.file_size > MAX_BYTES:
            raise PhotoTooLarge("over the photo size limit")
        return bytes(await file.download_as_bytearray())

    async def _deliver(self, inbound: Inbound, handled: Handled) -> None:
        chat = inbound.chat_id
        try:
            if any(isinstance(e, HideChat) for e in handled.effects):
                sent = await self._hide(inbound, handled.lang)
            else:
                sent = await self._send_all(inbound, handled.replies)
            for card in (e for e in handled.effects if isinstance(e, SendCard)):
                sent += await self._send_card(inbound.chat_id, card)
        except ContactStopped:
            await self.runtime.mark_stopped(CHANNEL, str(chat))
            return
        except Throttled:
            raise DeliveryFailed(CHANNEL) from None
        except (BadRequest, ChannelError) as exc:
            log.warning("telegram delivery failed: %s", type(exc).__name__)
            self.metrics.errors.labels(CHANNEL, "send").inc()
            return
        if handled.forgotten:
            return  # "delete my data": not even message ids are kept
        mine = [inbound.message_id] if inbound.message_id else []
        await self.runtime.remember_messages(CHANNEL, str(chat), [*mine, *sent])

    async def _send_all(self, inbound: Inbound, replies: list[Rendered]) -> list[int]:
        sent: list[int] = []
        for i, reply in enumerate(replies):
            pressed = inbound.callback_message_id if i == 0 else None
            if pressed is not None and await self._edit(inbound.chat_id, pressed, reply):
                sent += await self._location_prompt(inbound.chat_id, reply)
            else:
                sent += await self._send(inbound.chat_id, reply)
        return sent

    async def _send(self, chat: int, reply: Rendered) -> list[int]:
        chunks = html_chunks(reply)
        sent = []
        for n, chunk in enumerate(chunks, 1):
            markup = inline_keyboard(reply) if n == len(chunks) else None
            params = html_message(chat, chunk, markup)
            answer = await self._call("sendMessage", partial(self._raw, "sendMessage", params))
            if isinstance(answer, dict) and isinstance(answer.get("message_id"), int):
                sent.append(answer["message_id"])
        return sent + await self._location_prompt(chat, reply)

    async def _raw(self, method: str, params: dict[str, Any]) -> Any:
        """A Bot API call through python-telegram-bot's ``do_api_request``: the same request
        encoding and error mapping as ``send_message``, but the answer stays the plain JSON
        (building a ``Message`` from every answer cost more than the rest of the send)."""
        with warnings.catch_warnings():  # "use Bot.send_message": on purpose, above
            warnings.simplefilter("ignore", PTBUserWarning)
            return await self.bot.do_api_request(method, api_kwargs=params)

    async def _edit(self, chat: int, message_id: int, reply: Rendered) -> bool:
        """Show the reply in place of the pressed message; False if that cannot be done."""
        chunks = html_chunks(reply)
        if len(chunks) != 1:
            return False
        params = html_message(chat, chunks[0], inline_keyboard(reply), message_id=message_id)
        edit = partial(self._raw, "editMessageText", params)
        try:
            await self._call("editMessageText", edit)
        except BadRequest as exc:
            return "not modified" in str(exc)  # the same screen again: nothing to change
        return True

    async def _send_card(self, chat: int, card: SendCard) -> list[int]:
        """The offline safety card as a photo (uploaded; the same bytes for everyone)."""
        data = await self.runtime.card(card.country, card.lang)
        name = f"safety-card-{card.country}-{card.lang}.png"
        msg = await self._call(
            "sendPhoto", partial(self.bot.send_photo, chat, InputFile(data, filename=name))
        )
        return [msg.message_id]

    async def _location_prompt(self, chat: int, reply: Rendered) -> list[int]:
        keyboard = location_keyboard(reply)
        if keyboard is None:
            return []
        label = keyboard.keyboard[0][0].text
        msg = await self._call(
            "sendMessage", partial(self.bot.send_message, chat, f"⬇️ {label}", reply_markup=keyboard)
        )
        return [msg.message_id]

    async def _hide(self, inbound: Inbound, lang: str) -> list[int]:
        chat = inbound.chat_id
        ids = await self.runtime.recent_messages(CHANNEL, str(chat))
        ids = sorted({*ids, *([inbound.message_id] if inbound.message_id else [])})
        for start in range(0, len(ids), 100):  # deleteMessages takes 1-100 ids
            batch = ids[start : start + 100]
            await self._call("deleteMessages", partial(self.bot.delete_messages, chat, batch))
        await self.runtime.forget_messages(CHANNEL, str(chat))
        text = self.runtime.renderer.format(Msg("hide-done"), lang)
        msg = await self._call(
            "sendMessage",
            partial(self.bot.send_message, chat, text, reply_markup=ReplyKeyboardRemove()),
        )
        return [msg.message_id]

    async def _call(self, name: str, fn: Callable[[], Awaitable[T]]) -> T:
        try:
            result = await call(name, fn, self.sleep)
        except BadRequest:
            log.warning("telegram refused %s", name)  # method name only, never content
            self.metrics.errors.labels(CHANNEL, name).inc()
            raise
        self.metrics.replies.labels(CHANNEL).inc()
        return result
