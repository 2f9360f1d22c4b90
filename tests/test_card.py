"""The offline safety card: a 1080x1920 PNG with the numbers, the rules and nothing cut off."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from babel.dates import format_date
from click.testing import CliRunner
from PIL import Image, ImageDraw

from bot import card as card_module
from bot.card import (
    FONTS,
    HEIGHT,
    MARGIN,
    RED,
    WIDTH,
    CardError,
    CardLine,
    CardNumber,
    Layout,
    card_text,
    font,
    layout,
    safety_card,
)
from bot.cli import main
from bot.i18n import Renderer
from flows.content import ContentPack
from tests.conftest import CONTENT, LOCALES

LANGS = ("uk", "ru", "en")
Box = tuple[float, float, float, float]


def helpnow_countries() -> list[str]:
    from bot.content import load_content

    pack = load_content(CONTENT, LOCALES)
    return sorted(c for c in pack.referrals if pack.helpnow(c))


def boxes(placed: Layout) -> list[tuple[str, Box]]:
    """Each drawn line's ink box, measured the way it is drawn."""
    measure = ImageDraw.Draw(Image.new("RGB", (WIDTH, HEIGHT)))
    return [
        (line.text, measure.textbbox((line.x, line.y), line.text, font=line.font, anchor="ls"))
        for line in placed.lines
    ]


def assert_inside(placed: Layout) -> None:
    found = boxes(placed)
    for text, (left, top, right, bottom) in found:
        assert left >= MARGIN and right <= WIDTH - MARGIN, f"{text!r} leaves the margins"
        assert top >= 0 and bottom <= HEIGHT, f"{text!r} leaves the picture"
    for i, (text, a) in enumerate(found):  # no line drawn over another
        for other, b in found[i + 1 :]:
            overlap = a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
            assert not overlap, f"{text!r} overlaps {other!r}"


def test_png_of_a_phone_screen(content: ContentPack, renderer: Renderer) -> None:
    png = safety_card(content, renderer, "PL", "uk")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.size == (WIDTH, HEIGHT) == (1080, 1920)


@pytest.mark.parametrize(
    ("country", "lang", "must_show"),
    [
        ("PL", "uk", ["112", "+48 22 628 01 20", "Картка безпеки — Польща"]),
        ("DE", "ru", ["110", "112", "116 016", "Германия"]),
    ],
)
def test_numbers_on_the_card(
    content: ContentPack, renderer: Renderer, country: str, lang: str, must_show: list[str]
) -> None:
    words = card_text(content, renderer, country, lang)
    drawn = layout(words).text
    for text in must_show:
        assert text in drawn
    entries = content.helpnow(country)
    emergency = [p.display for r in entries if r.kind == "emergency" for p in r.phones]
    hotlines = [p.display for r in entries if r.kind != "emergency" for p in r.phones]
    assert emergency and hotlines
    assert set(emergency) == set(words.emergency_numbers)
    for number in emergency + hotlines:
        assert number in drawn, number
    for r in entries:  # every help line by name, in the language
        if r.kind != "emergency":
            assert r.name_in(lang).split()[0] in drawn
    assert words.rules and len(words.rules) == 3
    newest = max(r.verified for r in entries)
    assert format_date(newest, format="long", locale=lang) in words.checked


def test_numbers_dial_from_a_foreign_sim(content: ContentPack, renderer: Renderer) -> None:
    """Geographic numbers in + form; short numbers (112, 116 016) as dialled."""
    pl = card_text(content, renderer, "PL", "en")
    assert pl.emergency_numbers == ("112",)
    assert [n.display for line in pl.hotlines for n in line.numbers] == ["+48 22 628 01 20"]
    de = card_text(content, renderer, "DE", "en")
    assert de.emergency_numbers == ("110", "112")
    assert [n.display for line in de.hotlines for n in line.numbers] == ["116 016"]


