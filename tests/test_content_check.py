"""``movesafe content check`` passes on the shipped pack and fails precisely on broken copies."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.check import run_check
from tests.conftest import CONTENT, LOCALES

CHECKED = dt.date(2026, 12, 1)  # a day when every shipped entry had been verified


@pytest.fixture
def pack(tmp_path: Path) -> tuple[Path, Path]:
    content, locales = tmp_path / "content", tmp_path / "locales"
    shutil.copytree(CONTENT, content)
    shutil.copytree(LOCALES, locales)
    return content, locales


def check(pack: tuple[Path, Path]) -> list[str]:
    return run_check(*pack, today=CHECKED).errors


def edit_yaml(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_shipped_content_passes() -> None:
    report = run_check(CONTENT, LOCALES, today=CHECKED)
    assert report.errors == []
    assert report.facts["locales"] >= 3
    assert report.facts["countries"] >= 12
    assert report.facts["screens rendered"] > 100


def test_cli_passes_on_shipped_content() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "content", "check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "content check passed" in result.stdout


def test_message_removed_from_one_locale_fails_with_its_id(pack: tuple[Path, Path]) -> None:
    main = pack[1] / "ru" / "main.ftl"
    lines = main.read_text(encoding="utf-8").splitlines()
    main.write_text("\n".join(x for x in lines if not x.startswith("btn-menu")), encoding="utf-8")
    errors = check(pack)
    assert any("'btn-menu'" in e and "ru" in e and "missing" in e for e in errors), errors


def test_cli_exits_non_zero_and_names_the_message(pack: tuple[Path, Path]) -> None:
    phases = pack[1] / "uk" / "phases.ftl"
    text = phases.read_text(encoding="utf-8")
    phases.write_text(
        text.replace("phase-work-safe-intro =", "phase-work-safe-intro-x ="), encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "bot", "content", "check"],
        capture_output=True,
        text=True,
        env={"CONTENT_DIR": str(pack[0]), "LOCALES_DIR": str(pack[1]), "PATH": ""},
    )
    assert result.returncode != 0
    assert "phase-work-safe-intro" in result.stderr
    assert "uk" in result.stderr


def test_fluent_syntax_error_is_reported_with_file_and_line(pack: tuple[Path, Path]) -> None:
    main = pack[1] / "en" / "main.ftl"
    main.write_text(main.read_text(encoding="utf-8") + "\nbroken = { $oops\n", encoding="utf-8")
    errors = check(pack)
    assert any("main.ftl:" in e and "syntax" in e for e in errors), errors


def test_unknown_variable_in_a_translation_fails(pack: tuple[Path, Path]) -> None:
    main = pack[1] / "uk" / "main.ftl"
    text = main.read_text(encoding="utf-8").replace("{ $country }", "{ $contry }", 1)
    main.write_text(text, encoding="utf-8")
    assert any("$contry" in e for e in check(pack))


def test_dangling_next_and_unreachable_topic_fail(pack: tuple[Path, Path]) -> None:
    path = next((pack[0] / "phases").glob("2-*.yaml"))
    edit_yaml(path, lambda d: d["topics"][0].update(next="nowhere"))
    errors = check(pack)
    assert any("next 'nowhere' does not exist" in e for e in errors), errors
    assert any("unreachable" in e for e in errors), errors


def test_payload_over_64_bytes_fails(pack: tuple[Path, Path]) -> None:
    path = next((pack[0] / "phases").glob("1-*.yaml"))
    edit_yaml(path, lambda d: d["topics"][-1].update(id="x" * 70))
    assert any("over 64 bytes" in e for e in check(pack))


def test_invalid_phone_number_fails(pack: tuple[Path, Path]) -> None:
    path = pack[0] / "referrals" / "PL.yaml"
    edit_yaml(path, lambda d: d["entries"][0]["phones"][0].update(number="12"))
    assert any("phone '12' is not a valid number for PL" in e for e in check(pack))


def test_entry_without_source_fails(pack: tuple[Path, Path]) -> None:
    path = pack[0] / "referrals" / "DE.yaml"
    edit_yaml(path, lambda d: d["entries"][0].pop("source"))
    assert any("missing required key 'source'" in e for e in check(pack))


def test_stale_entry_is_a_warning_not_an_error(pack: tuple[Path, Path]) -> None:
    path = pack[0] / "referrals" / "PL.yaml"
    edit_yaml(path, lambda d: d["entries"][0].update(verified=dt.date(2020, 1, 1)))
    report = run_check(*pack, today=CHECKED)
    assert report.errors == []
    assert any("stale" in w for w in report.warnings)
