"""The import rule: nothing in flows/ does I/O or reads the clock (STYLE.md habit 1)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

FLOWS = Path(__file__).parent.parent / "flows"
ALLOWED = {
    "__future__", "collections", "collections.abc", "dataclasses", "datetime", "enum",
    "functools", "itertools", "json", "math", "re", "types", "typing", "unicodedata",
    "numpy",  # arithmetic only: the learned reading of job offers (flows/jobmodel.py)
}  # fmt: skip
FORBIDDEN_CALLS = ("now", "today", "utcnow", "time", "open", "sleep", "getenv")


def modules() -> list[Path]:
    return sorted(FLOWS.rglob("*.py"))


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.name)
def test_flows_imports_only_pure_modules(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        for name in names:
            assert name == "flows" or name.startswith("flows.") or name in ALLOWED, (
                f"{path.name} imports {name}: flows/ must stay pure"
            )


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.name)
def test_flows_reads_no_clock_and_no_files(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            assert name not in FORBIDDEN_CALLS, f"{path.name} calls {name}()"


def test_the_rule_sees_every_module() -> None:
    assert {p.name for p in modules()} >= {"engine.py", "screens.py", "session.py"}
