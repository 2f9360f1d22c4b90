"""``movesafe content check``: prove the content pack and the locales are whole.

Errors (non-zero exit): Fluent syntax errors; a message id missing in any shipped locale; a
translation using a variable the reference locale does not pass; a phase ``next`` that points
nowhere or a topic nobody can reach; a button payload over Telegram's 64 bytes; a screen over the
channels' text limits; a phone number that does not parse for its country; a referral entry
without source or with words outside the fixed vocabulary. Warnings: stale referral entries,
live phases outside 5–8 topics.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import phonenumbers
from fluent.syntax import FluentParser, ast
from fluent.syntax.visitor import Visitor
from phonenumbers import shortnumberinfo

from bot.content import KINDS, NEEDS, load_content
from bot.errors import ContentError
from bot.i18n import Renderer
from bot.job_rules import FIXED_SIGNS
from flows.content import COMING_SOON, LIVE, ContentPack
from flows.engine import UNSUPPORTED_KINDS
from flows.pay import PayReading
from flows.referrals import needs_in
from flows.replies import Msg
from flows.report import REPORT_NODES
from flows.screens import EVIDENCE_CHARS, FEATURES, Context, job_result, pay_detail, screen
from flows.session import Draft, Node, Session

REFERENCE = "en"
CONSOLE_LOCALES = Path(__file__).parent / "console" / "locales"
CONSOLE_LANGS = ("en", "uk")
TELEGRAM_TEXT_UTF16 = 4096
VIBER_TEXT_CHARS = 7000
PAYLOAD_BYTES = 64
STALE_DAYS = 365


@dataclass
class Report:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    facts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


class _Variables(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_VariableReference(self, node: ast.VariableReference) -> None:
        self.names.add(node.id.name)


def parse_locale(folder: Path, report: Report) -> dict[str, set[str]]:
    """Message id → variables it uses, for one locale; syntax errors go to the report."""
    messages: dict[str, set[str]] = {}
    for path in sorted(folder.glob("*.ftl")):
        resource = FluentParser(with_spans=True).parse(path.read_text(encoding="utf-8"))
        for entry in resource.body:
            if isinstance(entry, ast.Junk):
                start = entry.span.start if entry.span else 0
                line = path.read_text(encoding="utf-8")[:start].count("\n") + 1
                why = "; ".join(str(a.message) for a in entry.annotations)
                report.errors.append(f"{path}:{line}: Fluent syntax error: {why}")
            elif isinstance(entry, ast.Message):
                if entry.id.name in messages:
                    report.errors.append(f"{path}: message {entry.id.name!r} defined twice")
                found = _Variables()
                found.visit(entry)
                messages[entry.id.name] = found.names
    return messages


def check_locales(locales_dir: Path, languages: tuple[str, ...], report: Report) -> int:
    """Every message in every language, with no variable the reference lacks; the number of
    messages."""
    parsed = {lang: parse_locale(locales_dir / lang, report) for lang in languages}
    reference = parsed.get(REFERENCE) or parsed[languages[0]]
    every = set().union(*(set(m) for m in parsed.values()))
    for lang, messages in parsed.items():
        for msg_id in sorted(every - set(messages)):
            report.errors.append(f"{locales_dir / lang}: message {msg_id!r} is missing")
        for msg_id, names in messages.items():
            extra = names - reference.get(msg_id, names)
            if extra:
                report.errors.append(
                    f"{locales_dir / lang}: message {msg_id!r} uses unknown variable(s) "
                    f"{', '.join('$' + n for n in sorted(extra))}"
                )
    return len(every)


def content_messages(pack: ContentPack) -> Iterator[tuple[str, str]]:
    """(where, message id) for every id the content pack and the flows refer to."""
    for p in pack.phases:
        for key in ("title", "menu", "intro"):
            yield f"phase {p.id!r} {key}", getattr(p, key)
        for t in p.topics:
            yield f"phase {p.id!r} topic {t.id!r} title", t.title
            yield f"phase {p.id!r} topic {t.id!r} text", t.text
        if p.link is not None:
            yield f"phase {p.id!r} link label", p.link.label
    for a in pack.announcements:
        yield f"prepared message {a.id!r} title", a.title
        yield f"prepared message {a.id!r} text", a.text
        if a.link is not None:
            yield f"prepared message {a.id!r} link label", a.link.label
    for code in [*(c.code for c in pack.countries), *pack.referrals, "other"]:
        yield f"country {code}", f"country-{code}"
    for f in FEATURES:
        yield f"menu entry {f}", f"menu-{f}"
    for kind in UNSUPPORTED_KINDS:
        yield f"unsupported kind {kind}", f"kind-{kind}"
    for sign in FIXED_SIGNS:
        yield f"warning sign {sign}", f"sign-{sign}"
        yield f"warning sign {sign}", f"sign-{sign}-why"
    for level in ("high", "medium", "low"):
        yield f"job-check verdict {level}", f"job-risk-{level}"
        yield f"guided-check verdict {level}", f"verdict-{level}"
    for q in pack.questions:
        yield f"guided question {q.id!r}", f"guided-{q.id}"
        yield f"guided question {q.id!r}", f"guided-{q.id}-tip"


def check_phases(pack: ContentPack, report: Report) -> None:
    seen: set[str] = set()
    for p in pack.phases:
        where = f"content/phases: phase {p.id!r}"
        if p.id in seen:
            report.errors.append(f"{where}: id used twice")
        seen.add(p.id)
        if p.status not in (LIVE, COMING_SOON):
            report.errors.append(f"{where}: status must be {LIVE!r} or {COMING_SOON!r}")
        ids = [t.id for t in p.topics]
        for dup in {i for i in ids if ids.count(i) > 1}:
            report.errors.append(f"{where}: topic id {dup!r} used twice")
        for t in p.topics:
            if t.next is not None and p.topic(t.next) is None:
                report.errors.append(f"{where} topic {t.id!r}: next {t.next!r} does not exist")
        reachable = {t.id for t in p.chain()}
        for t in p.topics:
            if t.id not in reachable:
                report.errors.append(f"{where} topic {t.id!r}: unreachable from the first topic")
        if p.live and not 5 <= len(p.topics) <= 8:
            report.warnings.append(f"{where}: a live phase should have 5–8 topics")
    report.facts["phases"] = len(pack.phases)
    report.facts["topics"] = sum(len(p.topics) for p in pack.phases)


def payloads(pack: ContentPack) -> Iterator[str]:
    yield from (f"lang:{lang}" for lang in pack.languages)
    yield from (f"cty:{c}" for c in [*(c.code for c in pack.countries), *pack.referrals])
    yield from (f"soon:{f}" for f in FEATURES)
    for p in pack.phases:
        yield f"ph:{p.id}"
        yield from (f"tp:{p.id}:{t.id}" for t in p.topics)


def check_payloads(pack: ContentPack, report: Report) -> None:
    for payload in payloads(pack):
        if len(payload.encode()) > PAYLOAD_BYTES:
            report.errors.append(f"button payload {payload!r} is over {PAYLOAD_BYTES} bytes")
        if not re.fullmatch(r"[A-Za-z0-9:_-]+", payload):
            report.errors.append(
                f"button payload {payload!r} has characters outside A-Z a-z 0-9 : _ -"
            )


def phone_ok(number: str, country: str, short: bool = False) -> bool:
    """Valid for the country, or a valid short number. ``short`` entries (numbers libphonenumber's
    short-number data lacks, e.g. DE 116 016) must still parse and be 3–6 digits."""
    try:
        parsed = phonenumbers.parse(number, country)
    except phonenumbers.NumberParseException:
        return False
    if short:
        return number.strip()[0] != "+" and 3 <= len(str(parsed.national_number)) <= 6
    return bool(
        phonenumbers.is_valid_number(parsed) or shortnumberinfo.is_valid_short_number(parsed)
    )


def check_referrals(
    pack: ContentPack, today: dt.date, report: Report, stale_days: int = STALE_DAYS
) -> None:
    ids: set[str] = set()
    stale = 0
    for country, entries in pack.referrals.items():
        where = f"content/referrals/{country}.yaml"
        needs_seen = {n for r in entries for n in r.needs}
        if not any(r.kind == "emergency" for r in entries):
            report.errors.append(f"{where}: no emergency entry")
        if "trafficking" not in needs_seen:
            report.errors.append(f"{where}: no trafficking/exploitation contact")
        for r in entries:
            here = f"{where} entry {r.id!r}"
            if r.id in ids:
                report.errors.append(f"{here}: id used twice")
            ids.add(r.id)
            if r.kind not in KINDS:
                report.errors.append(f"{here}: kind {r.kind!r} is not one of {sorted(KINDS)}")
            for need in set(r.needs) - NEEDS:
                report.errors.append(f"{here}: need {need!r} is not one of {sorted(NEEDS)}")
            for lang in pack.languages:
                for key, words in (("name", r.name), ("about", r.about)):
                    if not words.get(lang):
                        report.errors.append(f"{here}: {key} has no {lang!r} text")
            for phone in r.phones:
                if not phone_ok(phone.number, country, phone.short):
                    report.errors.append(
                        f"{here}: phone {phone.number!r} is not a valid number for {country}"
                    )
                elif phone.short and phone_ok(phone.number, country):
                    report.warnings.append(f"{here}: {phone.number!r} is known now: drop 'short'")
            if not re.match(r"https?://\S+\.\S+", r.source):
                report.errors.append(f"{here}: source must be a web address, got {r.source!r}")
            if r.web and not re.fullmatch(r"https?://[^\s/]+\.[^\s]+", r.web):
                report.errors.append(f"{here}: web address {r.web!r} is malformed")
            if r.verified > today:
                report.errors.append(f"{here}: verified date {r.verified} is in the future")
            elif (today - r.verified).days > stale_days:
                report.warnings.append(f"{here}: stale, last verified {r.verified}")
                stale += 1
            if (r.lat is None) != (r.lon is None) or (r.lat is not None and not r.city):
                report.errors.append(f"{here}: a local service needs city, lat and lon together")
    for c in pack.countries:
        if c.code not in pack.referrals:
            report.errors.append(f"content/countries.yaml: {c.code} has no referral file")
    report.facts["countries"] = len(pack.referrals)
    report.facts["referral entries"] = sum(len(e) for e in pack.referrals.values())
    report.facts[f"stale (verified over {stale_days} days ago)"] = stale


def sample_sessions(pack: ContentPack) -> Iterator[Session]:
    """One session per screen the content can produce, to render in every language."""
    for node in (
        Node.LANGUAGE, Node.PRIVACY, Node.COUNTRY, Node.UPDATES, Node.MENU, Node.FORGET,
        Node.STOP, Node.RESUME,
    ):  # fmt: skip
        yield Session(node=node)
    for country in [*pack.referrals, "other"]:
        yield Session(node=Node.HELP_NOW, country=country)
        yield Session(node=Node.SETTINGS, country=country, subscribed=True)
        yield Session(node=Node.COUNTRY_GUESS, guess=country)
    for f in FEATURES:
        yield Session(node=Node.COMING_SOON, feature=f)
    for p in pack.phases:
        yield Session(node=Node.PHASE, phase=p.id)
        for t in p.topics:
            yield Session(node=Node.TOPIC, phase=p.id, topic=t.id)
    every_sign = ",".join(r.id for r in pack.job_rules.signs) if pack.job_rules else ""
    yield Session(node=Node.JOB)
    for signs in ("", every_sign):
        yield Session(node=Node.JOB_RESULT, job=signs)
    for n in range(len(pack.questions)):
        yield Session(node=Node.JOB_QUESTION, answers="n" * n)
    for country in [*pack.referrals, "other"]:  # the longest verdict: every sign, all unsure
        yield Session(node=Node.JOB_VERDICT, job=every_sign, answers="u" * 10, country=country)
        yield Session(node=Node.REPORT, country=country)
    yield from report_sessions(pack, every_sign)
    yield from findhelp_sessions(pack)


def findhelp_sessions(pack: ContentPack) -> Iterator[Session]:
    """Find help in every country: every need, with and without a shared location."""
    yield Session(node=Node.FINDHELP, country="other")
    yield Session(node=Node.FINDHELP_COUNTRY)
    for country, entries in pack.referrals.items():
        yield Session(node=Node.FINDHELP, country=country)
        located = [r for r in entries if r.lat is not None]
        spot = f"{located[0].lat},{located[0].lon}" if located else "50.06,19.94"
        for need in ["all", *needs_in(entries)]:
            yield Session(node=Node.FINDHELP_LIST, where=country, need=need)
            yield Session(node=Node.FINDHELP_LIST, where=country, need=need, near=spot)


def report_sessions(pack: ContentPack, every_sign: str) -> Iterator[Session]:
    """The report's screens, with drafts from empty to full (longest texts shortened)."""
    started = dt.datetime.now(dt.UTC).isoformat()
    empty = Draft(id="d", started=started)
    country = pack.countries[0].code if pack.countries else None
    drafts = (
        empty,
        replace(empty, category="other", when="week", country=country, city="ж" * 120),
        replace(empty, category="job", signs=tuple(every_sign.split(",")), offer="ж" * 6000,
                lat=50.0, lon=20.0, exact=True, texts=("ж" * 4000,) * 5, photos=10, when="today"),
        replace(empty, category="transport", lat=50.0, lon=20.0, texts=("ж",), photos=1),
        replace(empty, receipt="00", texts=("ж",) * 3, photos=2),
    )  # fmt: skip
    for node in REPORT_NODES:
        yield Session(node=node)
        for d in drafts:
            yield Session(node=node, draft=d)


