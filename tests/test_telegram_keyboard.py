"""Drawing a reply the Telegram way, as pure functions: text cut under 4096 UTF-16 units (the
safe reading of the Bot API limit, platforms.md §A3), HTML escaped with the title in bold, action
and URL buttons inline, "share my location" as a one-time reply keyboard.
https://core.telegram.org/bots/api#sendmessage, #inlinekeyboardmarkup, #replykeyboardmarkup
"""

from __future__ import annotations

import html
import random
import re

import pytest
from telegram import ReplyKeyboardMarkup

from bot.channels.telegram_keyboard import (
    TEXT_LIMIT,
    html_chunks,
    inline_keyboard,
    location_keyboard,
    split_text,
    utf16_len,
)
from bot.i18n import Rendered, RenderedButton
from flows.replies import ButtonKind

SOS = "🆘"  # outside the BMP: one code point, two UTF-16 units


def parsed(chunk: str) -> str:
    """What Telegram counts: the message text after HTML parsing (tags gone, entities read)."""
    return html.unescape(re.sub(r"</?b>", "", chunk))


def line(words: int, word: str = "word") -> str:
    return " ".join([word] * words)


# -- split_text -------------------------------------------------------------------------------


def test_utf16_len_counts_emoji_twice() -> None:
    assert utf16_len("abc") == 3
    assert utf16_len("Їжак") == 4  # Cyrillic is in the BMP: one unit a letter
    assert utf16_len(SOS) == 2
    assert utf16_len("") == 0


@pytest.mark.parametrize(
    "text",
    ["", "hello\n\nworld", "x" * TEXT_LIMIT, SOS * 2048, "Ї" * TEXT_LIMIT],
    ids=["empty", "short", "ascii-at-limit", "emoji-at-limit", "cyrillic-at-limit"],
)
def test_text_within_the_limit_stays_one_chunk(text: str) -> None:
    assert split_text(text) == [text]


def test_cuts_at_blank_lines_first() -> None:
    # Three paragraphs of ~1500 units, each with line breaks and spaces inside: two fit together.
    paragraphs = ["\n".join([line(99)] * 3) for _ in range(3)]
    assert all(1400 < utf16_len(p) < 1600 for p in paragraphs)
    assert split_text("\n\n".join(paragraphs)) == [
        f"{paragraphs[0]}\n\n{paragraphs[1]}",
        paragraphs[2],
    ]


def test_cuts_at_line_breaks_when_there_is_no_blank_line() -> None:
    lines = [line(200) for _ in range(5)]  # 999 units each, with spaces inside
    assert split_text("\n".join(lines)) == ["\n".join(lines[:4]), lines[4]]


def test_cuts_at_spaces_when_there_is_one_long_line() -> None:
    text = line(1000, "ab") + " " + line(1000, "cd")  # 5999 units, one line
    chunks = split_text(text)
    assert len(chunks) == 2
    assert all(utf16_len(c) <= TEXT_LIMIT for c in chunks)
    assert " ".join(chunks) == text  # cut between words, no word broken


def test_cuts_anywhere_inside_a_word_longer_than_the_limit() -> None:
    word = "x" * 5000
    assert split_text(word) == ["x" * TEXT_LIMIT, "x" * 904]
    text = f"before {word} after"
    chunks = split_text(text)
    assert all(utf16_len(c) <= TEXT_LIMIT for c in chunks)
    assert "".join(chunks).replace(" ", "") == text.replace(" ", "")


def test_emoji_are_counted_as_two_units() -> None:
    chunks = split_text(SOS * 3000)  # 6000 units
    assert chunks == [SOS * 2048, SOS * 952]
    odd = "a" + SOS * 3000  # the cut must not land one unit over the limit
    assert all(utf16_len(c) <= TEXT_LIMIT for c in split_text(odd))
    assert "".join(split_text(odd)) == odd


def test_emoji_words_between_spaces_are_kept_whole() -> None:
    text = " ".join([SOS * 3] * 1000)  # 6999 units, words of 6 units
    chunks = split_text(text)
    assert all(utf16_len(c) <= TEXT_LIMIT for c in chunks)
    assert " ".join(chunks) == text


def random_text(rng: random.Random, limit: int) -> str:
    words = ["a", "word", "Їжак", "слово", SOS, SOS * 3, "x" * (limit + 7), f"{SOS}x" * limit]
    seps = [" ", " ", " ", "\n", "\n\n"]
    parts = [rng.choice(words) + rng.choice(seps) for _ in range(rng.randint(1, 60))]
    return "".join(parts).strip()


@pytest.mark.parametrize("seed", range(200))
def test_every_chunk_fits_and_nothing_is_lost(seed: int) -> None:
    rng = random.Random(seed)
    limit = rng.choice([10, 16, 40])
    text = random_text(rng, limit)
    chunks = split_text(text, limit)
    assert all(utf16_len(c) <= limit for c in chunks)
    # Only whitespace at a cut may go: every other character stays, in order.
    assert "".join("".join(chunks).split()) == "".join(text.split())
    if all(utf16_len(w) <= limit for w in text.split()):
        assert " ".join(chunks).split() == text.split()  # and no word is broken


def test_a_paragraph_that_fits_is_not_cut_even_after_a_long_one() -> None:
    long_first = line(900, "alpha")  # 5399 units: must be cut itself
    second, third = line(600, "beta"), line(500, "gamma")  # 2999 units each: they fit
    chunks = split_text("\n\n".join([long_first, second, third]))
    assert all(utf16_len(c) <= TEXT_LIMIT for c in chunks)
    assert any(second in c for c in chunks)
    assert any(third in c for c in chunks)


