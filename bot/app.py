"""Wiring: settings → engine, content, renderer → runtime. Shared by every entry point."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.content import load_content
from bot.i18n import Renderer
from bot.reports.desk import ReportDesk
from bot.reports.store import ReportKeys
from bot.runtime import Runtime, utcnow
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
        desk = ReportDesk(ReportKeys.from_settings(settings), utcnow)
        yield Runtime(db, content, renderer, desk=desk)
    finally:
        await db.dispose()
