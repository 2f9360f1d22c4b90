"""``movesafe webhooks set`` and ``movesafe poll`` end to end: the real python-telegram-bot client
(and once the real command in a child process) against the Bot API stand-in on 127.0.0.1.
https://core.telegram.org/bots/api#setwebhook, #setmycommands, #getupdates
"""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.errors import SettingsError
from bot.settings import Settings
from bot.standins.telegram import Call, FakeTelegram
from bot.webhooks import poll, set_telegram
from tests.telegram_driver import callback_update, message_update

TOKEN = "123456:TEST-TOKEN"
PUBLIC = "https://bot.example.org"
COMMANDS = [
    "start",
    "menu",
    "sos",
    "report",
    "followup",
    "help",
    "language",
    "stop",
    "forget",
    "hide",
]
SECRET_RULE = r"[A-Za-z0-9_-]{1,256}"  # setWebhook secret_token (Bot API)
SOS_WORDS = {"uk": "Допомога", "ru": "Помощь", "en": "Help now"}


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram(TOKEN) as fake:
        yield fake


def env_for(fake: FakeTelegram, **extra: str) -> dict[str, str]:
    return {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": fake.url, "SECRET_KEY": "k", **extra}


def settings_for(fake: FakeTelegram, **extra: str) -> Settings:
    return Settings.from_env(env_for(fake, **extra))


def calls(fake: FakeTelegram, method: str) -> list[Call]:
    return [c for c in fake.calls if c.method == method]


def methods(fake: FakeTelegram) -> list[str]:
    return [c.method for c in fake.calls]


async def run_cli(
    tmp_path: Path, env: dict[str, str], *args: str
) -> subprocess.CompletedProcess[str]:
    """``python -m bot …`` in a child process; the thread keeps this loop serving the stand-in.

    The working folder is empty, so no developer ``.env`` or ``.movesafe/`` is read or written."""
    return await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "bot", *args],
        env={"PATH": "", **env},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


# -- webhooks set -----------------------------------------------------------------------------


def assert_registered(fake: FakeTelegram, settings: Settings) -> None:
    """One webhook at PUBLIC_URL with the derived secret; command menus in every language."""
    (hook,) = calls(fake, "setWebhook")
    assert hook.params["url"] == f"{PUBLIC}/telegram/webhook"
    assert hook.params["secret_token"] == settings.telegram_secret()
    assert re.fullmatch(SECRET_RULE, hook.params["secret_token"])
    assert {"message", "callback_query", "my_chat_member"} <= set(hook.params["allowed_updates"])
    menus = {c.params.get("language_code"): c.params for c in calls(fake, "setMyCommands")}
    assert len(calls(fake, "setMyCommands")) == 4  # one call each: no language set twice
    assert set(menus) == {"uk", "ru", "en", None}
    for params in menus.values():
        assert "scope" not in params  # the default scope: every private chat
        assert [c["command"] for c in params["commands"]] == COMMANDS
        assert all(1 <= len(c["description"]) <= 256 for c in params["commands"])
    for lang, word in SOS_WORDS.items():
        sos = next(c for c in menus[lang]["commands"] if c["command"] == "sos")
        assert word in sos["description"]
    assert menus[None]["commands"] == menus["uk"]["commands"]  # the first language is default


async def test_webhooks_set_registers_the_webhook_and_command_menus(fake: FakeTelegram) -> None:
    settings = settings_for(fake, PUBLIC_URL=PUBLIC)
    done = await set_telegram(settings)
    assert_registered(fake, settings)
    assert f"telegram webhook: {PUBLIC}/telegram/webhook" in done


async def test_the_cli_command_registers_the_same(fake: FakeTelegram, tmp_path: Path) -> None:
    env = env_for(fake, PUBLIC_URL=PUBLIC)
    done = await run_cli(tmp_path, env, "webhooks", "set")
    assert done.returncode == 0, done.stderr
    assert f"telegram webhook: {PUBLIC}/telegram/webhook" in done.stdout
    assert_registered(fake, Settings.from_env(env))


async def test_a_trailing_slash_in_public_url_is_not_doubled(fake: FakeTelegram) -> None:
    await set_telegram(settings_for(fake, PUBLIC_URL=f"{PUBLIC}/"))
    (hook,) = calls(fake, "setWebhook")
    assert hook.params["url"] == f"{PUBLIC}/telegram/webhook"