def too_long(text: str) -> bool:
    """Over Telegram's 4096 UTF-16 units or Viber's 7000 characters for one message."""
    return len(text.encode("utf-16-le")) // 2 > TELEGRAM_TEXT_UTF16 or len(text) > VIBER_TEXT_CHARS


def check_screens(pack: ContentPack, renderer: Renderer, report: Report) -> None:
    ctx = Context(now=dt.datetime.now(dt.UTC), content=pack)
    count = 0
    for lang in pack.languages:
        for where, msg_id in content_messages(pack):
            if not renderer.has(msg_id, lang):
                report.errors.append(f"locales/{lang}: message {msg_id!r} ({where}) is missing")
        for s in sample_sessions(pack):
            s = Session(**{**s.__dict__, "lang": lang})
            try:
                text = renderer.render(screen(s, ctx), lang).text
            except ContentError as exc:
                report.errors.append(f"screen {s.node} ({s.phase or s.country or ''}): {exc}")
                continue
            count += 1
            if too_long(text):
                report.errors.append(f"screen {s.node} in {lang} is over the channel text limits")
        for notice in NOTICES:
            try:
                renderer.format(
                    Msg.of(
                        notice,
                        kind=Msg("kind-other"),
                        country=Msg("country-other"),
                        chars=6000,
                        count=2,
                        max=10,
                        code="0000 0000 0000 0000",
                    ),
                    lang,
                )
            except ContentError as exc:
                report.errors.append(str(exc))
        count += check_longest_job_result(pack, renderer, lang, report)
        count += check_broadcasts(pack, renderer, lang, report)
        count += check_volunteer_screens(pack, renderer, lang, report)
    report.facts["screens rendered"] = count


