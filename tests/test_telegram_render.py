"""Drawing replies the Telegram way: limits counted in UTF-16 units, HTML escaped, keyboards."""

from __future__ import annotations

from bot.channels.telegram_keyboard import (
    html_chunks,
    inline_keyboard,
    location_keyboard,
    split_text,
    utf16_len,
)
from bot.i18n import Rendered, RenderedButton
from flows.replies import ButtonKind


def test_short_text_is_one_chunk() -> None:
    assert split_text("hello\n\nworld") == ["hello\n\nworld"]


def test_emoji_count_twice_and_nothing_is_lost() -> None:
    assert split_text("🆘" * 2048) == ["🆘" * 2048]  # 4096 units exactly
    chunks = split_text("🆘" * 3000)
    assert len(chunks) == 2
    assert all(utf16_len(c) <= 4096 for c in chunks)
    assert "".join(chunks) == "🆘" * 3000


def test_cuts_at_blank_lines_then_lines_then_spaces() -> None:
    paragraphs = ["word " * 300] * 6  # ~1500 units each
    chunks = split_text("\n\n".join(p.strip() for p in paragraphs))
    assert all(utf16_len(c) <= 4096 for c in chunks)
    assert all(not c.startswith("\n") for c in chunks)
    assert sum(c.count("word") for c in chunks) == 1800
    long_word = "x" * 5000
    assert [len(c) for c in split_text(long_word)] == [4096, 904]


def test_html_is_escaped_and_the_title_is_bold_once() -> None:
    reply = Rendered(body="Pay <b>1000€</b> & go", title="A & B", notice="Saved")
    (chunk,) = html_chunks(reply)
    assert chunk == "Saved\n\n<b>A &amp; B</b>\n\nPay &lt;b&gt;1000€&lt;/b&gt; &amp; go"


def test_long_reply_gives_several_chunks() -> None:
    reply = Rendered(body="\n\n".join(["Ї" * 3000] * 3))
    assert len(html_chunks(reply)) == 3


def test_keyboards() -> None:
    reply = Rendered(
        body="b",
        buttons=(
            (
                RenderedButton("Poland", "cty:PL"),
                RenderedButton("Site", "", ButtonKind.URL, "https://example.org"),
            ),
            (RenderedButton("📍 Share", "", ButtonKind.LOCATION),),
            (RenderedButton("Back", "back"),),
        ),
    )
    markup = inline_keyboard(reply)
    assert markup is not None
    rows = markup.to_dict()["inline_keyboard"]
    assert rows == [
        [
            {"text": "Poland", "callback_data": "cty:PL"},
            {"text": "Site", "url": "https://example.org"},
        ],
        [{"text": "Back", "callback_data": "back"}],
    ]
    location = location_keyboard(reply)
    assert location is not None
    drawn = location.to_dict()
    assert drawn["keyboard"] == [[{"text": "📍 Share", "request_location": True}]]
    assert drawn["one_time_keyboard"] and drawn["resize_keyboard"]
    assert location_keyboard(Rendered(body="x")) is None
