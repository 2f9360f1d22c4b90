"""Find help near me (issue 7): services from the referral directory for a need, most relevant
first — those that speak the person's language, and the nearest when a location is shared.

Payloads: ``fh`` (the needs), ``fh:n:<need>`` (services for it; ``all`` for every service),
``fh:c`` (another country), ``fh:c:<CC>`` (look there), ``fh:card`` (the offline safety card).
The location and the choices live in the session only while the person is in Find help.
"""

from __future__ import annotations

from dataclasses import replace

from flows.content import ContentPack
from flows.effects import SendCard
from flows.events import Location
from flows.outcome import Outcome, show
from flows.referrals import looked_in, needs_in
from flows.screens import Context
from flows.session import FINDHELP_NODES, Node, Session

NEAR_DECIMALS = 2  # a shared location is kept to about 1 km


def on_findhelp(s: Session, arg: str, ctx: Context) -> Outcome:
    verb, _, value = arg.partition(":")
    if verb == "":
        return show(s.at(Node.FINDHELP), ctx)
    if verb == "n":
        country = looked_in(s)
        entries = ctx.content.referrals.get(country or "", ())
        if value != "all" and value not in needs_in(entries):
            return show(s.at(Node.FINDHELP), ctx, "stale-button")
        return show(s.at(Node.FINDHELP_LIST, need=value), ctx)
    if verb == "c":
        if value == "":
            return show(s.at(Node.FINDHELP_COUNTRY), ctx)
        if value not in ctx.content.referrals:
            return show(s, ctx, "stale-button")
        moved = s.near is not None and value != looked_in(s)
        s = replace(s, where=value, near=None if moved else s.near)
        s = replace(s, near_at=s.near_at if s.near else None)
        target = (
            Node.FINDHELP_LIST
            if s.need and _has_need(ctx.content, value, s.need)
            else Node.FINDHELP
        )
        return show(s.at(target), ctx)
    if verb == "card":
        country = looked_in(s)
        if country is None or not ctx.content.helpnow(country):
            return show(s.at(Node.FINDHELP_COUNTRY), ctx, "findhelp-choose-country")
        card = SendCard(country, s.lang or ctx.content.languages[0])
        out = show(s.at(Node.FINDHELP), ctx, "findhelp-card-sent")
        return replace(out, effects=(card,))
    return show(s, ctx, "stale-button")


def _has_need(content: ContentPack, country: str, need: str) -> bool:
    return need == "all" or need in needs_in(content.referrals.get(country, ()))


def location(s: Session, event: Location, ctx: Context) -> Outcome:
    """A shared location: services near it, in the country it is in (when we know it)."""
    lat, lon = round(event.lat, NEAR_DECIMALS), round(event.lon, NEAR_DECIMALS)
    s = replace(s, near=f"{lat},{lon}", near_at=ctx.now.isoformat())
    guess = ctx.content.nearest_country(event.lat, event.lon)
    if guess is not None and guess in ctx.content.referrals:
        s = replace(s, where=guess)
    country = looked_in(s)
    need = s.need if s.need and country and _has_need(ctx.content, country, s.need) else "all"
    return show(s.at(Node.FINDHELP_LIST, need=need), ctx, "findhelp-near")


def left(s: Session) -> bool:
    """True when the person is outside Find help (its choices and location are dropped)."""
    inside = s.node in FINDHELP_NODES or (s.node == Node.HELP_NOW and s.back in FINDHELP_NODES)
    return not inside