def check_volunteer_screens(
    pack: ContentPack, renderer: Renderer, lang: str, report: Report
) -> int:
    """The volunteer corner as a coordinator sees it, with answers from the runtime."""
    from flows import volunteer
    from flows.events import BroadcastInfo, BroadcastsListed, InviteCreated, InviteRedeemed
    from flows.session import Compose

    ctx = Context(now=dt.datetime.now(dt.UTC), content=pack, role="coordinator")
    live = [p for p in pack.phases if p.live]
    if not live:
        return 0
    counts = (("telegram", lang, 1234), ("viber", lang, 21))
    compose = Compose("phase", live[0].id, ("PL", "RO"), (lang,), counts=counts, viber_price=0.02)
    base = Session(node=Node.VOLUNTEER, lang=lang, onboarded=True, compose=compose)
    replies = [volunteer.SCREENS[node](base.at(node), ctx) for node in volunteer.SCREENS]
    replies += list(volunteer.preview(base.at(Node.VOL_PREVIEW), ctx))
    info = tuple(
        BroadcastInfo(i, "phase", live[0].id, status, 10, 20)
        for i, status in enumerate(("ready", "scheduled", "sending", "done", "cancelled"), 1)
    )
    answers = [
        volunteer.broadcasts_listed(base, BroadcastsListed(rows=info, notice="vol-cancelled",
                                                           cancelled=1), ctx),
        volunteer.invite_created(base, InviteCreated(role="coordinator", payload="invX"), ctx),
        volunteer.invite_redeemed(base, InviteRedeemed(role="volunteer"), ctx),
        volunteer.invite_redeemed(base, InviteRedeemed(role=None), ctx),
    ]  # fmt: skip
    replies += [r for out in answers for r in out.replies]
    for reply in replies:
        try:
            text = renderer.render(reply, lang).text
        except ContentError as exc:
            report.errors.append(f"volunteer screen: {exc}")
            continue
        if too_long(text):
            report.errors.append(f"volunteer screen in {lang} is over the channel text limits")
    return len(replies)


