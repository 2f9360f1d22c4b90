"""Wiring the broadcast worker from settings (``movesafe worker``, ``movesafe serve``)."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager

import aiohttp

from bot import housekeeping
from bot.broadcasts.engine import Sender, Worker
from bot.broadcasts.links import Links
from bot.broadcasts.senders import TelegramSender, ViberSender, telegram_share, viber_share
from bot.i18n import Renderer
from bot.settings import Settings
from bot.storage.db import Database
from flows.content import ContentPack

log = logging.getLogger(__name__)


def links_for(settings: Settings, db: Database) -> Links:
    return Links(db, settings.derived("links"), settings.public_url)


@asynccontextmanager
async def open_worker(
    settings: Settings,
    db: Database,
    content: ContentPack,
    renderer: Renderer,
    clock: Callable[[], dt.datetime],
    **kwargs: object,
) -> AsyncIterator[Worker]:
    """A worker with a sender for each platform that has a token."""
    links = links_for(settings, db)
    senders: list[Sender] = []
    async with AsyncExitStack() as stack:
        if settings.telegram_bot_token:
            from bot.channels.telegram import bot_for
            from bot.channels.telegram_http import AiohttpRequest

            bot = bot_for(
                settings.telegram_bot_token,
                settings.telegram_api_url,
                request=AiohttpRequest(connection_limit=256),
            )
            await stack.enter_async_context(bot)
            username = bot.username
            senders.append(
                TelegramSender(
                    bot, links, settings.telegram_broadcast_rate,
                    paid=settings.telegram_paid_broadcast, share=telegram_share(username),
                )
            )  # fmt: skip
        if settings.viber_auth_token:
            session = await stack.enter_async_context(
                aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=64))
            )
            uri = await viber_uri(settings, session)
            senders.append(
                ViberSender(
                    settings.viber_api_url, settings.viber_auth_token, session,
                    settings.viber_sender(), links, settings.viber_broadcast_rate,
                    share=viber_share(uri),
                )
            )  # fmt: skip
        yield Worker(
            db,
            content,
            renderer,
            senders,
            links,
            clock,
            lease_seconds=settings.broadcast_lease_seconds,
            claim_seconds=settings.broadcast_claim_seconds,
            **kwargs,  # type: ignore[arg-type]
        )


async def run_forever(
    worker: Worker, db: Database, retention_days: int, clock: Callable[[], dt.datetime]
) -> None:
    """The background work of ``movesafe worker`` (and of ``movesafe serve`` unless
    ``--no-worker``): send broadcasts, and sweep what is past its time every 10 minutes."""
    await asyncio.gather(worker.run(), housekeeping.run_forever(db, retention_days, clock))


async def viber_uri(settings: Settings, session: aiohttp.ClientSession) -> str | None:
    """The bot's public chat URI (for share links), from get_account_info; None if Viber
    does not answer (the share button is then left out)."""
    assert settings.viber_auth_token is not None
    headers = {"X-Viber-Auth-Token": settings.viber_auth_token}
    url = f"{settings.viber_api_url.rstrip('/')}/get_account_info"
    try:
        async with session.post(
            url, json={}, headers=headers, timeout=aiohttp.ClientTimeout(total=10)
        ) as response:
            answer = await response.json(content_type=None)
    except (TimeoutError, aiohttp.ClientError, ValueError):
        log.warning("viber get_account_info failed: no share link in broadcasts")
        return None
    uri = answer.get("uri") if isinstance(answer, dict) else None
    return uri if isinstance(uri, str) and uri else None
