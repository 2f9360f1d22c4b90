"""The volunteer's corner (issue 8): compose a broadcast on a phone, follow it, invite others.

Only people on the volunteers list reach it (``ctx.role``, looked up by the runtime for every
event): the menu shows the entry to them alone, and every ``vol:`` button checks the role again,
so an old or forged button gets a stranger nowhere.

Composing never asks for text: a phase or a prepared message (translated in ``locales/``) →
countries (several, or all) → languages → channels → "active in the last N days" → a preview in
each language with the exact recipient count (and Viber's paid messages) → send now or schedule
→ the broadcast is created and queued, and its progress shows in one status message.

Payloads: ``vol`` (home), ``vol:new``, ``vol:ph:<id>``/``vol:msg:<id>``, ``vol:c:<CC|all|ok>``,
``vol:l:<lang|all|ok>``, ``vol:ch:<telegram|viber|both>``, ``vol:a:<days>``,
``vol:go:<now|1h|9>``, ``vol:list``, ``vol:x:<id>`` (cancel, coordinators), ``vol:inv:<role>``,
``vol:web`` (a one-time web-console login code).
An invite arrives as the deep-link payload ``inv<code>`` and is never kept in the session.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from flows.broadcast import MESSAGE, PHASE, broadcast_reply
from flows.content import ContentPack
from flows.effects import (
    CancelBroadcast,
    ConsoleLogin,
    CountAudience,
    CreateBroadcast,
    CreateInvite,
    ListBroadcasts,
)
from flows.events import (
    AudienceCounted,
    BroadcastCreated,
    BroadcastsListed,
    ConsoleLoginCreated,
    InviteCreated,
    InviteRedeemed,
)
from flows.outcome import Outcome, show
from flows.replies import ButtonSpec, Msg, Reply, action, row
from flows.screens import BACK, MENU, SOS, Context
from flows.session import Compose, Node, Session

COORDINATOR = "coordinator"
CHANNELS = ("telegram", "viber")
ACTIVE_DAYS = (0, 7, 30, 90)  # 0: anyone who opted in
VOLUNTEER_NODES = (
    Node.VOLUNTEER,
    Node.VOL_WHAT,
    Node.VOL_COUNTRIES,
    Node.VOL_LANGS,
    Node.VOL_CHANNELS,
    Node.VOL_ACTIVE,
    Node.VOL_PREVIEW,
    Node.VOL_STARTED,
    Node.VOL_LIST,
    Node.VOL_INVITE,
    Node.VOL_WEB,
)
BACK_TO = {
    Node.VOL_WHAT: Node.VOLUNTEER,
    Node.VOL_COUNTRIES: Node.VOL_WHAT,
    Node.VOL_LANGS: Node.VOL_COUNTRIES,
    Node.VOL_CHANNELS: Node.VOL_LANGS,
    Node.VOL_ACTIVE: Node.VOL_CHANNELS,
    Node.VOL_PREVIEW: Node.VOL_ACTIVE,
    Node.VOL_STARTED: Node.VOLUNTEER,
    Node.VOL_LIST: Node.VOLUNTEER,
    Node.VOL_INVITE: Node.VOLUNTEER,
    Node.VOL_WEB: Node.VOLUNTEER,
}


# -- handlers ------------------------------------------------------------------------------------


def press(s: Session, arg: str, ctx: Context) -> Outcome:
    """Every ``vol:`` button: strangers are sent back to the menu as if the button were old."""
    if ctx.role is None:
        return show(replace(s, compose=None).at(Node.MENU), ctx, "stale-button")
    verb, _, value = arg.partition(":")
    if verb == "list":
        return Outcome((), (ListBroadcasts(),), s.at(Node.VOL_LIST))
    if verb == "web":
        return Outcome((), (ConsoleLogin(),), s.at(Node.VOL_WEB))
    if verb in ("x", "inv") and ctx.role != COORDINATOR:
        return show(s.at(Node.VOLUNTEER), ctx, "vol-coordinators-only")
    if verb == "x" and value.isdigit():
        return Outcome((), (CancelBroadcast(int(value)),), s.at(Node.VOL_LIST))
    if verb == "inv" and value in ("volunteer", COORDINATOR):
        return Outcome((), (CreateInvite(value),), s.at(Node.VOL_INVITE))
    c = s.compose
    if verb == "":
        return show(replace(s, compose=None).at(Node.VOLUNTEER), ctx)
    if verb == "new":
        return show(replace(s, compose=None).at(Node.VOL_WHAT), ctx)
    if verb in ("ph", "msg"):
        kind = PHASE if verb == "ph" else MESSAGE
        try:
            broadcast_reply(ctx.content, kind, value)
        except ValueError:
            return show(s.at(Node.VOL_WHAT), ctx, "stale-button")
        return show(replace(s, compose=Compose(kind, value)).at(Node.VOL_COUNTRIES), ctx)
    if c is None:  # a compose button with nothing being composed (an old message)
        return show(s.at(Node.VOLUNTEER), ctx, "stale-button")
    if verb == "c":
        return _countries(s, c, value, ctx)
    if verb == "l":
        return _langs(s, c, value, ctx)
    if verb == "ch":
        chosen = CHANNELS if value == "both" else (value,)
        if not set(chosen) <= set(CHANNELS):
            return show(s, ctx, "stale-button")
        return show(replace(s, compose=replace(c, channels=chosen)).at(Node.VOL_ACTIVE), ctx)
    if verb == "a":
        days = int(value) if value.isdigit() else -1
        if days not in ACTIVE_DAYS:
            return show(s, ctx, "stale-button")
        c = replace(c, active_days=days or None, counts=None)
        s = replace(s, compose=c).at(Node.VOL_PREVIEW)
        return Outcome((), (CountAudience(c),), s)
    if verb == "go":
        return _go(s, c, value, ctx)
    return show(s, ctx, "stale-button")


def _countries(s: Session, c: Compose, value: str, ctx: Context) -> Outcome:
    known = [x.code for x in ctx.content.countries]
    if value == "ok":
        return show(s.at(Node.VOL_LANGS), ctx)
    if value == "all":
        chosen: tuple[str, ...] = ()
    elif value in known:
        chosen = tuple(x for x in known if (x in c.countries) != (x == value))
    else:
        return show(s, ctx, "stale-button")
    return show(replace(s, compose=replace(c, countries=chosen)).at(Node.VOL_COUNTRIES), ctx)


def _langs(s: Session, c: Compose, value: str, ctx: Context) -> Outcome:
    known = ctx.content.languages
    if value == "ok":
        return show(s.at(Node.VOL_CHANNELS), ctx)
    if value == "all":
        chosen: tuple[str, ...] = ()
    elif value in known:
        chosen = tuple(x for x in known if (x in c.langs) != (x == value))
    else:
        return show(s, ctx, "stale-button")
    return show(replace(s, compose=replace(c, langs=chosen)).at(Node.VOL_LANGS), ctx)


def _go(s: Session, c: Compose, value: str, ctx: Context) -> Outcome:
    if c.counts is None:
        return show(s.at(Node.VOL_ACTIVE), ctx, "stale-button")
    if sum(n for _ch, _lang, n in c.counts) == 0:
        return show(s.at(Node.VOL_PREVIEW), ctx, "vol-nobody")
    if value not in ("now", "1h", "9"):
        return show(s, ctx, "stale-button")
    at = scheduled(ctx.now, value)
    return Outcome((), (CreateBroadcast(c, at),), s.at(Node.VOL_STARTED))


def scheduled(now: dt.datetime, value: str) -> dt.datetime | None:
    """``now`` → None (start now), ``1h`` → in an hour, ``9`` → the next 09:00 UTC."""
    if value == "1h":
        return now + dt.timedelta(hours=1)
    if value == "9":
        nine = now.replace(hour=9, minute=0, second=0, microsecond=0)
        return nine if nine > now else nine + dt.timedelta(days=1)
    return None


# -- answers from the runtime ----------------------------------------------------------------


def audience_counted(s: Session, event: AudienceCounted, ctx: Context) -> Outcome:
    if s.compose is None or s.node != Node.VOL_PREVIEW:
        return show(s, ctx)
    c = replace(s.compose, counts=event.counts, viber_price=event.viber_price)
    s = replace(s, compose=c)
    return Outcome(preview(s, ctx), (), s)


def broadcast_created(s: Session, event: BroadcastCreated, ctx: Context) -> Outcome:
    s = replace(s, compose=None).at(Node.VOL_STARTED)
    if event.id is None:
        return show(s.at(Node.VOLUNTEER), ctx, "vol-create-failed")
    msg = "vol-scheduled" if event.scheduled else "vol-started"
    reply = Reply(
        (Msg.of(msg, id=event.id, count=event.recipients, at=event.scheduled or ""),),
        (row(action("vol-list", "vol:list")), row(MENU, SOS)),
        title=Msg("vol-title"),
    )
    return Outcome((reply,), (), s)


def broadcasts_listed(s: Session, event: BroadcastsListed, ctx: Context) -> Outcome:
    parts: list[Msg] = []
    buttons: list[tuple[ButtonSpec, ...]] = []
    for b in event.rows:
        parts.append(
            Msg.of(
                "vol-list-item", id=b.id, what=title_of(ctx.content, b.kind, b.content_id),
                status=Msg(f"vol-status-{b.status}"), sent=b.sent, count=b.recipients,
            )
        )  # fmt: skip
        if ctx.role == COORDINATOR and b.status in ("ready", "scheduled", "sending"):
            buttons.append(row(action("vol-cancel", f"vol:x:{b.id}", id=b.id)))
    if not event.rows:
        parts.append(Msg("vol-list-empty"))
    buttons += [row(action("vol-refresh", "vol:list")), row(BACK, MENU)]
    reply = Reply(tuple(parts), tuple(buttons), title=Msg("vol-list"))
    if event.notice:
        reply = reply.with_notice(Msg.of(event.notice, id=event.cancelled or 0))
    return Outcome((reply,), (), s.at(Node.VOL_LIST))


def title_of(content: ContentPack, kind: str, content_id: str) -> Msg | str:
    """A broadcast's title: its phase's or prepared message's, or its id if that is gone."""
    found = content.phase(content_id) if kind == PHASE else content.announcement(content_id)
    return Msg(found.title) if found is not None else content_id


