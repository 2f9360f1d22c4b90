"""The "Check a job offer" flow as plain steps: the ad's signs, the guided questions, the verdict,
and what the session keeps (sign ids while the person is in the check; never the ad)."""

from __future__ import annotations

import datetime as dt

from flows import Button, Photo, Session, Text, step
from flows.content import ContentPack
from flows.engine import MAX_AD_CHARS, Outcome
from flows.guided import asked, verdict
from flows.replies import Msg
from flows.screens import Context
from flows.session import Node
from tests.conftest import FROZEN

LURE = (
    "Робота в Польщі на складі! Оплата за оформлення документів 150 €, паспорт залишаєте "
    "у роботодавця. Пишіть лише в Telegram @robota_example"
)
CAREFUL = (
    "Warehouse picker in Wrocław, 31 zł/h gross, employment contract signed before you "
    "travel, in Ukrainian and Polish. We never charge fees. Your documents stay with you."
)


LATER = FROZEN + dt.timedelta(hours=1, minutes=1)


def ctx(content: ContentPack) -> Context:
    return Context(now=FROZEN, content=content)


def at(node: str, **changes: object) -> Session:
    base = Session(lang="en", country="PL", onboarded=True, node=node)
    return Session(**{**base.__dict__, **changes})


def ids(out: Outcome) -> list[str]:
    reply = out.replies[-1]
    return [m.id for m in reply.parts] + ([reply.notice.id] if reply.notice else [])


def press(out: Outcome, content: ContentPack, payload: str) -> Outcome:
    return step(out.session, Button(payload=payload), ctx(content))


def test_the_menu_opens_the_check_and_an_old_coming_soon_button_does_too(
    content: ContentPack,
) -> None:
    for payload in ("job", "soon:jobcheck"):
        out = step(at(Node.MENU), Button(payload=payload), ctx(content))
        assert out.session.node == Node.JOB
        assert ids(out) == ["jobcheck-intro"]


def test_an_ad_shows_its_signs_with_quotes_and_its_text_is_kept_only_in_the_check(
    content: ContentPack,
) -> None:
    out = step(at(Node.JOB), Text(text=LURE), ctx(content))
    assert out.session.node == Node.JOB_RESULT
    signs = (out.session.job or "").split(",")
    assert {"recruitment_fee", "document_retention", "messenger_only_contact"} <= set(signs)
    reply = out.replies[0]
    assert reply.parts[0].id == "job-risk-high"
    quoted = [m for m in reply.parts if m.id == "jobcheck-sign-quoted"]
    assert len(quoted) == len(signs)
    assert all(str(m.args["evidence"]) in LURE for m in quoted)  # quoted from the ad itself
    # The ad's text waits in the session for "report this offer" while the person is in the
    # check; leaving the check (or an hour passing) wipes it.
    assert out.session.ad == LURE
    for leave, now in ((Button(payload="menu"), FROZEN), (Button(payload="job:q"), LATER)):
        left = step(out.session, leave, Context(now=now, content=content)).session
        saved = left.to_json()
        for word in ("Оплата", "паспорт", "robota_example", "Telegram"):
            assert word not in saved


def test_a_few_words_are_not_an_ad_and_a_mistyped_button_after_a_result_is_not_either(
    content: ContentPack,
) -> None:
    out = step(at(Node.JOB), Text(text="робота"), ctx(content))
    assert (out.session.node, ids(out)[-1]) == (Node.JOB, "jobcheck-too-short")
    result = step(at(Node.JOB), Text(text=CAREFUL), ctx(content))
    again = step(result.session, Text(text="answr"), ctx(content))
    assert again.session == result.session
    assert ids(again)[-1] == "unknown-input"


def test_a_picture_with_text_is_read_and_one_without_text_gets_a_kind_answer(
    content: ContentPack,
) -> None:
    out = step(at(Node.JOB), Photo(ref="p", caption=LURE), ctx(content))
    assert out.session.node == Node.JOB_RESULT
    bare_picture = step(at(Node.JOB), Photo(ref="p"), ctx(content))
    assert ids(bare_picture)[-1] == "jobcheck-photo-no-text"
    elsewhere = step(at(Node.MENU), Photo(ref="p", caption=LURE), ctx(content))
    assert elsewhere.session.node == Node.MENU
    assert ids(elsewhere)[-1] == "unsupported"


def test_a_very_long_ad_is_read_up_to_its_limit_and_says_so(content: ContentPack) -> None:
    out = step(at(Node.JOB), Text(text=CAREFUL + " ok" * MAX_AD_CHARS), ctx(content))
    assert ids(out)[-1] == "jobcheck-cut"


