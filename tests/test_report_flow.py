"""The anonymous report as a pure flow (issue 6): the draft step by step, Back and edits, discard,
expiry after an hour, photos and sending as effects answered by events, follow-ups by receipt."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from flows import Button, Location, Photo, Session, Text, step
from flows.content import ContentPack
from flows.effects import CheckReceipt, DropDraft, SavePhoto, SubmitAddition, SubmitReport
from flows.events import Event, PhotoSaved, ReceiptChecked, ReportSent
from flows.outcome import Outcome
from flows.replies import Msg
from flows.screens import Context
from flows.session import Draft, Node
from tests.conftest import FROZEN

AD = (
    "Робота в Польщі на складі! Оплата за оформлення документів 150 €, паспорт залишаєте "
    "у роботодавця. Пишіть лише в Telegram @robota_example"
)


class Chat:
    """One person's session, stepped through events; the clock can move."""

    def __init__(self, content: ContentPack, **session: object) -> None:
        base = Session(lang="en", country="PL", onboarded=True, node=Node.MENU)
        self.s = replace(base, **session)
        self.content = content
        self.now = FROZEN
        self.tokens = iter(f"draft{n:027d}" for n in range(1, 1000))
        self.last: Outcome | None = None

    def __call__(self, event: Event) -> Outcome:
        ctx = Context(now=self.now, content=self.content, token=next(self.tokens))
        self.last = step(self.s, event, ctx)
        self.s = self.last.session
        return self.last

    def press(self, payload: str) -> Outcome:
        return self(Button(payload=payload))

    def type(self, text: str) -> Outcome:
        return self(Text(text=text))

    def notices(self) -> list[str]:
        assert self.last is not None
        return [r.notice.id for r in self.last.replies if r.notice is not None]


def written(chat: Chat) -> Chat:
    """A draft filled in up to the review."""
    chat.press("rep")
    chat.press("rep:new")
    chat.press("rep:cat:transport")
    chat.press("rep:cty:PL")
    chat.type("Kraków")
    chat.press("rep:when:week")
    chat.type("A van offered free rides and took passports.")
    chat.press("rep:next")
    chat.press("rep:next")
    return chat


def test_a_report_is_written_step_by_step_and_sent_as_an_effect(content: ContentPack) -> None:
    chat = written(Chat(content))
    assert chat.s.node == Node.REPORT_REVIEW
    d = chat.s.draft
    assert d is not None
    assert (d.category, d.country, d.city, d.when) == ("transport", "PL", "Kraków", "week")
    assert d.texts == ("A van offered free rides and took passports.",)
    out = chat.press("rep:send")
    assert out.replies == () and out.effects == (SubmitReport(d.id),)
    assert chat.s.draft == d  # nothing changes until the runtime says it is stored


def test_the_receipt_is_shown_once_and_the_draft_is_gone(content: ContentPack) -> None:
    chat = written(Chat(content))
    out = chat(ReportSent(receipt="1234567890123456"))
    assert chat.s.node == Node.REPORT_SENT
    assert chat.s.draft is None
    receipt = [m for m in out.replies[0].parts if m.id == "report-receipt"]
    assert receipt == [Msg.of("report-receipt", code="1234 5678 9012 3456")]
    assert "1234" not in chat.s.to_json()
    again = chat.press("menu")
    assert again.session.node == Node.MENU


@pytest.mark.parametrize("problem", ["limited", "failed"])
def test_a_send_that_did_not_happen_keeps_the_draft(problem: str, content: ContentPack) -> None:
    chat = written(Chat(content))
    d = chat.s.draft
    chat(ReportSent(problem=problem))
    assert chat.s.draft == d and chat.s.node == Node.REPORT_REVIEW
    assert chat.notices() == [f"report-{problem}"]