@pytest.mark.parametrize(
    "text",
    ["a" * 4095 + "\n\n", "a" * TEXT_LIMIT + "\n", "a" * 2000 + "\n\n" + "b" * 2094 + "\n\n"],
    ids=["one-paragraph", "one-line", "two-paragraphs"],
)
def test_no_chunk_is_empty(text: str) -> None:
    chunks = split_text(text)
    assert all(c.strip() for c in chunks)


# -- html_chunks ------------------------------------------------------------------------------


def test_reply_text_is_escaped() -> None:
    reply = Rendered(body="Pay <b>1000€</b> & go > now")
    assert html_chunks(reply) == ["Pay &lt;b&gt;1000€&lt;/b&gt; &amp; go &gt; now"]


def test_quotes_need_no_escaping_in_telegram_html() -> None:
    reply = Rendered(body="\"Free\" visa, 'no fee'")
    assert html_chunks(reply) == ["\"Free\" visa, 'no fee'"]


def test_the_title_is_bold_exactly_once_and_escaped() -> None:
    reply = Rendered(body="Help & Help <again>", title="Help & <you>", notice="Saved")
    (chunk,) = html_chunks(reply)
    assert chunk == (
        "Saved\n\n<b>Help &amp; &lt;you&gt;</b>\n\nHelp &amp; Help &lt;again&gt;"
    )  # fmt: skip
    assert chunk.count("<b>") == 1 and chunk.count("</b>") == 1


def test_the_title_is_bold_even_when_the_body_repeats_it() -> None:
    reply = Rendered(body="Main menu.\n\nMain menu again.", title="Main menu")
    (chunk,) = html_chunks(reply)
    assert chunk.startswith("<b>Main menu</b>\n\n")
    assert chunk.count("<b>") == 1


def test_no_title_no_bold() -> None:
    assert "<b>" not in "".join(html_chunks(Rendered(body="a < b", notice="n")))


def test_the_bold_is_on_the_title_not_on_the_notice() -> None:
    reply = Rendered(body="112", title="SOS", notice="SOS numbers saved")
    assert html_chunks(reply) == ["SOS numbers saved\n\n<b>SOS</b>\n\n112"]


def test_a_reply_over_the_limit_gives_several_chunks_that_each_fit() -> None:
    body = "\n\n".join([line(500, "a&b") + " <ok>"] * 5)  # ~10000 units before escaping
    reply = Rendered(body=body, title="Title & more", notice="Notice")
    assert utf16_len(reply.text) > TEXT_LIMIT
    chunks = html_chunks(reply)
    assert len(chunks) == 3
    assert all(utf16_len(parsed(c)) <= TEXT_LIMIT for c in chunks)
    assert chunks[0].startswith("Notice\n\n<b>Title &amp; more</b>\n\n")
    assert "".join(chunks).count("<b>") == 1
    assert "\n\n".join(parsed(c) for c in chunks) == reply.text  # nothing lost, in order


def test_escaping_does_not_count_against_the_limit() -> None:
    # Telegram counts the text after entity parsing: "&amp;" is one character there.
    reply = Rendered(body="&" * 4000)
    (chunk,) = html_chunks(reply)
    assert chunk == "&amp;" * 4000


# -- keyboards --------------------------------------------------------------------------------

LOCATION = RenderedButton("📍 Share my location", "", ButtonKind.LOCATION)


def test_action_buttons_send_their_payload_and_url_buttons_open_the_url() -> None:
    reply = Rendered(
        body="b",
        buttons=(
            (
                RenderedButton("Poland", "cty:PL"),
                RenderedButton("La Strada", "", ButtonKind.URL, "https://lastrada.org.pl"),
            ),
            (RenderedButton("⬅️ Back", "back"),),
        ),
    )
    markup = inline_keyboard(reply)
    assert markup is not None
    assert markup == {
        "inline_keyboard": [
            [
                {"text": "Poland", "callback_data": "cty:PL"},
                {"text": "La Strada", "url": "https://lastrada.org.pl"},
            ],
            [{"text": "⬅️ Back", "callback_data": "back"}],
        ]
    }


def test_location_buttons_are_left_out_of_the_inline_keyboard() -> None:
    reply = Rendered(
        body="b",
        buttons=(
            (LOCATION,),  # a row of its own: the row goes too
            (RenderedButton("Skip", "skip"), LOCATION),
        ),
    )
    markup = inline_keyboard(reply)
    assert markup is not None
    assert markup == {"inline_keyboard": [[{"text": "Skip", "callback_data": "skip"}]]}


@pytest.mark.parametrize(
    "buttons", [(), ((LOCATION,),)], ids=["no-buttons", "only-location"]
)  # fmt: skip
def test_no_inline_keyboard_without_inline_buttons(
    buttons: tuple[tuple[RenderedButton, ...], ...],
) -> None:
    assert inline_keyboard(Rendered(body="b", buttons=buttons)) is None


def test_location_button_becomes_a_one_time_resized_reply_keyboard() -> None:
    reply = Rendered(body="b", buttons=((RenderedButton("Skip", "skip"), LOCATION),))
    markup = location_keyboard(reply)
    assert isinstance(markup, ReplyKeyboardMarkup)
    assert markup.to_dict() == {
        "keyboard": [[{"text": "📍 Share my location", "request_location": True}]],
        "one_time_keyboard": True,
        "resize_keyboard": True,
    }


def test_no_location_keyboard_without_a_location_button() -> None:
    reply = Rendered(
        body="b",
        buttons=(
            (RenderedButton("Menu", "menu"),),
            (RenderedButton("Site", "", ButtonKind.URL, "https://example.org"),),
        ),
    )
    assert location_keyboard(reply) is None
    assert location_keyboard(Rendered(body="b")) is None
