"""Effects as data: things a step asks the runtime to do besides replying and saving state."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ForgetMe:
    """Delete everything stored about this person (their user row and session)."""


Effect = ForgetMe
