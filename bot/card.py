"""The offline safety card: one phone-screen picture with a country's emergency number, its help
lines and three safety rules, in the person's language. People keep it for when mobile data runs
out (a call needs no internet) and can show it to the police or a volunteer.

``card_text`` gathers the words (content pack + Fluent), ``layout`` places every line, measured
with the vendored DejaVu Sans so that nothing leaves the margins, and ``draw`` paints the PNG.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel.dates import format_date
from PIL import Image, ImageDraw, ImageFont

from bot.errors import MovesafeError
from bot.i18n import Renderer
from flows.content import ContentPack, Phone, Referral
from flows.replies import Msg

FONTS = Path(__file__).parent / "fonts"  # vendored: never the system's fonts

WIDTH, HEIGHT = 1080, 1920  # portrait phone screen
MARGIN = 72  # left and right; every line stays inside [MARGIN, WIDTH - MARGIN]
TEXT_WIDTH = WIDTH - 2 * MARGIN
TOP, BOTTOM = 80, 72
BAND_PAD = 40  # inside the red band

WHITE = (255, 255, 255)
INK = (17, 17, 17)
MUTED = (60, 60, 60)  # secondary text, still about 11:1 on white
RED = (190, 0, 0)  # white on it is about 6.6:1
RULE = (200, 200, 200)

Color = tuple[int, int, int]
Font = ImageFont.FreeTypeFont

SEPARATOR = " · "
ALWAYS_OPEN = "24/7"
RULES = ("card-rule-documents", "card-rule-fees", "card-rule-contract")
# Type sizes tried, largest first: down to 0.85 with every help line's description, then without
# them (bigger type beats more words on a phone screen), then smaller type.
SCALES = (1.0, 0.95, 0.9, 0.85)
SMALLER = (0.8, 0.75, 0.7, 0.65, 0.6)
ATTEMPTS = (
    *((s, True) for s in SCALES),
    *((s, False) for s in SCALES),
    *((s, a) for s in SMALLER for a in (True, False)),
)


class CardError(MovesafeError):
    """No card can be made: an unknown country or language, or too much text for one screen."""


# --- the words ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CardNumber:
    display: str  # as dialled: the international form where a foreign SIM needs it
    notes: str = ""  # "free", "from abroad"


@dataclass(frozen=True)
class CardLine:
    """One help line: its name, numbers, hours and what it does."""

    name: str
    numbers: tuple[CardNumber, ...]
    hours: str | None
    about: str


@dataclass(frozen=True)
class CardText:
    title: str
    offline: str
    emergency_label: str
    emergency_numbers: tuple[str, ...]
    emergency_about: str
    hotlines_heading: str
    hotlines: tuple[CardLine, ...]
    rules_heading: str
    rules: tuple[str, ...]
    footer: str
    checked: str


def card_text(content: ContentPack, renderer: Renderer, country: str, lang: str) -> CardText:
    """Everything the card says, in ``lang``; ``CardError`` when it cannot be made."""
    if lang not in content.languages or lang not in renderer.languages:
        known = ", ".join(content.languages)
        raise CardError(f"no translations for language {lang!r}; choose one of: {known}")
    entries = content.helpnow(country)
    if not entries:
        known = ", ".join(sorted(c for c in content.referrals if content.helpnow(c)))
        raise CardError(f"no help-now numbers for country {country!r}; cards exist for: {known}")

    def say(msg_id: str, **args: str | int | float | Msg) -> str:
        return renderer.format(Msg.of(msg_id, **args), lang)

    emergency = [r for r in entries if r.kind == "emergency"]
    others = [r for r in entries if r.kind != "emergency"]
    checked = max(r.verified for r in entries)
    return CardText(
        title=say("card-title", country=Msg(f"country-{country}")),
        offline=say("card-offline"),
        emergency_label=emergency[0].name_in(lang) if emergency else "",
        emergency_numbers=tuple(_unique(p.display for r in emergency for p in r.phones)),
        emergency_about=" ".join(_unique(r.about_in(lang) for r in emergency)),
        hotlines_heading=say("card-hotlines", count=len(others)),
        hotlines=tuple(_hotline(r, lang, say) for r in others),
        rules_heading=say("card-rules"),
        rules=tuple(say(r) for r in RULES),
        footer=say("card-footer"),
        checked=say("card-checked", date=format_date(checked, format="long", locale=lang)),
    )


def _hotline(r: Referral, lang: str, say: Callable[..., str]) -> CardLine:
    def notes(p: Phone) -> str:
        words = ([say("card-free")] if p.free else []) + (
            [say("card-from-abroad")] if p.abroad else []
        )
        return ", ".join(words)

    hours = None
    if r.hours:
        hours = (
            say("card-hours-always") if r.hours == ALWAYS_OPEN else say("card-hours", hours=r.hours)
        )
    return CardLine(
        name=r.name_in(lang),
        numbers=tuple(CardNumber(p.display, notes(p)) for p in r.phones),
        hours=hours,
        about=r.about_in(lang),
    )


def _unique(items: Iterable[str]) -> Iterator[str]:
    seen: set[str] = set()
    for item in items:
        if item not in seen:
            seen.add(item)
            yield item


# --- the layout --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One line of text as drawn: left end at ``x``, baseline at ``y`` (Pillow anchor "ls")."""

    text: str
    x: int
    y: int
    size: int
    bold: bool = False
    fill: Color = INK

    @property
    def font(self) -> Font:
        return font(self.size, self.bold)


