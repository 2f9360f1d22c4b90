"""Drive the real server over HTTP as Telegram would, against the Bot API stand-in.

Updates are built like the Bot API's (https://core.telegram.org/bots/api#update) and posted to
``/telegram/webhook``; what the stand-in received (sendMessage / editMessageText …) is read back
as transcript replies (text without HTML, inline button labels).
"""

from __future__ import annotations

import html
import itertools
import json
import re
import zlib
from dataclasses import dataclass, field
from typing import Any

from aiohttp.test_utils import TestClient

from bot.channels.telegram import SECRET_HEADER
from bot.standins.telegram import FakeTelegram
from tests.transcript import photo_bytes

_ids = itertools.count(1)
SENDS = {"sendMessage", "editMessageText"}


def chat_id_for(user: str) -> int:
    return 10_000 + zlib.crc32(user.encode()) % 1_000_000


def person(chat_id: int, lang: str | None) -> dict[str, Any]:
    who: dict[str, Any] = {"id": chat_id, "is_bot": False, "first_name": "Test"}
    if lang:
        who["language_code"] = lang
    return who


def message_update(chat_id: int, lang: str | None, **content: Any) -> dict[str, Any]:
    n = next(_ids)
    return {
        "update_id": 500_000 + n,
        "message": {
            "message_id": n,
            "date": 1_764_331_200,
            "chat": {"id": chat_id, "type": "private", "first_name": "Test"},
            "from": person(chat_id, lang),
            **content,
        },
    }


def callback_update(chat_id: int, lang: str | None, data: str, message_id: int) -> dict[str, Any]:
    n = next(_ids)
    return {
        "update_id": 500_000 + n,
        "callback_query": {
            "id": f"cb{n}",
            "from": person(chat_id, lang),
            "chat_instance": "ci",
            "data": data,
            "message": {
                "message_id": message_id,
                "date": 1_764_331_200,
                "chat": {"id": chat_id, "type": "private", "first_name": "Test"},
                "text": "…",
            },
        },
    }


def plain(text: str) -> str:
    return html.unescape(re.sub(r"</?b>", "", text))


@dataclass
class TelegramDriver:
    client: TestClient[Any, Any]
    fake: FakeTelegram
    secret: str
    user: str
    lang_hint: str | None
    buttons: dict[str, str] = field(default_factory=dict)  # label -> callback_data
    last_message_id: int = 0
    channel: str = "telegram"
    answers: list[Any] = field(default_factory=list)

    @property
    def chat_id(self) -> int:
        return chat_id_for(self.user)

    async def post(self, update: dict[str, Any], secret: str | None = None) -> int:
        headers = {SECRET_HEADER: self.secret if secret is None else secret}
        response = await self.client.post("/telegram/webhook", json=update, headers=headers)
        body = await response.read()
        json_body = response.content_type == "application/json"
        self.answers.append(json.loads(body) if json_body else None)  # a method in the response
        return response.status

    def update_for(self, step: dict[str, Any]) -> dict[str, Any]:
        chat, hint = self.chat_id, self.lang_hint
        if "start" in step:
            text = f"/start {step['start']}".strip()
            return message_update(chat, hint, text=text)
        if "press" in step:
            data = self.buttons[step["press"]]
            return callback_update(chat, hint, data, self.last_message_id)
        if "payload" in step:
            return callback_update(chat, hint, step["payload"], self.last_message_id)
        if "type" in step:
            return message_update(chat, hint, text=step["type"])
        if "forward" in step:  # a message forwarded from a channel or another person
            origin = {"type": "hidden_user", "sender_user_name": "Jobs", "date": 1_764_331_200}
            return message_update(chat, hint, text=step["forward"], forward_origin=origin)
        if "location" in step:
            lat, lon = step["location"]
            return message_update(chat, hint, location={"latitude": lat, "longitude": lon})
        if "photo" in step:
            file_id = self.fake.add_file(photo_bytes(step["photo"]))
            photo = [{"file_id": file_id, "file_unique_id": "u1", "width": 90, "height": 90}]
            caption = {"caption": step["caption"]} if "caption" in step else {}
            return message_update(chat, hint, photo=photo, **caption)
        kind = step["unsupported"]
        content = {
            "sticker": {"sticker": {"file_id": "s", "file_unique_id": "s", "type": "regular",
                                    "width": 512, "height": 512, "is_animated": False,
                                    "is_video": False}},
            "voice": {"voice": {"file_id": "v", "file_unique_id": "v", "duration": 3}},
        }[kind]  # fmt: skip
        return message_update(chat, hint, **content)

    async def play(self, step: dict[str, Any]) -> list[dict[str, Any]]:
        before = len(self.fake.calls)
        status = await self.post(self.update_for(step))
        assert status == 200, status
        replies = []
        for c in self.fake.calls[before:]:
            if c.method not in SENDS or str(c.params.get("text", "")).startswith("⬇️"):
                continue
            markup = c.params.get("reply_markup") or {}
            rows = [[b["text"] for b in row] for row in markup.get("inline_keyboard", [])]
            replies.append({"text": plain(c.params["text"]), "buttons": rows})
            buttons = {
                b["text"]: b["callback_data"]
                for row in markup.get("inline_keyboard", [])
                for b in row
                if "callback_data" in b
            }
            if buttons:  # the message a later press comes from
                self.buttons = buttons
                self.last_message_id = int(c.result["message_id"])
        return replies
