"""Who is at the console: one-time login codes, browser sessions and the CSRF token.

A coordinator asks the bot for a code (Volunteer → Web console) or an operator prints one with
``movesafe volunteers login-link``. The code works once, for ``CODE_LIFETIME``; using it opens a
session of ``SESSION_LIFETIME``. Both are stored as SHA-256 hashes only, and both go when the
volunteer is removed (``ON DELETE CASCADE``). Every row is read fresh, so a changed role or a
removal takes effect on the next page.

Codes are 12 characters from an alphabet without look-alikes (0/O, 1/I/L), shown as three groups
(``ABCD-EFGH-JKMN``, 59 bits): short enough to type from a phone, and login attempts are
rate-limited per address. The form accepts them in any case, with or without dashes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from typing import NamedTuple

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from bot.storage.models import ConsoleLogin, ConsoleSession, Volunteer

CODE_LIFETIME = dt.timedelta(minutes=15)
SESSION_LIFETIME = dt.timedelta(hours=12)
ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no 0/O, 1/I/L, U (Crockford-like)
CODE_LENGTH = 12


class Staff(NamedTuple):
    """The volunteer behind a console session."""

    id: int
    channel: str
    external_id: str
    role: str

    @property
    def coordinator(self) -> bool:
        return self.role == "coordinator"


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def normalise(typed: str) -> str | None:
    """What a person typed → the canonical code, or None if it cannot be one."""
    raw = "".join(ch for ch in typed.upper() if ch not in " -")
    if len(raw) != CODE_LENGTH or any(ch not in ALPHABET for ch in raw):
        return None
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def _hash(secret: str) -> bytes:
    return hashlib.sha256(secret.encode()).digest()


def create_login(db: Connection, volunteer_id: int, now: dt.datetime) -> str:
    code = new_code()
    db.execute(
        insert(ConsoleLogin).values(
            code_hash=_hash(code), volunteer_id=volunteer_id, expires_at=now + CODE_LIFETIME
        )
    )
    return code


def redeem_login(db: Connection, typed: str, now: dt.datetime) -> str | None:
    """Use a login code: a new session token, or None (unknown, used or expired code)."""
    code = normalise(typed)
    if code is None:
        return None
    volunteer_id = db.execute(
        update(ConsoleLogin)
        .where(
            ConsoleLogin.code_hash == _hash(code),
            ConsoleLogin.used_at.is_(None),
            ConsoleLogin.expires_at > now,
        )
        .values(used_at=now)
        .returning(ConsoleLogin.volunteer_id)
    ).scalar_one_or_none()
    if volunteer_id is None:
        return None
    token = secrets.token_urlsafe(32)
    db.execute(
        insert(ConsoleSession).values(
            token_hash=_hash(token), volunteer_id=volunteer_id,
            expires_at=now + SESSION_LIFETIME,
        )
    )  # fmt: skip
    return token


def staff_for(db: Connection, token: str, now: dt.datetime) -> Staff | None:
    """The volunteer behind a live session token (their role as it is now), or None."""
    row = db.execute(
        select(Volunteer.id, Volunteer.channel, Volunteer.external_id, Volunteer.role)
        .join(ConsoleSession, ConsoleSession.volunteer_id == Volunteer.id)
        .where(ConsoleSession.token_hash == _hash(token), ConsoleSession.expires_at > now)
    ).first()
    return Staff(*row) if row is not None else None


def end_session(db: Connection, token: str) -> None:
    db.execute(delete(ConsoleSession).where(ConsoleSession.token_hash == _hash(token)))


def prune(db: Connection, now: dt.datetime) -> int:
    """Forget expired sessions and codes (the housekeeping sweep)."""
    gone = db.execute(delete(ConsoleSession).where(ConsoleSession.expires_at <= now)).rowcount
    gone += db.execute(delete(ConsoleLogin).where(ConsoleLogin.expires_at <= now)).rowcount
    return gone


def login_link(public_url: str | None, code: str) -> str | None:
    """The link a login code travels in (None without ``PUBLIC_URL``)."""
    if not public_url:
        return None
    return f"{public_url.rstrip('/')}/console/login?code={code}"


def csrf_token(secret: str, session_token: str) -> str:
    """The form token of a session: an HMAC of its token (nothing more to store)."""
    return hmac.new(secret.encode(), f"csrf:{session_token}".encode(), hashlib.sha256).hexdigest()


def csrf_ok(secret: str, session_token: str, sent: str | None) -> bool:
    return sent is not None and hmac.compare_digest(csrf_token(secret, session_token), sent)
