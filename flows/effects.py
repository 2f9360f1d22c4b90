"""Effects as data: things a step asks the runtime to do besides replying and saving state."""

from __future__ import annotations

from dataclasses import dataclass


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
)
