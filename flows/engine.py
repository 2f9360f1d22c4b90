"""The step function: (Session, Event, Context) -> Outcome. Pure and synchronous.

Navigation payloads are stateless (``ph:travel-safe``, ``tp:work-safe:fees``, ``cty:PL``), so an
old button pressed out of context still does something sensible; payloads that only make sense on
one screen (``ok``, ``forget:yes``) get a kind "this button is out of date" and the current screen.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import replace

from flows import findhelp, report, screens, volunteer
from flows.effects import (
    JOB_CHECKED,
    JOB_HIGH,
    SHARE_ARRIVAL,
    SHARE_NEW,
    Count,
    ForgetMe,
    HideChat,
    RedeemInvite,
)
from flows.events import (
    AudienceCounted,
    BroadcastCreated,
    BroadcastsListed,
    Button,
    ConsoleLoginCreated,
    Event,
    InviteCreated,
    InviteRedeemed,
    Location,
    Photo,
    PhotoSaved,
    ReceiptChecked,
    ReportSent,
    Start,
    Stopped,
    Text,
    Unsupported,
)
from flows.guided import ANSWERS, asked
from flows.jobcheck import WORD, analyse
from flows.outcome import Outcome, show
from flows.replies import Msg, Reply, action
from flows.screens import Context
from flows.session import FINDHELP_NODES, JOB_NODES, Node, Session

ONBOARDING = (Node.NEW, Node.LANGUAGE, Node.PRIVACY, Node.COUNTRY, Node.COUNTRY_GUESS, Node.UPDATES)
# Typed alone, these words open Help now (people under stress do not look for buttons).
HELP_WORDS = frozenset(
    {"sos", "help", "112", "🆘", "допомога", "помощь", "допоможіть", "помогите", "pomocy", "hilfe"}
)


def bare(text: str) -> str:
    """The text without invisible format characters, punctuation or case ("SOS!" → "sos")."""
    kept = (ch for ch in text if unicodedata.category(ch)[0] not in "CP")
    return "".join(kept).strip().casefold()


# Deep-link payloads are campaign codes in Telegram's start-parameter alphabet; whatever else
# follows /start (a name, a number) is never stored.
DEEP_LINK = re.compile(r"[A-Za-z0-9_-]{1,64}")
INVITE = "inv"  # inv<code>: a volunteer invite (bot/broadcasts/volunteers.py)
SHARED = re.compile(r"sh(\d{1,9})")  # sh<broadcast id>: came through "share this bot"
# Things people send that the bot cannot read; each has a ``kind-<name>`` message.
UNSUPPORTED_KINDS = ("photo", "sticker", "voice", "video", "file", "contact", "other")
# The job check: an ad of fewer words is not an ad; a longer one is read up to this length.
MIN_AD_WORDS = 4
MAX_AD_CHARS = 6000
# Typed answers to a guided question (people often type rather than tap).
ANSWER_WORDS = {
    **dict.fromkeys(("yes", "y", "так", "да", "tak", "ja", "sí", "si", "sim", "da"), "y"),
    **dict.fromkeys(("no", "n", "ні", "нет", "nie", "nein", "não", "nu"), "n"),
    **dict.fromkeys(("not sure", "notsure", "не знаю", "незнаю", "не впевнена", "не впевнений",
                     "не уверен", "не уверена", "nie wiem", "?"), "u"),
}  # fmt: skip
BACK_TO = {
    Node.PRIVACY: Node.LANGUAGE,
    Node.COUNTRY: Node.PRIVACY,
    Node.COUNTRY_GUESS: Node.COUNTRY,
    Node.UPDATES: Node.COUNTRY,
    Node.SET_LANGUAGE: Node.SETTINGS,
    Node.SET_COUNTRY: Node.SETTINGS,
    Node.SET_COUNTRY_GUESS: Node.SET_COUNTRY,
    Node.FORGET: Node.SETTINGS,
    Node.FINDHELP_LIST: Node.FINDHELP,
    Node.FINDHELP_COUNTRY: Node.FINDHELP,
    **volunteer.BACK_TO,
}
screens.SCREENS.update(volunteer.SCREENS)


def resolve_lang(hint: str | None, languages: tuple[str, ...]) -> str:
    code = (hint or "").replace("_", "-").split("-")[0].lower()
    return code if code in languages else languages[0]


def step(s: Session, event: Event, ctx: Context) -> Outcome:
    s, dropped, expired = report.expire(s, ctx)
    if expired and s.node in report.REPORT_NODES and not isinstance(event, Stopped):
        out = show(s.at(Node.REPORT), ctx, "report-expired")
    else:
        out = dispatch(s, event, ctx)
    after = out.session
    if (after.job is not None or after.answers is not None or after.ad is not None) and not (
        after.node in JOB_NODES or (after.node == Node.HELP_NOW and after.back in JOB_NODES)
    ):  # the job check's findings and the ad are kept only while the person is in it
        after = replace(after, job=None, answers=None, ad=None, ad_at=None)
        out = replace(out, session=after)
    if findhelp.left(after) and (after.need or after.where or after.near):
        after = replace(after, need=None, where=None, near=None, near_at=None)
        out = replace(out, session=after)  # Find help's choices and location stay in it
    if after.compose is not None and after.node not in volunteer.VOLUNTEER_NODES:
        out = replace(out, session=replace(after, compose=None))
    if dropped:
        out = replace(out, effects=(*dropped, *out.effects))
    return out


def dispatch(s: Session, event: Event, ctx: Context) -> Outcome:
    if isinstance(event, Stopped):
        return Outcome((), (), s)
    if s.lang is None:
        s = replace(s, lang=resolve_lang(event.lang_hint, ctx.content.languages))
    if isinstance(event, Start):
        return start(s, event.payload, ctx)
    if isinstance(event, Text):
        return text(s, event.text.strip(), ctx)
    if isinstance(event, Button):
        return press(s, event.payload, ctx)
    if isinstance(event, Location):
        return location(s, event, ctx)
    if isinstance(event, PhotoSaved):
        return report.photo_saved(s, event, ctx)
    if isinstance(event, ReportSent):
        return report.report_sent(s, event, ctx)
    if isinstance(event, ReceiptChecked):
        return report.receipt_checked(s, event, ctx)
    if isinstance(event, AudienceCounted):
        return volunteer.audience_counted(s, event, ctx)
    if isinstance(event, BroadcastCreated):
        return volunteer.broadcast_created(s, event, ctx)
    if isinstance(event, BroadcastsListed):
        return volunteer.broadcasts_listed(s, event, ctx)
    if isinstance(event, InviteCreated):
        return volunteer.invite_created(s, event, ctx)
    if isinstance(event, InviteRedeemed):
        return volunteer.invite_redeemed(s, event, ctx)
    if isinstance(event, ConsoleLoginCreated):
        return volunteer.console_login_created(s, event, ctx)
    if isinstance(event, Photo) and s.node in report.REPORT_NODES:
        return report.photo(s, event, ctx)
    if isinstance(event, Photo) and s.node in JOB_NODES and s.node != Node.JOB_QUESTION:
        if event.caption:  # a forwarded ad is often a picture with its text
            return text(s, event.caption.strip(), ctx)
        return show(s, ctx, "jobcheck-photo-no-text")
    kind = event.kind if isinstance(event, Unsupported) else "photo"
    kind = kind if kind in UNSUPPORTED_KINDS else "other"
    return show(s, ctx, "unsupported", kind=Msg(f"kind-{kind}"))


def start(s: Session, payload: str | None, ctx: Context) -> Outcome:
    if payload and payload.startswith(INVITE) and DEEP_LINK.fullmatch(payload):
        return Outcome((), (RedeemInvite(payload[len(INVITE) :]),), s)  # never kept
    counted: tuple[Count, ...] = ()
    if payload and (shared := SHARED.fullmatch(payload)):
        counted = (Count(f"{SHARE_ARRIVAL}:{shared[1]}"),)
        counted += (Count(f"{SHARE_NEW}:{shared[1]}"),) if not s.onboarded else ()
    if payload and s.source is None and DEEP_LINK.fullmatch(payload):
        s = replace(s, source=payload)  # a campaign code; anything else typed is not kept
    out = _start(s, ctx)
    return replace(out, effects=(*counted, *out.effects)) if counted else out


def _start(s: Session, ctx: Context) -> Outcome:
    if not s.onboarded:
        return show(s.at(Node.LANGUAGE), ctx)
    if s.paused:  # stopped updates with /stop: /start offers them again
        return show(s.at(Node.RESUME), ctx)
    return show(s.at(Node.MENU), ctx, "welcome-back")


def text(s: Session, raw: str, ctx: Context) -> Outcome:
    if raw.startswith("/"):
        name, _, arg = raw[1:].partition(" ")
        return command(s, name.split("@")[0].lower(), arg.strip() or None, ctx)
    if bare(raw) in HELP_WORDS:
        return help_now(s, ctx)
    if s.node == Node.JOB_QUESTION:
        answer = ANSWER_WORDS.get(bare(raw))
        if answer is None:
            return show(s, ctx, "guided-tap-answer")
        return on_job(s, f"a:{len(s.answers or '')}:{answer}", ctx)
    if s.node in JOB_NODES:
        return check_ad(s, raw, ctx)
    if s.node in report.REPORT_NODES:
        return report.text(s, raw, ctx)
    return show(s, ctx, "unknown-input")


def check_ad(s: Session, raw: str, ctx: Context) -> Outcome:
    """The text is a job ad: show its warning signs; nothing of the text is kept."""
    rules = ctx.content.job_rules
    if rules is None:
        return show(s.at(Node.MENU), ctx, "jobcheck-unavailable")
    if len(WORD.findall(raw)) < MIN_AD_WORDS:  # after a result: likely a mistyped button
        return show(s, ctx, "jobcheck-too-short" if s.node == Node.JOB else "unknown-input")
    country = s.country if s.country != "other" else None
    result = analyse(raw[:MAX_AD_CHARS], rules, country)
    signs = ",".join(f.sign for f in result.findings)
    ad = raw[:MAX_AD_CHARS]  # kept only for "report this offer", while in the job check
    s = s.at(Node.JOB_RESULT, job=signs, answers=None, ad=ad, ad_at=ctx.now.isoformat())
    pay = next((f.pay for f in result.findings if f.pay is not None), None)
    reply = screens.job_result(s, ctx, {f.sign: f.evidence for f in result.findings}, pay)
    if len(raw) > MAX_AD_CHARS:
        reply = reply.with_notice(Msg.of("jobcheck-cut", chars=MAX_AD_CHARS))
    elif result.language == "und":
        reply = reply.with_notice(Msg("jobcheck-unknown-language"))
    counted = [Count(JOB_CHECKED)] + ([Count(JOB_HIGH)] if result.risk == "high" else [])
    return Outcome((reply,), tuple(counted), s)


def command(s: Session, name: str, arg: str | None, ctx: Context) -> Outcome:
    if name == "start":
        return start(s, arg, ctx)
    if name == "sos":
        return help_now(s, ctx)
    if name == "help":
        return show(s, ctx, "help-text")
    if name == "hide":
        return hide(s)
    if s.node in ONBOARDING and not s.onboarded:
        return show(s, ctx, "finish-onboarding")
    if name == "menu":
        return show(s.at(Node.MENU), ctx)
    if name == "language":
        return show(s.at(Node.SET_LANGUAGE), ctx)
    if name == "stop":
        return show(s.at(Node.STOP), ctx)
    if name == "forget":
        return show(s.at(Node.FORGET), ctx)
    if name == "report":
        return report.on_report(s, "", ctx)
    if name == "followup":
        return report.on_followup(s, "", ctx)
    return show(s, ctx, "unknown-command")


def hide(s: Session) -> Outcome:
    """No reply from the flow: the channel clears what it can, then sends one neutral line."""
    return Outcome((), (HideChat(),), s.at(Node.MENU, back=None))


def help_now(s: Session, ctx: Context) -> Outcome:
    back = s.back if s.node == Node.HELP_NOW else s.node
    return show(s.at(Node.HELP_NOW, back=back), ctx)


def location(s: Session, event: Location, ctx: Context) -> Outcome:
    if s.node in report.REPORT_NODES:
        return report.location(s, event, ctx)
    if s.node in FINDHELP_NODES:
        return findhelp.location(s, event, ctx)
    if s.node not in (Node.COUNTRY, Node.SET_COUNTRY, Node.COUNTRY_GUESS, Node.SET_COUNTRY_GUESS):
        return show(s, ctx, "location-not-needed")
    guess = ctx.content.nearest_country(event.lat, event.lon)
    if guess is None:
        return show(s, ctx, "location-unknown")
    onboarding = s.node in (Node.COUNTRY, Node.COUNTRY_GUESS)
    return show(
        s.at(Node.COUNTRY_GUESS if onboarding else Node.SET_COUNTRY_GUESS, guess=guess), ctx
    )


def press(s: Session, payload: str, ctx: Context) -> Outcome:
    verb, _, arg = payload.partition(":")
    handler = PRESS.get(verb)
    if handler is None:
        return show(s, ctx, "stale-button")
    if not s.onboarded and verb not in ONBOARDING_VERBS:
        return show(s, ctx, "finish-onboarding")
    return handler(s, arg, ctx)


def on_menu(s: Session, arg: str, ctx: Context) -> Outcome:
    return show(s.at(Node.MENU), ctx)


def on_sos(s: Session, arg: str, ctx: Context) -> Outcome:
    return help_now(s, ctx)


def on_back(s: Session, arg: str, ctx: Context) -> Outcome:
    if s.node == Node.HELP_NOW:
        target = s.back or (Node.MENU if s.onboarded else Node.LANGUAGE)
        return show(s.at(target, back=None), ctx)
    if s.node in report.REPORT_NODES:
        return report.back(s, ctx)
    if s.node in volunteer.VOLUNTEER_NODES and ctx.role is None:
        return show(s.at(Node.MENU), ctx)
    default = Node.MENU if s.onboarded else Node.LANGUAGE
    return show(s.at(BACK_TO.get(s.node, default)), ctx)


def on_language(s: Session, arg: str, ctx: Context) -> Outcome:
    if arg not in ctx.content.languages:
        return show(s, ctx, "stale-button")
    s = replace(s, lang=arg)
    if s.node in (Node.NEW, Node.LANGUAGE):
        return show(s.at(Node.PRIVACY), ctx)
    if s.node == Node.SET_LANGUAGE:
        return show(s.at(Node.SETTINGS), ctx, "language-changed")
    return show(s, ctx, "language-changed")


def on_ok(s: Session, arg: str, ctx: Context) -> Outcome:
    if s.node != Node.PRIVACY:
        return show(s, ctx, "stale-button")
    return show(s.at(Node.COUNTRY), ctx)


def on_country(s: Session, arg: str, ctx: Context) -> Outcome:
    in_settings = s.onboarded
    if arg == "list":
        return show(s.at(Node.SET_COUNTRY if in_settings else Node.COUNTRY), ctx)
    if arg != "other" and not ctx.content.has_country(arg):
        return show(s, ctx, "stale-button")
    s = replace(s, country=arg, guess=None)
    if not in_settings:
        return show(s.at(Node.UPDATES), ctx)
    if s.node == Node.HELP_NOW or s.back == Node.HELP_NOW:
        return show(s.at(Node.HELP_NOW, back=Node.MENU), ctx, "country-changed")
    return show(s.at(Node.SETTINGS), ctx, "country-changed")


def on_updates(s: Session, arg: str, ctx: Context) -> Outcome:
    if arg not in ("on", "off"):
        return show(s, ctx, "stale-button")
    s = replace(s, subscribed=arg == "on", paused=s.node == Node.STOP)
    if not s.onboarded:
        notice = "welcome-subscribed" if s.subscribed else "welcome-not-subscribed"
        return show(replace(s, onboarded=True).at(Node.MENU), ctx, notice)
    notice = "updates-started" if s.subscribed else "updates-stopped"
    if s.node == Node.STOP:
        return show(s.at(Node.MENU), ctx, "updates-paused")
    if s.node == Node.RESUME:
        return show(s.at(Node.MENU), ctx, notice)
    return show(s.at(Node.SETTINGS), ctx, notice)


def on_phase(s: Session, arg: str, ctx: Context) -> Outcome:
    if ctx.content.phase(arg) is None:
        return show(s, ctx, "stale-button")
    return show(s.at(Node.PHASE, phase=arg, topic=None), ctx)


def on_topic(s: Session, arg: str, ctx: Context) -> Outcome:
    phase_id, _, topic_id = arg.partition(":")
    p = ctx.content.phase(phase_id)
    if p is None or p.topic(topic_id) is None:
        return show(s, ctx, "stale-button")
    return show(s.at(Node.TOPIC, phase=phase_id, topic=topic_id), ctx)


def on_job(s: Session, arg: str, ctx: Context) -> Outcome:
    """``job`` (paste an ad), ``job:new``, ``job:ask`` (questions without an ad), ``job:q``
    (questions after the ad), ``job:a:<n>:<y|n|u>`` (answer to question n), ``job:back``."""
    if arg in ("", "new"):
        return show(s.at(Node.JOB, job=None, answers=None), ctx)
    if arg == "ask":
        return show(s.at(Node.JOB_QUESTION, job=None, answers=""), ctx)
    if arg == "q":
        return show(s.at(Node.JOB_QUESTION, answers=""), ctx)
    if arg == "back":
        if s.node != Node.JOB_QUESTION or s.answers is None:
            return show(s, ctx, "stale-button")
        if s.answers:
            return show(s.at(Node.JOB_QUESTION, answers=s.answers[:-1]), ctx)
        return show(s.at(Node.JOB if s.job is None else Node.JOB_RESULT, answers=None), ctx)
    _, number, answer = [*arg.split(":"), "", ""][:3]
    answers = s.answers or ""
    if (
        s.node != Node.JOB_QUESTION or answer not in ANSWERS or number != str(len(answers))
    ):  # an answer to a question that is not the one on screen
        return show(s, ctx, "stale-button")
    answers += answer
    total = len(asked(ctx.content.questions, screens.text_signs(s)))
    done = len(answers) >= total
    return show(s.at(Node.JOB_VERDICT if done else Node.JOB_QUESTION, answers=answers), ctx)


def on_soon(s: Session, arg: str, ctx: Context) -> Outcome:
    if arg == "jobcheck":  # a menu button from before the job check existed
        return on_job(s, "", ctx)
    if arg == "report":  # … and from before the report existed
        return report.on_report(s, "", ctx)
    if arg == "findhelp":  # … and from before Find help existed
        return findhelp.on_findhelp(s, "", ctx)
    if arg not in screens.FEATURES:
        return show(s, ctx, "stale-button")
    return show(s.at(Node.COMING_SOON, feature=arg), ctx)


def on_settings(s: Session, arg: str, ctx: Context) -> Outcome:
    if arg == "hide":
        return hide(s)
    if not s.onboarded:
        if arg != "cty":
            return show(s, ctx, "finish-onboarding")
        return show(s.at(Node.COUNTRY), ctx)
    target = {
        "": Node.SETTINGS,
        "lang": Node.SET_LANGUAGE,
        "cty": Node.SET_COUNTRY,
        "forget": Node.FORGET,
    }.get(arg)
    if target is None:
        return show(s, ctx, "stale-button")
    back = s.node if target == Node.SET_COUNTRY else s.back
    return show(s.at(target, back=back), ctx)


def on_forget(s: Session, arg: str, ctx: Context) -> Outcome:
    if arg == "no":
        return show(s.at(Node.SETTINGS), ctx, "forget-cancelled")
    if arg != "yes" or s.node != Node.FORGET:
        return show(s, ctx, "stale-button")
    fresh = Session(lang=s.lang)
    done = Reply((Msg("forget-done"),), ((action("btn-start-again", "restart"),), (screens.SOS,)))
    return Outcome((done,), (ForgetMe(),), fresh)


def on_restart(s: Session, arg: str, ctx: Context) -> Outcome:
    return start(s, None, ctx)


PRESS: dict[str, Callable[[Session, str, Context], Outcome]] = {
    "menu": on_menu,
    "sos": on_sos,
    "back": on_back,
    "lang": on_language,
    "ok": on_ok,
    "cty": on_country,
    "upd": on_updates,
    "ph": on_phase,
    "tp": on_topic,
    "soon": on_soon,
    "job": on_job,
    "rep": report.on_report,
    "fu": report.on_followup,
    "fh": findhelp.on_findhelp,
    "vol": volunteer.press,
    "set": on_settings,
    "forget": on_forget,
    "restart": on_restart,
}
ONBOARDING_VERBS = frozenset({"sos", "back", "lang", "ok", "cty", "upd", "set", "restart"})
