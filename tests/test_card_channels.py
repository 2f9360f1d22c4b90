"""The offline safety card reaches people on every channel (issue 7): a photo upload on
Telegram, a picture message by URL on Viber (served at ``PUBLIC_URL/card/<CC>-<lang>.png``),
a file in the console."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from PIL import Image

from bot.channels.console import ConsoleChat
from bot.runtime import Runtime
from bot.standins.telegram import FakeTelegram
from bot.standins.viber import FakeViber
from flows import Button
from tests.conftest import served
from tests.telegram_driver import TelegramDriver, callback_update
from tests.viber_driver import ViberDriver

TG_TOKEN, TG_SECRET, VB_TOKEN = "123456:TEST-TOKEN", "test-secret_1", "viber-test-token"


def is_card(data: bytes) -> bool:
    with Image.open(io.BytesIO(data)) as image:
        return image.format == "PNG" and image.size == (1080, 1920)


async def onboard(driver: Any, steps: list[str]) -> None:
    await driver.play({"start": ""})
    for label in steps:
        await driver.play({"press": label})


async def test_telegram_uploads_the_card_as_a_photo(tmp_path: Path) -> None:
    async with FakeTelegram(TG_TOKEN) as fake:
        env = {"TELEGRAM_BOT_TOKEN": TG_TOKEN, "TELEGRAM_API_URL": fake.url,
               "TELEGRAM_WEBHOOK_SECRET": TG_SECRET}  # fmt: skip
        async with served("sqlite", tmp_path, env) as client:
            tg = TelegramDriver(client, fake, TG_SECRET, "card", "uk")
            await onboard(tg, ["Українська", "Гаразд, далі", "Польща", "Ні, дякую"])
            press = callback_update(tg.chat_id, "uk", "fh:card", tg.last_message_id)
            assert await tg.post(press) == 200
    [photo] = [c for c in fake.calls if c.method == "sendPhoto"]
    assert photo.params["chat_id"] == tg.chat_id
    assert photo.params["photo"]["filename"] == "safety-card-PL-uk.png"


async def test_viber_sends_the_card_by_its_public_address(tmp_path: Path) -> None:
    async with FakeViber(VB_TOKEN) as fake:
        env = {"VIBER_AUTH_TOKEN": VB_TOKEN, "VIBER_API_URL": fake.url,
               "PUBLIC_URL": "https://bot.example.org/"}  # fmt: skip
        async with served("sqlite", tmp_path, env) as client:
            vb = ViberDriver(client, fake, VB_TOKEN, "card", "ru")
            await onboard(vb, ["Русский", "Хорошо, дальше", "Германия", "Нет, спасибо"])
            await vb.post(vb.message(type="text", text="fh:card"))
            pictures = [c.body for c in fake.calls if c.body.get("type") == "picture"]
            assert [p["media"] for p in pictures] == ["https://bot.example.org/card/DE-ru.png"]
            assert len(pictures[0]["text"]) <= 120
            served_card = await client.get("/card/DE-ru.png")
            assert served_card.status == 200
            assert served_card.headers["Content-Type"] == "image/png"
            assert is_card(await served_card.read())
            assert (await client.get("/card/XX-ru.png")).status == 404
            assert (await client.get("/card/DE-de.png")).status == 404


async def test_without_a_public_address_viber_gets_a_kind_text(tmp_path: Path) -> None:
    async with FakeViber(VB_TOKEN) as fake:
        env = {"VIBER_AUTH_TOKEN": VB_TOKEN, "VIBER_API_URL": fake.url}
        async with served("sqlite", tmp_path, env) as client:
            vb = ViberDriver(client, fake, VB_TOKEN, "card", "en")
            await onboard(vb, ["English", "OK, continue", "Poland", "No, thanks"])
            await vb.post(vb.message(type="text", text="fh:card"))
    texts = [c.body.get("text", "") for c in fake.calls if c.endpoint == "send_message"]
    assert not any(c.body.get("type") == "picture" for c in fake.calls)
    assert texts[-1].startswith("The safety card cannot be sent here right now")


async def test_the_console_saves_the_card_as_a_file(runtime: Runtime, tmp_path: Path) -> None:
    chat = ConsoleChat(runtime, "card", "en", out=io.StringIO(), folder=tmp_path)
    for payload in ("lang:en", "ok", "cty:PL", "upd:off", "fh", "fh:card"):
        replies = await chat.exchange(Button(payload=payload))
    assert replies[-1].text == "🖼 safety-card-PL-en.png"
    assert is_card((tmp_path / "safety-card-PL-en.png").read_bytes())