def check_broadcasts(pack: ContentPack, renderer: Renderer, lang: str, report: Report) -> int:
    """Every phase and prepared message renders as a broadcast within the channels' limits."""
    from flows.broadcast import MESSAGE, PHASE, broadcast_reply

    made = [(PHASE, p.id) for p in pack.phases if p.live]
    made += [(MESSAGE, a.id) for a in pack.announcements]
    ids = [a.id for a in pack.announcements]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        report.errors.append(f"content/broadcasts.yaml: message id {dup!r} used twice")
    for kind, content_id in made:
        try:
            text = renderer.render(broadcast_reply(pack, kind, content_id), lang).text
        except ContentError as exc:
            report.errors.append(f"broadcast {kind} {content_id!r}: {exc}")
            continue
        if too_long(text):
            report.errors.append(f"broadcast {kind} {content_id!r} in {lang} is too long")
    return len(made)


def check_longest_job_result(
    pack: ContentPack, renderer: Renderer, lang: str, report: Report
) -> int:
    """The job check's result with every sign, each quoting the longest evidence shown."""
    if pack.job_rules is None:
        return 0
    ctx = Context(now=dt.datetime.now(dt.UTC), content=pack)
    signs = [r.id for r in pack.job_rules.signs]
    s = Session(node=Node.JOB_RESULT, job=",".join(signs), lang=lang)
    country = pack.countries[0].code if pack.countries else "other"
    pay = PayReading(0, 1, 3000.0, "EUR", "month", False, country, 3000.0, 1000.0, 3.0, 1.8)
    reply = job_result(s, ctx, dict.fromkeys(signs, "ж" * EVIDENCE_CHARS), pay)
    try:
        text = renderer.render(reply, lang).text
        for variant in (replace(pay, ratio=2.1, fallback=True), replace(pay, ratio=11.4)):
            for known in (pack.has_country, lambda _code: False):
                renderer.format(pay_detail(variant, known), lang)  # plural forms, arguments
    except ContentError as exc:
        report.errors.append(f"the job check's result in {lang}: {exc}")
        return 0
    if too_long(text):
        report.errors.append(f"the job check's longest result in {lang} is over the limits")
    return 1


