"""Drive the real server as Viber would: signed callbacks posted to ``/viber/webhook``; replies
read from the welcome response body and from what the Viber REST stand-in received."""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass, field
from typing import Any

from aiohttp.test_utils import TestClient

from bot.channels.viber import SIGNATURE_HEADER, signature
from bot.standins.viber import FakeViber, callback, sender
from tests.transcript import photo_bytes

GRID = 6


def user_id_for(user: str) -> str:
    return f"vb{zlib.crc32(user.encode()):08x}=="


def rows(keyboard: dict[str, Any] | None) -> list[list[dict[str, Any]]]:
    """Buttons back into rows: a row is full when its columns add up to the 6-column grid."""
    result: list[list[dict[str, Any]]] = []
    width = GRID
    for b in (keyboard or {}).get("Buttons", []):
        if width >= GRID:
            result.append([])
            width = 0
        result[-1].append(b)
        width += int(b.get("Columns", GRID))
    return result


def as_reply(body: dict[str, Any]) -> dict[str, Any]:
    return {
        "text": body["text"],
        "buttons": [[b["Text"] for b in row] for row in rows(body.get("keyboard"))],
    }


@dataclass
class ViberDriver:
    client: TestClient[Any, Any]
    fake: FakeViber
    token: str
    user: str
    lang_hint: str | None
    buttons: dict[str, str] = field(default_factory=dict)  # label -> ActionBody
    channel: str = "viber"

    @property
    def user_id(self) -> str:
        return user_id_for(self.user)

    async def post(self, data: dict[str, Any], sign: bool = True) -> tuple[int, Any]:
        body = json.dumps(data).encode()
        headers = {SIGNATURE_HEADER: signature(body, self.token)} if sign else {}
        response = await self.client.post("/viber/webhook", data=body, headers=headers)
        text = await response.text()
        answer = json.loads(text) if response.content_type == "application/json" else None
        return response.status, answer

    def message(self, **message: Any) -> dict[str, Any]:
        who = sender(self.user_id, language=self.lang_hint or "uk")
        return callback("message", sender=who, message=message)

    def callback_for(self, step: dict[str, Any]) -> dict[str, Any]:
        if "start" in step:
            who = sender(self.user_id, language=self.lang_hint or "uk")
            return callback(
                "conversation_started",
                user=who,
                type="open",
                context=step["start"],
                subscribed=False,
            )
        if "press" in step:
            return self.message(type="text", text=self.buttons[step["press"]])
        if "payload" in step:
            return self.message(type="text", text=step["payload"])
        if "type" in step:
            return self.message(type="text", text=step["type"])
        if "forward" in step:  # Viber has no forward marker for bots: it is text
            return self.message(type="text", text=step["forward"])
        if "location" in step:
            lat, lon = step["location"]
            return self.message(type="location", location={"lat": lat, "lon": lon})
        if "photo" in step:
            caption = step.get("caption", "")
            media = self.fake.add_media(photo_bytes(step["photo"]), step["photo"])
            return self.message(type="picture", media=media, text=caption)
        return self.message(type="sticker", sticker_id=40133)

    async def play(self, step: dict[str, Any]) -> list[dict[str, Any]]:
        before = len(self.fake.calls)
        status, answer = await self.post(self.callback_for(step))
        assert status == 200, status
        bodies = [answer] if answer else []
        bodies += [
            c.body
            for c in self.fake.calls[before:]
            if c.endpoint == "send_message" and (c.result or {}).get("status") == 0
        ]
        replies = [as_reply(b) for b in bodies]
        for b in bodies:
            keyboard = b.get("keyboard")
            if keyboard:
                self.buttons = {
                    x["Text"]: x["ActionBody"]
                    for x in keyboard["Buttons"]
                    if x["ActionType"] == "reply"
                }
        return replies
