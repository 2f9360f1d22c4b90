"""What a step returns, and the usual way to build it: the screen of the node, with a notice."""

from __future__ import annotations

from dataclasses import dataclass

from flows import screens
from flows.effects import Effect
from flows.replies import Msg, Reply
from flows.screens import Context
from flows.session import Session


@dataclass(frozen=True)
class Outcome:
    replies: tuple[Reply, ...]
    effects: tuple[Effect, ...]
    session: Session


def show(s: Session, ctx: Context, notice: str | None = None, **args: str | int | Msg) -> Outcome:
    reply = screens.screen(s, ctx)
    if notice:
        reply = reply.with_notice(Msg.of(notice, **args))
    return Outcome((reply,), (), s)