def test_questions_skip_what_the_ad_showed_and_lead_to_one_verdict(content: ContentPack) -> None:
    result = step(at(Node.JOB), Text(text=LURE), ctx(content))
    signs = tuple((result.session.job or "").split(","))
    questions = asked(content.questions, signs)
    assert 0 < len(questions) < len(content.questions)
    assert not {q.sign for q in questions} & set(signs)
    out = press(result, content, "job:q")
    for n in range(len(questions)):
        assert out.session.node == Node.JOB_QUESTION
        assert out.replies[0].parts[0] == Msg.of("guided-progress", n=n + 1, total=len(questions))
        out = press(out, content, f"job:a:{n}:n")
    assert out.session.node == Node.JOB_VERDICT
    assert ids(out)[0] == "verdict-high"  # the ad alone is enough
    assert "verdict-from-ad" in ids(out)


def test_back_undoes_the_last_answer_and_an_old_answer_button_changes_nothing(
    content: ContentPack,
) -> None:
    out = step(at(Node.JOB), Button(payload="job:ask"), ctx(content))
    assert (out.session.node, out.session.answers, out.session.job) == (
        Node.JOB_QUESTION, "", None,
    )  # fmt: skip
    out = press(out, content, "job:a:0:y")
    out = press(out, content, "job:a:1:u")
    stale = press(out, content, "job:a:0:n")  # the first question's button, tapped again
    assert stale.session == out.session
    assert ids(stale)[-1] == "stale-button"
    back = press(out, content, "job:back")
    assert back.session.answers == "y"
    typed = step(back.session, Text(text="Ні"), ctx(content))
    assert typed.session.answers == "yn"
    unclear = step(typed.session, Text(text="maybe later"), ctx(content))
    assert (unclear.session, ids(unclear)[-1]) == (typed.session, "guided-tap-answer")
    first = press(press(back, content, "job:back"), content, "job:back")
    assert first.session.node == Node.JOB  # no ad: back to "paste an ad"


def test_help_now_keeps_the_check_and_leaving_it_forgets_the_signs(content: ContentPack) -> None:
    out = press(step(at(Node.JOB), Text(text=LURE), ctx(content)), content, "job:q")
    out = press(out, content, "job:a:0:y")
    sos = press(out, content, "sos")
    assert (sos.session.node, sos.session.answers) == (Node.HELP_NOW, "y")
    back = press(sos, content, "back")
    assert (back.session.node, back.session.answers, back.session.job) == (
        Node.JOB_QUESTION, "y", out.session.job,
    )  # fmt: skip
    menu = press(back, content, "menu")
    assert (menu.session.job, menu.session.answers) == (None, None)


def test_the_verdict_weighs_answers_and_not_knowing(content: ContentPack) -> None:
    severity = content.severity
    qs = content.questions
    by_id = {q.id: i for i, q in enumerate(qs)}
    safe = "".join("n" if q.risky == "yes" else "y" for q in qs)
    assert verdict(qs, (), safe, severity).risk == "low"
    paid = "y" + safe[1:]
    assert qs[0].id == "pay"
    assert verdict(qs, (), paid, severity).from_answers == ("recruitment_fee",)
    assert verdict(qs, (), paid, severity).risk == "high"
    i = by_id["contract"]
    unsure = safe[:i] + "u" + safe[i + 1 :]
    v = verdict(qs, (), unsure, severity)
    assert (v.risk, [q.id for q in v.unsure]) == ("medium", ["contract"])


def test_the_verdict_names_the_countrys_hotline_not_only_the_emergency_number(
    content: ContentPack,
) -> None:
    out = step(at(Node.JOB_VERDICT, answers="nnnnnnnn"), Button(payload="menu"), ctx(content))
    assert out.session.node == Node.MENU
    s = at(Node.JOB_QUESTION, answers="nnnnnnn")
    done = step(s, Button(payload="job:a:7:n"), ctx(content))
    assert done.session.node == Node.JOB_VERDICT
    hotline = next(m for m in done.replies[0].parts if m.id == "verdict-hotline")
    pl = next(r for r in content.helpnow("PL") if r.kind != "emergency")
    assert hotline.args["name"] == pl.name_in("en")
    nowhere = step(
        at(Node.JOB_QUESTION, answers="nnnnnnn", country="other"),
        Button(payload="job:a:7:n"),
        ctx(content),
    )
    assert "verdict-hotline-none" in ids(nowhere)


def test_pay_is_explained_against_the_minimum_wage_and_says_when_the_country_is_a_guess(
    content: ContentPack,
) -> None:
    def detail(ad: str, country: str) -> Msg:
        out = step(at(Node.JOB, country=country), Text(text=ad), ctx(content))
        line = next(m for m in out.replies[0].parts if m.id == "jobcheck-sign-pay")
        value = line.args["detail"]
        assert isinstance(value, Msg)
        return value

    named = detail("Dishwasher in Germany, 6,000 € a month, no experience needed.", "other")
    assert named.id == "jobcheck-pay-detail"
    assert named.args["country"] == Msg("country-DE")
    assert named.args["ratio"] == 2.6  # 6,000 € against Germany's 2,343 € a month
    guessed = detail("Dishwasher, 3,000 € a month, no experience needed.", "other")
    assert guessed.id == "jobcheck-pay-detail-fallback"
    assert guessed.args["ratio"] == 2.1  # 3,000 € against Spain's 1,424.50 € (the fallback)
