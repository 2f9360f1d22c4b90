"""Ranking the referral directory for Find help (pure): which services serve a need, in what
order, how far away."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from flows.content import Referral, distance_km
from flows.session import Session

# The needs in the order they are offered ("emergency" is Help now's, one tap away anyway).
NEEDS = (
    "trafficking", "work-rights", "legal-status", "shelter", "health", "children", "women",
    "psychological",
)  # fmt: skip
NEAR_KM = 50.0  # local services within this distance come before the national ones


@dataclass(frozen=True)
class Ranked:
    referral: Referral
    km: float | None  # distance from the shared location, for a local service


def speaks(r: Referral, lang: str) -> int:
    """0: speaks the person's language; 1: speaks the other of Ukrainian/Russian; 2: neither
    (or the source does not say)."""
    if lang in r.languages:
        return 0
    if lang in ("uk", "ru") and {"uk", "ru"} & set(r.languages):
        return 1
    return 2


def rank(
    entries: Sequence[Referral], need: str, lang: str, near: tuple[float, float] | None = None
) -> list[Ranked]:
    """The services for ``need`` (``all``: every one), most relevant first: with a location,
    local services within ``NEAR_KM`` by distance, then the national ones; then, in each
    group, those speaking the person's language first, then the directory's order."""
    chosen = [r for r in entries if need == "all" or need in r.needs]
    ranked = []
    for order, r in enumerate(chosen):
        km = None
        if near is not None and r.lat is not None and r.lon is not None:
            km = distance_km(near[0], near[1], r.lat, r.lon)
        ranked.append((order, Ranked(r, km)))

    def key(item: tuple[int, Ranked]) -> tuple[int, float, int, int]:
        order, x = item
        group = 0 if x.km is not None and x.km <= NEAR_KM else 2 if x.km is not None else 1
        return (
            group,
            x.km if x.km is not None and group != 1 else 0.0,
            speaks(x.referral, lang),
            order,
        )

    return [x for _, x in sorted(ranked, key=key)]


def needs_in(entries: Sequence[Referral]) -> list[str]:
    present = {n for r in entries for n in r.needs}
    return [n for n in NEEDS if n in present]


def looked_in(s: Session) -> str | None:
    """The country Find help looks in: the one chosen there, else the person's."""
    where = s.where or s.country
    return where if where not in (None, "other") else None


def near(s: Session) -> tuple[float, float] | None:
    if not s.near:
        return None
    lat, _, lon = s.near.partition(",")
    return float(lat), float(lon)