def test_back_goes_one_step_back_and_after_the_review_back_to_it(content: ContentPack) -> None:
    chat = Chat(content)
    chat.press("rep:new")
    chat.press("rep:cat:job")
    chat.press("rep:cty:other")
    assert chat.s.node == Node.REPORT_PLACE
    chat.press("back")
    assert chat.s.node == Node.REPORT_COUNTRY
    chat.press("back")
    assert chat.s.node == Node.REPORT_CATEGORY
    chat.press("back")
    assert chat.s.node == Node.REPORT
    assert chat.s.draft is not None  # Back never throws the draft away

    written(chat)
    chat.press("rep:edit:when")
    assert chat.s.node == Node.REPORT_WHEN
    chat.press("back")
    assert chat.s.node == Node.REPORT_REVIEW
    chat.press("rep:edit:when")
    chat.press("rep:when:today")
    assert chat.s.node == Node.REPORT_REVIEW
    assert chat.s.draft is not None and chat.s.draft.when == "today"


def test_a_new_country_asks_for_the_place_again(content: ContentPack) -> None:
    chat = written(Chat(content))
    chat.press("rep:edit:where")
    chat.press("rep:cty:DE")
    assert chat.s.node == Node.REPORT_PLACE
    assert chat.s.draft is not None and chat.s.draft.city is None
    chat(Location(lat=52.52, lon=13.40))
    assert chat.s.node == Node.REPORT_EXACT
    chat.press("rep:exact:yes")
    d = chat.s.draft
    assert chat.s.node == Node.REPORT_REVIEW
    assert d is not None and (d.lat, d.lon, d.exact, d.city) == (52.52, 13.40, True, None)


def test_menu_keeps_the_draft_and_continue_returns_to_the_same_step(content: ContentPack) -> None:
    chat = Chat(content)
    chat.press("rep:new")
    chat.press("rep:cat:online")
    chat.press("menu")
    chat.press("rep")
    assert "report-draft-open" in [m.id for m in chat.last.replies[0].parts]  # type: ignore[union-attr]
    chat.press("rep:go")
    assert chat.s.node == Node.REPORT_COUNTRY


def test_discard_asks_first_and_deletes_the_draft_and_its_photos(content: ContentPack) -> None:
    chat = written(Chat(content))
    d = chat.s.draft
    assert d is not None
    chat.press("rep:cancel")
    assert chat.s.node == Node.REPORT_DISCARD
    chat.press("rep:keep")
    assert chat.s.node == Node.REPORT_REVIEW and chat.s.draft == d
    chat.press("rep:cancel")
    out = chat.press("rep:discard")
    assert chat.s.draft is None and chat.s.node == Node.MENU
    assert out.effects == (DropDraft(d.id),)
    assert chat.notices() == ["report-discarded"]


def test_an_abandoned_draft_is_gone_after_an_hour(content: ContentPack) -> None:
    chat = written(Chat(content))
    d = chat.s.draft
    assert d is not None
    chat.now = FROZEN + dt.timedelta(minutes=59)
    chat.type("still here")
    assert chat.s.draft is not None
    chat.now = FROZEN + dt.timedelta(hours=1, seconds=1)
    out = chat.press("rep:send")
    assert out.effects == (DropDraft(d.id),)
    assert chat.s.draft is None and chat.s.node == Node.REPORT
    assert chat.notices() == ["report-expired"]


def test_old_buttons_get_a_kind_answer(content: ContentPack) -> None:
    chat = Chat(content)
    chat.press("rep:send")
    assert chat.notices() == ["report-gone"]
    chat.press("rep:new")
    for payload in ("rep:when:today", "rep:discard", "rep:keep", "rep:edit:cat", "rep:nope",
                    "rep:cat:nonsense", "rep:cty:XX", "rep:exact:yes"):  # fmt: skip
        out = chat.press(payload)
        assert chat.notices() == ["stale-button"], payload
        assert out.session.node == Node.REPORT_CATEGORY


