"""The Mermaid diagram is drawn from the content: every phase and topic appears, in order."""

from __future__ import annotations

import subprocess
import sys

from bot.diagram import mermaid, node_id
from flows.content import ContentPack
from tests.conftest import LOCALES


def test_diagram_has_every_phase_and_topic_chain(content: ContentPack) -> None:
    text = mermaid(content, LOCALES)
    assert text.startswith("flowchart TD\n")
    for p in content.phases:
        assert f"menu --> {node_id('ph', p.id)}" in text
        for t in p.topics:
            assert node_id("tp", p.id, t.id) in text
            if t.next:
                assert (
                    f"{node_id('tp', p.id, t.id)} -->|Next| {node_id('tp', p.id, t.next)}" in text
                )
    assert "Travel safe, stay safe" in text
    assert "(coming soon)" in text


def test_cli_writes_the_diagram(tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "flows.mmd"
    subprocess.run(
        [sys.executable, "-m", "bot", "content", "diagram", "--out", str(out)], check=True
    )
    assert "flowchart TD" in out.read_text(encoding="utf-8")


def test_committed_diagram_is_current(tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "flows.md"
    subprocess.run(
        [sys.executable, "-m", "bot", "content", "diagram", "--out", str(out)], check=True
    )
    committed = LOCALES.parent / "docs" / "flows.md"
    assert committed.read_text(encoding="utf-8") == out.read_text(encoding="utf-8"), (
        "run `movesafe content diagram --out docs/flows.md` and commit the result"
    )
