"""Repository functions for people and their conversation state (session-first, no lazy loads)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any, NamedTuple

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    TextClause,
    bindparam,
    delete,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import BindParameter

from bot.storage.models import User
from flows.session import (
    DRAFT_LIFETIME,
    DRAFT_NODES,
    FINDHELP_NODES,
    JOB_NODES,
    Node,
    Session,
)


class VersionConflict(Exception):
    """Another process saved this person's state first; the step is retried from a fresh load."""


class Stored(NamedTuple):
    id: int
    version: int
    session: str


LOAD = select(User.id, User.version, User.session).where(
    User.channel == bindparam("channel"), User.external_id == bindparam("external_id")
)
UPDATE = (
    update(User)
    .where(User.id == bindparam("user_id"), User.version == bindparam("seen_version"))
    .values(version=User.version + 1)
)


# The hot path's statements are built once: building ``.values(**fields)`` per event cost more
# than running it (SQLAlchemy derives a cache key from every new statement object).
_STATE: dict[str, Any] = {
    "session": bindparam("p_session"),
    "lang": bindparam("p_lang"),
    "country": bindparam("p_country"),
    "subscribed": bindparam("p_subscribed"),
    "last_seen_on": bindparam("p_last_seen_on"),
    "holds_until": bindparam("p_holds_until"),
}


SAVE_SQL = (
    "UPDATE users SET version = version + 1, session = :p_session, lang = :p_lang, "
    "country = :p_country, subscribed = :p_subscribed, last_seen_on = :p_last_seen_on, "
    "holds_until = :p_holds_until, stopped = :p_stopped "
    "WHERE id = :user_id AND version = :seen_version"
)


def _save(reached: bool) -> TextClause:
    """The per-event UPDATE as SQL text with typed parameters: compiled once, and its
    parameters are set without walking a statement tree (it was half of the transaction)."""
    sql = text(SAVE_SQL if reached else SAVE_SQL.replace(", stopped = :p_stopped", ""))
    types: list[BindParameter[Any]] = [
        bindparam("p_last_seen_on", type_=Date),
        bindparam("p_holds_until", type_=DateTime(timezone=True)),
        bindparam("p_subscribed", type_=Boolean),
    ]
    if reached:
        types.append(bindparam("p_stopped", type_=Boolean))
    return sql.bindparams(*types)


SAVE = _save(reached=False)
SAVE_REACHED = _save(reached=True)
CREATE = insert(User).values(
    channel=bindparam("p_channel"), external_id=bindparam("p_external_id"), version=1,
    first_seen_on=bindparam("p_last_seen_on"), stopped=bindparam("p_stopped"), **_STATE,
)  # fmt: skip


def load(db: Connection, channel: str, external_id: str) -> Stored | None:
    """The person's row, locked for this transaction on PostgreSQL (``FOR UPDATE``)."""
    query = (
        LOAD if db.dialect.name == "sqlite" else LOAD.with_for_update()
    )  # SQLite: BEGIN IMMEDIATE
    row = (db.execute(query, {"channel": channel, "external_id": external_id})).first()
    return Stored(*row) if row else None


def save(
    db: Connection,
    channel: str,
    external_id: str,
    user: Stored | None,
    session: Session,
    today: dt.date,
    reachable: bool = True,
) -> None:
    """Insert the person, or update them if nobody else saved since we loaded (version check).
    ``reachable``: the event proves we may write to them again (not so for Viber's
    ``conversation_started``), which clears ``stopped``."""
    params: dict[str, object] = {
        "p_session": session.to_json(),
        "p_lang": session.lang,
        "p_country": session.country,
        "p_subscribed": session.subscribed,
        "p_last_seen_on": today,
        "p_holds_until": holds_until(session),
        "p_stopped": not reachable,
    }
    if user is None:
        db.execute(CREATE, {**params, "p_channel": channel, "p_external_id": external_id})
        return
    statement = SAVE_REACHED if reachable else SAVE  # only a reachable event clears "stopped"
    result = db.execute(statement, {**params, "user_id": user.id, "seen_version": user.version})
    if result.rowcount != 1:
        raise VersionConflict


def holds_until(session: Session) -> dt.datetime | None:
    """When what the person wrote (a draft report, a job ad) must be wiped at the latest."""
    since = session.writing_since()
    return since + DRAFT_LIFETIME if since is not None else None


def wipe_writing(db: Connection, now: dt.datetime) -> int:
    """Wipe drafts and job ads left in sessions past their hour (people who walked away);
    returns how many sessions were wiped. Each is saved with a version bump, so a person
    writing at this very moment wins and their next step expires the draft itself."""
    due = select(User.id, User.version, User.session).where(User.holds_until < now)
    wiped = 0
    for row in db.execute(due).all():
        session = Session.from_json(row.session)
        node = Node.REPORT if session.node in DRAFT_NODES else session.node
        node = Node.MENU if session.node in JOB_NODES else node
        node = Node.FINDHELP if session.node in FINDHELP_NODES else node
        clean = replace(
            session, node=node, draft=None, ad=None, ad_at=None, job=None, answers=None,
            near=None, near_at=None,
        )  # fmt: skip
        result = db.execute(
            UPDATE.values(session=clean.to_json(), holds_until=None),
            {"user_id": row.id, "seen_version": row.version},
        )
        wiped += result.rowcount
    return wiped


def forget(db: Connection, channel: str, external_id: str) -> None:
    db.execute(delete(User).where(User.channel == channel, User.external_id == external_id))


def mark_stopped(db: Connection, channel: str, external_id: str) -> None:
    """The platform says nothing can be sent to this person (blocked, unsubscribed)."""
    db.execute(
        update(User)
        .where(User.channel == channel, User.external_id == external_id)
        .values(stopped=True, version=User.version + 1)
    )
