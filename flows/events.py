"""Channel-neutral events: what a person did, whatever the platform.

Channels turn platform updates into these; flows never see a platform object.
``lang_hint`` is the platform's idea of the person's language (Telegram ``language_code``,
Viber ``sender.language``), used only to pre-select a language.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class _Base:
    lang_hint: str | None = None


@dataclass(frozen=True, kw_only=True)
class Start(_Base):
    """A new or renewed conversation (Telegram ``/start``, Viber ``subscribed``)."""

    payload: str | None = None


@dataclass(frozen=True, kw_only=True)
class Text(_Base):
    text: str


@dataclass(frozen=True, kw_only=True)
class Button(_Base):
    """A button press; ``payload`` is the button's data (at most 64 bytes)."""

    payload: str


@dataclass(frozen=True, kw_only=True)
class Location(_Base):
    lat: float
    lon: float


@dataclass(frozen=True, kw_only=True)
class Photo(_Base):
    """A picture; ``ref`` lets the runtime fetch it (a file id or a path), flows never read it.
    ``caption`` is the text sent with it (a forwarded job ad often is a picture with text)."""

    ref: str
    caption: str | None = None


@dataclass(frozen=True, kw_only=True)
class Stopped(_Base):
    """The person blocked the bot or unsubscribed: nothing may be sent back."""


@dataclass(frozen=True, kw_only=True)
class Unsupported(_Base):
    """Something the bot cannot read (sticker, voice, file…); ``kind`` names it for a kind reply."""

    kind: str


Event = Start | Text | Button | Location | Photo | Stopped | Unsupported
