"""Engines, one-hop transactions and migrations.

A transaction is a plain function of a SQLAlchemy ``Connection`` run by ``Database.run`` in one
go: on SQLite (the embedded default) directly on the event loop with the stdlib driver — a
transaction is a few hundred microseconds of local file work, cheaper than any hand-off to a
thread (measured: one hop per statement through aiosqlite cost 3 ms an event; one hop per
transaction to a thread still lost throughput to GIL hand-offs), and it makes SQLite's single
writer a plain queue; on PostgreSQL through asyncpg (``AsyncConnection.run_sync``). The same
repository code serves both.

SQLite takes its write lock at ``BEGIN`` (``BEGIN IMMEDIATE``) so two read-modify-write
transactions never deadlock on the lock upgrade, and runs in WAL mode with ``synchronous=NORMAL``
(a commit survives a crash of the process; the last ones may be lost on power loss).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
T = TypeVar("T")


def _sqlite_manners(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        # Deleted and overwritten rows are zeroed, not left in free pages (a wiped draft).
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


# ``INSERT … ON CONFLICT`` is a dialect's own construct: the insert of each database we run on.
INSERTS: dict[str, Any] = {"postgresql": pg_insert, "sqlite": sqlite_insert}


def insert_for(db: Connection) -> Any:
    """The ``insert`` of ``db``'s dialect (for ``on_conflict_do_nothing`` / ``_do_update``)."""
    return INSERTS[db.dialect.name]


def make_engine(url: str, **kwargs: Any) -> AsyncEngine:
    if not url.startswith("sqlite"):
        # No pre-ping: a dropped connection fails its one transaction (the webhook answers 503 and
        # the platform re-delivers) and SQLAlchemy discards the pool; a ping per event costs more.
        # hide_parameters (both engines): a database error never carries what a person wrote
        # (a statement's parameters) into a log line.
        return create_async_engine(
            url, pool_size=10, max_overflow=20, hide_parameters=True, **kwargs
        )
    engine = create_async_engine(url, connect_args={"timeout": 30}, hide_parameters=True, **kwargs)
    _sqlite_manners(engine.sync_engine)
    return engine


class Database:
    """Runs transaction functions; see the module docstring."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._sync: Engine | None = None
        self._conn: Connection | None = None  # SQLite: one connection, used on the loop only
        if engine.dialect.name == "sqlite":
            url = engine.url.set(drivername="sqlite")
            self._sync = create_engine(url, connect_args={"timeout": 30}, hide_parameters=True)
            _sqlite_manners(self._sync)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    async def run(self, fn: Callable[[Connection], T]) -> T:
        """``fn(connection)`` inside one transaction, committed if it returns."""
        if self._sync is not None:
            # Transactions run one at a time on the event loop's thread, so one connection
            # serves them all (no pool checkout and return per event).
            sync = self._conn
            if sync is None or sync.closed or sync.invalidated:
                sync = self._conn = self._sync.connect()
            with sync.begin():
                return fn(sync)
        async with self.engine.begin() as conn:
            result: T = await conn.run_sync(fn)
            return result

    async def scrub(self) -> None:
        """After wiping something a person wrote: on SQLite, copy the write-ahead log into the
        database (where ``secure_delete`` zeroed the old rows) and truncate it, so no old copy
        stays in the files. PostgreSQL's autovacuum does the same for dead rows in its time."""
        if self._sync is None:
            return
        raw = self._sync.raw_connection()  # outside any transaction (autocommit)
        try:
            raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            raw.close()

    async def dispose(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._sync is not None:
            self._sync.dispose()
        await self.engine.dispose()


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def _upgrade(connection: Connection, revision: str) -> None:
    cfg = alembic_config()
    cfg.attributes["connection"] = connection
    command.upgrade(cfg, revision)


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    """Apply migrations on ``engine`` (``movesafe db upgrade``; automatic on SQLite)."""
    async with engine.begin() as conn:
        await conn.run_sync(_upgrade, revision)


# SQLSTATE classes that say "the database is not there right now", not "this data is wrong":
# 08 connection exception, 53 insufficient resources (too many connections), 57 operator
# intervention (admin or crash shutdown, "cannot connect now", a cancelled statement).
TRANSIENT_SQLSTATE = ("08", "53", "57")


def unavailable(exc: BaseException) -> bool:
    """True when ``exc`` means the database is unreachable or going down (answer 503, so the
    platform re-delivers), False for an error a re-delivery would not fix."""
    if isinstance(exc, OperationalError | InterfaceError | OSError):
        return True
    if isinstance(exc, DBAPIError):
        if exc.connection_invalidated:
            return True
        orig = exc.orig
        code = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
        if code is None and orig is not None and orig.__cause__ is not None:
            code = getattr(orig.__cause__, "sqlstate", None)
        return isinstance(code, str) and code[:2] in TRANSIENT_SQLSTATE
    return False
