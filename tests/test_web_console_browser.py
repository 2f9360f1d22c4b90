"""The web console in a real browser: headless Chromium (Debian's ``chromium`` package, driven by
Playwright with ``executable_path``; ``.ci/run`` installs it) against the real server with its
in-process broadcast worker and the Telegram stand-in.

A coordinator asks the bot for a login code (Volunteer → Web console), opens the link, logs in,
creates a broadcast (phase 2 to uk+ru speakers in Poland and Romania on Telegram), checks the
preview, launches it and watches the page until it says finished, with the counts the stand-in
saw. Screenshots at phone and desktop widths go to ``tmp_path`` (and to ``docs/screenshots/``
when ``MOVESAFE_SCREENSHOTS`` names that folder)."""

from __future__ import annotations

import os
import re
import shutil
import socket
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from PIL import Image

from bot.server import make_app
from bot.settings import Settings
from bot.standins.telegram import FakeTelegram
from flows.content import ContentPack
from flows.replies import Msg
from tests.conftest import fresh_engine
from tests.telegram_driver import TelegramDriver
from tests.test_broadcast_chat import (
    MATCHING,
    PEOPLE,
    TOKEN,
    broadcast_messages,
    label,
    make_volunteer,
    onboard,
    seed,
)

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SECRET = "test-secret_1"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("MOVESAFE_REQUIRE_BROWSER"),
    reason="Debian's chromium is not installed (.ci/run installs it and requires this test)",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def shoot(page: Any, name: str, tmp_path: Path) -> None:
    """A full-page screenshot, checked to be a picture of the width asked for."""
    path = tmp_path / f"{name}.png"
    await page.screenshot(path=str(path), full_page=True)
    with Image.open(path) as image:
        assert image.width == page.viewport_size["width"]
        assert image.height >= page.viewport_size["height"] * 0.5
    keep = os.environ.get("MOVESAFE_SCREENSHOTS")
    if keep:
        copy_to(path, Path(keep))


def copy_to(path: Path, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, folder / path.name)


async def test_a_coordinator_logs_in_with_a_code_from_the_bot_and_launches_a_broadcast(
    tmp_path: Path, renderer: Any, content: ContentPack
) -> None:
    from playwright.async_api import async_playwright

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    engine = await fresh_engine("sqlite", tmp_path)
    await engine.dispose()
    async with FakeTelegram(TOKEN) as fake:
        fake.blocked.add(7004)
        settings = Settings.from_env(
            {
                "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'test.db'}",
                "SECRET_KEY": "k",
                "TELEGRAM_BOT_TOKEN": TOKEN,
                "TELEGRAM_API_URL": fake.url,
                "TELEGRAM_WEBHOOK_SECRET": SECRET,
                "PUBLIC_URL": base,
            }
        )
        server = TestServer(make_app(settings, worker=True), host="127.0.0.1", port=port)
        async with TestClient(server) as client:
            await seed(client)
            bot = TelegramDriver(client, fake, SECRET, "coordinator-olena", "en")
            await onboard(bot, renderer)
            await make_volunteer(client, "coordinator-olena", "coordinator")
            await bot.play({"type": "/menu"})
            await bot.play({"press": label(renderer, "menu-volunteer")})
            answer = await bot.play({"press": label(renderer, "vol-web")})
            text = answer[-1]["text"]
            link = re.search(rf"{re.escape(base)}/console/login\?code=[A-Z0-9-]+", text)
            assert link is not None, text

            async with async_playwright() as pw:
                browser = await pw.chromium.launch(executable_path=CHROMIUM)
                try:
                    await run_console(browser, link.group(0), tmp_path, renderer, content)
                finally:
                    await browser.close()

            # What the stand-in saw: each matching person once, in their language.
            sent = await broadcast_messages(fake)
            assert sorted(c.params["chat_id"] for c in sent) == sorted(MATCHING)
            phase = content.phase("work-safe")
            assert phase is not None
            for call in sent:
                lang = MATCHING[call.params["chat_id"]]
                assert renderer.format(Msg(phase.title), lang) in call.params["text"]
            assert len(PEOPLE) > len(sent)  # the others got nothing


async def run_console(
    browser: Any, link: str, tmp_path: Path, renderer: Any, content: ContentPack
) -> None:
    from playwright.async_api import expect

    context = await browser.new_context(viewport=DESKTOP, locale="en-GB")
    page = await context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    await page.goto(link)
    await expect(page.locator("#code")).to_have_value(re.compile(r"^[A-Z0-9]{4}-"))
    await shoot(page, "console-login-desktop", tmp_path)
    await page.get_by_role("button", name="Log in").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")

    await page.get_by_role("link", name="Broadcasts").first.click()
    await page.get_by_role("link", name="New broadcast").click()
    phase = content.phase("work-safe")
    assert phase is not None
    await page.get_by_label(renderer.format(Msg(phase.title), "en")).check()
    for name in ("Poland", "Romania", "Українська", "Русский"):
        await page.get_by_label(name, exact=True).check()
    await page.get_by_label("Viber", exact=True).uncheck()
    await page.get_by_role("button", name="Preview and count recipients").click()
    await expect(page.locator("#recipients")).to_have_text("4 people will receive it.")
    await shoot(page, "console-preview-desktop", tmp_path)
    await page.locator("#launch").click()

    # The page refreshes itself while the broadcast sends; wait for the end.
    await expect(page.locator("#status")).to_have_text("finished", timeout=60_000)
    await expect(page.locator("#n-sent")).to_have_text("3")
    await expect(page.locator("#n-blocked")).to_have_text("1")
    await expect(page.locator("#n-pending")).to_have_text("0")
    await shoot(page, "console-broadcast-done-desktop", tmp_path)
    detail = page.url

    # The dashboard now has figures, and every chart is a picture the browser could draw.
    await page.get_by_role("link", name="Dashboard").click()
    await page.wait_for_load_state("networkidle")
    drawn = await page.eval_on_selector_all(
        "figure img", "imgs => imgs.map(i => i.complete && i.naturalWidth > 0)"
    )
    assert drawn == [True] * 6
    await expect(page.locator(".figures li").nth(2)).to_contain_text("3")  # delivered
    await shoot(page, "console-dashboard-desktop", tmp_path)

    # The same pages at phone width.
    phone = await browser.new_context(viewport=PHONE, locale="uk-UA", is_mobile=True)
    await phone.add_cookies(await context.cookies())
    small = await phone.new_page()
    for path, name in (("/console/", "dashboard"), (detail, "broadcast-done")):
        await small.goto(path if path.startswith("http") else page.url.split("/console/")[0] + path)
        await small.wait_for_load_state("networkidle")
        width = await small.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{name} scrolls sideways at phone width ({width}px)"
        await shoot(small, f"console-{name}-phone", tmp_path)
    await small.goto(page.url.split("/console/")[0] + "/console/broadcasts/new")
    await shoot(small, "console-new-broadcast-phone", tmp_path)

    # The login link does not work a second time.
    fresh = await browser.new_context(viewport=DESKTOP)
    again = await fresh.new_page()
    await again.goto(link)
    await again.get_by_role("button", name="Log in").click()
    await expect(again.get_by_role("alert")).to_contain_text("does not work")
    assert not errors, errors
