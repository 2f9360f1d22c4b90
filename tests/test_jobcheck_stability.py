"""The risk of an offer does not change under small edits that do not change its meaning:
spacing, case, an emoji, punctuation, a zero-width character. Checked on the tuning offers
(the held-out part stays for measuring)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest

from bot.job_rules import load_job_rules
from flows.jobcheck import Rules, analyse
from tests.conftest import CONTENT, PROJECT_ROOT

OFFERS = [
    o
    for line in (PROJECT_ROOT / "tests" / "data" / "job_offers.jsonl")
    .read_text("utf-8")
    .splitlines()
    if (o := json.loads(line))["split"] == "tune"
]

EDITS: dict[str, Callable[[str], str]] = {
    "double spaces": lambda t: t.replace(" ", "  "),
    "upper case": str.upper,
    "emoji around": lambda t: f"✨ {t} 🙂",
    "exclamations": lambda t: re.sub(r"\.(\s|$)", r"!\1", t),  # sentence ends, not "3.500"
    "zero-width in words": lambda t: " ".join(w[:2] + "\u200b" + w[2:] for w in t.split(" ")),
    "line breaks as spaces": lambda t: t.replace("\n", " "),
}


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load_job_rules(CONTENT)


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_small_edits_keep_the_risk(edit: str, rules: Rules) -> None:
    changed = []
    for offer in OFFERS:
        before = analyse(offer["text"], rules).risk
        after = analyse(EDITS[edit](offer["text"]), rules).risk
        if before != after:
            changed.append(f"{offer['id']}: {before} -> {after}")
    assert changed == []
