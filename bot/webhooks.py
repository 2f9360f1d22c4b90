"""``movesafe webhooks set`` and ``movesafe poll``: talking to the platforms about delivery."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from functools import partial
from typing import Any

import aiohttp
from telegram import Bot, BotCommand
from telegram.error import BadRequest
from telegram.request import HTTPXRequest

from bot.channels.telegram import ALLOWED_UPDATES, COMMANDS, TelegramChannel, bot_for, call
from bot.channels.viber import EVENT_TYPES, ViberClient
from bot.content import load_content
from bot.errors import ChannelError, SettingsError
from bot.i18n import Renderer
from bot.metrics import Metrics
from bot.runtime import Runtime
from bot.settings import Settings
from bot.storage.db import Database, make_engine, upgrade
from flows.replies import Msg

log = logging.getLogger(__name__)


def commands(renderer: Renderer, lang: str) -> list[BotCommand]:
    return [BotCommand(c, renderer.format(Msg(f"cmd-{c}"), lang)) for c in COMMANDS]


async def set_telegram(settings: Settings) -> list[str]:
    """Register the webhook (with its secret and the update kinds we read) and command menus."""
    if not settings.telegram_bot_token:
        raise SettingsError("TELEGRAM_BOT_TOKEN is not set")
    public = public_url(settings)
    content = load_content(settings.content_dir, settings.locales_dir)
    renderer = Renderer(settings.locales_dir, content.languages, strict=True)
    url = f"{public}/telegram/webhook"
    async with bot_for(settings.telegram_bot_token, settings.telegram_api_url) as bot:
        await bot.set_webhook(
            url, secret_token=settings.telegram_secret(), allowed_updates=list(ALLOWED_UPDATES)
        )
        done = [f"telegram webhook: {url}"]
        for lang in content.languages:
            await bot.set_my_commands(commands(renderer, lang), language_code=lang)
        await bot.set_my_commands(commands(renderer, content.languages[0]))
        done.append(
            f"telegram commands: {', '.join(content.languages)} (default {content.languages[0]})"
        )
    return done


async def set_viber(settings: Settings) -> list[str]:
    """Register the Viber webhook with the event types the bot reads (Viber then calls it once
    with a ``webhook`` event, which the server answers 200)."""
    if not settings.viber_auth_token:
        raise SettingsError("VIBER_AUTH_TOKEN is not set")
    public = public_url(settings)
    url = f"{public}/viber/webhook"
    body = {"url": url, "event_types": list(EVENT_TYPES), "send_name": True, "send_photo": False}
    async with aiohttp.ClientSession() as session:
        client = ViberClient(settings.viber_api_url, settings.viber_auth_token, session)
        await client.post("set_webhook", body)
    return [f"viber webhook: {url}"]


async def set_all(settings: Settings) -> list[str]:
    if not settings.telegram_bot_token and not settings.viber_auth_token:
        raise SettingsError("neither TELEGRAM_BOT_TOKEN nor VIBER_AUTH_TOKEN is set")
    done = []
    if settings.telegram_bot_token:
        done += await set_telegram(settings)
    if settings.viber_auth_token:
        done += await set_viber(settings)
    return done


def public_url(settings: Settings) -> str:
    if not settings.public_url or not settings.public_url.startswith("https://"):
        raise SettingsError("PUBLIC_URL must be the https:// address of this server")
    return settings.public_url.rstrip("/")


async def answer_press(bot: Bot, answer: dict[str, Any] | None) -> None:
    """Polling has no response body: make the call a webhook would have answered with."""
    if answer is None:
        return
    query_id = str(answer["callback_query_id"])
    with contextlib.suppress(BadRequest, ChannelError):
        await call("answerCallbackQuery", partial(bot.answer_callback_query, query_id))


async def poll(settings: Settings, stop: asyncio.Event | None = None) -> None:
    """Long polling for development with a real token: no public address needed."""
    if not settings.telegram_bot_token:
        raise SettingsError("TELEGRAM_BOT_TOKEN is not set")
    content = load_content(settings.content_dir, settings.locales_dir)
    engine = make_engine(settings.database_url)
    if settings.is_sqlite:
        await upgrade(engine)
    db = Database(engine)
    runtime = Runtime(db, content, Renderer(settings.locales_dir, content.languages))
    request = HTTPXRequest(read_timeout=40.0)
    bot = bot_for(
        settings.telegram_bot_token, settings.telegram_api_url, get_updates_request=request
    )
    channel = TelegramChannel(bot, runtime, Metrics())
    stop = stop or asyncio.Event()
    offset = 0
    try:
        async with bot:
            await bot.delete_webhook()
            while not stop.is_set():
                fetch = partial(
                    bot.get_updates,
                    offset=offset, timeout=25, allowed_updates=list(ALLOWED_UPDATES),
                )  # fmt: skip
                for update in await call("getUpdates", fetch):
                    offset = update.update_id + 1
                    await answer_press(bot, await channel.receive(update.to_dict()))
    finally:
        await runtime.close()
        await db.dispose()
