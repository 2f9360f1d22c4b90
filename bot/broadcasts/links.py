"""Tracked links: a broadcast's URL buttons go through ``GET /l/<code>`` on ``PUBLIC_URL``.

A code names the link and the delivery it was sent in, and carries an HMAC so nobody can count
clicks for a link they were not sent: ``<link id>.<delivery id>.<mac>`` (hex). A click adds one
to the link's count; the first click of a delivery is a unique click (``link_clicks`` holds the
delivery id and the day, nothing about the person). On Viber one request carries the same
message to up to 300 people, so its codes name the link only (delivery 0): those clicks are
counted, and unique clicks are told apart by a cookie on the clicking browser, never stored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import NamedTuple

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from bot.i18n import Rendered, RenderedButton
from bot.storage.db import Database, insert_for
from bot.storage.models import Link, LinkClick
from flows.broadcast import SHARE
from flows.replies import ButtonKind, Reply

CODE = re.compile(r"([0-9a-f]{1,8})\.([0-9a-f]{1,12})\.([0-9a-f]{16})")


class Click(NamedTuple):
    url: str
    unique: bool


class Links:
    def __init__(self, db: Database, secret: str, public_url: str | None) -> None:
        self.db = db
        self._key = hashlib.sha256(b"movesafe links\0" + secret.encode()).digest()
        self.public_url = public_url.rstrip("/") if public_url else None
        self._ids: dict[tuple[int, str], int] = {}

    def _mac(self, link_id: int, delivery_id: int) -> str:
        message = f"{link_id}.{delivery_id}".encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()[:16]

    def code(self, link_id: int, delivery_id: int) -> str:
        return f"{link_id:x}.{delivery_id:x}.{self._mac(link_id, delivery_id)}"

    def read(self, code: str) -> tuple[int, int] | None:
        """The (link id, delivery id) of a genuine code, else None."""
        match = CODE.fullmatch(code)
        if match is None:
            return None
        link_id, delivery_id = int(match[1], 16), int(match[2], 16)
        if not hmac.compare_digest(match[3], self._mac(link_id, delivery_id)):
            return None
        return link_id, delivery_id

    async def register(self, broadcast_id: int, reply: Reply) -> None:
        """Give each URL of the broadcast's buttons a link row (once per broadcast)."""
        urls = [
            b.url
            for r in reply.buttons
            for b in r
            if b.kind is ButtonKind.URL and b.url and b.url != SHARE
        ]
        for url in urls:
            self._ids[(broadcast_id, url)] = await self.db.run(
                partial(link_id, broadcast_id=broadcast_id, url=url)
            )

    def tracked(self, broadcast_id: int, url: str, delivery_id: int) -> str:
        """The URL to put on a button: through /l/ when PUBLIC_URL is set (else untracked)."""
        found = self._ids.get((broadcast_id, url))
        if found is None or self.public_url is None:
            return url
        return f"{self.public_url}/l/{self.code(found, delivery_id)}"

    def personalise(
        self, rendered: Rendered, broadcast_id: int, delivery_id: int, share: str | None
    ) -> Rendered:
        """``rendered`` with its URL buttons made tracked, and the share button pointing at
        ``share`` (dropped when the channel has no share link)."""
        return with_urls(rendered, share, lambda url: self.tracked(broadcast_id, url, delivery_id))

    async def click(self, code: str, today: dt.date, seen_before: bool) -> Click | None:
        """Count a click; the URL to send the browser to, or None for a code that is not ours.
        ``seen_before``: the browser says it clicked this link already (Viber codes)."""
        read = self.read(code)
        if read is None:
            return None
        link, delivery = read
        return await self.db.run(lambda db: count_click(db, link, delivery, today, seen_before))


def with_urls(rendered: Rendered, share: str | None, url_for: Callable[[str], str]) -> Rendered:
    """``rendered`` with each link button's URL replaced by ``url_for(url)`` and the share
    button's by ``share`` (the button is dropped when ``share`` is None)."""
    rows = []
    for r in rendered.buttons:
        drawn: list[RenderedButton] = []
        for b in r:
            if b.kind is not ButtonKind.URL or not b.url:
                drawn.append(b)
            elif b.url == SHARE:
                if share is not None:
                    drawn.append(replace(b, url=share))
            else:
                drawn.append(replace(b, url=url_for(b.url)))
        if drawn:
            rows.append(tuple(drawn))
    return replace(rendered, buttons=tuple(rows))


def link_id(db: Connection, *, broadcast_id: int, url: str) -> int:
    """The link row of ``url`` in the broadcast, made if missing. Two senders of one worker
    (Telegram and Viber) register the same broadcast at once: "insert unless there" is one
    statement (on PostgreSQL it waits for the other's insert to commit), then read it back."""
    db.execute(
        insert_for(db)(Link)
        .values(broadcast_id=broadcast_id, url=url, clicks=0)
        .on_conflict_do_nothing(index_elements=["broadcast_id", "url"])
    )
    query = select(Link.id).where(Link.broadcast_id == broadcast_id, Link.url == url)
    return int(db.execute(query).scalar_one())


def count_click(
    db: Connection, link: int, delivery: int, today: dt.date, seen_before: bool
) -> Click | None:
    url = db.execute(select(Link.url).where(Link.id == link)).scalar_one_or_none()
    if url is None:
        return None  # the broadcast was deleted
    db.execute(update(Link).where(Link.id == link).values(clicks=Link.clicks + 1))
    if delivery == 0:
        if seen_before:
            return Click(url, False)
        db.execute(update(Link).where(Link.id == link).values(browsers=Link.browsers + 1))
        return Click(url, True)
    try:
        with db.begin_nested():
            db.execute(insert(LinkClick).values(link_id=link, delivery_id=delivery, day=today))
    except IntegrityError:
        return Click(url, False)
    return Click(url, True)