@dataclass(frozen=True)
class Layout:
    lines: tuple[Line, ...]
    band: tuple[int, int, int, int] | None  # the red emergency band (left, top, right, bottom)
    separators: tuple[int, ...] = ()  # y of thin grey rules between sections

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@cache
def font(size: int, bold: bool = False) -> Font:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONTS / name), size)


def width(text: str, f: Font) -> int:
    """The room a line needs: its advance or its ink, whichever is wider, plus what a first letter
    such as "Т" reaches left of the origin (``line`` moves such a line right by as much)."""
    left, _, right, _ = f.getbbox(text, anchor="ls")
    return math.ceil(max(f.getlength(text), right) - min(0, left))


def line(text: str, x: int, y: int, size: int, bold: bool = False, fill: Color = INK) -> Line:
    """A line whose ink starts at ``x`` or right of it, never left."""
    left = font(size, bold).getbbox(text, anchor="ls")[0]
    return Line(text, x + max(0, math.ceil(-left)), y, size, bold, fill)


def digit_box(f: Font) -> tuple[int, int]:
    """Above and below the baseline, what a phone number's ink needs (less than a line of
    text: digits have no accents or descenders)."""
    _, top, _, bottom = f.getbbox("+0123456789()", anchor="ls")
    return math.ceil(-top), math.ceil(bottom)


