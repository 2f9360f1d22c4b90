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


Effect = ForgetMe | HideChat
