"""Wiring: settings → engine, content, renderer → runtime. Shared by every entry point."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.content import load_content
from bot.i18n import Renderer
from bot.runtime import Runtime
from bot.settings import Settings
from bot.storage.db import Database, make_engine, upgrade


@asynccontextmanager
async def open_runtime(settings: Settings, strict: bool = False) -> AsyncIterator[Runtime]:
    """A ready runtime; on the embedded SQLite default the migrations are applied first."""
    content = load_content(settings.content_dir, settings.locales_dir)
    renderer = Renderer(settings.locales_dir, content.languages, strict=strict)
    engine = make_engine(settings.database_url)
    db = Database(engine)
    try:
        if settings.is_sqlite:
            await upgrade(engine)
        yield Runtime(db, content, renderer)
    finally:
        await db.dispose()
