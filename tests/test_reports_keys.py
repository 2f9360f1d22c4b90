"""Analyst keys and the reports commands: `keys generate`, `reports export`, `reports purge`,
and the REPORTS_* settings (a development key pair when none is set, with a warning)."""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import io
import json
import logging
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from bot.cli import main
from bot.errors import SettingsError
from bot.reports.sealing import load_private_key, load_public_key, open_sealed, seal
from bot.reports.store import ReportContent, ReportKeys, submit
from bot.settings import Settings
from bot.storage.db import Database, make_engine, upgrade

PUBLIC = base64.b64encode(b"k" * 32).decode()


def generate(runner: CliRunner, out: Path) -> str:
    result = runner.invoke(main, ["keys", "generate", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return result.output


def test_keys_generate_writes_a_pair_readable_only_by_its_owner(tmp_path: Path) -> None:
    output = generate(CliRunner(), tmp_path / "keys")
    public_file, private_file = tmp_path / "keys" / "reports.pub", tmp_path / "keys" / "reports.key"
    public = public_file.read_text().strip()
    assert f"REPORTS_PUBLIC_KEY={public}" in output
    assert private_file.read_text().strip() not in output
    assert private_file.stat().st_mode & 0o777 == 0o600
    private = load_private_key(private_file)
    assert bytes(private.public_key) == bytes(load_public_key(public))
    assert open_sealed(private, seal(load_public_key(public), b"hello")) == b"hello"


def test_keys_generate_never_overwrites(tmp_path: Path) -> None:
    runner = CliRunner()
    generate(runner, tmp_path)
    before = (tmp_path / "reports.key").read_bytes()
    result = runner.invoke(main, ["keys", "generate", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "already exists" in result.output
    assert (tmp_path / "reports.key").read_bytes() == before
    (tmp_path / "reports.pub").unlink()  # even with only the private half left
    result = runner.invoke(main, ["keys", "generate", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert (tmp_path / "reports.key").read_bytes() == before


def submit_one(database: Path, public: str) -> str:
    async def run() -> str:
        db = Database(make_engine(f"sqlite+aiosqlite:///{database}"))
        await upgrade(db.engine)
        keys = ReportKeys.from_settings(Settings(reports_public_key=public, secret_key="s"))
        out = io.BytesIO()
        Image.new("RGB", (30, 20), "red").save(out, "PNG")
        report = ReportContent(
            category="job", country="PL", when="today", texts=["hi"], language="en"
        )
        now = dt.datetime.now(dt.UTC) - dt.timedelta(days=200)
        try:
            return await submit(db, keys, report, [out.getvalue()], now)
        finally:
            await db.dispose()

    return asyncio.run(run())


def test_reports_export_and_purge_on_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    generate(runner, tmp_path / "keys")
    submit_one(tmp_path / "r.db", (tmp_path / "keys" / "reports.pub").read_text())
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'r.db'}"}
    key = str(tmp_path / "keys" / "reports.key")

    result = runner.invoke(main, ["reports", "export", "--private-key", key], env=env)
    assert result.exit_code == 0, result.output
    assert "exported 1 report(s) and 1 photo(s)" in result.output
    [report] = [json.loads(line) for line in Path("reports.jsonl").read_text().splitlines()]
    assert report["texts"] == ["hi"]
    assert Path(report["photos"][0]).is_file()  # default folder: the current one

    args = ["reports", "export", "--private-key", key, "--format", "csv", "--out", "x"]
    result = runner.invoke(main, args, env=env)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "x" / "reports.csv").is_file()

    result = runner.invoke(main, ["reports", "purge", "--days", "365"], env=env)
    assert result.output.startswith("deleted 0 report(s)")
    result = runner.invoke(main, ["reports", "purge"], env=env)  # REPORTS_RETENTION_DAYS: 180
    assert result.output.startswith("deleted 1 report(s)")


def test_export_with_the_wrong_private_key_fails_with_a_clear_message(tmp_path: Path) -> None:
    runner = CliRunner()
    generate(runner, tmp_path / "right")
    generate(runner, tmp_path / "wrong")
    submit_one(tmp_path / "r.db", (tmp_path / "right" / "reports.pub").read_text())
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'r.db'}"}
    args = ["reports", "export", "--out", str(tmp_path / "out"), "--private-key"]

    result = runner.invoke(main, [*args, str(tmp_path / "wrong" / "reports.key")], env=env)
    assert result.exit_code == 1
    assert "Error: this private key does not open the reports" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()

    (tmp_path / "garbage.key").write_text("not a key")
    result = runner.invoke(main, [*args, str(tmp_path / "garbage.key")], env=env)
    assert result.exit_code == 1
    assert "must be a base64 X25519 key" in result.output


def test_reports_settings_are_read_and_checked() -> None:
    settings = Settings.from_env({"REPORTS_PUBLIC_KEY": PUBLIC, "REPORTS_RETENTION_DAYS": "30"})
    assert (settings.reports_key(), settings.reports_retention_days) == (PUBLIC, 30)
    assert Settings.from_env({}).reports_retention_days == 180
    for name, value in [
        ("REPORTS_PUBLIC_KEY", "short"),
        ("REPORTS_PUBLIC_KEY", base64.b64encode(b"k" * 31).decode()),
        ("REPORTS_RETENTION_DAYS", "soon"),
        ("REPORTS_RETENTION_DAYS", "0"),
    ]:
        with pytest.raises(SettingsError, match=name):
            Settings.from_env({name: value})


def test_without_a_public_key_a_development_pair_is_made_once_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.chdir(tmp_path)
    settings = Settings.from_env({})
    with caplog.at_level(logging.WARNING):
        public = settings.reports_key()
    assert [r.levelno for r in caplog.records] == [logging.WARNING]
    assert "REPORTS_PUBLIC_KEY is not set" in caplog.text
    private_file = tmp_path / ".movesafe" / "reports.key"
    private = private_file.read_text().strip()
    assert public not in caplog.text and private not in caplog.text
    assert private_file.stat().st_mode & 0o777 == 0o600
    assert open_sealed(load_private_key(private_file), seal(load_public_key(public), b"x")) == b"x"

    caplog.clear()
    with caplog.at_level(logging.WARNING):
        assert Settings.from_env({}).reports_key() == public
    assert caplog.records == []


def test_a_development_private_key_is_never_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Settings.from_env({}).reports_key()
    (tmp_path / ".movesafe" / "reports.pub").unlink()
    before = (tmp_path / ".movesafe" / "reports.key").read_bytes()
    with pytest.raises(SettingsError, match="REPORTS_PUBLIC_KEY"):
        Settings.from_env({}).reports_key()
    assert (tmp_path / ".movesafe" / "reports.key").read_bytes() == before
