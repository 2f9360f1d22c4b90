"""The guided check: yes / no / not-sure questions about what a job ad does not say, and one
verdict from the ad's warning signs and the answers together."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flows.jobcheck import risk_level

ANSWERS = {"y": "yes", "n": "no", "u": "unsure"}


@dataclass(frozen=True)
class Question:
    id: str  # message ids guided-<id> (the question) and guided-<id>-tip
    sign: str  # the warning sign this question looks for
    risky: str  # the answer that is the sign: "yes" or "no"


@dataclass(frozen=True)
class Verdict:
    risk: str  # high / medium / low
    from_text: tuple[str, ...]  # sign ids the ad showed
    from_answers: tuple[str, ...]  # sign ids the answers showed
    unsure: tuple[Question, ...]  # "not sure": what to find out first


def asked(questions: tuple[Question, ...], text_signs: tuple[str, ...]) -> tuple[Question, ...]:
    """The questions to ask: none whose sign the ad already showed."""
    return tuple(q for q in questions if q.sign not in text_signs)


def verdict(
    questions: tuple[Question, ...],
    text_signs: tuple[str, ...],
    answers: str,
    severity: Mapping[str, str],
) -> Verdict:
    pairs = list(zip(asked(questions, text_signs), answers, strict=False))
    from_answers = tuple(q.sign for q, a in pairs if ANSWERS.get(a) == q.risky)
    unsure = tuple(q for q, a in pairs if a == "u")
    signs = (*text_signs, *from_answers)
    risk = risk_level([severity.get(s, "medium") for s in signs])
    if risk == "low" and any(severity.get(q.sign) == "high" for q in unsure):
        risk = "medium"  # not knowing whether they keep your passport is not "low"
    return Verdict(risk, text_signs, from_answers, unsure)
