"""Find help near me (issue 7): ranking by need, language and distance; the flow as a pure
function; the location kept only while the person is in Find help."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from flows import Button, Location, Session, Text, step
from flows.content import ContentPack, Phone, Referral, distance_km
from flows.effects import SendCard
from flows.referrals import NEAR_KM, rank, speaks
from flows.screens import Context
from flows.session import Node
from tests.conftest import FROZEN

KRAKOW = (50.0614, 19.9366)
WARSAW = (52.2297, 21.0122)


def service(
    rid: str,
    needs: tuple[str, ...],
    languages: tuple[str, ...] = (),
    at: tuple[float, float] | None = None,
    city: str | None = None,
) -> Referral:
    return Referral(
        id=rid, country="PL", kind="ngo", needs=needs, name={"en": rid}, about={"en": rid},
        phones=(Phone("22 628 01 20", "+48 22 628 01 20"),), source="https://example.org",
        verified=dt.date(2026, 11, 29), languages=languages, city=city,
        lat=at[0] if at else None, lon=at[1] if at else None,
    )  # fmt: skip


ENTRIES = (
    service("national-pl", ("trafficking", "work-rights"), ("pl", "en")),
    service("national-uk", ("work-rights",), ("uk", "ru", "pl")),
    service("warsaw-office", ("work-rights",), ("uk",), WARSAW, "Warszawa"),
    service("krakow-office", ("work-rights",), ("pl",), KRAKOW, "Kraków"),
    service("shelter-only", ("shelter",), ("uk",)),
)


def ids(ranked: list) -> list[str]:  # type: ignore[type-arg]
    return [x.referral.id for x in ranked]


def test_distance_is_great_circle_kilometres() -> None:
    assert distance_km(*KRAKOW, *KRAKOW) == 0
    assert 250 < distance_km(*KRAKOW, *WARSAW) < 255  # about 252 km as the crow flies
    assert distance_km(*KRAKOW, *WARSAW) == pytest.approx(distance_km(*WARSAW, *KRAKOW))


def test_only_services_for_the_need_and_the_persons_language_first() -> None:
    assert ids(rank(ENTRIES, "work-rights", "uk")) == [
        "national-uk", "warsaw-office", "national-pl", "krakow-office",
    ]  # fmt: skip
    assert ids(rank(ENTRIES, "work-rights", "ru")) == [
        "national-uk",
        "warsaw-office",
        "national-pl",
        "krakow-office",
    ]  # fmt: skip  (Russian first, then Ukrainian: both come before neither)
    assert speaks(ENTRIES[2], "ru") == 1 and speaks(ENTRIES[0], "uk") == 2
    assert ids(rank(ENTRIES, "shelter", "en")) == ["shelter-only"]
    assert len(rank(ENTRIES, "all", "en")) == len(ENTRIES)


def test_a_shared_location_puts_the_nearest_first_with_its_distance() -> None:
    in_krakow = (50.05, 19.94)
    ranked = rank(ENTRIES, "work-rights", "uk", in_krakow)
    assert ids(ranked) == ["krakow-office", "national-uk", "national-pl", "warsaw-office"]
    assert ranked[0].km is not None and ranked[0].km < 2
    assert ranked[1].km is None  # a national line has no distance
    assert ranked[3].km is not None and ranked[3].km > NEAR_KM  # far: after the national lines
    in_warsaw = rank(ENTRIES, "work-rights", "pl", (52.23, 21.01))
    assert ids(in_warsaw)[0] == "warsaw-office"


def chat(content: ContentPack, **session: object) -> Session:
    base = Session(lang="en", country="PL", onboarded=True, node=Node.MENU)
    return replace(base, **session)


def ctx(content: ContentPack) -> Context:
    return Context(now=FROZEN, content=content)


def test_the_flow_needs_list_country_and_back(content: ContentPack) -> None:
    s = chat(content)
    out = step(s, Button(payload="fh"), ctx(content))
    assert out.session.node == Node.FINDHELP
    labels = [b.payload for r in out.replies[0].buttons for b in r]
    assert "fh:n:trafficking" in labels and "fh:card" in labels and "sos" in labels
    out = step(out.session, Button(payload="fh:n:trafficking"), ctx(content))
    assert out.session.node == Node.FINDHELP_LIST and out.session.need == "trafficking"
    shown = [m for m in out.replies[0].parts]
    assert any("628 01 20" in str(m) for m in shown)  # KCIK's number, as sourced
    out = step(out.session, Button(payload="fh:c"), ctx(content))
    out = step(out.session, Button(payload="fh:c:DE"), ctx(content))
    assert out.session.node == Node.FINDHELP_LIST and out.session.where == "DE"
    assert out.session.country == "PL"  # looking elsewhere does not change the person's country
    out = step(out.session, Button(payload="back"), ctx(content))
    assert out.session.node == Node.FINDHELP
    out = step(out.session, Button(payload="menu"), ctx(content))
    assert (out.session.need, out.session.where, out.session.near) == (None, None, None)


def test_a_location_is_kept_coarse_and_only_while_in_find_help(content: ContentPack) -> None:
    s = chat(content, node=Node.FINDHELP)
    out = step(s, Location(lat=50.061412, lon=19.936623), ctx(content))
    assert out.session.near == "50.06,19.94" and out.session.node == Node.FINDHELP_LIST
    assert out.replies[0].notice is not None and out.replies[0].notice.id == "findhelp-near"
    later = Context(now=FROZEN + dt.timedelta(minutes=5), content=content)
    out = step(out.session, Text(text="/sos"), later)
    assert out.session.near == "50.06,19.94"  # Help now and back: still there
    out = step(out.session, Button(payload="back"), later)
    assert out.session.node == Node.FINDHELP_LIST
    out = step(out.session, Button(payload="menu"), later)
    assert out.session.near is None and "50.06" not in out.session.to_json()


def test_the_safety_card_is_an_effect_for_the_channel(content: ContentPack) -> None:
    out = step(chat(content, node=Node.FINDHELP), Button(payload="fh:card"), ctx(content))
    assert out.effects == (SendCard("PL", "en"),)
    assert out.replies[0].notice is not None
    assert out.replies[0].notice.id == "findhelp-card-sent"
    nowhere = chat(content, node=Node.FINDHELP, country="other")
    out = step(nowhere, Button(payload="fh:card"), ctx(content))
    assert out.effects == () and out.session.node == Node.FINDHELP_COUNTRY


def test_old_buttons_get_a_kind_answer(content: ContentPack) -> None:
    s = chat(content, node=Node.FINDHELP)
    for payload in ("fh:n:nonsense", "fh:c:XX", "fh:zzz"):
        out = step(s, Button(payload=payload), ctx(content))
        assert out.replies[0].notice is not None
        assert out.replies[0].notice.id == "stale-button", payload
