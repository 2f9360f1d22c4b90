"""``movesafe chat`` as a person runs it: piped input, numbered buttons, state per --user."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def chat(tmp_path: Path, lines: list[str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "chat", *args],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": "", "DATABASE_URL": f"sqlite:///{tmp_path / 'chat.db'}"},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize(
    ("lang", "expect"),
    [
        ("uk", ["Оберіть мову", "Допомога зараз", "[1] Українська"]),
        ("ru", ["Выберите язык", "Помощь сейчас", "[1] Русский"]),
        ("en", ["Choose your language", "Help now", "[1] English"]),
    ],
)
def test_onboarding_then_travel_safe_a_topic_and_help_now(
    tmp_path: Path, lang: str, expect: list[str]
) -> None:
    # language (1) → privacy OK (1) → Poland (1) → updates yes (1) → Travel safe (2)
    # → first topic (1) → /sos
    out = chat(tmp_path, ["1", "1", "1", "1", "2", "1", "/sos"], "--lang", lang, "--user", "a")
    for text in expect:
        assert text in out
    assert "112" in out
    assert "[2] " in out


def test_state_persists_per_user(tmp_path: Path) -> None:
    chat(tmp_path, ["1", "1", "1", "1"], "--lang", "en", "--user", "olena")
    out = chat(tmp_path, [], "--user", "olena")
    assert "Welcome back." in out
    assert "Main menu" in out
    other = chat(tmp_path, [], "--user", "someone-else")
    assert "Оберіть мову" in other  # no --lang and no LANG: Ukrainian first


def test_typed_label_and_location_work(tmp_path: Path) -> None:
    out = chat(tmp_path, ["English", "OK, continue", "/location 50.06 19.94"], "--lang", "en")
    assert "It looks like you are in Poland" in out


def test_photo_and_unknown_text_get_a_kind_reply(tmp_path: Path) -> None:
    out = chat(tmp_path, ["/photo /nonexistent.jpg", "blah"], "--lang", "en")
    assert "I cannot read photos here" in out
    assert "I did not understand" in out
