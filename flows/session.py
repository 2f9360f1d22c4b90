"""The per-person conversation state: small, frozen, with readable node names, saved as JSON."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, fields, replace
from typing import Any, Self, cast


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
    REPORT = "report"  # what is and is not stored; start, continue, or add to an earlier one
    REPORT_CATEGORY = "report.category"
    REPORT_COUNTRY = "report.country"
    REPORT_PLACE = "report.place"  # city as text, a shared location, or skip
    REPORT_EXACT = "report.exact"  # keep the shared location exact, or to about 1 km
    REPORT_WHEN = "report.when"
    REPORT_WHAT = "report.what"  # free text, several messages
    REPORT_PHOTOS = "report.photos"
    REPORT_REVIEW = "report.review"
    REPORT_DISCARD = "report.discard"  # "throw this report away?"
    REPORT_SENT = "report.sent"  # the receipt (shown once, in the reply only)
    FOLLOWUP = "report.followup"  # type your receipt code
    FOLLOWUP_WHAT = "report.followup.what"  # what to add: texts and photos
    FOLLOWUP_SENT = "report.followup.sent"
    FINDHELP = "findhelp"  # what do you need help with?
    FINDHELP_LIST = "findhelp.list"  # services for the need, most relevant first
    FINDHELP_COUNTRY = "findhelp.country"  # look in another country
    VOLUNTEER = "volunteer"  # volunteers only: compose, follow, invite
    VOL_WHAT = "volunteer.what"  # a phase or a prepared message
    VOL_COUNTRIES = "volunteer.countries"
    VOL_LANGS = "volunteer.langs"
    VOL_CHANNELS = "volunteer.channels"
    VOL_ACTIVE = "volunteer.active"  # only people active in the last N days?
    VOL_PREVIEW = "volunteer.preview"  # each language, the count, send or schedule
    VOL_STARTED = "volunteer.started"
    VOL_LIST = "volunteer.list"
    VOL_INVITE = "volunteer.invite"
    VOL_WEB = "volunteer.web"


JOB_NODES = (Node.JOB, Node.JOB_RESULT, Node.JOB_QUESTION, Node.JOB_VERDICT)
# Nodes where a draft report (or a follow-up) is being written; the draft lives only there.
DRAFT_NODES = (
    Node.REPORT_CATEGORY,
    Node.REPORT_COUNTRY,
    Node.REPORT_PLACE,
    Node.REPORT_EXACT,
    Node.REPORT_WHEN,
    Node.REPORT_WHAT,
    Node.REPORT_PHOTOS,
    Node.REPORT_REVIEW,
    Node.REPORT_DISCARD,
    Node.FOLLOWUP_WHAT,
)
DRAFT_LIFETIME = dt.timedelta(hours=1)
FINDHELP_NODES = (Node.FINDHELP, Node.FINDHELP_LIST, Node.FINDHELP_COUNTRY)


def outlived(started: str, now: dt.datetime) -> bool:
    """Is something started at ``started`` (ISO time) older than ``DRAFT_LIFETIME``?"""
    return now - dt.datetime.fromisoformat(started) > DRAFT_LIFETIME


@dataclass(frozen=True)
class Draft:
    """A report being written (or an addition to an earlier one, when ``receipt`` is set).

    It lives in the session only while the person writes it, never longer than
    ``DRAFT_LIFETIME``, and is wiped on send or discard. ``id`` is random: it names the draft's
    photos, which are sealed as they arrive and stored apart until the report is sent.
    ``receipt`` is the hex hash of a checked receipt code (follow-ups), never the code itself.
    """

    id: str
    started: str  # ISO time; the draft expires DRAFT_LIFETIME later
    category: str | None = None
    country: str | None = None
    city: str | None = None
    lat: float | None = None
    lon: float | None = None
    exact: bool = False
    when: str | None = None
    texts: tuple[str, ...] = ()
    photos: int = 0
    signs: tuple[str, ...] = ()  # from the job check ("report this offer")
    offer: str | None = None  # the offer's text, from the job check
    reviewed: bool = False  # the person has seen the review: steps return there
    step: str = ""  # the step the person was at (to continue there after the menu)
    receipt: str | None = None

    def expired(self, now: dt.datetime) -> bool:
        return outlived(self.started, now)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Draft:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        for name in ("texts", "signs"):
            values[name] = tuple(values.get(name) or ())
        return cls(**values)


@dataclass(frozen=True)
class Compose:
    """A broadcast a volunteer is putting together (no text of their own: ids only)."""

    kind: str  # phase | message
    content_id: str
    countries: tuple[str, ...] = ()  # () = all
    langs: tuple[str, ...] = ()  # () = all
    channels: tuple[str, ...] = ("telegram", "viber")
    active_days: int | None = None
    counts: tuple[tuple[str, str, int], ...] | None = None  # (channel, lang, people), counted
    viber_price: float | None = None  # the operator's price of a paid Viber message, if set

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Compose:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        for name in ("countries", "langs", "channels"):
            values[name] = tuple(values.get(name) or ())
        if values.get("counts") is not None:
            values["counts"] = tuple((str(a), str(b), int(n)) for a, b, n in values["counts"])
        return cls(**values)


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
    # The job ad's text, kept only while the person is in the job check (to hand it to "report
    # this offer"), wiped when they leave it and within DRAFT_LIFETIME at the latest.
    ad: str | None = None
    ad_at: str | None = None  # ISO time the ad was checked
    draft: Draft | None = None
    # Find help, only while the person is in it: the need chosen, the country looked in (if not
    # their own), and a shared location to about 1 km ("50.06,19.94") with when it was shared.
    need: str | None = None
    where: str | None = None
    near: str | None = None
    near_at: str | None = None
    compose: Compose | None = None  # a volunteer's broadcast being composed

    def to_json(self) -> str:
        # A shallow dict (``asdict`` deep-copies every field; this runs on every event).
        data = {name: getattr(self, name) for name in SESSION_FIELDS}
        if self.draft is not None:
            data["draft"] = asdict(self.draft)
        if self.compose is not None:
            data["compose"] = asdict(self.compose)
        return json.dumps(data, separators=(",", ":"), sort_keys=True)

    @classmethod
    def from_json(cls, raw: str | None) -> Self:
        if not raw:
            return cls()
        if (known := _PARSED.get(raw)) is not None:
            return cast(Self, known)
        data: dict[str, Any] = json.loads(raw)
        values = {k: v for k, v in data.items() if k in SESSION_FIELDS}
        if values.get("draft") is not None:
            values["draft"] = Draft.from_dict(values["draft"])
        if values.get("compose") is not None:
            values["compose"] = Compose.from_dict(values["compose"])
        session = cls(**values)
        if session.draft is None and session.ad is None and session.near is None:
            if len(_PARSED) >= PARSED_LIMIT:
                _PARSED.clear()
            _PARSED[raw] = session
        return session

    def writing_since(self) -> dt.datetime | None:
        """When the oldest thing written that the session holds was started."""
        started = self.draft.started if self.draft else None
        times = [t for t in (started, self.ad_at, self.near_at) if t]
        return min(dt.datetime.fromisoformat(t) for t in times) if times else None

    def at(self, node: str, **changes: Any) -> Session:
        return replace(self, node=node, **changes)


SESSION_FIELDS = frozenset(f.name for f in fields(Session))
# Sessions are immutable and most people are in a handful of states, so parsed sessions are kept by
# their JSON (loading one was a tenth of a conversation step) — never one holding something the
# person wrote or where they are (a draft, a job ad, a location): that stays out of memory.
PARSED_LIMIT = 4096
_PARSED: dict[str, Session] = {}
