"""Replies parked with their delivery, so a crash between "state saved" and "replies accepted by
the platform" loses nothing.

A step's new state and its rendered replies are written in one transaction (the replies in the
delivery's ``processed_events`` row); once the platform accepted them the row's outbox is cleared
(in a batch, a moment later). If the process dies in between, it never answered the webhook, so
the platform re-delivers the update: the re-delivery finds the parked replies and sends them
instead of being dropped as a duplicate. A re-delivery that comes while the replies may still be
on their way from another process (within :data:`LEASE` of the event) is answered 503 with
``Retry-After`` — Telegram and Viber come back — so a live sender and a taker-over do not both
send.

The replies can quote what the person wrote (a report's review, a job ad's warning signs), so
they are sealed (XSalsa20-Poly1305, PyNaCl's ``SecretBox``) with a key derived from
``SECRET_KEY``; a copy of the database without the key reads nothing, and the row is cleared once
delivered and deleted with the delivery key after 48 hours at the latest.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import nacl.exceptions
import nacl.secret

from bot.i18n import Rendered, RenderedButton
from flows.effects import Effect, HideChat, SendCard
from flows.replies import ButtonKind

LEASE = dt.timedelta(seconds=20)  # how long a sender is presumed alive and still sending


class Busy(Exception):
    """The replies of this delivery may still be on their way from another process."""

    def __init__(self, retry_after: float) -> None:
        super().__init__("replies still parked by another sender")
        self.retry_after = retry_after


class Outbox:
    """Seals and opens parked replies (``Handled`` minus what only the runtime needs)."""

    def __init__(self, key: bytes) -> None:
        self._box = nacl.secret.SecretBox(key)

    @classmethod
    def from_secret(cls, derived_hex: str) -> Outbox:
        """From ``Settings.derived("outbox")`` (64 hex digits)."""
        return cls(bytes.fromhex(derived_hex)[: nacl.secret.SecretBox.KEY_SIZE])

    def seal(
        self, replies: list[Rendered], effects: tuple[Effect, ...], lang: str, forgotten: bool
    ) -> bytes:
        data = {
            "lang": lang,
            "forgotten": forgotten,
            "replies": [encode_reply(r) for r in replies],
            "effects": [encode_effect(e) for e in effects],
        }
        return bytes(self._box.encrypt(json.dumps(data, separators=(",", ":")).encode()))

    def open(self, sealed: bytes) -> tuple[list[Rendered], tuple[Effect, ...], str, bool] | None:
        """The parked replies, or None if they cannot be read (another SECRET_KEY)."""
        try:
            data = json.loads(self._box.decrypt(sealed))
        except (nacl.exceptions.CryptoError, ValueError):
            return None
        replies = [decode_reply(r) for r in data["replies"]]
        effects = tuple(e for e in map(decode_effect, data["effects"]) if e is not None)
        return replies, effects, str(data["lang"]), bool(data["forgotten"])


def encode_reply(reply: Rendered) -> dict[str, Any]:
    return {
        "body": reply.body,
        "title": reply.title,
        "notice": reply.notice,
        "buttons": [
            [[b.label, b.payload, b.kind.value, b.url] for b in row] for row in reply.buttons
        ],
    }


def decode_reply(data: dict[str, Any]) -> Rendered:
    buttons = tuple(
        tuple(
            RenderedButton(label, payload, ButtonKind(kind), url)
            for label, payload, kind, url in row
        )
        for row in data["buttons"]
    )
    return Rendered(data["body"], buttons, data["title"], data["notice"])


def encode_effect(effect: Effect) -> dict[str, Any]:
    if isinstance(effect, SendCard):
        return {"card": [effect.country, effect.lang]}
    if isinstance(effect, HideChat):
        return {"hide": True}
    raise TypeError(f"{type(effect).__name__} is not carried out by a channel")


def decode_effect(data: dict[str, Any]) -> Effect | None:
    if "card" in data:
        country, lang = data["card"]
        return SendCard(country, lang)
    return HideChat() if data.get("hide") else None
