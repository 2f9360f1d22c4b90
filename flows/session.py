"""The per-person conversation state: small, frozen, with readable node names, saved as JSON."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from typing import Any, Self


class Node:
    """Node names, readable in the database and in transcripts."""

    NEW = "new"
    LANGUAGE = "onboarding.language"
    PRIVACY = "onboarding.privacy"
    COUNTRY = "onboarding.country"
    COUNTRY_GUESS = "onboarding.country_guess"
    UPDATES = "onboarding.updates"
    MENU = "menu"
    HELP_NOW = "help_now"
    PHASE = "phase"
    TOPIC = "topic"
    COMING_SOON = "coming_soon"
    SETTINGS = "settings"
    SET_LANGUAGE = "settings.language"
    SET_COUNTRY = "settings.country"
    SET_COUNTRY_GUESS = "settings.country_guess"
    FORGET = "settings.forget"
    STOP = "settings.stop"  # "stop safety updates?" (/stop)
    RESUME = "resume"  # "safety updates again?" (/start after /stop)
    JOB = "jobcheck"  # "paste or forward the job ad"
    JOB_RESULT = "jobcheck.result"  # warning signs found in the ad
    JOB_QUESTION = "jobcheck.question"  # the guided check, one question at a time
    JOB_VERDICT = "jobcheck.verdict"  # the ad and the answers together, and next steps


JOB_NODES = (Node.JOB, Node.JOB_RESULT, Node.JOB_QUESTION, Node.JOB_VERDICT)


@dataclass(frozen=True)
class Session:
    node: str = Node.NEW
    lang: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2, or "other"
    subscribed: bool = False
    paused: bool = False  # updates stopped with /stop (so /start offers them again)
    onboarded: bool = False
    phase: str | None = None
    topic: str | None = None
    feature: str | None = None  # which "coming soon" screen
    guess: str | None = None  # country guessed from a shared location, awaiting confirmation
    back: str | None = None  # node to return to from Help now
    source: str | None = None  # deep-link payload that brought the person (campaign code)
    # The job check, only while the person is in it (never the ad's text): the warning-sign ids
    # the ad showed ("" none, None no ad), and the guided answers so far ("y", "n", "u" each).
    job: str | None = None
    answers: str | None = None

    def to_json(self) -> str:
        return json.dumps(asdict(self), separators=(",", ":"), sort_keys=True)

    @classmethod
    def from_json(cls, raw: str | None) -> Self:
        if not raw:
            return cls()
        data: dict[str, Any] = json.loads(raw)
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    def at(self, node: str, **changes: Any) -> Session:
        return replace(self, node=node, **changes)
