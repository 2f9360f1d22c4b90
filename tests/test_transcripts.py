"""Every transcript in tests/transcripts, on every database, through the console channel."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.runtime import Runtime
from tests import transcript

PATHS = sorted(transcript.FOLDER.glob("*.yaml"))


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
async def test_transcript_console(
    path: Path, runtime: Runtime, request: pytest.FixtureRequest, caplog: pytest.LogCaptureFixture
) -> None:
    transcript.log_levels()
    data = transcript.load(path)
    user = f"t-{path.stem}"
    driver = transcript.ConsoleDriver(runtime, user, data.get("lang_hint"))
    update = bool(request.config.getoption("--update-transcripts"))
    if update and "postgres" in request.node.callspec.id:
        pytest.skip("transcripts are rewritten from the SQLite run")
    seen = await transcript.run(path, driver, update)
    transcript.assert_private(caplog.text, data, [user], seen)


def test_there_are_transcripts() -> None:
    assert len(PATHS) >= 8