# Notices the flows show above a screen (see flows/engine.py).
NOTICES = (
    "welcome-back", "welcome-subscribed", "welcome-not-subscribed", "finish-onboarding",
    "unknown-input", "unknown-command", "stale-button", "location-not-needed", "location-unknown",
    "unsupported", "help-text", "updates-started", "updates-stopped", "language-changed",
    "country-changed", "forget-cancelled", "forget-done", "hide-done", "hide-not-possible",
    "updates-paused", "jobcheck-too-short", "jobcheck-cut", "jobcheck-unknown-language",
    "jobcheck-photo-no-text", "jobcheck-unavailable", "guided-tap-answer", "report-gone",
    "report-discarded", "report-need-text", "followup-need-something", "report-city-too-long",
    "report-use-buttons", "report-full", "report-text-added", "report-photo-later",
    "report-photo-too-many", "report-photo-not-image", "report-photo-too-large",
    "report-photo-failed", "report-photo-saved", "report-limited", "report-failed",
    "report-not-found", "report-expired", "followup-limited", "followup-not-found",
    "report-receipt", "followup-added", "report-added-review", "findhelp-choose-country",
    "findhelp-near", "findhelp-card-sent", "findhelp-card-unavailable",
)  # fmt: skip


def check_job_check(pack: ContentPack, report: Report) -> None:
    rules = pack.job_rules
    if rules is None:
        return
    report.facts["warning signs"] = len(rules.signs)
    if rules.model is not None:  # optional: without it the rules read alone
        report.facts["labelled offers behind the learned reading"] = int(
            str(rules.model.trained_on.get("offers", 0))
        )
    if rules.pay is None:
        report.errors.append("content: reference_pay.yaml or pay_words.yaml missing (pay check)")
    else:
        with_minimum = [c for c in rules.pay.countries.values() if c.monthly]
        report.facts["countries with a reference minimum wage"] = len(with_minimum)
    signs = {r.id for r in rules.signs}
    for q in pack.questions:
        if q.sign not in signs:
            report.errors.append(f"content/guided_check.yaml: {q.id!r}: unknown sign {q.sign!r}")
    if pack.questions and not 6 <= len(pack.questions) <= 10:
        report.errors.append("content/guided_check.yaml: keep 6 to 10 questions")


def run_check(
    content_dir: Path,
    locales_dir: Path,
    today: dt.date | None = None,
    stale_days: int = STALE_DAYS,
) -> Report:
    report = Report()
    try:
        pack = load_content(content_dir, locales_dir)
    except ContentError as exc:
        report.errors.append(str(exc))
        return report
    report.facts["messages"] = check_locales(locales_dir, pack.languages, report)
    report.facts["locales"] = len(pack.languages)
    report.facts["console messages"] = check_locales(CONSOLE_LOCALES, CONSOLE_LANGS, report)
    check_phases(pack, report)
    check_payloads(pack, report)
    check_referrals(pack, today or dt.date.today(), report, stale_days)
    check_job_check(pack, report)
    if report.ok:  # rendering needs whole locales
        check_screens(pack, Renderer(locales_dir, pack.languages, strict=True), report)
    return report
