"""Where the volunteer corner's effects are carried out: each becomes an ``Apply`` run inside the
volunteer's next transaction (counting an audience, creating and queueing a broadcast, listing,
cancelling, invites), so what the volunteer sees and what is stored always agree.

Roles are read from ``volunteers`` for every event through a small cache (the list is short and
changes rarely): ``role`` answers from memory and reloads the whole list every ``ROLE_TTL``.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.engine import Connection

from bot.broadcasts import store
from bot.broadcasts import volunteers as vol
from bot.console import auth as console
from bot.storage.models import Broadcast, Volunteer
from flows.effects import (
    CancelBroadcast,
    ConsoleLogin,
    CountAudience,
    CreateBroadcast,
    CreateInvite,
    Effect,
    ListBroadcasts,
    RedeemInvite,
)
from flows.events import (
    AudienceCounted,
    BroadcastCreated,
    BroadcastInfo,
    BroadcastsListed,
    ConsoleLoginCreated,
    Event,
    InviteCreated,
    InviteRedeemed,
)
from flows.session import Compose, Session

Apply = Callable[[Connection, Session], Event]
ROLE_TTL = 30.0  # seconds a loaded volunteers list is trusted
LISTED = 5  # broadcasts shown in "My broadcasts"


def audience(c: Compose) -> store.Audience:
    return store.Audience(c.countries, c.langs, c.channels, c.active_days)


class VolunteerDesk:
    def __init__(self, viber_price: float | None = None, public_url: str | None = None) -> None:
        self.viber_price = viber_price
        self.public_url = public_url  # where the web console's login links point
        self.deep_links: dict[str, str] = {}  # channel -> link prefix for a start payload
        self._roles: dict[tuple[str, str], str] = {}
        self._loaded = float("-inf")

    # -- roles ------------------------------------------------------------------------------

    def role(self, db: Connection, channel: str, external_id: str) -> str | None:
        if time.monotonic() - self._loaded > ROLE_TTL:
            rows = db.execute(select(Volunteer.channel, Volunteer.external_id, Volunteer.role))
            self._roles = {(c, e): r for c, e, r in rows}
            self._loaded = time.monotonic()
        return self._roles.get((channel, external_id))

    def forget_roles(self) -> None:
        """Read the list again at the next event (after an invite was used here)."""
        self._loaded = float("-inf")

    # -- effects ----------------------------------------------------------------------------

    def prepare(
        self, effect: Effect, channel: str, external_id: str, lang: str, now: dt.datetime
    ) -> Apply:
        if isinstance(effect, CountAudience):
            wanted = audience(effect.compose)

            def count(db: Connection, _s: Session) -> Event:
                counted = store.count_audience(db, wanted, now.date())
                rows = tuple(sorted((ch, lg, n) for (ch, lg), n in counted.items()))
                return AudienceCounted(counts=rows, viber_price=self.viber_price)

            return count
        if isinstance(effect, CreateBroadcast):
            return self._create(effect, channel, external_id, lang, now)
        if isinstance(effect, ListBroadcasts):
            return lambda db, _s: listed(db)
        if isinstance(effect, CancelBroadcast):

            def cancel(db: Connection, _s: Session) -> Event:
                ok = store.cancel(db, effect.id, now)
                notice = "vol-cancelled" if ok else "vol-cancel-too-late"
                return listed(db, notice=notice, cancelled=effect.id)

            return cancel
        if isinstance(effect, CreateInvite):

            def invite(db: Connection, _s: Session) -> Event:
                by = vol.volunteer_id(db, channel, external_id)
                code = vol.create_invite(db, effect.role, by, now)
                payload = f"{vol.INVITE_PREFIX}{code}"
                prefix = self.deep_links.get(channel)
                link = f"{prefix}{payload}" if prefix else None
                return InviteCreated(role=effect.role, payload=payload, link=link)

            return invite
        if isinstance(effect, RedeemInvite):

            def redeem(db: Connection, _s: Session) -> Event:
                role = vol.redeem(db, effect.code, channel, external_id, now)
                self.forget_roles()
                return InviteRedeemed(role=role)

            return redeem
        if isinstance(effect, ConsoleLogin):
            return self._console_login(channel, external_id, now)
        raise TypeError(f"not a volunteer effect: {type(effect).__name__}")

    def _console_login(self, channel: str, external_id: str, now: dt.datetime) -> Apply:
        def login(db: Connection, _s: Session) -> Event:
            found = vol.volunteer_id(db, channel, external_id)
            if found is None:
                return ConsoleLoginCreated(code=None)
            code = console.create_login(db, found, now)
            link = console.login_link(self.public_url, code)
            minutes = int(console.CODE_LIFETIME.total_seconds() // 60)
            return ConsoleLoginCreated(code=code, link=link, minutes=minutes)

        return login

    def _create(
        self, effect: CreateBroadcast, channel: str, external_id: str, lang: str, now: dt.datetime
    ) -> Apply:
        c = effect.compose

        def create(db: Connection, _s: Session) -> Event:
            by = vol.volunteer_id(db, channel, external_id)
            if by is None:  # lost the role since the preview
                return BroadcastCreated(id=None)
            broadcast_id, recipients = store.create(
                db, c.kind, c.content_id, audience(c), now, send_at=effect.at, created_by=by
            )
            store.set_report_to(db, broadcast_id, channel, external_id, lang)
            if effect.at is None:
                store.start(db, broadcast_id, now)
            at = effect.at.strftime("%Y-%m-%d %H:%M UTC") if effect.at else None
            return BroadcastCreated(id=broadcast_id, recipients=recipients, scheduled=at)

        return create


def listed(db: Connection, notice: str | None = None, cancelled: int | None = None) -> Event:
    table = Broadcast.__table__
    rows = db.execute(select(table).order_by(table.c.id.desc()).limit(LISTED)).all()
    infos = []
    for row in rows:
        counts = store.counts(db, row.id)
        infos.append(
            BroadcastInfo(
                row.id, row.kind, row.content_id, row.status, counts["sent"], row.recipients
            )
        )
    return BroadcastsListed(rows=tuple(infos), notice=notice, cancelled=cancelled)
