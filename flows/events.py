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


# Results of effects, fed back by the runtime (never from a platform).


@dataclass(frozen=True, kw_only=True)
class PhotoSaved(_Base):
    """How ``SavePhoto`` went: ``saved``, ``not_image``, ``too_large``, ``too_many``,
    ``failed`` (could not fetch it) or ``gone`` (the draft is no longer there)."""

    result: str


@dataclass(frozen=True, kw_only=True)
class ReportSent(_Base):
    """How ``SubmitReport`` / ``SubmitAddition`` went: ``receipt`` is the new report's code
    (only in the reply, never stored); ``problem`` is ``limited``, ``not_found`` (an addition's
    report was purged), ``gone`` or ``failed``."""

    receipt: str | None = None
    problem: str | None = None


@dataclass(frozen=True, kw_only=True)
class ReceiptChecked(_Base):
    """How ``CheckReceipt`` went: ``digest`` (hex) if a report has that code; ``limited`` if
    this person tried too many codes lately."""

    digest: str | None = None
    limited: bool = False


@dataclass(frozen=True, kw_only=True)
class AudienceCounted(_Base):
    """``CountAudience``: people by (channel, language); the operator's Viber price if set."""

    counts: tuple[tuple[str, str, int], ...]
    viber_price: float | None = None


@dataclass(frozen=True, kw_only=True)
class BroadcastCreated(_Base):
    """``CreateBroadcast``: its id and recipients (``id`` None if it could not be made);
    ``scheduled`` is the start time shown to the volunteer, when not now."""

    id: int | None
    recipients: int = 0
    scheduled: str | None = None


@dataclass(frozen=True)
class BroadcastInfo:
    id: int
    kind: str
    content_id: str
    status: str
    sent: int
    recipients: int


@dataclass(frozen=True, kw_only=True)
class BroadcastsListed(_Base):
    """The latest broadcasts; ``notice`` says how a cancel went (``cancelled`` the id)."""

    rows: tuple[BroadcastInfo, ...]
    notice: str | None = None
    cancelled: int | None = None


@dataclass(frozen=True, kw_only=True)
class InviteCreated(_Base):
    """A new invite: the deep-link ``payload`` and, where the channel has one, the ``link``."""

    role: str
    payload: str
    link: str | None = None


@dataclass(frozen=True, kw_only=True)
class InviteRedeemed(_Base):
    """The role the invite gave, or None (unknown, used or expired)."""

    role: str | None


@dataclass(frozen=True, kw_only=True)
class ConsoleLoginCreated(_Base):
    """A web-console login ``code`` (None: not a volunteer any more) and its ``link`` when the
    server has a public address; it works once, for ``minutes``."""

    code: str | None
    link: str | None = None
    minutes: int = 15


Result = (
    PhotoSaved
    | ReportSent
    | ReceiptChecked
    | AudienceCounted
    | BroadcastCreated
    | BroadcastsListed
    | InviteCreated
    | InviteRedeemed
    | ConsoleLoginCreated
)
Event = Start | Text | Button | Location | Photo | Stopped | Unsupported | Result
