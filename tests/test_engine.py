"""The step function as a plain function: help now from everywhere, old buttons, session JSON."""

from __future__ import annotations

import pytest

from flows import Button, Session, Start, Text, Unsupported, step
from flows.content import ContentPack
from flows.effects import ForgetMe, HideChat
from flows.screens import SCREENS, Context, screen
from flows.session import Node
from tests.conftest import FROZEN

ALL_NODES = sorted(SCREENS)


def ctx(content: ContentPack) -> Context:
    return Context(now=FROZEN, content=content)


def onboarded(**changes: object) -> Session:
    base = Session(lang="en", country="PL", subscribed=True, onboarded=True)
    return Session(**{**base.__dict__, **changes})


def every_payload(content: ContentPack) -> list[str]:
    """Every payload any screen can show, plus a few that no screen ever shows."""
    found = {"ok", "back", "forget:yes", "forget:no", "restart", "nonsense", "ph:nope", "tp:x:y"}
    for lang in content.languages:
        for node in ALL_NODES:
            for s in (onboarded(node=node, lang=lang, phase="travel-safe", topic=None),):
                for row in screen(s, ctx(content)).buttons:
                    found.update(b.payload for b in row if b.payload)
    for p in content.phases:
        found.update(f"tp:{p.id}:{t.id}" for t in p.topics)
    return sorted(found)


@pytest.mark.parametrize("node", ALL_NODES)
@pytest.mark.parametrize("how", ["/sos", "sos-button", "help-word"])
def test_help_now_is_reachable_from_every_node(node: str, how: str, content: ContentPack) -> None:
    for s in (onboarded(node=node), Session(node=node, lang="uk")):
        event = {
            "/sos": Text(text="/sos"),
            "sos-button": Button(payload="sos"),
            "help-word": Text(text="Допомога"),
        }[how]
        out = step(s, event, ctx(content))
        assert out.session.node == Node.HELP_NOW
        assert out.replies[0].title is not None
        assert out.replies[0].title.id == "helpnow-title"


def test_back_from_help_now_returns_to_where_the_person_was(content: ContentPack) -> None:
    s = onboarded(node=Node.TOPIC, phase="work-safe", topic=content.phases[1].topics[2].id)
    out = step(s, Text(text="/sos"), ctx(content))
    back = step(out.session, Button(payload="back"), ctx(content))
    assert back.session.node == Node.TOPIC
    assert back.session.topic == s.topic


def test_every_payload_in_every_node_answers_without_error(content: ContentPack) -> None:
    payloads = every_payload(content)
    assert len(payloads) > 40
    for node in ALL_NODES:
        for s in (onboarded(node=node), Session(node=node)):
            for payload in payloads:
                out = step(s, Button(payload=payload), ctx(content))
                assert out.replies or out.effects == (HideChat(),), (node, payload)
                assert out.session.node in SCREENS


def test_a_screen_only_button_out_of_context_says_it_is_out_of_date(
    content: ContentPack,
) -> None:
    out = step(onboarded(node=Node.MENU), Button(payload="forget:yes"), ctx(content))
    assert out.effects == ()
    assert out.replies[0].notice is not None
    assert out.replies[0].notice.id == "stale-button"
    assert out.session.node == Node.MENU


def test_forget_asks_then_emits_the_effect(content: ContentPack) -> None:
    asked = step(onboarded(node=Node.MENU), Text(text="/forget"), ctx(content))
    assert asked.session.node == Node.FORGET
    assert asked.effects == ()
    done = step(asked.session, Button(payload="forget:yes"), ctx(content))
    assert done.effects == (ForgetMe(),)
    assert done.session == Session(lang="en")


def test_start_pre_selects_the_platform_language(content: ContentPack) -> None:
    out = step(Session(), Start(lang_hint="ru-RU"), ctx(content))
    assert out.session.lang == "ru"
    assert out.session.node == Node.LANGUAGE
    first = out.replies[0].buttons[0][0]
    assert first.payload == "lang:ru"


def test_unknown_hint_falls_back_to_ukrainian(content: ContentPack) -> None:
    assert step(Session(), Start(lang_hint="xx"), ctx(content)).session.lang == "uk"


def test_deep_link_payload_is_kept_once(content: ContentPack) -> None:
    s = step(Session(), Start(payload="campaign-pl"), ctx(content)).session
    s = step(s, Start(payload="other"), ctx(content)).session
    assert s.source == "campaign-pl"


def test_unsupported_kind_gets_a_kind_reply_and_the_same_screen(content: ContentPack) -> None:
    s = onboarded(node=Node.MENU)
    out = step(s, Unsupported(kind="sticker"), ctx(content))
    assert out.session == s
    notice = out.replies[0].notice
    assert notice is not None
    assert notice.id == "unsupported"


def test_location_guesses_the_country_and_asks_to_confirm(content: ContentPack) -> None:
    from flows.events import Location

    s = Session(node=Node.COUNTRY, lang="uk")
    out = step(s, Location(lat=50.06, lon=19.94), ctx(content))  # Kraków
    assert out.session.node == Node.COUNTRY_GUESS
    assert out.session.guess == "PL"
    confirmed = step(out.session, Button(payload="cty:PL"), ctx(content))
    assert confirmed.session.country == "PL"
    assert confirmed.session.node == Node.UPDATES


@pytest.mark.parametrize(
    ("lat", "lon", "country"),
    [(49.84, 24.03, "UA"), (47.65, 26.26, "RO"), (48.72, 21.26, "SK"), (47.01, 28.86, "MD")],
)
def test_nearest_country_near_borders(
    lat: float, lon: float, country: str, content: ContentPack
) -> None:
    assert content.nearest_country(lat, lon) == country


def test_session_survives_json(content: ContentPack) -> None:
    s = onboarded(node=Node.TOPIC, phase="travel-safe", topic="x", back=Node.MENU)
    assert Session.from_json(s.to_json()) == s
    assert Session.from_json('{"node": "menu", "unknown_field": 1}').node == Node.MENU


def test_only_a_campaign_code_is_kept_from_start(content: ContentPack) -> None:
    s = step(Session(), Text(text="/start Ivan Petrenko +380501234567"), ctx(content)).session
    assert s.source is None
    assert "Ivan" not in s.to_json() and "380" not in s.to_json()
    s = step(Session(), Text(text="/start pl-2026_spring"), ctx(content)).session
    assert s.source == "pl-2026_spring"


@pytest.mark.parametrize("typed", ["🆘", "SOS!", "s\u200bos", "\u200fдопомога", " Help. "])
def test_help_words_survive_punctuation_and_invisible_marks(
    typed: str, content: ContentPack
) -> None:
    out = step(onboarded(node=Node.MENU), Text(text=typed), ctx(content))
    assert out.session.node == Node.HELP_NOW
