"""Volunteers and coordinators, and the invite codes that make one.

A coordinator creates an invite in the bot (or an operator adds a volunteer with the CLI); the
code is shown once, as a deep link, and stored as its SHA-256 only. It works once and for a day.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from bot.storage.models import Invite, Volunteer

VOLUNTEER, COORDINATOR = "volunteer", "coordinator"
ROLES = (VOLUNTEER, COORDINATOR)
CHANNELS = ("telegram", "viber", "console")
INVITE_LIFETIME = dt.timedelta(hours=24)
INVITE_PREFIX = "inv"  # deep-link payload: inv<code>


def parse_person(value: str) -> tuple[str, str]:
    """``CHANNEL:ID`` → (channel, id); ``ValueError`` with a plain message otherwise."""
    channel, sep, external_id = value.partition(":")
    if not sep or channel not in CHANNELS or not external_id.strip():
        raise ValueError(f"expected CHANNEL:ID with CHANNEL one of {', '.join(CHANNELS)}")
    return channel, external_id.strip()


def role_of(db: Connection, channel: str, external_id: str) -> str | None:
    query = select(Volunteer.role).where(
        Volunteer.channel == channel, Volunteer.external_id == external_id
    )
    return db.execute(query).scalar_one_or_none()


def volunteer_id(db: Connection, channel: str, external_id: str) -> int | None:
    query = select(Volunteer.id).where(
        Volunteer.channel == channel, Volunteer.external_id == external_id
    )
    return db.execute(query).scalar_one_or_none()


def add(db: Connection, channel: str, external_id: str, role: str, today: dt.date) -> bool:
    """Grant ``role`` (replacing an earlier one); True if the person is new to the list."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    found = volunteer_id(db, channel, external_id)
    if found is not None:
        db.execute(update(Volunteer).where(Volunteer.id == found).values(role=role))
        return False
    db.execute(
        insert(Volunteer).values(
            channel=channel, external_id=external_id, role=role, added_on=today
        )
    )
    return True


def remove(db: Connection, channel: str, external_id: str) -> bool:
    gone = db.execute(
        delete(Volunteer).where(Volunteer.channel == channel, Volunteer.external_id == external_id)
    )
    return gone.rowcount > 0


def create_invite(db: Connection, role: str, created_by: int | None, now: dt.datetime) -> str:
    """A new one-time code (URL-safe; fits a Telegram start parameter with its prefix)."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    code = secrets.token_urlsafe(24)
    db.execute(
        insert(Invite).values(
            code_hash=_hash(code), role=role, created_by=created_by,
            expires_at=now + INVITE_LIFETIME,
        )
    )  # fmt: skip
    return code


def redeem(
    db: Connection, code: str, channel: str, external_id: str, now: dt.datetime
) -> str | None:
    """Use an invite: the person gets its role. None if the code is unknown, used or old."""
    used = db.execute(
        update(Invite)
        .where(Invite.code_hash == _hash(code), Invite.used_at.is_(None), Invite.expires_at > now)
        .values(used_at=now)
        .returning(Invite.role)
    ).scalar_one_or_none()
    if used is None:
        return None
    current = role_of(db, channel, external_id)
    role = COORDINATOR if COORDINATOR in (current, used) else VOLUNTEER
    add(db, channel, external_id, role, now.date())
    return role


def _hash(code: str) -> bytes:
    return hashlib.sha256(code.encode()).digest()