async def test_an_explicit_webhook_secret_is_sent_as_is(fake: FakeTelegram) -> None:
    await set_telegram(settings_for(fake, PUBLIC_URL=PUBLIC, TELEGRAM_WEBHOOK_SECRET="my_Secret-1"))
    (hook,) = calls(fake, "setWebhook")
    assert hook.params["secret_token"] == "my_Secret-1"


BAD_PUBLIC_URLS = [{}, {"PUBLIC_URL": "http://bot.example.org"}, {"PUBLIC_URL": "bot.example.org"}]
BAD_IDS = ["missing", "http", "no-scheme"]


@pytest.mark.parametrize("public", BAD_PUBLIC_URLS, ids=BAD_IDS)
async def test_webhooks_set_needs_an_https_public_url(
    fake: FakeTelegram, public: dict[str, str]
) -> None:
    with pytest.raises(SettingsError, match="PUBLIC_URL"):
        await set_telegram(settings_for(fake, **public))
    assert fake.calls == []  # nothing registered half-way


@pytest.mark.parametrize("public", BAD_PUBLIC_URLS[:2], ids=BAD_IDS[:2])
async def test_the_cli_command_exits_non_zero_naming_public_url(
    fake: FakeTelegram, tmp_path: Path, public: dict[str, str]
) -> None:
    done = await run_cli(tmp_path, env_for(fake, **public), "webhooks", "set")
    assert done.returncode != 0
    assert "PUBLIC_URL" in done.stderr
    assert "Traceback" not in done.stderr  # a message, not a crash
    assert fake.calls == []


# -- poll -------------------------------------------------------------------------------------


def poll_settings(fake: FakeTelegram, tmp_path: Path) -> Settings:
    return settings_for(fake, DATABASE_URL=f"sqlite:///{tmp_path / 'poll.db'}")


async def stop_polling(task: asyncio.Task[None], stop: asyncio.Event) -> None:
    stop.set()
    await asyncio.wait_for(
        task, 30
    )  # the stand-in's long poll is capped at 1 s; start-up is slow under load


