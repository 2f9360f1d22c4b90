"""The pure conversation of movesafe.

Nothing in this package does I/O: no network, no database, no clock reads, no files.
A flow step is a function ``(Session, Event, Context) -> Outcome``; the runtime in ``bot/``
loads the session, passes time and content in, runs the effects and saves the new session.
"""

from flows.effects import Effect, ForgetMe
from flows.engine import step
from flows.events import (
    Button,
    Event,
    Location,
    Photo,
    Start,
    Stopped,
    Text,
    Unsupported,
)
from flows.outcome import Outcome
from flows.replies import Msg, Reply
from flows.session import Session

__all__ = [
    "Button",
    "Effect",
    "Event",
    "ForgetMe",
    "Location",
    "Msg",
    "Outcome",
    "Photo",
    "Reply",
    "Session",
    "Start",
    "Stopped",
    "Text",
    "Unsupported",
    "step",
]
