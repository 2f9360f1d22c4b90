"""`movesafe webhooks set` and `movesafe poll` against the Bot API stand-in."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest

from bot.errors import SettingsError
from bot.settings import Settings
from bot.standins.telegram import FakeTelegram
from bot.webhooks import poll, set_all
from tests.telegram_driver import message_update

TOKEN = "123456:TEST-TOKEN"


def settings(fake: FakeTelegram, **extra: str) -> Settings:
    return Settings.from_env(
        {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": fake.url, "SECRET_KEY": "k", **extra}
    )


async def test_webhooks_set_registers_webhook_secret_and_commands() -> None:
    async with FakeTelegram(TOKEN) as fake:
        s = settings(fake, PUBLIC_URL="https://bot.example.org")
        await set_all(s)
        (hook,) = [c for c in fake.calls if c.method == "setWebhook"]
        assert hook.params["url"] == "https://bot.example.org/telegram/webhook"
        assert hook.params["secret_token"] == s.telegram_secret()
        assert re.fullmatch(r"[A-Za-z0-9_-]{1,256}", hook.params["secret_token"])
        assert {"message", "callback_query", "my_chat_member"} <= set(
            hook.params["allowed_updates"]
        )
        menus = [c for c in fake.calls if c.method == "setMyCommands"]
        assert sorted(str(c.params.get("language_code")) for c in menus) == [
            "None",
            "en",
            "ru",
            "uk",
        ]
        uk = next(c for c in menus if c.params.get("language_code") == "uk")
        names = [c["command"] for c in uk.params["commands"]]
        assert names == ["start", "menu", "sos", "help", "language", "stop", "forget", "hide"]
        assert "Допомога" in next(
            c["description"] for c in uk.params["commands"] if c["command"] == "sos"
        )


async def test_webhooks_set_needs_an_https_public_url() -> None:
    async with FakeTelegram(TOKEN) as fake:
        for public in ({}, {"PUBLIC_URL": "http://bot.example.org"}):
            with pytest.raises(SettingsError, match="PUBLIC_URL"):
                await set_all(settings(fake, **public))


async def test_poll_answers_pushed_updates(tmp_path: Path) -> None:
    async with FakeTelegram(TOKEN) as fake:
        fake.push_update(message_update(4242, "uk", text="/start"))
        stop = asyncio.Event()
        s = settings(fake, DATABASE_URL=f"sqlite:///{tmp_path / 'poll.db'}")
        task = asyncio.create_task(poll(s, stop))
        (reply,) = await fake.wait_for(1, method="sendMessage", timeout=10)
        stop.set()
        await asyncio.wait_for(task, 10)
        methods = [c.method for c in fake.calls]
        assert methods.index("deleteWebhook") < methods.index("getUpdates")
        assert reply.params["text"] == "Оберіть мову."


def test_webhook_secret_setting() -> None:
    with pytest.raises(SettingsError, match="TELEGRAM_WEBHOOK_SECRET"):
        Settings.from_env({"TELEGRAM_WEBHOOK_SECRET": "no spaces allowed"})
    a = Settings.from_env({"SECRET_KEY": "one"}).telegram_secret()
    assert a == Settings.from_env({"SECRET_KEY": "one"}).telegram_secret()
    assert a != Settings.from_env({"SECRET_KEY": "two"}).telegram_secret()
