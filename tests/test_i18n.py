"""Fluent rendering: plurals per language, strict errors in tests, fallback in production."""

from __future__ import annotations

import pytest

from bot.errors import FormatError, MissingMessage
from bot.i18n import Renderer
from flows.replies import Msg
from tests.conftest import LOCALES


@pytest.mark.parametrize(
    ("lang", "count", "word"),
    [
        ("uk", 1, "порада"), ("uk", 2, "поради"), ("uk", 5, "порад"), ("uk", 11, "порад"),
        ("uk", 21, "порада"), ("uk", 22, "поради"),
        ("ru", 1, "совет"), ("ru", 3, "совета"), ("ru", 5, "советов"), ("ru", 12, "советов"),
        ("ru", 21, "совет"), ("ru", 24, "совета"),
        ("en", 1, "tip,"), ("en", 7, "tips"),
    ],
)  # fmt: skip
def test_plural_forms(renderer: Renderer, lang: str, count: int, word: str) -> None:
    text = renderer.format(Msg.of("phase-topics-count", count=count), lang)
    assert f"{count} " in text
    assert word in text.split()[1:3] or word in text


def test_no_bidi_isolation_marks_in_chat_text(renderer: Renderer) -> None:
    text = renderer.format(Msg.of("country-guess", country=Msg("country-PL")), "uk")
    assert "\u2068" not in text
    assert "\u2069" not in text
    assert "Польщ" in text


def test_language_names_render_in_their_own_language(renderer: Renderer) -> None:
    names = {
        lang: renderer.format(Msg("language-name", lang=lang), "en") for lang in ("uk", "ru", "en")
    }
    assert names == {"uk": "Українська", "ru": "Русский", "en": "English"}


def test_strict_renderer_raises_on_missing_message(renderer: Renderer) -> None:
    with pytest.raises(MissingMessage, match="no-such-message"):
        renderer.format(Msg("no-such-message"), "uk")


def test_strict_renderer_raises_on_missing_variable(renderer: Renderer) -> None:
    with pytest.raises(FormatError, match="country-guess"):
        renderer.format(Msg("country-guess"), "uk")


def test_production_renderer_falls_back_to_english_never_a_raw_id(tmp_path, content) -> None:  # type: ignore[no-untyped-def]
    for lang in content.languages:
        (tmp_path / lang).mkdir()
        for ftl in (LOCALES / lang).glob("*.ftl"):
            text = ftl.read_text(encoding="utf-8")
            if lang == "uk":
                text = "\n".join(
                    line for line in text.splitlines() if not line.startswith("menu-title")
                )
            (tmp_path / lang / ftl.name).write_text(text, encoding="utf-8")
    lenient = Renderer(tmp_path, content.languages, strict=False)
    assert lenient.format(Msg("menu-title"), "uk") == "Main menu"