def wrap(text: str, f: Font, room: int = TEXT_WIDTH) -> list[str]:
    """Word-wrap to ``room`` pixels; a word longer than a line is broken between letters."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        current = ""
        for word in paragraph.split():
            candidate = f"{current} {word}" if current else word
            if width(candidate, f) <= room:
                current = candidate
                continue
            if current:
                lines.append(current)
            current = ""
            while width(word, f) > room:  # no space to break at: cut it
                cut = max(1, max(n for n in range(len(word) + 1) if width(word[:n], f) <= room))
                lines.append(word[:cut])
                word = word[cut:]
            current = word
        lines.append(current)
    return lines


class _Pen:
    """Places lines top to bottom."""

    def __init__(self, scale: float, top: int = TOP) -> None:
        self.scale = scale
        self.y = top  # the top of the next line's box
        self.lines: list[Line] = []

    def px(self, size: float) -> int:
        return max(1, round(size * self.scale))

    def gap(self, size: float) -> None:
        self.y += self.px(size)

    def paragraph(
        self,
        text: str,
        size: float,
        bold: bool = False,
        fill: Color = INK,
        x: int = MARGIN,
        spacing: float = 1.28,
    ) -> None:
        px = self.px(size)
        f = font(px, bold)
        ascent, descent = f.getmetrics()
        for i, part in enumerate(wrap(text, f, WIDTH - MARGIN - x)):
            if i:
                self.y += round(px * spacing) - ascent - descent
            self.lines.append(line(part, x, self.y + ascent, px, bold, fill))
            self.y += ascent + descent

    def number(self, number: CardNumber, size: float, low: float) -> None:
        """A phone number on one line, never broken, shrunk if it must; its notes beside it or
        below."""
        px = self.px(size)
        while px > self.px(low) and width(number.display, font(px, True)) > TEXT_WIDTH:
            px -= 2
        f = font(px, True)
        if width(number.display, f) > TEXT_WIDTH:  # a very long number: wrap after all
            self.paragraph(number.display, px / self.scale, bold=True)
        else:
            ascent, descent = digit_box(f)
            self.lines.append(line(number.display, MARGIN, self.y + ascent, px, True))
            self.y += ascent + descent
            if number.notes:
                note_px = self.px(34)
                note = f"({number.notes})"
                x = MARGIN + width(number.display, f) + self.px(20)
                if x + width(note, font(note_px)) <= WIDTH - MARGIN:
                    self.lines.append(Line(note, x, self.y - descent, note_px, False, MUTED))
                else:
                    self.paragraph(note, 34, fill=MUTED)

    def emergency(self, numbers: tuple[str, ...]) -> None:
        """The emergency numbers as big as they fit: one line if they can, else a few."""
        for lines_allowed, sizes in ((1, range(230, 149, -4)), (2, range(160, 109, -4))):
            for size in sizes:
                px = self.px(size)
                rows = _rows(numbers, font(px, True))
                if len(rows) <= lines_allowed:
                    break
            else:
                continue
            break
        ascent, descent = digit_box(font(px, True))
        for i, row in enumerate(rows):
            if i:
                self.y += round(px * 0.25)
            self.lines.append(line(row, MARGIN, self.y + ascent, px, True, WHITE))
            self.y += ascent + descent


def _rows(numbers: tuple[str, ...], f: Font) -> list[str]:
    """Numbers joined with " · ", wrapped between numbers only."""
    rows: list[str] = []
    for n in numbers:
        candidate = f"{rows[-1]}{SEPARATOR}{n}" if rows else n
        if rows and width(candidate, f) <= TEXT_WIDTH:
            rows[-1] = candidate
        else:
            rows.append(n)
    return rows


def layout(card: CardText) -> Layout:
    """Every line placed, in the largest type at which the whole card fits one screen (help
    lines' descriptions are left out before the type gets small); ``CardError`` if nothing fits."""
    for scale, with_about in ATTEMPTS:
        placed = _layout(card, scale, with_about)
        if placed is not None:
            return placed
    raise CardError(f"too much text for one card: {card.title!r}")


def _layout(card: CardText, scale: float, with_about: bool) -> Layout | None:
    # The footer sits at the bottom of the screen; everything else must end above it.
    foot = _Pen(scale, top=0)
    foot.paragraph(card.footer, 36, bold=True)
    foot.gap(10)
    foot.paragraph(card.checked, 32, fill=MUTED)
    foot_top = HEIGHT - BOTTOM - foot.y

    pen = _Pen(scale)
    pen.paragraph(card.title, 64, bold=True, spacing=1.2)
    pen.gap(14)
    pen.paragraph(card.offline, 36, fill=MUTED)
    pen.gap(40)

    band = None
    if card.emergency_numbers:
        band_top = pen.y
        pen.gap(BAND_PAD)
        pen.paragraph(card.emergency_label, 46, bold=True, fill=WHITE)
        pen.gap(30)
        pen.emergency(card.emergency_numbers)
        if card.emergency_about:
            pen.gap(32)
            pen.paragraph(card.emergency_about, 38, fill=WHITE)
        pen.gap(BAND_PAD)
        band = (0, band_top, WIDTH, pen.y)
        pen.gap(44)

    if card.hotlines:
        pen.paragraph(card.hotlines_heading, 50, bold=True)
        for hotline in card.hotlines:
            pen.gap(26)
            pen.paragraph(hotline.name, 40, bold=True, spacing=1.22)
            for number in hotline.numbers:
                pen.gap(18)
                pen.number(number, 84, 56)
            pen.gap(8)
            if hotline.hours:
                pen.gap(6)
                pen.paragraph(hotline.hours, 34, fill=MUTED)
            if with_about and hotline.about:
                pen.gap(6)
                pen.paragraph(hotline.about, 34)
        pen.gap(44)

    separators = [pen.y - pen.px(22)]
    pen.paragraph(card.rules_heading, 50, bold=True)
    indent = MARGIN + pen.px(62)
    for n, rule in enumerate(card.rules, start=1):
        pen.gap(20)
        number_line = len(pen.lines)
        pen.paragraph(rule, 40, x=indent)
        first = pen.lines[number_line]
        pen.lines.insert(number_line, line(f"{n}.", MARGIN, first.y, first.size, True))

    if pen.y > foot_top - pen.px(36):
        return None
    separators.append(foot_top - pen.px(30))
    footer = [Line(x.text, x.x, x.y + foot_top, x.size, x.bold, x.fill) for x in foot.lines]
    return Layout(tuple(pen.lines + footer), band, tuple(separators))


# --- the picture -------------------------------------------------------------------------------


def draw(placed: Layout) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), WHITE)
    pen = ImageDraw.Draw(image)
    if placed.band is not None:
        pen.rectangle(placed.band, fill=RED)
    for y in placed.separators:
        pen.line((MARGIN, y, WIDTH - MARGIN, y), fill=RULE, width=3)
    for drawn in placed.lines:
        pen.text((drawn.x, drawn.y), drawn.text, font=drawn.font, fill=drawn.fill, anchor="ls")
    out = io.BytesIO()
    image.quantize(palette=_palette(), dither=Image.Dither.NONE).save(out, "PNG", optimize=True)
    return out.getvalue()  # about 60 kB instead of 150 kB in full colour: people pay for data


@cache
def _palette() -> Image.Image:
    """Every colour the card uses, and the shades of anti-aliased text between them."""
    steps = 24
    colours = [WHITE, RED, INK, MUTED, RULE] + [
        tuple(round(a + (b - a) * i / steps) for a, b in zip(start, end, strict=True))
        for start, end in ((WHITE, INK), (WHITE, MUTED), (RED, WHITE))
        for i in range(2, steps - 1)
    ]
    palette = Image.new("P", (1, 1))
    palette.putpalette([channel for colour in colours for channel in colour])
    return palette


def safety_card(content: ContentPack, renderer: Renderer, country: str, lang: str) -> bytes:
    """The card for ``country`` in ``lang`` as PNG bytes (1080x1920)."""
    return draw(layout(card_text(content, renderer, country, lang)))
