"""One function per node: what the person sees there. Every screen offers Help now."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from flows.content import ContentPack, Referral
from flows.guided import ANSWERS, asked, verdict
from flows.jobcheck import PAY_SIGN, risk_level
from flows.pay import PayReading
from flows.referrals import looked_in, near, needs_in, rank
from flows.replies import ButtonKind, ButtonSpec, Msg, Reply, action, lines, row
from flows.session import Draft, Node, Session

# Main-menu entries whose issues come later show a short "coming soon" screen.
FEATURES: tuple[str, ...] = ()
EVIDENCE_CHARS = 80  # a quote from the ad, shortened


@dataclass(frozen=True)
class Context:
    """What the runtime passes into a step: the time and the content pack."""

    now: datetime
    content: ContentPack
    token: str = ""  # fresh randomness from the runtime, for a new draft's id
    role: str | None = None  # volunteer | coordinator for people on the volunteers list


SOS = action("btn-help-now", "sos")
MENU = action("btn-menu", "menu")
BACK = action("btn-back", "back")


def pairs(buttons: Iterable[ButtonSpec]) -> tuple[tuple[ButtonSpec, ...], ...]:
    items = list(buttons)
    return tuple(tuple(items[i : i + 2]) for i in range(0, len(items), 2))


def language(s: Session, ctx: Context) -> Reply:
    chosen = s.lang or ctx.content.languages[0]
    ordered = [chosen, *(lang for lang in ctx.content.languages if lang != chosen)]
    buttons = [ButtonSpec(Msg("language-name", lang=lang), f"lang:{lang}") for lang in ordered]
    tail = row(BACK, SOS) if s.node == Node.SET_LANGUAGE else row(SOS)
    return Reply((Msg("language-choose"),), (tuple(buttons), tail))


def privacy(s: Session, ctx: Context) -> Reply:
    return Reply((Msg("privacy-note"),), (row(action("btn-ok", "ok")), row(BACK, SOS)))


def country_buttons(ctx: Context) -> tuple[tuple[ButtonSpec, ...], ...]:
    countries = [action(f"country-{c.code}", f"cty:{c.code}") for c in ctx.content.countries]
    share = ButtonSpec(Msg("btn-share-location"), "", ButtonKind.LOCATION)
    return (*pairs(countries), row(share), row(action("country-other", "cty:other")))


def country(s: Session, ctx: Context) -> Reply:
    return Reply((Msg("country-choose"),), (*country_buttons(ctx), row(BACK, SOS)))


def country_guess(s: Session, ctx: Context) -> Reply:
    guess = s.guess or "other"
    return Reply(
        (Msg.of("country-guess", country=Msg(f"country-{guess}")),),
        (
            row(action("btn-yes", f"cty:{guess}")),
            row(action("btn-choose-country", "cty:list")),
            row(BACK, SOS),
        ),
    )


def updates(s: Session, ctx: Context) -> Reply:
    return Reply(
        (Msg("updates-ask"),),
        (row(action("btn-updates-yes", "upd:on"), action("btn-updates-no", "upd:off")), row(SOS)),
    )


def menu(s: Session, ctx: Context) -> Reply:
    phases = [row(action(p.menu, f"ph:{p.id}")) for p in ctx.content.phases]
    features = [row(action(f"menu-{f}", f"soon:{f}")) for f in FEATURES]
    jobcheck = row(action("menu-jobcheck", "job"))
    report = row(action("menu-report", "rep"))
    findhelp = row(action("menu-findhelp", "fh"))
    volunteer = [row(action("menu-volunteer", "vol"))] if ctx.role else []
    return Reply(
        (Msg("menu-text"),),
        (
            row(SOS),
            *phases,
            jobcheck,
            report,
            findhelp,
            *features,
            row(action("menu-settings", "set")),
            *volunteer,
        ),
        title=Msg("menu-title"),
    )


def help_now(s: Session, ctx: Context) -> Reply:
    lang = s.lang or ctx.content.languages[0]
    entries = ctx.content.helpnow(s.country)
    if not entries:
        parts: tuple[Msg, ...] = (Msg("helpnow-no-country"),)
    else:
        parts = (
            Msg.of("helpnow-intro", country=Msg(f"country-{s.country}")),
            *(
                Msg.of(
                    "helpnow-entry",
                    name=r.name_in(lang),
                    about=r.about_in(lang),
                    phones=", ".join(p.display for p in r.phones),
                )
                for r in entries
            ),
            Msg("helpnow-footer"),
        )
    nav = row(BACK, MENU) if s.onboarded else row(BACK)  # no menu before setting up
    buttons = (row(action("btn-change-country", "set:cty")), nav)
    return Reply(parts, buttons, title=Msg("helpnow-title"))


def phase(s: Session, ctx: Context) -> Reply:
    p = ctx.content.phase(s.phase)
    if p is None:
        return menu(s, ctx)
    if not p.live:
        return Reply((Msg(p.intro),), (row(MENU, SOS),), title=Msg(p.title))
    topics = [row(action(t.title, f"tp:{p.id}:{t.id}")) for t in p.chain()]
    parts = (Msg(p.intro), Msg.of("phase-topics-count", count=len(p.topics)))
    return Reply(parts, (*topics, row(MENU, SOS)), title=Msg(p.title))


def topic(s: Session, ctx: Context) -> Reply:
    p = ctx.content.phase(s.phase)
    t = p.topic(s.topic) if p else None
    if p is None or t is None:
        return phase(s, ctx)
    prev = p.previous(t.id)
    back = action("btn-back", f"tp:{p.id}:{prev.id}" if prev else f"ph:{p.id}")
    forward = (
        action("btn-next", f"tp:{p.id}:{t.next}") if t.next else action("btn-done", f"ph:{p.id}")
    )
    progress = Msg.of("topic-progress", n=p.position(t.id), total=len(p.topics))
    return Reply((Msg(t.text), progress), (row(back, forward), row(MENU, SOS)), title=Msg(t.title))


def coming_soon(s: Session, ctx: Context) -> Reply:
    if not s.feature:  # every feature has landed; an old session still here sees the menu
        return menu(s, ctx)
    feature = Msg(f"menu-{s.feature}")
    return Reply((Msg.of("soon-text", feature=feature),), (row(SOS), row(MENU)))


def job(s: Session, ctx: Context) -> Reply:
    return Reply(
        (Msg("jobcheck-intro"),),
        (row(action("btn-job-questions-only", "job:ask")), row(MENU, SOS)),
        title=Msg("menu-jobcheck"),
    )


def text_signs(s: Session) -> tuple[str, ...]:
    return tuple(sign for sign in (s.job or "").split(",") if sign)


def sign_line(sign: str, evidence: str | None = None) -> Msg:
    if not evidence:
        return Msg.of("jobcheck-sign", name=Msg(f"sign-{sign}"), why=Msg(f"sign-{sign}-why"))
    if len(evidence) > EVIDENCE_CHARS:
        evidence = evidence[: EVIDENCE_CHARS - 1].rstrip() + "…"
    return Msg.of(
        "jobcheck-sign-quoted",
        name=Msg(f"sign-{sign}"),
        why=Msg(f"sign-{sign}-why"),
        evidence=evidence,
    )


def pay_detail(pay: PayReading, known: Callable[[str], bool]) -> Msg:
    """How far the pay is above the legal minimum where the job is; ``known(code)`` says
    whether the country has a name in the locales."""
    ratio = round(pay.ratio, 1) if pay.ratio < 10 else float(round(pay.ratio))
    shown: int | float = int(ratio) if ratio == int(ratio) else ratio
    args: dict[str, str | int | float | Msg] = {"ratio": shown, "minimum": round(pay.reference_eur)}
    if not known(pay.country):
        return Msg.of("jobcheck-pay-detail-nameless", **args)
    kind = "jobcheck-pay-detail-fallback" if pay.fallback else "jobcheck-pay-detail"
    return Msg.of(kind, **args, country=Msg(f"country-{pay.country}"))


def job_result(
    s: Session,
    ctx: Context,
    evidence: Mapping[str, str] | None = None,
    pay: PayReading | None = None,
) -> Reply:
    """The ad's warning signs (quoted from the ad right after the check, not stored), and for
    pay, how it compares with the minimum wage."""
    signs = text_signs(s)
    severity = ctx.content.severity
    risk = risk_level([severity.get(x, "medium") for x in signs])
    quotes = evidence or {}
    found: list[Msg] = []
    for x in signs:
        line = sign_line(x, quotes.get(x))
        if x == PAY_SIGN and pay is not None and line.id == "jobcheck-sign-quoted":
            detail = pay_detail(pay, ctx.content.has_country)
            line = Msg.of("jobcheck-sign-pay", **line.args, detail=detail)
        found.append(line)
    found = found or [Msg("job-no-signs")]
    questions = len(asked(ctx.content.questions, signs))
    buttons = [
        row(action("btn-job-another", "job:new")),
        row(action("btn-job-report", "rep:offer")),
        row(MENU, SOS),
    ]
    if questions:
        buttons.insert(0, row(action("btn-job-questions", "job:q", count=questions)))
        found.append(Msg.of("jobcheck-questions-offer", count=questions))
    return Reply(
        (Msg(f"job-risk-{risk}"), *found), tuple(buttons), title=Msg("jobcheck-result-title")
    )


def job_question(s: Session, ctx: Context) -> Reply:
    questions = asked(ctx.content.questions, text_signs(s))
    n = len(s.answers or "")
    if n >= len(questions):
        return job_verdict(s, ctx)
    q = questions[n]
    answer = [action(f"btn-answer-{a}", f"job:a:{n}:{a}") for a in ANSWERS]
    return Reply(
        (Msg.of("guided-progress", n=n + 1, total=len(questions)), Msg(f"guided-{q.id}")),
        (tuple(answer), row(action("btn-back", "job:back"), MENU), row(SOS)),
    )


def job_verdict(s: Session, ctx: Context) -> Reply:
    signs = text_signs(s)
    v = verdict(ctx.content.questions, signs, s.answers or "", ctx.content.severity)
    parts = [Msg(f"verdict-{v.risk}")]
    if v.from_text:
        parts += [Msg("verdict-from-ad"), *(sign_line(x) for x in v.from_text)]
    if v.from_answers:
        parts += [Msg("verdict-from-answers"), *(sign_line(x) for x in v.from_answers)]
    if v.unsure:
        tips = (Msg.of("verdict-tip", tip=Msg(f"guided-{q.id}-tip")) for q in v.unsure)
        parts += [Msg("verdict-unsure"), *tips]
    lang = s.lang or ctx.content.languages[0]
    entries = ctx.content.helpnow(s.country)
    hotlines = [r for r in entries if r.kind != "emergency"] or list(entries)
    if hotlines:
        first = hotlines[0]
        parts.append(
            Msg.of(
                "verdict-hotline",
                name=first.name_in(lang),
                phones=", ".join(p.display for p in first.phones),
            )
        )
    else:
        parts.append(Msg("verdict-hotline-none"))
    parts += [Msg("verdict-verify"), Msg("verdict-report")]
    return Reply(
        tuple(parts),
        (
            row(action("btn-job-report", "rep:offer")),
            row(action("btn-job-another", "job:new")),
            row(MENU, SOS),
        ),
        title=Msg("verdict-title"),
    )


def settings(s: Session, ctx: Context) -> Reply:
    lang = s.lang or ctx.content.languages[0]
    text = Msg.of(
        "settings-text",
        language=Msg("language-name", lang=lang),
        country=Msg(f"country-{s.country or 'other'}"),
        updates=Msg("updates-on" if s.subscribed else "updates-off"),
    )
    toggle = "upd:off" if s.subscribed else "upd:on"
    label = "btn-updates-turn-off" if s.subscribed else "btn-updates-turn-on"
    return Reply(
        (text,),
        (
            row(action("btn-set-language", "set:lang"), action("btn-set-country", "set:cty")),
            row(action(label, toggle)),
            row(action("btn-hide", "set:hide")),
            row(action("btn-forget", "set:forget")),
            row(MENU, SOS),
        ),
        title=Msg("menu-settings"),
    )


def forget(s: Session, ctx: Context) -> Reply:
    return Reply(
        (Msg("forget-confirm"),),
        (
            row(action("btn-forget-yes", "forget:yes")),
            row(action("btn-forget-no", "forget:no")),
            row(SOS),
        ),
    )


def stop(s: Session, ctx: Context) -> Reply:
    return Reply(
        (Msg("stop-confirm"),),
        (row(action("btn-stop-yes", "upd:off")), row(action("btn-stop-no", "menu")), row(SOS)),
    )


def resume(s: Session, ctx: Context) -> Reply:
    return Reply(
        (Msg("resume-ask"),),
        (row(action("btn-updates-yes", "upd:on"), action("btn-updates-no", "upd:off")), row(SOS)),
    )


# The anonymous report (issue 6). Every step offers Back, Discard, Menu (the draft waits up to
# an hour) and Help now.
REPORT_CATEGORIES = (
    "job", "transport", "housing", "documents_money", "controlled", "online", "other",
)  # fmt: skip
REPORT_WHENS = ("today", "week", "earlier")
QUOTE_CHARS = 300  # a text shown back on the review screen, shortened
DISCARD = action("btn-report-discard", "rep:cancel")
DRAFT_NAV = (row(BACK, DISCARD), row(MENU, SOS))


def emergency_line(s: Session, ctx: Context) -> Msg:
    """'If someone is in danger now, call …' with the country's emergency number."""
    entries = ctx.content.helpnow(s.country)
    emergency = [r for r in entries if r.kind == "emergency"]
    if not emergency:
        return Msg("report-danger-unknown")
    phones = ", ".join(p.display for r in emergency[:1] for p in r.phones)
    return Msg.of("report-danger", phones=phones)


