"""Broadcast senders: Telegram (python-telegram-bot, a message a recipient) and Viber
(``broadcast_message``, up to 300 recipients a request).

Manners (platforms.md A/C): Telegram allows about 30 messages a second to different chats, up to
1,000 with paid broadcasts (``allow_paid_broadcast``); a 429 carries ``retry_after``, which pauses
the whole sender. 403 (blocked, deactivated) and "chat not found" stop the person for good. Viber
takes 300 ids a request and 500 requests in 10 seconds; ``failed_list`` names the recipients it
could not reach (status 5, 6: not registered, not subscribed → stopped).
"""

from __future__ import annotations

import asyncio
import hashlib
import html
import json
import logging
import time
import warnings
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import aiohttp
from aiolimiter import AsyncLimiter
from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.warnings import PTBUserWarning

from bot.broadcasts.engine import Prepared, Results
from bot.broadcasts.links import Links, with_urls
from bot.broadcasts.store import Claimed
from bot.channels.telegram_keyboard import html_chunks, inline_keyboard
from bot.channels.viber_keyboard import messages as viber_messages
from bot.i18n import Rendered

log = logging.getLogger(__name__)
ATTEMPTS = 5
MAX_PAUSE = 300.0
VIBER_LIST = 300  # broadcast_list: at most 300 receivers
GONE = ("chat not found", "user is deactivated", "bot was blocked", "peer_id_invalid")


NO_PREVIEW = '{"is_disabled": true}'
LINK_MARK = "@@link{}@@"


@dataclass(frozen=True)
class Template:
    """A broadcast in one language, the Telegram way: HTML chunks, and the inline keyboard as
    JSON with a mark where each recipient's tracked link goes."""

    chunks: list[str]
    keyboard: str | None
    urls: list[str]

    @classmethod
    def of(cls, rendered: Rendered, share: str | None) -> Template:
        urls: list[str] = []

        def mark(url: str) -> str:
            urls.append(url)
            return LINK_MARK.format(len(urls) - 1)

        marked = with_urls(rendered, share, mark)
        keyboard = inline_keyboard(marked)
        return cls(html_chunks(marked), json.dumps(keyboard) if keyboard else None, urls)

    def keyboard_for(self, links: Links, broadcast_id: int, delivery_id: int) -> str | None:
        if self.keyboard is None:
            return None
        keyboard = self.keyboard
        for i, url in enumerate(self.urls):
            keyboard = keyboard.replace(
                LINK_MARK.format(i), links.tracked(broadcast_id, url, delivery_id)
            )
        return keyboard


def lease_name(channel: str, token: str) -> str:
    return f"{channel}:{hashlib.sha256(token.encode()).hexdigest()[:16]}"


def smooth_limiter(rate: float) -> AsyncLimiter:
    """``rate`` a second, in tenths of a second: a burst is at most a tenth of the rate (a
    one-second bucket would let a full second's worth out at once on top of the rate)."""
    return AsyncLimiter(max(1.0, rate / 10), 0.1)


class Pause:
    """A 429 pauses every send of the sender until its time is up."""

    def __init__(self) -> None:
        self._until = 0.0

    def hold(self, seconds: float) -> None:
        self._until = max(self._until, time.monotonic() + min(seconds, MAX_PAUSE))

    async def wait(self) -> None:
        while (left := self._until - time.monotonic()) > 0:  # noqa: ASYNC110 - a deadline
            await asyncio.sleep(left)