@pytest.mark.parametrize(("country", "lang"), [("PL", "uk"), ("DE", "ru")])
def test_picture_has_the_red_band_and_text(
    content: ContentPack, renderer: Renderer, country: str, lang: str
) -> None:
    placed = layout(card_text(content, renderer, country, lang))
    assert placed.band is not None
    _, top, _, bottom = placed.band
    assert bottom - top > 300  # the emergency number is large
    image = Image.open(io.BytesIO(safety_card(content, renderer, country, lang))).convert("RGB")
    assert image.getpixel((8, (top + bottom) // 2)) == RED
    assert image.getpixel((WIDTH // 2, 8)) == (255, 255, 255)
    colours = image.getcolors(maxcolors=1_000_000)
    assert colours is not None
    dark = sum(n for n, (r, g, b) in colours if r + g + b < 150)
    red = sum(n for n, c in colours if c == RED)
    assert dark > 20_000  # real text, not a blank page
    assert red > WIDTH * 300
    # the emergency number is drawn very large, in white, inside the band
    numbers = [x for x in placed.lines if x.text[:1].isdigit() and top < x.y < bottom]
    assert numbers and all(x.size >= 110 and x.fill == (255, 255, 255) for x in numbers)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("country", helpnow_countries())
def test_every_country_fits_in_every_language(
    content: ContentPack, renderer: Renderer, country: str, lang: str
) -> None:
    placed = layout(card_text(content, renderer, country, lang))
    assert_inside(placed)
    assert min(line.size for line in placed.lines) >= 24  # still readable on a phone


def test_long_texts_wrap_inside_the_margins(content: ContentPack, renderer: Renderer) -> None:
    words = card_text(content, renderer, "PL", "uk")
    long_name = "Дуже довга назва організації, " * 3 + "Надзвичайнодовгеслово" * 4
    longer = replace(
        words,
        title=words.title + " і ще дуже довга назва країни",
        emergency_numbers=("112", "997", "998", "999", "116 000"),
        hotlines=(
            CardLine(
                long_name,
                (CardNumber("+48 22 628 01 20", "безкоштовно, з-за кордону"),),
                "Години роботи: Mon and Tue 10:00-16:00, Wed 12:00-20:00",
                "Коротко.",
            ),
            *words.hotlines,
        ),
    )
    assert_inside(layout(longer))


def test_too_much_text_is_an_error_not_a_cut(content: ContentPack, renderer: Renderer) -> None:
    words = card_text(content, renderer, "PL", "en")
    crowded = replace(words, hotlines=words.hotlines * 12)
    with pytest.raises(CardError, match="too much text"):
        layout(crowded)


@pytest.mark.parametrize("lang", LANGS)
def test_every_letter_has_a_glyph(content: ContentPack, renderer: Renderer, lang: str) -> None:
    """DejaVu Sans draws every character (Cyrillic included): none falls back to the box."""

    def shape(char: str, bold: bool) -> bytes:
        image = Image.new("L", (120, 120))
        ImageDraw.Draw(image).text((20, 90), char, font=font(60, bold), fill=255, anchor="ls")
        return image.tobytes()

    for line in layout(card_text(content, renderer, "UA", lang)).lines:
        missing = shape("\ue000", line.bold)  # a private-use code point: no glyph, the box
        for char in set(line.text) - {" "}:
            assert shape(char, line.bold) != missing, (char, line.text)


def test_fonts_are_the_vendored_ones() -> None:
    assert Path(card_module.__file__).parent / "fonts" == FONTS
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE-DejaVu.txt"):
        assert (FONTS / name).is_file()
    assert Path(font(30).path).parent == FONTS


def test_unknown_country_or_language(content: ContentPack, renderer: Renderer) -> None:
    with pytest.raises(CardError, match="no help-now numbers for country 'XX'"):
        card_text(content, renderer, "XX", "uk")
    with pytest.raises(CardError, match="language 'de'"):
        card_text(content, renderer, "PL", "de")


def run_cli(*args: str) -> tuple[int, str]:
    env = {"CONTENT_DIR": str(CONTENT), "LOCALES_DIR": str(LOCALES)}
    result = CliRunner().invoke(main, ["card", *args], env=env)
    return result.exit_code, result.output


def test_cli_writes_the_card(tmp_path: Path) -> None:
    out = tmp_path / "card.png"
    code, output = run_cli("--country", "pl", "--lang", "uk", "--out", str(out))
    assert code == 0, output
    assert f"wrote {out}" in output
    with Image.open(out) as image:
        assert image.format == "PNG"
        assert image.size == (1080, 1920)


def test_cli_refuses_an_unknown_country_or_language(tmp_path: Path) -> None:
    out = tmp_path / "card.png"
    code, output = run_cli("--country", "XX", "--lang", "uk", "--out", str(out))
    assert code != 0
    assert "no help-now numbers for country 'XX'" in output and "PL" in output
    code, output = run_cli("--country", "PL", "--lang", "de", "--out", str(out))
    assert code != 0
    assert "no translations for language 'de'" in output
    assert not out.exists()
