"""The console channel: talk to the bot in a terminal (``movesafe chat``).

Buttons print as ``[1] Label``; type the number, the label or free text. ``/location LAT LON``
shares a location, ``/photo PATH`` sends a picture, end of input (Ctrl-D) quits.
"""

from __future__ import annotations

import asyncio
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from bot.i18n import Rendered, RenderedButton
from bot.reports.errors import PhotoTooLarge
from bot.reports.photos import MAX_BYTES
from bot.runtime import Runtime
from flows.effects import HideChat, SendCard
from flows.events import Button, Event, Location, Photo, Start, Text
from flows.replies import ButtonKind, Msg

CHANNEL = "console"


def draw(reply: Rendered, first: int = 1) -> tuple[str, list[RenderedButton]]:
    """The reply as terminal text, and its buttons in the order they are numbered."""
    lines = [reply.text]
    buttons: list[RenderedButton] = []
    for row in reply.buttons:
        cells = []
        for button in row:
            buttons.append(button)
            cell = f"[{first + len(buttons) - 1}] {button.label}"
            if button.kind is ButtonKind.URL:
                cell += f" → {button.url}"
            elif button.kind is ButtonKind.LOCATION:
                cell += " (/location LAT LON)"
            cells.append(cell)
        lines.append("   ".join(cells))
    return "\n".join(lines), buttons


def _plain(label: str) -> str:
    """A label without its leading emoji or arrows, for matching typed text."""
    return re.sub(r"^\W+|\W+$", "", label).casefold()


def parse(line: str, buttons: Sequence[RenderedButton], lang_hint: str | None) -> Event | str:
    """What the person typed, as an event; or a string to print back (a hint, no event)."""
    text = line.strip()
    if text.isdigit() and 1 <= int(text) <= len(buttons):
        return press(buttons[int(text) - 1], lang_hint)
    for button in buttons:
        if text.casefold() in (button.label.casefold(), _plain(button.label)) and text:
            return press(button, lang_hint)
    if text.startswith("/location"):
        try:
            lat, lon = (float(x) for x in text.split()[1:3])
        except ValueError:
            return "Type /location LAT LON, for example /location 50.06 19.94"
        return Location(lat=lat, lon=lon, lang_hint=lang_hint)
    if text.startswith("/photo "):
        return Photo(ref=text.split(maxsplit=1)[1], lang_hint=lang_hint)
    return Text(text=text, lang_hint=lang_hint)


def press(button: RenderedButton, lang_hint: str | None) -> Event | str:
    if button.kind is ButtonKind.URL:
        return f"Open {button.url} in your browser."
    if button.kind is ButtonKind.LOCATION:
        return "Type /location LAT LON, for example /location 50.06 19.94"
    return Button(payload=button.payload, lang_hint=lang_hint)


async def read_photo(path: str) -> bytes:
    """``/photo PATH``: the picture is a local file (at most ``MAX_BYTES`` are read)."""

    def read() -> bytes:
        with Path(path).expanduser().open("rb") as f:
            return f.read(MAX_BYTES + 1)

    data = await asyncio.to_thread(read)
    if len(data) > MAX_BYTES:
        raise PhotoTooLarge("over the photo size limit")
    return data


class ConsoleChat:
    def __init__(
        self,
        runtime: Runtime,
        user: str,
        lang_hint: str | None = None,
        out: TextIO = sys.stdout,
        echo: bool = False,
        folder: Path | None = None,
    ) -> None:
        self.folder = folder  # where pictures the bot sends are saved (default: current folder)
        self.runtime = runtime
        self.user = user
        self.lang_hint = lang_hint
        self.out = out
        self.echo = echo  # print what was typed (useful when input is piped)
        self.buttons: list[RenderedButton] = []

    async def exchange(self, event: Event) -> list[Rendered]:
        """Handle one event; the replies to show, including the channel's own (hide)."""
        handled = await self.runtime.handle(CHANNEL, self.user, event, fetch=read_photo)
        replies = list(handled.replies)
        if any(isinstance(e, HideChat) for e in handled.effects):
            if self.out.isatty():
                print("\033[2J\033[3J\033[H", end="", file=self.out)  # clear screen and scrollback
            replies.append(Rendered(self.runtime.renderer.format(Msg("hide-done"), handled.lang)))
        for card in (e for e in handled.effects if isinstance(e, SendCard)):
            name = f"safety-card-{card.country}-{card.lang}.png"
            data = await self.runtime.card(card.country, card.lang)
            await asyncio.to_thread((self.folder or Path.cwd()).joinpath(name).write_bytes, data)
            replies.append(Rendered(f"🖼 {name}"))
        return replies

    async def send(self, event: Event) -> None:
        for reply in await self.exchange(event):
            text, buttons = draw(reply)
            self.buttons = buttons or self.buttons
            print(f"\n{text}", file=self.out, flush=True)

    async def run(self, stdin: TextIO = sys.stdin) -> None:
        await self.send(Start(lang_hint=self.lang_hint))
        while True:
            line = await asyncio.to_thread(stdin.readline)
            if not line:
                return
            if not line.strip():
                continue
            if self.echo:
                print(f"\n> {line.strip()}", file=self.out, flush=True)
            event = parse(line, self.buttons, self.lang_hint)
            if isinstance(event, str):
                print(event, file=self.out, flush=True)
            else:
                await self.send(event)
