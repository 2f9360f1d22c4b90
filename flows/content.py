"""The operator's content pack as frozen objects (parsed once by ``bot.content``)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from flows.guided import Question
from flows.jobcheck import Rules

LIVE = "live"
COMING_SOON = "coming-soon"


@dataclass(frozen=True)
class Topic:
    id: str
    title: str  # message id
    text: str  # message id
    next: str | None


@dataclass(frozen=True)
class Link:
    """A web page a broadcast points to (counted through ``/l/<code>``)."""

    url: str
    label: str  # message id


@dataclass(frozen=True)
class Phase:
    id: str
    order: int
    status: str
    title: str
    menu: str
    intro: str
    topics: tuple[Topic, ...] = ()
    link: Link | None = None  # "read more" in the phase's broadcast

    @property
    def live(self) -> bool:
        return self.status == LIVE

    def topic(self, topic_id: str | None) -> Topic | None:
        return next((t for t in self.topics if t.id == topic_id), None)

    def position(self, topic_id: str) -> int:
        """1-based position of a topic along the ``next`` chain."""
        return 1 + [t.id for t in self.chain()].index(topic_id)

    def chain(self) -> tuple[Topic, ...]:
        """Topics in reading order: the first topic, then its ``next``, and so on."""
        ordered: list[Topic] = []
        current = self.topics[0] if self.topics else None
        while current is not None and current not in ordered:
            ordered.append(current)
            current = self.topic(current.next)
        return tuple(ordered)

    def previous(self, topic_id: str) -> Topic | None:
        return next((t for t in self.topics if t.next == topic_id), None)


@dataclass(frozen=True)
class Announcement:
    """A prepared broadcast message (``content/broadcasts.yaml``), translated like the rest:
    a volunteer picks it, never writes it."""

    id: str
    title: str  # message id
    text: str  # message id
    opens: tuple[str, ...] = ()  # screens it offers a button for: sos, findhelp, job, report
    link: Link | None = None


@dataclass(frozen=True)
class Phone:
    number: str  # as written in the content pack
    display: str  # the local readable form
    free: bool | None = None
    abroad: bool = False
    short: bool = False  # a short number the phone-number library does not list (see check)


@dataclass(frozen=True)
class Referral:
    id: str
    country: str
    kind: str
    needs: tuple[str, ...]
    name: Mapping[str, str]
    about: Mapping[str, str]
    phones: tuple[Phone, ...]
    source: str
    verified: date
    helpnow: bool = False
    web: str | None = None
    languages: tuple[str, ...] = ()
    hours: str | None = None
    source_date: str = "n.d."
    status: str = "confirmed"
    city: str | None = None  # where a local service is (None: national)
    lat: float | None = None  # its coordinates, for "nearest first"
    lon: float | None = None

    def name_in(self, lang: str) -> str:
        return self.name.get(lang) or self.name["en"]

    def about_in(self, lang: str) -> str:
        return self.about.get(lang) or self.about["en"]


@dataclass(frozen=True)
class Anchor:
    city: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Country:
    code: str
    anchors: tuple[Anchor, ...] = ()


@dataclass(frozen=True)
class ContentPack:
    languages: tuple[str, ...]
    phases: tuple[Phase, ...] = ()
    countries: tuple[Country, ...] = ()
    referrals: Mapping[str, tuple[Referral, ...]] = field(default_factory=dict)
    job_rules: Rules | None = None  # the job-offer check (None: content has no rules)
    questions: tuple[Question, ...] = ()  # the guided check
    announcements: tuple[Announcement, ...] = ()  # prepared broadcast messages

    @property
    def severity(self) -> dict[str, str]:
        """Warning-sign id -> high / medium / low."""
        return {r.id: r.severity for r in self.job_rules.signs} if self.job_rules else {}

    def announcement(self, announcement_id: str) -> Announcement | None:
        return next((a for a in self.announcements if a.id == announcement_id), None)

    def phase(self, phase_id: str | None) -> Phase | None:
        return next((p for p in self.phases if p.id == phase_id), None)

    def has_country(self, code: str) -> bool:
        return any(c.code == code for c in self.countries)

    def helpnow(self, country: str | None) -> tuple[Referral, ...]:
        return tuple(r for r in self.referrals.get(country or "", ()) if r.helpnow)

    def nearest_country(self, lat: float, lon: float) -> str | None:
        """The country of the nearest anchor city: a guess the person is asked to confirm."""
        best: tuple[float, str] | None = None
        for country in self.countries:
            for anchor in country.anchors:
                d = distance_km(lat, lon, anchor.lat, anchor.lon)
                if best is None or d < best[0]:
                    best = (d, country.code)
        return best[1] if best else None


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) on a 6371 km sphere."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))
