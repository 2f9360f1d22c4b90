"""The yardstick for ``movesafe bench inbound``: a minimal python-telegram-bot echo bot with the
library's own webhook server (tornado), as in its examples. Run as
``python -m bot.bench_echo PORT API_URL TOKEN SECRET``."""

from __future__ import annotations

import sys

from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.message and update.message.text:
        await update.message.reply_text(update.message.text)


def main() -> None:
    port, api_url, token, secret = sys.argv[1:5]
    app = Application.builder().token(token).base_url(f"{api_url}/bot").build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.run_webhook(
        listen="127.0.0.1",
        port=int(port),
        url_path="telegram/webhook",
        secret_token=secret,
        webhook_url=f"http://127.0.0.1:{port}/telegram/webhook",
    )


if __name__ == "__main__":
    main()