def invite_redeemed(s: Session, event: InviteRedeemed, ctx: Context) -> Outcome:
    if event.role is None:
        return show(s.at(Node.MENU if s.onboarded else Node.LANGUAGE), ctx, "vol-invite-bad")
    if not s.onboarded:  # a new volunteer goes through onboarding like anyone, then has the entry
        return show(s.at(Node.LANGUAGE), ctx, "vol-welcome", role=event.role)
    reply = home(s, replace(ctx, role=event.role)).with_notice(
        Msg.of("vol-welcome", role=event.role)
    )
    return Outcome((reply,), (), s.at(Node.VOLUNTEER))


def invite_created(s: Session, event: InviteCreated, ctx: Context) -> Outcome:
    link = event.link or f"/start {event.payload}"
    reply = Reply(
        (Msg.of("vol-invite-text", role=event.role, link=link),),
        (row(BACK, MENU),),
        title=Msg("vol-invite-title"),
    )
    return Outcome((reply,), (), s.at(Node.VOL_INVITE))


def console_login_created(s: Session, event: ConsoleLoginCreated, ctx: Context) -> Outcome:
    if event.code is None:
        return show(replace(s, compose=None).at(Node.MENU), ctx, "stale-button")
    parts = [Msg.of("vol-web-code", code=event.code, minutes=event.minutes)]
    if event.link:
        parts.append(Msg.of("vol-web-link", link=event.link))
    else:
        parts.append(Msg("vol-web-no-link"))
    reply = Reply(tuple(parts), (row(BACK, MENU),), title=Msg("vol-web-title"))
    return Outcome((reply,), (), s.at(Node.VOL_WEB))


