"""What a broadcast says: a phase or a prepared message, as a ``Reply`` rendered in each
recipient's language. Pure: the engine swaps the two kinds of URL buttons made here for tracked
ones (``SHARE`` becomes the share link of the channel, a link's URL goes through ``/l/<code>``).
"""

from __future__ import annotations

from flows.content import ContentPack, Link
from flows.replies import ButtonKind, ButtonSpec, Msg, Reply, action, row

PHASE, MESSAGE = "phase", "message"
KINDS = (PHASE, MESSAGE)
SHARE = "share:"  # the URL of the "share this bot" button, filled in per channel
OPENS = {
    "sos": ("btn-help-now", "sos"),
    "findhelp": ("menu-findhelp", "fh"),
    "job": ("menu-jobcheck", "job"),
    "report": ("menu-report", "rep"),
}


def link_button(link: Link) -> ButtonSpec:
    return ButtonSpec(Msg(link.label), kind=ButtonKind.URL, url=link.url)


def share_button() -> ButtonSpec:
    return ButtonSpec(Msg("broadcast-share"), kind=ButtonKind.URL, url=SHARE)


def exists(content: ContentPack, kind: str, content_id: str) -> bool:
    if kind == PHASE:
        phase = content.phase(content_id)
        return phase is not None and phase.live
    return kind == MESSAGE and content.announcement(content_id) is not None


def broadcast_reply(content: ContentPack, kind: str, content_id: str) -> Reply:
    """The message of a broadcast; ``ValueError`` if the phase or message does not exist."""
    rows: list[tuple[ButtonSpec, ...]] = []
    if kind == PHASE:
        phase = content.phase(content_id)
        if phase is None or not phase.live:
            raise ValueError(f"no live phase {content_id!r}")
        title, parts = Msg(phase.title), (Msg(phase.intro),)
        rows.append(row(action("broadcast-open-phase", f"ph:{phase.id}")))
        link = phase.link
    elif kind == MESSAGE:
        message = content.announcement(content_id)
        if message is None:
            raise ValueError(f"no prepared message {content_id!r}")
        title, parts = Msg(message.title), (Msg(message.text),)
        rows += [row(action(*OPENS[o])) for o in message.opens]
        link = message.link
    else:
        raise ValueError(f"unknown broadcast kind {kind!r}")
    if link is not None:
        rows.append(row(link_button(link)))
    rows.append(row(share_button()))
    rows.append(row(action("btn-menu", "menu"), action("btn-help-now", "sos")))
    return Reply(
        (*parts, Msg("broadcast-footer")),
        tuple(rows),
        title=title,
        notice=Msg("broadcast-notice"),
    )
