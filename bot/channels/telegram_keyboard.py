"""Drawing a rendered reply the Telegram way: HTML text in chunks, inline and reply keyboards.

https://core.telegram.org/bots/api#sendmessage (text 1-4096 characters after entity parsing,
counted here in UTF-16 units to be safe), #inlinekeyboardmarkup, #replykeyboardmarkup.
"""

from __future__ import annotations

import html

from telegram import KeyboardButton, ReplyKeyboardMarkup

from bot.i18n import Rendered
from flows.replies import ButtonKind

TEXT_LIMIT = 4096


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def split_text(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Chunks under ``limit`` UTF-16 units, cut at blank lines, then lines, then spaces, then
    anywhere; no chunk is blank (Telegram refuses an empty text)."""
    if utf16_len(text) <= limit:
        return [text]
    return [c for c in _split(text, limit) if c.strip()]


def _split(text: str, limit: int) -> list[str]:
    if utf16_len(text) <= limit:
        return [text]
    for sep in ("\n\n", "\n", " "):
        pieces = [p for p in text.split(sep) if p]
        if len(pieces) > 1:
            chunks: list[str] = []
            for piece in pieces:
                joined = f"{chunks[-1]}{sep}{piece}" if chunks else piece
                if chunks and utf16_len(joined) <= limit:
                    chunks[-1] = joined
                else:
                    chunks.extend(_split(piece, limit))
            return chunks
    cut = limit
    while utf16_len(text[:cut]) > limit:
        cut -= 1
    return [text[:cut], *_split(text[cut:], limit)]


def html_chunks(reply: Rendered) -> list[str]:
    """The reply as HTML messages: escaped, the title in bold (it follows the notice, if any)."""
    chunks = [html.escape(c, quote=False) for c in split_text(reply.text)]
    if reply.title:
        title = html.escape(reply.title, quote=False)
        after = len(html.escape(reply.notice, quote=False)) + 2 if reply.notice else 0
        for i, chunk in enumerate(chunks):
            at = chunk.find(title, after if i == 0 else 0)
            if at >= 0:
                chunks[i] = f"{chunk[:at]}<b>{title}</b>{chunk[at + len(title) :]}"
                break
    return chunks


InlineButton = dict[str, str | None]
Markup = dict[str, list[list[InlineButton]]]


def inline_keyboard(reply: Rendered) -> Markup | None:
    """The reply's buttons as an InlineKeyboardMarkup, built as the plain JSON object: PTB's
    ``InlineKeyboardMarkup`` is turned back into this with ``to_dict`` on every send, which cost
    a third of sending a reply (``movesafe bench inbound`` profile)."""
    rows: list[list[InlineButton]] = [
        [
            {"text": b.label, "url": b.url}
            if b.kind is ButtonKind.URL
            else {"text": b.label, "callback_data": b.payload}
            for b in row
            if b.kind is not ButtonKind.LOCATION
        ]
        for row in reply.buttons
    ]
    rows = [r for r in rows if r]
    return {"inline_keyboard": rows} if rows else None


def location_keyboard(reply: Rendered) -> ReplyKeyboardMarkup | None:
    for row in reply.buttons:
        for b in row:
            if b.kind is ButtonKind.LOCATION:
                return ReplyKeyboardMarkup(
                    [[KeyboardButton(b.label, request_location=True)]],
                    resize_keyboard=True,
                    one_time_keyboard=True,
                )
    return None