def test_limits_on_what_is_typed(content: ContentPack) -> None:
    chat = Chat(content)
    chat.press("rep:new")
    chat.press("rep:cat:other")
    chat.press("rep:cty:PL")
    chat.type("x" * 121)
    assert chat.notices() == ["report-city-too-long"] and chat.s.node == Node.REPORT_PLACE
    chat.press("rep:next")
    chat.press("rep:when:earlier")
    chat.press("rep:next")
    assert chat.notices() == ["report-need-text"]
    for _ in range(5):
        chat.type("y" * 4000)
    chat.type("z" * 1)
    assert chat.notices() == ["report-full"]
    assert chat.s.draft is not None and len(chat.s.draft.texts) == 5


def test_photos_are_fetched_by_the_runtime_and_counted(content: ContentPack) -> None:
    chat = Chat(content)
    chat.press("rep:new")
    out = chat(Photo(ref="file-1"))
    assert chat.notices() == ["report-photo-later"] and out.effects == ()
    chat.press("rep:cat:other")
    chat.press("rep:cty:other")
    chat.press("rep:next")
    chat.press("rep:when:today")
    d = chat.s.draft
    assert d is not None
    out = chat(Photo(ref="file-2", caption="the ad as I saw it"))
    assert out.effects == (SavePhoto("file-2", d.id),)
    assert chat.s.draft is not None and chat.s.draft.texts == ("the ad as I saw it",)
    chat(PhotoSaved(result="saved"))
    assert chat.s.draft is not None and chat.s.draft.photos == 1
    assert chat.notices() == ["report-photo-saved"]
    chat(PhotoSaved(result="not_image"))
    assert chat.notices() == ["report-photo-not-image"]
    assert chat.s.draft is not None and chat.s.draft.photos == 1
    chat.s = replace(chat.s, draft=replace(chat.s.draft, photos=10))
    out = chat(Photo(ref="file-3"))
    assert out.effects == () and chat.notices() == ["report-photo-too-many"]


def test_report_this_offer_brings_the_ad_and_its_signs(content: ContentPack) -> None:
    chat = Chat(content)
    chat.press("job")
    chat.type(AD)
    signs = tuple((chat.s.job or "").split(","))
    assert "recruitment_fee" in signs
    chat.press("rep:offer")
    d = chat.s.draft
    assert chat.s.node == Node.REPORT
    assert d is not None and (d.category, d.offer, d.signs) == ("job", AD, signs)
    assert chat.s.ad is None and chat.s.job is None  # the check's copy is gone
    chat.press("rep:go")
    assert chat.s.node == Node.REPORT_COUNTRY
    chat.press("rep:cty:PL")
    chat.press("rep:next")
    chat.press("rep:when:today")
    chat.press("rep:next")  # no words needed: the offer is the report
    assert chat.s.node == Node.REPORT_PHOTOS


def test_a_follow_up_checks_the_code_and_keeps_only_its_hash(content: ContentPack) -> None:
    chat = Chat(content)
    chat.type("/followup")
    assert chat.s.node == Node.FOLLOWUP
    out = chat.type("1234 5678 9012 3456")
    assert out.effects == (CheckReceipt("1234 5678 9012 3456"),) and out.replies == ()
    assert "1234" not in chat.s.to_json()
    chat(ReceiptChecked())
    assert chat.notices() == ["followup-not-found"] and chat.s.draft is None
    chat(ReceiptChecked(limited=True))
    assert chat.notices() == ["followup-limited"]
    chat(ReceiptChecked(digest="ab" * 32))
    assert chat.s.node == Node.FOLLOWUP_WHAT
    d = chat.s.draft
    assert d is not None and d.receipt == "ab" * 32
    chat.press("rep:send")
    assert chat.notices() == ["followup-need-something"]
    chat.type("The van came back on Friday.")
    assert chat.notices() == ["followup-added"]
    out = chat.press("rep:send")
    assert out.effects == (SubmitAddition(d.id),)
    chat(ReportSent())
    assert chat.s.node == Node.FOLLOWUP_SENT and chat.s.draft is None


def test_the_draft_survives_the_session_json(content: ContentPack) -> None:
    chat = written(Chat(content))
    d = chat.s.draft
    again = Session.from_json(chat.s.to_json())
    assert again == chat.s
    assert isinstance(again.draft, Draft) and again.draft == d
