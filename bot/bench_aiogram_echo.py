"""The second yardstick for ``movesafe bench inbound``: a minimal aiogram 3 echo bot with the
library's own aiohttp webhook server, as in aiogram's webhook example (defaults kept: updates are
handled in the background after the webhook POST is answered). Run as
``python -m bot.bench_aiogram_echo PORT API_URL TOKEN SECRET``.

The stand-in serves ``<API_URL>/bot<token>/<method>``, which is exactly the layout
``TelegramAPIServer.from_base(API_URL)`` builds (``<base>/bot{token}/{method}``)."""

from __future__ import annotations

import sys

from aiogram import Bot, Dispatcher, Router
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import Message
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

PATH = "/telegram/webhook"
router = Router()


@router.message()
async def echo(message: Message) -> None:
    if message.text:
        await message.answer(message.text)


def main() -> None:
    port, api_url, token, secret = sys.argv[1:5]
    webhook_url = f"http://127.0.0.1:{port}{PATH}"

    async def on_startup(bot: Bot) -> None:
        await bot.set_webhook(webhook_url, secret_token=secret)

    session = AiohttpSession(api=TelegramAPIServer.from_base(api_url))
    bot = Bot(token=token, session=session)
    dp = Dispatcher()
    dp.include_router(router)
    dp.startup.register(on_startup)
    app = web.Application()
    SimpleRequestHandler(dispatcher=dp, bot=bot, secret_token=secret).register(app, path=PATH)
    setup_application(app, dp, bot=bot)
    web.run_app(app, host="127.0.0.1", port=int(port))


if __name__ == "__main__":
    main()
