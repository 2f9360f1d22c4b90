"""Drawing a rendered reply the Telegram way: HTML text in chunks, inline and reply keyboards.

https://core.telegram.org/bots/api#sendmessage (text 1-4096 characters after entity parsing,
counted here in UTF-16 units to be safe), #inlinekeyboardmarkup, #replykeyboardmarkup.
"""

from __future__ import annotations

import html

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup

from bot.i18n import Rendered
from flows.replies import ButtonKind

TEXT_LIMIT = 4096


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def split_text(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Chunks under ``limit`` UTF-16 units, cut at blank lines, then lines, then anywhere."""
    if utf16_len(text) <= limit:
        return [text]
    for sep in ("\n\n", "\n", " "):
        head, _, _ = text.partition(sep)
        pieces = text.split(sep)
        if len(pieces) > 1 and utf16_len(head) <= limit:
            chunks: list[str] = []
            for piece in pieces:
                joined = f"{chunks[-1]}{sep}{piece}" if chunks else piece
                if chunks and utf16_len(joined) <= limit:
                    chunks[-1] = joined
                else:
                    chunks.extend(split_text(piece, limit))
            return chunks
    cut = limit
    while utf16_len(text[:cut]) > limit:
        cut -= 1
    return [text[:cut], *split_text(text[cut:], limit)]


def html_chunks(reply: Rendered) -> list[str]:
    """The reply as HTML messages: escaped, the title in bold."""
    chunks = [html.escape(c, quote=False) for c in split_text(reply.text)]
    if reply.title:
        title = html.escape(reply.title, quote=False)
        for i, chunk in enumerate(chunks):
            if title in chunk:
                chunks[i] = chunk.replace(title, f"<b>{title}</b>", 1)
                break
    return chunks


def inline_keyboard(reply: Rendered) -> InlineKeyboardMarkup | None:
    rows = [
        [
            InlineKeyboardButton(b.label, url=b.url)
            if b.kind is ButtonKind.URL
            else InlineKeyboardButton(b.label, callback_data=b.payload)
            for b in row
            if b.kind is not ButtonKind.LOCATION
        ]
        for row in reply.buttons
    ]
    rows = [r for r in rows if r]
    return InlineKeyboardMarkup(rows) if rows else None


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