# -- screens ---------------------------------------------------------------------------------


def home(s: Session, ctx: Context) -> Reply:
    buttons = [
        row(action("vol-new", "vol:new")),
        row(action("vol-list", "vol:list"), action("vol-web", "vol:web")),
    ]
    if ctx.role == COORDINATOR:
        buttons.append(
            row(
                action("vol-invite-volunteer", "vol:inv:volunteer"),
                action("vol-invite-coordinator", "vol:inv:coordinator"),
            )
        )
    buttons.append(row(MENU, SOS))
    return Reply((Msg("vol-home"),), tuple(buttons), title=Msg("vol-title"))


def what(s: Session, ctx: Context) -> Reply:
    phases = [row(action(p.title, f"vol:ph:{p.id}")) for p in ctx.content.phases if p.live]
    prepared = [row(action(a.title, f"vol:msg:{a.id}")) for a in ctx.content.announcements]
    return Reply(
        (Msg("vol-what"),),
        (*phases, *prepared, row(BACK, MENU)),
        title=Msg("vol-new"),
    )


def countries(s: Session, ctx: Context) -> Reply:
    chosen = s.compose.countries if s.compose else ()
    toggles = [
        action("vol-toggle", f"vol:c:{x.code}", mark="✅" if x.code in chosen else "▫️",
               name=Msg(f"country-{x.code}"))
        for x in ctx.content.countries
    ]  # fmt: skip
    rows = [tuple(toggles[i : i + 3]) for i in range(0, len(toggles), 3)]
    everyone = action("vol-toggle", "vol:c:all", mark="✅" if not chosen else "▫️",
                      name=Msg("vol-all-countries"))  # fmt: skip
    return Reply(
        (Msg("vol-countries"), _summary(s, ctx)),
        (*rows, row(everyone), row(action("btn-next", "vol:c:ok")), row(BACK, MENU)),
        title=Msg("vol-new"),
    )