class TelegramSender:
    """A message a recipient through python-telegram-bot (``do_api_request``: the same request
    encoding and error mapping as ``send_message``, without building a ``Message`` object from
    every answer, which cost more than the rest of the send). The text and the keyboard are
    made once a language; a recipient's tracked links are filled into the keyboard's JSON."""

    channel = "telegram"

    def __init__(
        self,
        bot: Bot,
        links: Links,
        rate: float,
        *,
        paid: bool = False,
        share: Callable[[int], str | None] | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.bot = bot
        self.links = links
        self.rate = rate
        self.paid = paid  # allow_paid_broadcast: above 30 a second, for a fee (operator's call)
        self.batch = max(50, int(rate))  # about a second of sending
        self.lease = lease_name(self.channel, bot.token)
        self.share = share or (lambda _id: None)
        self.sleep = sleep
        self._limiter = smooth_limiter(rate)
        self._pause = Pause()
        self._templates: dict[tuple[int, str], Template] = {}

    def _template(self, broadcast: Prepared, lang: str) -> Template:
        key = (broadcast.id, lang)
        if key not in self._templates:
            rendered = broadcast.by_lang.get(lang) or broadcast.by_lang[broadcast.fallback]
            self._templates[key] = Template.of(rendered, self.share(broadcast.id))
        return self._templates[key]

    async def send(self, broadcast: Prepared, items: list[Claimed]) -> Results:
        answers = await asyncio.gather(*(self._one(broadcast, c) for c in items))
        results = Results()
        for item, (outcome, message_id) in zip(items, answers, strict=True):
            getattr(results, outcome).append(item.id)
            if message_id is not None and item.external_id is not None:
                results.message_ids.append((item.external_id, message_id))
        return results

    async def _one(self, broadcast: Prepared, item: Claimed) -> tuple[str, int | None]:
        template = self._template(broadcast, item.lang)
        markup = template.keyboard_for(self.links, broadcast.id, item.id)
        chat = int(item.external_id or 0)
        last_id: int | None = None
        for n, chunk in enumerate(template.chunks, 1):
            outcome, last_id = await self._send(
                chat, chunk, markup if n == len(template.chunks) else None
            )
            if outcome != "sent":
                return outcome, None
        return "sent", last_id

    async def _send(self, chat: int, text: str, markup: str | None) -> tuple[str, int | None]:
        params: dict[str, object] = {
            "chat_id": chat, "text": text, "parse_mode": "HTML", "link_preview_options": NO_PREVIEW,
        }  # fmt: skip
        if markup is not None:
            params["reply_markup"] = markup
        if self.paid:
            params["allow_paid_broadcast"] = True
        for attempt in range(ATTEMPTS):
            await self._pause.wait()
            async with self._limiter:
                try:
                    with warnings.catch_warnings():  # "use Bot.send_message": on purpose, above
                        warnings.simplefilter("ignore", PTBUserWarning)
                        answer = await self.bot.do_api_request("sendMessage", api_kwargs=params)
                    return "sent", answer.get("message_id") if isinstance(answer, dict) else None
                except RetryAfter as exc:
                    wait = exc.retry_after
                    seconds = wait if isinstance(wait, int | float) else wait.total_seconds()
                    self._pause.hold(float(seconds))
                except Forbidden:
                    return "blocked", None
                except BadRequest as exc:
                    if any(g in str(exc).lower() for g in GONE):
                        return "blocked", None
                    log.warning("telegram refused a broadcast message: %s", type(exc).__name__)
                    return "failed", None
                except (TimedOut, NetworkError):
                    await self.sleep(0.25 * 2**attempt)
                except TelegramError as exc:
                    log.warning("telegram broadcast error: %s", type(exc).__name__)
                    return "failed", None
        return "retry", None

    async def progress(
        self, chat: str, message_id: int | None, text: str, final: bool
    ) -> int | None:
        body = html.escape(text, quote=False)
        if message_id is not None:
            try:
                await self.bot.edit_message_text(body, int(chat), message_id)
                return message_id
            except BadRequest as exc:
                if "not modified" in str(exc):
                    return message_id
        message = await self.bot.send_message(int(chat), body)
        return message.message_id


class ViberSender:
    channel = "viber"

    def __init__(
        self,
        base_url: str,
        token: str,
        session: aiohttp.ClientSession,
        sender: dict[str, str],
        links: Links,
        rate: float,
        *,
        share: Callable[[int], str | None] | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.session = session
        self.sender = sender
        self.links = links
        self.rate = rate
        self.batch = VIBER_LIST * max(1, int(rate))  # about a second of requests
        self.lease = lease_name(self.channel, token)
        self.share = share or (lambda _id: None)
        self.sleep = sleep
        self._limiter = smooth_limiter(rate)
        self._pause = Pause()

    async def send(self, broadcast: Prepared, items: list[Claimed]) -> Results:
        by_lang: defaultdict[str, list[Claimed]] = defaultdict(list)
        for item in items:
            lang = item.lang if item.lang in broadcast.by_lang else broadcast.fallback
            by_lang[lang].append(item)
        share = self.share(broadcast.id)
        requests = []
        for lang, group in by_lang.items():
            rendered = self.links.personalise(broadcast.by_lang[lang], broadcast.id, 0, share)
            bodies = viber_messages(rendered, f"bc:{broadcast.id}:{lang}")
            for start in range(0, len(group), VIBER_LIST):
                requests.append(self._list(bodies, group[start : start + VIBER_LIST]))
        results = Results()
        for done in await asyncio.gather(*requests):
            results.extend(done)
        return results

    async def _list(self, bodies: list[dict[str, Any]], group: list[Claimed]) -> Results:
        """One message (its chunks in order) to up to 300 people."""
        by_id = {c.external_id: c.id for c in group}
        results = Results()
        gone: set[str] = set()
        for body in bodies:
            receivers = [r for r in by_id if r is not None and r not in gone]
            if not receivers:
                break
            answer = await self._post({**body, "sender": self.sender, "broadcast_list": receivers})
            if answer is None:
                results.retry += [by_id[r] for r in receivers]
                return results
            if answer.get("status") != 0:
                log.warning("viber refused a broadcast with status %s", answer.get("status"))
                results.failed += [by_id[r] for r in receivers]
                return results
            for failed in answer.get("failed_list") or ():
                receiver = failed.get("receiver") if isinstance(failed, dict) else None
                if isinstance(receiver, str) and receiver in by_id and receiver not in gone:
                    gone.add(receiver)
                    status = failed.get("status")
                    kind = results.blocked if status in (5, 6) else results.failed
                    kind.append(by_id[receiver])
        results.sent += [i for r, i in by_id.items() if r not in gone]
        return results

    async def _post(self, body: dict[str, Any]) -> dict[str, Any] | None:
        """broadcast_message with retries (status 12 and 5xx, timeouts); None if unanswered."""
        data = json.dumps(body, ensure_ascii=False).encode()
        headers = {"X-Viber-Auth-Token": self.token, "Content-Type": "application/json"}
        url = f"{self.base_url}/broadcast_message"
        for attempt in range(ATTEMPTS):
            await self._pause.wait()
            async with self._limiter:
                try:
                    timeout = aiohttp.ClientTimeout(total=30)
                    async with self.session.post(
                        url, data=data, headers=headers, timeout=timeout
                    ) as response:
                        answer = (
                            await response.json(content_type=None)
                            if response.status < 500
                            else None
                        )
                except (TimeoutError, aiohttp.ClientError, ValueError):
                    answer = None
            if isinstance(answer, dict) and answer.get("status") != 12:
                return answer
            if isinstance(answer, dict):  # 12: too many requests
                self._pause.hold(1.0 * 2**attempt)
            else:
                await self.sleep(0.5 * 2**attempt)
        return None

    async def progress(
        self, chat: str, message_id: int | None, text: str, final: bool
    ) -> int | None:
        """Viber cannot edit a message: the status is sent once at the start and at the end."""
        if message_id is not None and not final:
            return message_id
        body = {"receiver": chat, "sender": self.sender, "type": "text", "text": text}
        headers = {"X-Viber-Auth-Token": self.token, "Content-Type": "application/json"}
        data = json.dumps(body, ensure_ascii=False).encode()
        async with self.session.post(
            f"{self.base_url}/send_message", data=data, headers=headers
        ) as response:
            await response.read()
        return 1


def telegram_share(username: str | None) -> Callable[[int], str | None]:
    """ "Share this bot": Telegram's share dialog with a deep link that counts arrivals."""

    def link(broadcast_id: int) -> str | None:
        if not username:
            return None
        deep = f"https://t.me/{username}?start=sh{broadcast_id}"
        return f"https://t.me/share/url?url={quote(deep, safe='')}"

    return link


def viber_share(uri: str | None) -> Callable[[int], str | None]:
    """ "Share this bot" on Viber: forward a chat link whose ``context`` counts arrivals."""

    def link(broadcast_id: int) -> str | None:
        if not uri:
            return None
        deep = f"viber://pa?chatURI={quote(uri, safe='')}&context=sh{broadcast_id}"
        return f"viber://forward?text={quote(deep, safe='')}"

    return link