async def test_poll_answers_start_with_the_language_choice(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    update = message_update(4242, "uk", text="/start")
    fake.push_update(update)
    stop = asyncio.Event()
    task = asyncio.create_task(poll(poll_settings(fake, tmp_path), stop))
    (reply,) = await fake.wait_for(1, method="sendMessage")
    await stop_polling(task, stop)
    seen = methods(fake)
    assert seen.index("deleteWebhook") < seen.index("getUpdates")
    assert reply.params["chat_id"] == 4242
    assert reply.params["text"] == "Оберіть мову."
    first_row = reply.params["reply_markup"]["inline_keyboard"][0]
    assert [b["callback_data"] for b in first_row] == ["lang:uk", "lang:ru", "lang:en"]


async def test_poll_confirms_updates_and_a_restart_does_not_answer_twice(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    first, second = (message_update(4646, "en", text=t) for t in ("/start", "hello"))
    fake.push_update(first)
    settings = poll_settings(fake, tmp_path)
    stop = asyncio.Event()
    task = asyncio.create_task(poll(settings, stop))
    await fake.wait_for(1, method="sendMessage")
    fake.push_update(second)
    await fake.wait_for(2, method="sendMessage")
    await stop_polling(task, stop)
    # Each getUpdates after a batch confirms it (offset = last update_id + 1) …
    offsets = [c.params.get("offset") for c in calls(fake, "getUpdates")]
    assert first["update_id"] + 1 in offsets
    # … and what was not confirmed before the stop comes again: it must not be answered again.
    again = asyncio.Event()
    task = asyncio.create_task(poll(settings, again))
    await fake.wait_for(len(offsets) + 2, method="getUpdates")
    await stop_polling(task, again)
    redelivered = calls(fake, "getUpdates")[len(offsets)].result
    assert [u["update_id"] for u in redelivered] == [second["update_id"]]
    assert len(calls(fake, "sendMessage")) == 2


async def test_poll_works_after_a_webhook_was_set(fake: FakeTelegram, tmp_path: Path) -> None:
    # While a webhook is set, getUpdates answers 409: poll must remove it first.
    await set_telegram(settings_for(fake, PUBLIC_URL=PUBLIC))
    fake.push_update(message_update(4343, "en", text="/start"))
    stop = asyncio.Event()
    task = asyncio.create_task(poll(poll_settings(fake, tmp_path), stop))
    (reply,) = await fake.wait_for(1, method="sendMessage")
    await stop_polling(task, stop)
    assert reply.params["chat_id"] == 4343  # the stand-in answers 409 while a webhook is set


async def test_poll_returns_promptly_when_stopped_with_nothing_to_do(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    stop = asyncio.Event()
    task = asyncio.create_task(poll(poll_settings(fake, tmp_path), stop))
    await fake.wait_for(1, method="getUpdates")
    await stop_polling(task, stop)
    assert calls(fake, "sendMessage") == []


async def test_poll_needs_a_token(tmp_path: Path) -> None:
    settings = Settings.from_env({"SECRET_KEY": "k", "DATABASE_URL": f"sqlite:///{tmp_path}/p.db"})
    with pytest.raises(SettingsError, match="TELEGRAM_BOT_TOKEN"):
        await poll(settings, asyncio.Event())


async def test_poll_answers_button_presses(fake: FakeTelegram, tmp_path: Path) -> None:
    fake.push_update(message_update(4444, "en", text="/start"))
    stop = asyncio.Event()
    task = asyncio.create_task(poll(poll_settings(fake, tmp_path), stop))
    try:
        (choice,) = await fake.wait_for(1, method="sendMessage")
        press = callback_update(4444, "en", "lang:en", choice.result["message_id"])
        fake.push_update(press)
        await fake.wait_for(1, method="editMessageText")  # the press was handled …
        await asyncio.sleep(0.2)
    finally:
        await stop_polling(task, stop)
    answers = calls(fake, "answerCallbackQuery")  # … and should have been answered
    assert [a.params["callback_query_id"] for a in answers] == [press["callback_query"]["id"]]


async def test_poll_survives_a_bad_gateway_from_get_updates(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    fake.fail_next("getUpdates", 502, "Bad Gateway")
    fake.push_update(message_update(4545, "en", text="/start"))
    stop = asyncio.Event()
    task = asyncio.create_task(poll(poll_settings(fake, tmp_path), stop))
    reply = asyncio.create_task(fake.wait_for(1, method="sendMessage"))
    await asyncio.wait({task, reply}, return_when=asyncio.FIRST_COMPLETED)
    stop.set()
    await asyncio.wait_for(asyncio.gather(task, reply, return_exceptions=True), 6)
    assert not task.exception(), repr(task.exception())
    assert calls(fake, "sendMessage")


# -- settings ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "secret",
    ["has space", "semi;colon", "slash/", "plus+", "ї", "x" * 257],
    ids=["space", "semicolon", "slash", "plus", "non-ascii", "too-long"],
)
def test_a_webhook_secret_outside_the_bot_api_rule_names_the_variable(secret: str) -> None:
    with pytest.raises(SettingsError, match="TELEGRAM_WEBHOOK_SECRET"):
        Settings.from_env({"TELEGRAM_WEBHOOK_SECRET": secret, "SECRET_KEY": "k"})


@pytest.mark.parametrize("secret", ["a", "A-z_09", "x" * 256])
def test_a_webhook_secret_inside_the_rule_is_used_as_is(secret: str) -> None:
    settings = Settings.from_env({"TELEGRAM_WEBHOOK_SECRET": secret, "SECRET_KEY": "k"})
    assert settings.telegram_secret() == secret


def test_without_a_webhook_secret_one_is_derived_from_secret_key() -> None:
    one = Settings.from_env({"SECRET_KEY": "one"}).telegram_secret()
    assert re.fullmatch(SECRET_RULE, one)
    assert "one" not in one  # derived, not the key itself
    assert one == Settings.from_env({"SECRET_KEY": "one"}).telegram_secret()  # stable
    assert (
        one
        == Settings.from_env({"SECRET_KEY": "one", "TELEGRAM_WEBHOOK_SECRET": ""}).telegram_secret()
    )
    assert one != Settings.from_env({"SECRET_KEY": "two"}).telegram_secret()
