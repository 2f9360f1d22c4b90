"""The Viber channel: callbacks in (signed, parsed by viberbot), replies out through our own async
client on aiohttp (viberbot 1.0.12 sends synchronously with ``requests`` and puts the token in the
body; we send with the ``X-Viber-Auth-Token`` header and never block the event loop).

- ``conversation_started`` is answered with the welcome message in the HTTP response body (the
  only message Viber lets a bot send before the person writes); ``subscribed`` starts,
  ``unsubscribed`` stops; ``message`` becomes a text, a button press (the ``ActionBody`` of our
  keyboard), a location or a picture, anything else a kind reply; ``delivered``, ``seen`` and
  ``failed`` are counted for broadcast statistics.
- Unknown events and malformed bodies are answered 200 (Viber would retry for an hour) after
  logging the event type only; re-deliveries are dropped by ``event:message_token``.
- Status 6 (not subscribed) marks the person stopped; 12 (too many requests), 5xx and timeouts are
  retried with backoff. https://developers.viber.com/docs/api/rest-bot-api/
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

import aiohttp
from viberbot.api.messages import PictureMessage, TextMessage
from viberbot.api.viber_requests import (
    ViberConversationStartedRequest,
    ViberMessageRequest,
    ViberSubscribedRequest,
    ViberUnsubscribedRequest,
    create_request,
)

from bot.channels.viber_keyboard import messages
from bot.errors import ChannelError, ContactStopped, DeliveryFailed, Throttled
from bot.i18n import Rendered, RenderedButton
from bot.metrics import Metrics
from bot.reports.errors import PhotoTooLarge
from bot.reports.photos import MAX_BYTES
from bot.runtime import Handled, Runtime
from flows.effects import HideChat, SendCard
from flows.engine import PRESS
from flows.events import Button, Event, Location, Photo, Start, Stopped, Text, Unsupported
from flows.replies import Msg

log = logging.getLogger(__name__)
CHANNEL = "viber"
SIGNATURE_HEADER = "X-Viber-Content-Signature"
EVENT_TYPES = ("delivered", "seen", "failed", "subscribed", "unsubscribed", "conversation_started")
RECEIPTS = frozenset({"delivered", "seen", "failed"})
ATTEMPTS = 5
PAYLOAD = re.compile(r"[a-z]+(:[A-Za-z0-9:_-]+)?")
KINDS = {
    "sticker": "sticker",
    "video": "video",
    "file": "file",
    "contact": "contact",
    "url": "other",
}


def signature(body: bytes, token: str) -> str:
    return hmac.new(token.encode(), body, hashlib.sha256).hexdigest()


def signed(body: bytes, token: str, header: str | None) -> bool:
    """Constant-time, on bytes (a non-ASCII header is simply wrong, never an error)."""
    given = (header or "").strip().lower().encode("utf-8", "replace")
    return hmac.compare_digest(signature(body, token).encode(), given)


def is_payload(text: str) -> bool:
    """Our keyboard sends its ``ActionBody`` (a payload such as ``ph:work-safe``) as text."""
    return bool(PAYLOAD.fullmatch(text)) and text.partition(":")[0] in PRESS


def message_event(message: Any, hint: str | None) -> Event:
    kind = getattr(message, "_message_type", None) or type(message).__name__
    text = getattr(message, "text", None)
    if kind == "text" and isinstance(text, str):
        if is_payload(text):
            return Button(payload=text, lang_hint=hint)
        return Text(text=text, lang_hint=hint)
    if kind == "location" and message.location is not None:
        lat, lon = message.location.latitude, message.location.longitude
        if isinstance(lat, int | float) and isinstance(lon, int | float):
            return Location(lat=float(lat), lon=float(lon), lang_hint=hint)
        return Unsupported(kind="other", lang_hint=hint)
    if kind == "picture":
        caption = getattr(message, "text", None)
        return Photo(
            ref=str(getattr(message, "media", "")),
            caption=caption if isinstance(caption, str) else None,
            lang_hint=hint,
        )
    return Unsupported(kind=KINDS.get(kind, "other"), lang_hint=hint)


@dataclass(frozen=True)
class Inbound:
    user_id: str
    event: Event
    key: str
    welcome: bool = False  # answer in the HTTP response body (conversation_started)


def read_callback(data: dict[str, Any]) -> Inbound | None:
    """The neutral event in a callback, or None (webhook check, receipts, unknown)."""
    request = create_request(data)
    key = f"{data.get('event')}:{data.get('message_token')}"[:128]
    if isinstance(request, ViberMessageRequest):
        hint = text_or_none(request.sender.language)
        return Inbound(user_key(request.sender.id), message_event(request.message, hint), key)
    if isinstance(request, ViberConversationStartedRequest):
        hint = text_or_none(request.user.language)
        start = Start(payload=text_or_none(request.context), lang_hint=hint)
        return Inbound(user_key(request.user.id), start, key, welcome=True)
    if isinstance(request, ViberSubscribedRequest):
        start = Start(lang_hint=text_or_none(request.user.language))
        return Inbound(user_key(request.user.id), start, key)
    if isinstance(request, ViberUnsubscribedRequest):
        return Inbound(user_key(request.user_id), Stopped(), key)
    return None


def text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def user_key(value: object) -> str:
    """Viber ids are short strings; anything else is a malformed callback."""
    if not isinstance(value, str) or not 0 < len(value) <= 128:
        raise ValueError("malformed viber user id")
    return value


def unreadable_message(data: dict[str, Any]) -> Inbound | None:
    """A message of a kind viberbot does not know (a newer client's): a kind reply, if we can
    tell who sent it."""
    who = data.get("sender")
    readable = isinstance(data.get("message"), dict) and data.get("message_token") is not None
    if data.get("event") != "message" or not readable or not isinstance(who, dict):
        return None
    if not who.get("id"):
        return None
    hint = text_or_none(who.get("language"))
    key = f"message:{data.get('message_token')}"[:128]
    try:
        return Inbound(user_key(who["id"]), Unsupported(kind="other", lang_hint=hint), key)
    except ValueError:
        return None


class ViberClient:
    """The Viber REST API on aiohttp, with the auth token in the header."""

    def __init__(
        self,
        base_url: str,
        token: str,
        session: aiohttp.ClientSession,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.session = session
        self.sleep = sleep

    async def post(self, endpoint: str, body: dict[str, Any]) -> dict[str, Any]:
        for attempt in range(ATTEMPTS):
            try:
                answer = await self._post(endpoint, body)
            except (TimeoutError, aiohttp.ClientError):
                answer = {"status": -1}
            status = answer.get("status")
            if status == 0:
                return answer
            if status == 6:
                raise ContactStopped(endpoint)
            if status not in (12, -1):
                log.warning("viber refused %s with status %s", endpoint, status)
                raise ChannelError(f"{endpoint}: status {status}")
            await self.sleep(0.5 * 2**attempt)
        raise Throttled(f"{endpoint}: gave up after {ATTEMPTS} attempts")

    async def download(self, url: str) -> bytes:
        """A picture a person sent: Viber gives its ``media`` URL (on Viber's servers) in the
        signed callback. Read at most ``MAX_BYTES``."""
        if not url.startswith(("https://", "http://")):
            raise ChannelError("not a media URL")
        timeout = aiohttp.ClientTimeout(total=30)
        async with self.session.get(url, timeout=timeout) as response:
            if response.status != 200:
                raise ChannelError(f"media download: HTTP {response.status}")
            data = bytearray()
            async for chunk in response.content.iter_chunked(64 * 1024):
                data += chunk
                if len(data) > MAX_BYTES:
                    raise PhotoTooLarge("over the photo size limit")
        return bytes(data)

    async def _post(self, endpoint: str, body: dict[str, Any]) -> dict[str, Any]:
        url = f"{self.base_url}/{endpoint}"
        headers = {"X-Viber-Auth-Token": self.token, "Content-Type": "application/json"}
        # UTF-8, not \uXXXX escapes: a Cyrillic letter is 2 bytes instead of 6, which keeps a
        # 7000-character text well under Viber's 30 KB request limit.
        data = json.dumps(body, ensure_ascii=False).encode()
        timeout = aiohttp.ClientTimeout(total=15)
        async with self.session.post(url, data=data, headers=headers, timeout=timeout) as response:
            if response.status >= 500:
                return {"status": -1}
            try:
                answer = await response.json(content_type=None)
            except ValueError:
                return {"status": -1}  # not JSON (a proxy's error page): retry
            return answer if isinstance(answer, dict) else {"status": -1}


class ViberChannel:
    def __init__(
        self,
        client: ViberClient,
        runtime: Runtime,
        metrics: Metrics,
        sender: dict[str, str],
        cards: str | None = None,
    ) -> None:
        self.cards = cards  # PUBLIC_URL/card: Viber fetches pictures from a public address
        self.client = client
        self.runtime = runtime
        self.metrics = metrics
        self.sender = sender

    async def receive(self, data: dict[str, Any]) -> dict[str, Any] | None:
        """Handle one verified callback; returns the welcome body for ``conversation_started``."""
        event = str(data.get("event"))
        if event in RECEIPTS:
            self.metrics.updates.labels(CHANNEL, event).inc()
            return None
        try:
            inbound = read_callback(data)
        except (Exception, KeyError):  # viberbot raises a bare Exception on unknown kinds
            log.warning("viber callback not understood: event %s", event[:32])
            inbound = unreadable_message(data)
        if inbound is None:
            self.metrics.updates.labels(CHANNEL, "ignored").inc()
            return None
        self.metrics.updates.labels(CHANNEL, type(inbound.event).__name__.lower()).inc()
        if inbound.welcome:  # nothing is stored for someone who only opened the chat
            opened = inbound.event
            handled = await self.runtime.welcome(CHANNEL, inbound.user_id, opened, inbound.key)
            return self.welcome(handled)
        deliver = partial(self._deliver, inbound.user_id)
        await self.runtime.handle(
            CHANNEL,
            inbound.user_id,
            inbound.event,
            key=inbound.key,
            deliver=deliver,
            fetch=self.client.download,
        )
        return None

    def _card(self, card: SendCard, lang: str) -> dict[str, Any]:
        """A picture message with the card's public address (``PUBLIC_URL/card/PL-uk.png``);
        without ``PUBLIC_URL`` Viber cannot fetch it, so the person is told to use Help now."""
        say = partial(self.runtime.renderer.format, lang=lang)
        if self.cards is None:
            log.warning("safety card not sent on viber: PUBLIC_URL is not set")
            return dict(TextMessage(text=say(Msg("findhelp-card-unavailable"))).to_dict())
        url = f"{self.cards}/{card.country}-{card.lang}.png"
        caption = say(Msg("btn-findhelp-card"))[:120]  # Viber: at most 120 characters
        return dict(PictureMessage(media=url, text=caption).to_dict())

    def welcome(self, handled: Handled) -> dict[str, Any] | None:
        if not handled.replies:
            return None
        body = messages(handled.replies[0], handled.lang)[-1]
        return {"sender": self.sender, **body}

    async def _deliver(self, user_id: str, handled: Handled) -> None:
        replies = list(handled.replies)
        if any(isinstance(e, HideChat) for e in handled.effects):
            # Viber offers no way for a bot to delete messages: say how to hide the chat.
            say = partial(self.runtime.renderer.format, lang=handled.lang)
            keep = (
                RenderedButton(say(Msg("btn-help-now")), "sos"),
                RenderedButton(say(Msg("btn-menu")), "menu"),
            )
            replies.append(
                Rendered(say(Msg("hide-not-possible")), (keep,))
            )  # Viber keeps the last keyboard
        bodies = [body for reply in replies for body in messages(reply, handled.lang)]
        for card in (e for e in handled.effects if isinstance(e, SendCard)):
            bodies.append(self._card(card, handled.lang))
        try:
            for body in bodies:
                await self.client.post(
                    "send_message", {"receiver": user_id, "sender": self.sender, **body}
                )
                self.metrics.replies.labels(CHANNEL).inc()
        except ContactStopped:
            await self.runtime.mark_stopped(CHANNEL, user_id)
        except Throttled:
            raise DeliveryFailed(CHANNEL) from None
        except ChannelError:
            self.metrics.errors.labels(CHANNEL, "send_message").inc()