def langs(s: Session, ctx: Context) -> Reply:
    chosen = s.compose.langs if s.compose else ()
    toggles = [
        action("vol-toggle", f"vol:l:{lang}", mark="✅" if lang in chosen else "▫️",
               name=Msg("language-name", lang=lang))
        for lang in ctx.content.languages
    ]  # fmt: skip
    everyone = action("vol-toggle", "vol:l:all", mark="✅" if not chosen else "▫️",
                      name=Msg("vol-all-languages"))  # fmt: skip
    return Reply(
        (Msg("vol-langs"), _summary(s, ctx)),
        (tuple(toggles), row(everyone), row(action("btn-next", "vol:l:ok")), row(BACK, MENU)),
        title=Msg("vol-new"),
    )


def channels(s: Session, ctx: Context) -> Reply:
    return Reply(
        (Msg("vol-channels"), _summary(s, ctx)),
        (
            row(
                action("vol-channel-telegram", "vol:ch:telegram"),
                action("vol-channel-viber", "vol:ch:viber"),
            ),
            row(action("vol-channel-both", "vol:ch:both")),
            row(BACK, MENU),
        ),
        title=Msg("vol-new"),
    )


def active(s: Session, ctx: Context) -> Reply:
    return Reply(
        (Msg("vol-active"), _summary(s, ctx)),
        (
            row(action("vol-active-any", "vol:a:0")),
            row(*(action("vol-active-days", f"vol:a:{d}", days=d) for d in ACTIVE_DAYS[1:])),
            row(BACK, MENU),
        ),
        title=Msg("vol-new"),
    )


def preview_screen(s: Session, ctx: Context) -> Reply:
    return preview(s, ctx)[-1]


def preview(s: Session, ctx: Context) -> tuple[Reply, ...]:
    """The broadcast as each chosen language will read it, then the count and the choices."""
    c = s.compose
    if c is None or c.counts is None:
        return (home(s, ctx),)
    message = broadcast_reply(ctx.content, c.kind, c.content_id)
    shown = [lang for lang in ctx.content.languages if not c.langs or lang in c.langs]
    samples = tuple(
        Reply(
            tuple(in_lang(p, lang) for p in message.parts),
            title=in_lang(message.title, lang) if message.title else None,
            notice=Msg.of("vol-preview-in", language=Msg("language-name", lang=lang)),
        )
        for lang in shown
    )
    total = sum(n for _ch, _lang, n in c.counts)
    viber = sum(n for ch, _lang, n in c.counts if ch == "viber")
    telegram = total - viber
    parts = [_summary(s, ctx), Msg.of("vol-count", count=total, telegram=telegram, viber=viber)]
    if viber:
        if c.viber_price:
            parts.append(Msg.of("vol-viber-cost", count=viber, cost=f"{viber * c.viber_price:.2f}"))
        else:
            parts.append(Msg.of("vol-viber-paid", count=viber))
    buttons: tuple[tuple[ButtonSpec, ...], ...] = (row(BACK, MENU),)
    if total:
        buttons = (
            row(action("vol-send-now", "vol:go:now")),
            row(action("vol-send-1h", "vol:go:1h"), action("vol-send-9", "vol:go:9")),
            *buttons,
        )
    confirm = Reply(tuple(parts), buttons, title=Msg("vol-preview"))
    return (*samples, confirm)


def in_lang(msg: Msg, lang: str) -> Msg:
    return replace(msg, lang=lang)


def _summary(s: Session, ctx: Context) -> Msg:
    c = s.compose
    if c is None:
        return Msg("vol-home")
    what = title_of(ctx.content, c.kind, c.content_id)
    countries = ", ".join(c.countries) if c.countries else Msg("vol-all-countries")
    langs = ", ".join(c.langs) if c.langs else Msg("vol-all-languages")
    chans = (
        ", ".join(ch.capitalize() for ch in c.channels)
        if c.channels != CHANNELS
        else Msg("vol-channel-both")
    )
    return Msg.of(
        "vol-summary", what=what, countries=countries, langs=langs, channels=chans,
        days=c.active_days or 0,
    )  # fmt: skip


def started(s: Session, ctx: Context) -> Reply:
    return home(s, ctx)


SCREENS = {
    Node.VOLUNTEER: home,
    Node.VOL_WHAT: what,
    Node.VOL_COUNTRIES: countries,
    Node.VOL_LANGS: langs,
    Node.VOL_CHANNELS: channels,
    Node.VOL_ACTIVE: active,
    Node.VOL_PREVIEW: preview_screen,
    Node.VOL_STARTED: started,
    Node.VOL_LIST: home,
    Node.VOL_INVITE: home,
    Node.VOL_WEB: home,
}
