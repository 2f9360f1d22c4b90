"""Load ``content/warning_signs.yaml`` into the analyzer's frozen rules (patterns compiled once)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from bot.content import need, read_yaml
from bot.errors import ContentError
from flows.jobcheck import SEVERITY_WEIGHT, Rules, SignRule

# The ids DESIGN.md §5 fixes: the content may add signs, never rename these.
FIXED_SIGNS = (
    "recruitment_fee", "document_retention", "no_written_contract", "unrealistic_pay",
    "vague_employer", "messenger_only_contact", "urgency_pressure", "wage_deductions",
    "travel_debt", "irregular_work", "movement_restriction", "excessive_hours",
    "intimate_services_risk",
)  # fmt: skip


def compile_all(
    patterns: dict[str, Any] | None, where: str
) -> dict[str, tuple[re.Pattern[str], ...]]:
    compiled: dict[str, tuple[re.Pattern[str], ...]] = {}
    for lang, items in (patterns or {}).items():
        try:
            # A match starts at the beginning of a word ("платно" must not match in "безплатно").
            compiled[str(lang)] = tuple(re.compile(rf"(?<!\w)(?:{p})") for p in items)
        except re.error as exc:
            raise ContentError(f"{where} ({lang}): bad pattern: {exc}") from None
    return compiled


def load_job_rules(content_dir: Path) -> Rules:
    path = content_dir / "warning_signs.yaml"
    data = read_yaml(path)
    signs = []
    for i, entry in enumerate(need(data, "signs", str(path))):
        where = f"{path} sign #{i + 1}"
        severity = str(need(entry, "severity", where))
        if severity not in SEVERITY_WEIGHT:
            raise ContentError(f"{where}: severity must be one of {sorted(SEVERITY_WEIGHT)}")
        signs.append(
            SignRule(
                id=str(need(entry, "id", where)),
                severity=severity,
                patterns=compile_all(need(entry, "patterns", where), where),
                safe=compile_all(entry.get("safe"), f"{where} safe"),
            )
        )
    missing = set(FIXED_SIGNS) - {s.id for s in signs}
    if missing:
        raise ContentError(f"{path}: fixed sign ids missing: {', '.join(sorted(missing))}")
    negations = {str(k): re.compile(str(v)) for k, v in (data.get("negations") or {}).items()}
    words = {str(k): frozenset(map(str, v)) for k, v in (data.get("languages") or {}).items()}
    return Rules(tuple(signs), negations, words)
