"""Drawing a rendered reply the Viber way: text under 7000 characters, keyboards on the
6-column grid. https://developers.viber.com/docs/tools/keyboards/ and
https://developers.viber.com/docs/api/rest-bot-api/#message-types (platforms.md C3).

Buttons of one row share the six columns; a press sends the button's ``ActionBody`` (our payload)
back as a text message, silently (not shown in the chat). "Share my location" is a
``location-picker`` button, links are ``open-url``.
"""

from __future__ import annotations

from typing import Any

from viberbot.api.messages import TextMessage

from bot.channels.telegram_keyboard import split_text
from bot.i18n import Rendered, RenderedButton
from flows.replies import ButtonKind

TEXT_LIMIT = 7000
GRID = 6
BG = "#FFFFFF"


def button(b: RenderedButton, columns: int) -> dict[str, Any]:
    drawn: dict[str, Any] = {
        "Columns": columns,
        "Rows": 1,
        "Text": b.label[:250],
        "TextSize": "regular",
        "BgColor": BG,
        "Silent": True,
    }
    if b.kind is ButtonKind.URL:
        drawn.update(ActionType="open-url", ActionBody=b.url or "")
    elif b.kind is ButtonKind.LOCATION:
        drawn.update(ActionType="location-picker", ActionBody="location")  # text required
    else:
        drawn.update(ActionType="reply", ActionBody=b.payload)
    return drawn


def keyboard(reply: Rendered) -> dict[str, Any] | None:
    buttons = [
        button(b, GRID // len(row) if GRID % len(row) == 0 else 2)
        for row in reply.buttons
        for b in row
    ]
    if not buttons:
        return None
    return {
        "Type": "keyboard",
        "DefaultHeight": False,
        "InputFieldState": "regular",
        "Buttons": buttons,
    }


def messages(reply: Rendered, tracking: str) -> list[dict[str, Any]]:
    """send_message bodies (without receiver and sender), built with viberbot's message model:
    text chunks, the keyboard on the last. ``tracking_data`` carries the reply's language, which
    Viber echoes back with the person's answer."""
    chunks = split_text(reply.text, TEXT_LIMIT)
    kb = keyboard(reply)
    bodies = []
    for n, chunk in enumerate(chunks, 1):
        last = n == len(chunks)
        message = TextMessage(text=chunk, tracking_data=tracking, keyboard=kb if last else None)
        bodies.append(dict(message.to_dict()))
    return bodies
