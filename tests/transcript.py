"""Transcripts: whole conversations as YAML (user steps → expected bot replies).

A transcript is channel-neutral: each step is something a person does (``start``, ``press`` a
button by its label, press an old button by its ``payload``, ``type`` text, share a
``location``, send a ``photo`` or an ``unsupported`` thing) and the replies are what they read
(text and button labels). A *driver* plays the steps on one channel; ``pytest
--update-transcripts`` rewrites the expected replies for review as a diff.
"""

from __future__ import annotations

import io
import logging
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import yaml

from bot.channels.console import ConsoleChat, parse
from bot.i18n import Rendered, RenderedButton
from bot.runtime import Runtime
from flows.events import Button, Event, Location, Photo, Start, Unsupported
from tests.test_reports_photos import tagged_jpeg

FOLDER = Path(__file__).parent / "transcripts"
# A receipt code is random: transcripts show it masked, and a step may type '{receipt}' (the
# last one shown). Photos are made here: a ``.txt`` name is not a picture; any other name is a
# phone photo carrying GPS, camera and XMP metadata.
RECEIPT = re.compile(r"\b\d{4} \d{4} \d{4} \d{4}\b")
MASKED = "NNNN NNNN NNNN NNNN"
_PHOTO_DIR = Path(tempfile.mkdtemp(prefix="movesafe-transcript-"))


def photo_bytes(name: str) -> bytes:
    if name.endswith(".txt"):
        return b"Not a picture: bread, milk, train at 7.\n"
    return tagged_jpeg()


def photo_path(name: str) -> str:
    path = _PHOTO_DIR / Path(name).name
    path.write_bytes(photo_bytes(name))
    return str(path)


def as_data(replies: list[Rendered]) -> list[dict[str, Any]]:
    return [
        {"text": r.text, "buttons": [[b.label for b in row] for row in r.buttons]} for r in replies
    ]


class Driver(Protocol):
    channel: str

    async def play(self, step: dict[str, Any]) -> list[dict[str, Any]]: ...


@dataclass
class ConsoleDriver:
    """Plays steps through the console channel's input parsing and the runtime."""

    runtime: Runtime
    user: str
    lang_hint: str | None
    buttons: tuple[RenderedButton, ...] = ()
    channel: str = "console"

    def event(self, step: dict[str, Any]) -> Event:
        hint = self.lang_hint
        if "start" in step:
            return Start(payload=step["start"] or None, lang_hint=hint)
        if "press" in step:
            labels = [b.label for b in self.buttons]
            assert step["press"] in labels, f"no button {step['press']!r} in {labels}"
        if "location" in step:
            lat, lon = step["location"]
            return Location(lat=lat, lon=lon, lang_hint=hint)
        if "photo" in step:
            ref = photo_path(step["photo"])
            return Photo(ref=ref, caption=step.get("caption"), lang_hint=hint)
        if "payload" in step:  # an old button from further up the chat
            return Button(payload=step["payload"], lang_hint=hint)
        if "unsupported" in step:
            return Unsupported(kind=step["unsupported"], lang_hint=hint)
        event = parse(step.get("press") or step.get("forward") or step["type"], self.buttons, hint)
        assert not isinstance(event, str), event
        return event

    async def play(self, step: dict[str, Any]) -> list[dict[str, Any]]:
        chat = ConsoleChat(
            self.runtime, self.user, self.lang_hint, out=io.StringIO(), folder=_PHOTO_DIR
        )
        replies = await chat.exchange(self.event(step))
        if replies and replies[-1].buttons:
            self.buttons = tuple(b for row in replies[-1].buttons for b in row)
        return as_data(replies)


def without_rows(replies: list[dict[str, Any]], labels: set[str]) -> list[dict[str, Any]]:
    """The replies without button rows made only of ``labels`` (buttons a channel draws apart,
    like Telegram's "share my location" reply keyboard)."""
    return [
        {**r, "buttons": [row for row in r["buttons"] if not set(row) <= labels]} for r in replies
    ]


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def save(path: Path, data: dict[str, Any]) -> None:
    class Dumper(yaml.SafeDumper):
        pass

    def text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    path.write_text(
        yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=100),
        encoding="utf-8",
    )


def plays_on(step: dict[str, Any], channel: str) -> bool:
    """A step may name the channels it exists on (Viber has no voice messages, for one)."""
    return channel in step.get("channels", [channel])


async def play(driver: Driver, step: dict[str, Any], seen: dict[str, str]) -> list[dict[str, Any]]:
    """Play one step: '{receipt}' typed is the last receipt code shown; codes come back masked."""
    if "type" in step and "receipt" in seen:
        step = {**step, "type": step["type"].replace("{receipt}", seen["receipt"])}
    actual = await driver.play(step)
    for reply in actual:
        found = RECEIPT.search(reply["text"])
        if found:
            seen["receipt"] = found.group()
            reply["text"] = RECEIPT.sub(MASKED, reply["text"])
    return actual


async def run(path: Path, driver: Driver, update: bool) -> dict[str, str]:
    """Play a transcript; returns what it saw (the receipt code, if one was shown)."""
    data = load(path)
    seen: dict[str, str] = {}
    for i, step in enumerate(data["steps"], 1):
        if not plays_on(step, driver.channel):
            continue
        actual = await play(driver, step, seen)
        if update:
            step["replies"] = actual
            continue
        action = {k: v for k, v in step.items() if k not in ("replies", "channels")}
        assert actual == step.get("replies"), f"{path.name} step {i} {action}"
    if update:
        save(path, data)
    return seen


# -- privacy regression -------------------------------------------------------------------------

PRIVATE_MIN = 12  # shorter pieces of text could be in a log line by chance ("menu", "Poland")


def written(data: dict[str, Any]) -> list[str]:
    """What the person wrote in a transcript: each line of free text (not commands, not a
    receipt placeholder) long enough to be recognised."""
    pieces = []
    for step in data["steps"]:
        for key in ("type", "forward", "caption"):
            value = step.get(key)
            if not isinstance(value, str) or value.startswith("/") or "{receipt}" in value:
                continue
            pieces += [line.strip() for line in value.splitlines() if len(line) >= PRIVATE_MIN]
    return pieces


def log_levels() -> None:
    """The logging a deployment would run at its most talkative: INFO for everything, DEBUG
    for our own code (libraries' DEBUG echoes API parameters by design; never in production)."""
    logging.getLogger().setLevel(logging.INFO)
    for name in ("bot", "flows"):
        logging.getLogger(name).setLevel(logging.DEBUG)


def assert_private(log_text: str, data: dict[str, Any], ids: list[str], seen: dict[str, str]):
    """Nothing the person wrote, none of their ids and no receipt code is in the logs."""
    leaked = [piece for piece in written(data) if piece in log_text]
    assert not leaked, f"message text in the logs: {leaked[:3]}"
    for person in ids:
        assert person not in log_text, "a user id is in the logs"
    if "receipt" in seen:
        assert seen["receipt"] not in log_text, "a receipt code is in the logs"
