"""Shared fixtures: a runtime on each database (SQLite always; PostgreSQL when
``TEST_DATABASE_URL`` is set), with the real content pack and strict Fluent rendering."""

from __future__ import annotations

import base64
import datetime as dt
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from nacl.public import PrivateKey
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.content import load_content
from bot.i18n import Renderer
from bot.reports.desk import ReportDesk
from bot.reports.receipts import salt_from_secret
from bot.reports.sealing import load_public_key
from bot.reports.store import ReportKeys
from bot.runtime import Runtime
from bot.server import make_app
from bot.settings import PROJECT_ROOT, Settings, normalise_database_url
from bot.storage.db import Database, make_engine, upgrade
from flows.content import ContentPack

CONTENT = PROJECT_ROOT / "content"
LOCALES = PROJECT_ROOT / "locales"
FROZEN = dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC)
PG_URL = os.environ.get("TEST_DATABASE_URL")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-transcripts",
        action="store_true",
        help="rewrite the expected replies in tests/transcripts/*.yaml (review the diff!)",
    )


@pytest.fixture(scope="session")
def content() -> ContentPack:
    return load_content(CONTENT, LOCALES)


@pytest.fixture(scope="session")
def renderer(content: ContentPack) -> Renderer:
    return Renderer(LOCALES, content.languages, strict=True)


DATABASES = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


async def fresh_engine(kind: str, tmp_path: Path) -> AsyncEngine:
    if kind == "sqlite":
        engine = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'test.db'}")
    else:
        if not PG_URL:
            pytest.skip("TEST_DATABASE_URL is not set (the PostgreSQL suite runs in .ci/run)")
        engine = make_engine(normalise_database_url(PG_URL))
        async with engine.begin() as conn:
            await conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))
    await upgrade(engine)
    return engine


@pytest.fixture(params=DATABASES)
async def engine(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    engine = await fresh_engine(request.param, tmp_path)
    yield engine
    await engine.dispose()


@pytest.fixture
async def sqlite_engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    engine = await fresh_engine("sqlite", tmp_path)
    yield engine
    await engine.dispose()


@pytest.fixture
def private_key() -> PrivateKey:
    """The analysts' key for this test (reports sealed by the runtime open with it)."""
    return PrivateKey.generate()


@pytest.fixture
def keys(private_key: PrivateKey) -> ReportKeys:
    public = base64.b64encode(bytes(private_key.public_key)).decode()
    return ReportKeys(load_public_key(public), salt_from_secret("test-secret-key"))


def make_runtime(
    engine: AsyncEngine, content: ContentPack, renderer: Renderer, keys: ReportKeys | None = None
) -> Runtime:
    clock = lambda: FROZEN  # noqa: E731
    desk = ReportDesk(keys, clock) if keys is not None else None
    return Runtime(Database(engine), content, renderer, clock=clock, desk=desk)


@pytest.fixture
def runtime(
    engine: AsyncEngine, content: ContentPack, renderer: Renderer, keys: ReportKeys
) -> Runtime:
    return make_runtime(engine, content, renderer, keys)


@pytest.fixture
def sqlite_runtime(
    sqlite_engine: AsyncEngine, content: ContentPack, renderer: Renderer, keys: ReportKeys
) -> Runtime:
    return make_runtime(sqlite_engine, content, renderer, keys)


@asynccontextmanager
async def served(
    kind: str, tmp_path: Path, env: dict[str, str], worker: bool = False
) -> AsyncIterator[TestClient[Any, Any]]:
    """The real server (``make_app``) on an empty, migrated database of ``kind``, with the
    channel settings in ``env`` (pointing at a platform stand-in)."""
    engine = await fresh_engine(kind, tmp_path)
    await engine.dispose()
    url = f"sqlite+aiosqlite:///{tmp_path / 'test.db'}" if kind == "sqlite" else PG_URL
    fresh_key = base64.b64encode(bytes(PrivateKey.generate().public_key)).decode()
    defaults = {"DATABASE_URL": url or "", "SECRET_KEY": "k", "REPORTS_PUBLIC_KEY": fresh_key}
    settings = Settings.from_env({**defaults, **env})
    async with TestClient(TestServer(make_app(settings, worker=worker))) as client:
        yield client