def report(s: Session, ctx: Context) -> Reply:
    parts = [Msg("report-intro"), emergency_line(s, ctx)]
    d = s.draft
    if d is None:
        first = row(action("btn-report-start", "rep:new"))
        buttons = (first, row(action("btn-report-followup", "fu")), row(MENU, SOS))
        return Reply(tuple(parts), buttons, title=Msg("report-title"))
    if d.receipt is not None:
        parts.append(Msg("report-draft-followup"))
    elif d.offer is not None or d.signs:
        parts.append(Msg("report-draft-offer"))
    else:
        minutes = max(0, int((ctx.now - datetime.fromisoformat(d.started)).total_seconds() // 60))
        parts.append(Msg.of("report-draft-open", minutes=minutes))
    buttons = (
        row(action("btn-report-continue", "rep:go")),
        row(action("btn-report-start-over", "rep:new")),
        row(MENU, SOS),
    )
    return Reply(tuple(parts), buttons, title=Msg("report-title"))


def report_category(s: Session, ctx: Context) -> Reply:
    choices = [row(action(f"report-category-{c}", f"rep:cat:{c}")) for c in REPORT_CATEGORIES]
    return Reply((Msg("report-category-ask"),), (*choices, *DRAFT_NAV))


def report_country(s: Session, ctx: Context) -> Reply:
    countries = [action(f"country-{c.code}", f"rep:cty:{c.code}") for c in ctx.content.countries]
    other = row(action("report-country-other", "rep:cty:other"))
    return Reply((Msg("report-country-ask"),), (*pairs(countries), other, *DRAFT_NAV))


def report_place(s: Session, ctx: Context) -> Reply:
    share = ButtonSpec(Msg("btn-share-location"), "", ButtonKind.LOCATION)
    skip = row(action("btn-skip", "rep:next"))
    return Reply((Msg("report-place-ask"),), (row(share), skip, *DRAFT_NAV))


def report_exact(s: Session, ctx: Context) -> Reply:
    choices = (
        row(action("btn-report-area", "rep:exact:no")),
        row(action("btn-report-exact", "rep:exact:yes")),
    )
    return Reply((Msg("report-exact-ask"),), (*choices, *DRAFT_NAV))


def report_when(s: Session, ctx: Context) -> Reply:
    choices = [row(action(f"report-when-{w}", f"rep:when:{w}")) for w in REPORT_WHENS]
    return Reply((Msg("report-when-ask"),), (*choices, *DRAFT_NAV))


def report_what(s: Session, ctx: Context) -> Reply:
    d = s.draft
    parts = [Msg("report-what-ask")]
    if d is not None and (d.offer is not None or d.signs):
        parts.append(Msg("report-what-offer"))
    if d is not None and d.texts:
        parts.append(Msg.of("report-what-count", count=len(d.texts)))
    return Reply(tuple(parts), (row(action("btn-done", "rep:next")), *DRAFT_NAV))


def report_photos(s: Session, ctx: Context) -> Reply:
    count = s.draft.photos if s.draft else 0
    parts = [Msg("report-photos-ask")]
    if count:
        parts.append(Msg.of("report-photos-count", count=count))
    label = "btn-done" if count else "btn-skip"
    return Reply(tuple(parts), (row(action(label, "rep:next")), *DRAFT_NAV))


def where(d: Draft) -> Msg:
    country = Msg(f"country-{d.country}") if d.country else Msg("report-not-given")
    if d.city:
        return Msg.of("report-where-city", country=country, city=d.city)
    if d.lat is not None:
        kind = Msg("report-location-exact" if d.exact else "report-location-area")
        return Msg.of("report-where-location", country=country, kind=kind)
    return country


def quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1].rstrip() + "…"


def report_review(s: Session, ctx: Context) -> Reply:
    d = s.draft
    if d is None:
        return report(s, ctx)
    category = Msg(f"report-category-{d.category or 'other'}")
    when = Msg(f"report-when-{d.when}") if d.when else Msg("report-not-given")
    parts = [Msg.of("report-review-summary", category=category, where=where(d), when=when)]
    if d.offer is not None or d.signs:
        parts.append(Msg.of("report-review-offer", signs=len(d.signs)))
    if d.texts:
        parts.append(Msg.of("report-review-what", count=len(d.texts)))
        parts += [Msg.of("report-quote", text=quote(t)) for t in d.texts]
    parts += [Msg.of("report-review-photos", count=d.photos), Msg("report-review-footer")]
    buttons = (
        row(action("btn-report-send", "rep:send")),
        row(action("btn-report-edit-category", "rep:edit:cat"),
            action("btn-report-edit-where", "rep:edit:where")),
        row(action("btn-report-edit-when", "rep:edit:when"),
            action("btn-report-edit-what", "rep:edit:what")),
        row(action("btn-report-edit-photos", "rep:edit:photos")),
        *DRAFT_NAV,
    )  # fmt: skip
    return Reply(tuple(parts), buttons, title=Msg("report-review-title"))


def report_discard(s: Session, ctx: Context) -> Reply:
    return Reply(
        (Msg("report-discard-ask"),),
        (
            row(action("btn-report-discard-yes", "rep:discard")),
            row(action("btn-report-keep", "rep:keep")),
            row(SOS),
        ),
    )


def report_sent(s: Session, ctx: Context, receipt: str | None = None) -> Reply:
    """After sending; the receipt code appears only in the reply that follows the send."""
    parts = [Msg("report-sent")]
    if receipt is not None:
        parts.append(Msg.of("report-receipt", code=receipt))
    parts.append(Msg("report-next"))
    return Reply(tuple(parts), (row(MENU, SOS),), title=Msg("report-sent-title"))


def followup(s: Session, ctx: Context) -> Reply:
    return Reply((Msg("followup-ask"),), (row(BACK, MENU), row(SOS)), title=Msg("followup-title"))


def followup_what(s: Session, ctx: Context) -> Reply:
    d = s.draft
    parts = [Msg("followup-what-ask")]
    if d is not None and (d.texts or d.photos):
        parts.append(Msg.of("followup-what-count", texts=len(d.texts), photos=d.photos))
    send = row(action("btn-followup-send", "rep:send"))
    return Reply(tuple(parts), (send, *DRAFT_NAV), title=Msg("followup-title"))


def followup_sent(s: Session, ctx: Context) -> Reply:
    return Reply((Msg("followup-sent"),), (row(MENU, SOS),))


# Find help near me (issue 7).
SERVICES_SHOWN = 8
WEB_BUTTONS = 3  # "open the website" buttons under a list


def findhelp(s: Session, ctx: Context) -> Reply:
    country = looked_in(s)
    entries = ctx.content.referrals.get(country or "", ())
    needs = [action(f"need-{n}", f"fh:n:{n}") for n in needs_in(entries)]
    share = ButtonSpec(Msg("btn-findhelp-near"), "", ButtonKind.LOCATION)
    other = action("btn-findhelp-country", "fh:c")
    if country is None:
        return Reply(
            (Msg("findhelp-no-country"),),
            (row(other), row(share), row(MENU, SOS)),
            title=Msg("menu-findhelp"),
        )
    name = Msg(f"country-{country}")
    buttons = (
        *pairs(needs),
        row(action("btn-findhelp-all", "fh:n:all")),
        row(share),
        row(other),
        row(action("btn-findhelp-card", "fh:card")),
        row(MENU, SOS),
    )
    return Reply((Msg.of("findhelp-ask", country=name),), buttons, title=Msg("menu-findhelp"))


def service(r: Referral, lang: str, km: float | None) -> Msg:
    """One service: name, phones, what it does, then hours, languages, distance, web."""
    parts = [Msg.of("findhelp-name", name=r.name_in(lang))]
    if r.phones:
        parts.append(Msg.of("findhelp-phones", phones=", ".join(p.display for p in r.phones)))
    parts.append(Msg.of("findhelp-about", about=r.about_in(lang)))
    if r.hours:
        parts.append(Msg.of("findhelp-hours", hours=r.hours))
    spoken = [x for x in ("uk", "ru") if x in r.languages]
    if spoken:
        parts.append(Msg(f"findhelp-speaks-{'-'.join(spoken)}"))
    if km is not None:
        distance = max(1, round(km))
        if r.city:
            parts.append(Msg.of("findhelp-distance-city", km=distance, city=r.city))
        else:
            parts.append(Msg.of("findhelp-distance", km=distance))
    if r.web:
        parts.append(Msg.of("findhelp-web", web=r.web))
    return lines(*parts)


def short(name: str, most: int = 40) -> str:
    """A name for a button: whole words, at most ``most`` characters."""
    if len(name) <= most:
        return name
    cut = name[: most - 1].rsplit(" ", 1)[0].rstrip(" -–—,(")
    return cut + "…"


def findhelp_list(s: Session, ctx: Context) -> Reply:
    country = looked_in(s)
    lang = s.lang or ctx.content.languages[0]
    entries = ctx.content.referrals.get(country or "", ())
    need = s.need or "all"
    ranked = rank(entries, need, lang, near(s))[:SERVICES_SHOWN]
    if country is None or not ranked:
        return findhelp(s, ctx)
    head = Msg.of("findhelp-list", need=Msg(f"need-{need}"), country=Msg(f"country-{country}"))
    parts = [head, *(service(x.referral, lang, x.km) for x in ranked), Msg("findhelp-footer")]
    webs = [
        ButtonSpec(Msg.of("btn-findhelp-web", name=short(x.referral.name_in(lang))), "",
                   ButtonKind.URL, x.referral.web)
        for x in ranked if x.referral.web
    ][:WEB_BUTTONS]  # fmt: skip
    share = ButtonSpec(Msg("btn-findhelp-near"), "", ButtonKind.LOCATION)
    buttons = (
        *(row(b) for b in webs),
        row(share),
        row(action("btn-findhelp-other-need", "fh"), action("btn-findhelp-country", "fh:c")),
        row(MENU, SOS),
    )
    return Reply(tuple(parts), buttons, title=Msg("menu-findhelp"))


def findhelp_countries(s: Session, ctx: Context) -> Reply:
    listed = [c.code for c in ctx.content.countries if c.code in ctx.content.referrals]
    codes = listed + sorted(set(ctx.content.referrals) - set(listed))
    choices = [action(f"country-{c}", f"fh:c:{c}") for c in codes]
    back = action("btn-back", "fh")
    return Reply((Msg("findhelp-country-ask"),), (*pairs(choices), row(back, MENU), row(SOS)))


SCREENS: dict[str, Callable[[Session, Context], Reply]] = {
    Node.NEW: language,
    Node.LANGUAGE: language,
    Node.PRIVACY: privacy,
    Node.COUNTRY: country,
    Node.COUNTRY_GUESS: country_guess,
    Node.UPDATES: updates,
    Node.MENU: menu,
    Node.HELP_NOW: help_now,
    Node.PHASE: phase,
    Node.TOPIC: topic,
    Node.COMING_SOON: coming_soon,
    Node.SETTINGS: settings,
    Node.SET_LANGUAGE: language,
    Node.SET_COUNTRY: country,
    Node.SET_COUNTRY_GUESS: country_guess,
    Node.FORGET: forget,
    Node.STOP: stop,
    Node.RESUME: resume,
    Node.JOB: job,
    Node.JOB_RESULT: job_result,
    Node.JOB_QUESTION: job_question,
    Node.JOB_VERDICT: job_verdict,
    Node.REPORT: report,
    Node.REPORT_CATEGORY: report_category,
    Node.REPORT_COUNTRY: report_country,
    Node.REPORT_PLACE: report_place,
    Node.REPORT_EXACT: report_exact,
    Node.REPORT_WHEN: report_when,
    Node.REPORT_WHAT: report_what,
    Node.REPORT_PHOTOS: report_photos,
    Node.REPORT_REVIEW: report_review,
    Node.REPORT_DISCARD: report_discard,
    Node.REPORT_SENT: report_sent,
    Node.FOLLOWUP: followup,
    Node.FOLLOWUP_WHAT: followup_what,
    Node.FOLLOWUP_SENT: followup_sent,
    Node.FINDHELP: findhelp,
    Node.FINDHELP_LIST: findhelp_list,
    Node.FINDHELP_COUNTRY: findhelp_countries,
}


def screen(s: Session, ctx: Context) -> Reply:
    return SCREENS.get(s.node, menu)(s, ctx)
