"""Effects as data: things a step asks the runtime to do besides replying and saving state."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flows.session import Compose


@dataclass(frozen=True)
class ForgetMe:
    """Delete everything stored about this person (their user row and session)."""


@dataclass(frozen=True)
class HideChat:
    """Remove the conversation from the person's screen where the platform allows it (Telegram
    deletes recent messages; other channels explain how), then show one neutral message."""


@dataclass(frozen=True)
class SavePhoto:
    """Fetch the photo ``ref``, strip it, seal it and keep it for draft ``draft``; the runtime
    answers with a ``PhotoSaved`` event."""

    ref: str
    draft: str


@dataclass(frozen=True)
class SubmitReport:
    """Seal and store the session's draft as a report and wipe it, in one transaction; the
    runtime answers with ``ReportSent``."""

    draft: str


@dataclass(frozen=True)
class CheckReceipt:
    """Look up the report with this receipt code (as typed); answered with ``ReceiptChecked``."""

    code: str


@dataclass(frozen=True)
class SubmitAddition:
    """Seal and add the session's follow-up draft to its report; answered with ``ReportSent``."""

    draft: str


@dataclass(frozen=True)
class DropDraft:
    """Delete what a discarded or expired draft left outside the session (its photos)."""

    draft: str


@dataclass(frozen=True)
class SendCard:
    """Send the offline safety card of ``country`` in ``lang`` as a picture (the channel makes
    and sends it; the console saves it as a file)."""

    country: str
    lang: str


JOB_CHECKED = "jobcheck.checked"  # a job ad was checked
JOB_HIGH = "jobcheck.high"  # … and came out high-risk
SHARE_ARRIVAL = "share.arrival"  # someone came through a "share this bot" link
SHARE_NEW = "share.new"  # … and was new to the bot


@dataclass(frozen=True)
class Count:
    """Add one to a day's statistic (``jobcheck.checked``, ``share:<broadcast id>``…), in the
    step's transaction; nothing about the person."""

    name: str


@dataclass(frozen=True)
class CountAudience:
    """Count who a composed broadcast would reach; answered with ``AudienceCounted``."""

    compose: Compose


@dataclass(frozen=True)
class CreateBroadcast:
    """Create and queue the composed broadcast, started now or at ``at``, with its progress
    shown to this volunteer; answered with ``BroadcastCreated``."""

    compose: Compose
    at: dt.datetime | None = None


@dataclass(frozen=True)
class ListBroadcasts:
    """The latest broadcasts and how far they got; answered with ``BroadcastsListed``."""


@dataclass(frozen=True)
class CancelBroadcast:
    """A coordinator stops a broadcast; answered with ``BroadcastsListed`` (with a notice)."""

    id: int


@dataclass(frozen=True)
class CreateInvite:
    """A one-time invite for ``role``; answered with ``InviteCreated``."""

    role: str


@dataclass(frozen=True)
class RedeemInvite:
    """Use the invite ``code`` (from a deep link); answered with ``InviteRedeemed``."""

    code: str


@dataclass(frozen=True)
class ConsoleLogin:
    """A one-time web-console login code for this volunteer; answered with
    ``ConsoleLoginCreated``."""


VOLUNTEER_EFFECTS = (
    CountAudience, CreateBroadcast, ListBroadcasts, CancelBroadcast, CreateInvite, RedeemInvite,
    ConsoleLogin,
)  # fmt: skip


# Effects the runtime answers with an event (the step sees how it went).
Effect = (
    ForgetMe
    | HideChat
    | SendCard
    | SavePhoto
    | SubmitReport
    | CheckReceipt
    | SubmitAddition
    | DropDraft
    | Count
    | CountAudience
    | CreateBroadcast
    | ListBroadcasts
    | CancelBroadcast
    | CreateInvite
    | RedeemInvite
    | ConsoleLogin
)
