"""Replies as data: Fluent message ids with arguments, and rows of buttons.

The runtime renders ``Msg`` through Fluent in the person's language; the channel decides how a
``Reply`` is drawn (Telegram inline keyboard, Viber keyboard, numbered lines in the console).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import Enum
from types import MappingProxyType


@dataclass(frozen=True)
class Msg:
    """A message id and its arguments; an argument may itself be a ``Msg`` (rendered first)."""

    id: str
    args: Mapping[str, str | int | float | Msg] = field(
        default_factory=lambda: MappingProxyType({})
    )
    lang: str | None = None  # render in this locale instead of the person's (language names)

    @classmethod
    def of(cls, msg_id: str, **args: str | int | float | Msg) -> Msg:
        return cls(msg_id, MappingProxyType(args))


LINES = "\u2063lines"  # not a Fluent id: ``lines(...)`` joins its parts, one a line


def lines(*parts: Msg) -> Msg:
    """Several messages shown as consecutive lines of one paragraph (a service's name, phone,
    hours, distance), rendered each in the person's language and joined."""
    return Msg(LINES, MappingProxyType({str(i): part for i, part in enumerate(parts)}))


class ButtonKind(Enum):
    ACTION = "action"  # sends ``payload`` back as a Button event
    URL = "url"  # opens ``url``
    LOCATION = "location"  # asks the platform to share the person's location


@dataclass(frozen=True)
class ButtonSpec:
    label: Msg
    payload: str = ""
    kind: ButtonKind = ButtonKind.ACTION
    url: str | None = None


@dataclass(frozen=True)
class Reply:
    """One message to the person: a notice, a title, paragraphs, and button rows.

    ``notice`` says what just happened ("Saved", "I did not understand") above the screen.
    """

    parts: tuple[Msg, ...]
    buttons: tuple[tuple[ButtonSpec, ...], ...] = ()
    title: Msg | None = None
    notice: Msg | None = None

    def with_notice(self, notice: Msg) -> Reply:
        return replace(self, notice=notice)


def action(label_id: str, payload: str, **args: str | int | float | Msg) -> ButtonSpec:
    return ButtonSpec(Msg.of(label_id, **args), payload)


def row(*buttons: ButtonSpec) -> tuple[ButtonSpec, ...]:
    return tuple(buttons)
