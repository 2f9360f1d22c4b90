"""The web console's pages: a sub-application mounted at ``/console`` on ``movesafe serve``.

Thin views over what the bot already has: the broadcast store (the same ``INSERT … SELECT``
queueing and the same worker), ``bot.stats`` for the figures, the content pack and its check.
No JavaScript: forms post, live progress is a page that refreshes itself while a broadcast sends,
charts are SVG drawn on the server (``bot.console.charts``), one CSS file.

Security (see ``middlewares``): every page but the login form needs a session cookie
(``httponly``, ``SameSite=Strict``, ``Secure`` behind https, 12 hours); every POST carries the
session's CSRF token (the login form a double-submit token of its own); volunteers reach the
broadcast pages only, coordinators everything; login attempts are rate-limited per address;
every answer carries a strict CSP, ``Referrer-Policy: no-referrer`` and ``frame-ancestors 'none'``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import secrets
import time
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web
from aiolimiter import AsyncLimiter
from multidict import MultiDictProxy
from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Connection

from bot.broadcasts import store
from bot.broadcasts import volunteers as vol
from bot.console import auth, charts
from bot.console.auth import Staff
from bot.i18n import Renderer
from bot.reports.export import sealed_bundle
from bot.runtime import Runtime, utcnow
from bot.settings import Settings
from bot.storage.db import unavailable
from bot.storage.models import Broadcast, Invite, Link, LinkClick, Volunteer
from flows.broadcast import broadcast_reply
from flows.replies import Msg
from flows.volunteer import ACTIVE_DAYS, title_of

log = logging.getLogger(__name__)
HERE = Path(__file__).parent
LANGS = ("uk", "en")
SESSION_COOKIE = "ms_console"
LOGIN_COOKIE = "ms_console_login"  # the login form's double-submit token
LANG_COOKIE = "ms_console_lang"
LOGIN_TRIES = 10  # per address …
LOGIN_WINDOW = 600.0  # … per 10 minutes
LISTED = 50
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


class ConsoleState:
    """Per-process state of the console: its Fluent strings, the login limiter, caches."""

    def __init__(self, settings: Settings, runtime_of: Callable[[], Runtime]) -> None:
        self.settings = settings
        self.runtime_of = runtime_of
        self.strings = Renderer(HERE / "locales", LANGS, strict=True)
        self.secret = settings.derived("console")
        self.secure = (settings.public_url or "").startswith("https://")
        self._limits: dict[str, AsyncLimiter] = {}
        self._check: tuple[float, Any] | None = None

    @property
    def runtime(self) -> Runtime:
        return self.runtime_of()

    async def login_allowed(self, address: str) -> bool:
        """Take one login try for ``address``; False (nothing taken) when it is over."""
        if len(self._limits) > 10_000:  # a flood of addresses: start afresh rather than grow
            self._limits.clear()
        bucket = self._limits.setdefault(address, AsyncLimiter(LOGIN_TRIES, LOGIN_WINDOW))
        if not bucket.has_capacity():
            return False
        await bucket.acquire()  # immediate: there is capacity
        return True

    async def content_check(self) -> Any:
        """``movesafe content check`` (cached for 5 minutes: it renders every screen)."""
        from bot.check import run_check

        if self._check is None or time.monotonic() - self._check[0] > 300:
            s = self.settings
            report = await asyncio.to_thread(run_check, s.content_dir, s.locales_dir)
            self._check = (time.monotonic(), report)
        return self._check[1]


CONSOLE = web.AppKey("console_state", ConsoleState)
STAFF = web.RequestKey("console_staff", Staff)
TOKEN = web.RequestKey("console_token", str)
FORM = web.RequestKey("console_form", MultiDictProxy)


def state(request: web.Request) -> ConsoleState:
    return request.app[CONSOLE]


def lang_of(request: web.Request) -> str:
    chosen = request.cookies.get(LANG_COOKIE)
    if chosen in LANGS:
        return chosen
    accept = request.headers.get("Accept-Language", "").lower()
    return "uk" if ("uk" in accept or "ru" in accept) else "en"


# -- middlewares ------------------------------------------------------------------------------

OPEN = {"login", "static"}  # route names reachable without a session
COORDINATORS_ONLY = {
    "dashboard", "chart", "content", "volunteers", "volunteer_role", "volunteer_remove",
    "invite_create", "invite_revoke", "reports", "reports_sealed", "broadcast_cancel",
}  # fmt: skip


@web.middleware
async def headers_middleware(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    try:
        response = await handler(request)
    except web.HTTPException as exc:
        exc.headers.update(HEADERS)
        raise
    except Exception as exc:
        if not unavailable(exc):
            raise
        log.error("database unavailable for a console page")
        response = page(request, "error.html", {"why": "error-database"}, status=503)
    response.headers.update(HEADERS)
    return response


@web.middleware
async def auth_middleware(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    name = request.match_info.route.name
    if name in OPEN:
        return await handler(request)
    token = request.cookies.get(SESSION_COOKIE)
    console = state(request)
    staff = None
    if token:
        staff = await console.runtime.db.run(lambda db: auth.staff_for(db, token, utcnow()))
    if staff is None or token is None:
        if request.method == "GET":
            raise web.HTTPSeeOther(request.app.router["login"].url_for())
        raise web.HTTPForbidden(text="Your session has ended. Log in again.")
    request[STAFF] = staff
    request[TOKEN] = token
    if request.method == "POST":
        form = await request.post()
        sent = form.get("csrf")
        if not auth.csrf_ok(console.secret, token, sent if isinstance(sent, str) else None):
            return page(request, "error.html", {"why": "error-csrf"}, status=403)
        request[FORM] = form
    if name in COORDINATORS_ONLY and not staff.coordinator:
        if request.method == "GET" and name == "dashboard":
            raise web.HTTPSeeOther(request.app.router["broadcasts"].url_for())
        return page(request, "error.html", {"why": "error-coordinators"}, status=403)
    return await handler(request)


# -- rendering --------------------------------------------------------------------------------


def page(
    request: web.Request, template: str, context: dict[str, Any], status: int = 200
) -> web.Response:
    console = state(request)
    lang = lang_of(request)
    runtime = console.runtime

    def t(msg_id: str, **args: Any) -> str:
        return console.strings.format(Msg.of(msg_id, **args), lang)

    def bot_text(msg: Msg | str) -> str:
        if isinstance(msg, str):
            return msg
        return runtime.renderer.format(msg, lang)

    def url(route: str, /, **parts: str) -> str:
        return str(request.app.router[route].url_for(**parts))

    staff: Staff | None = request.get(STAFF)
    token = request.get(TOKEN)
    base = {
        "t": t,
        "bot_text": bot_text,
        "lang": lang,
        "langs": LANGS,
        "staff": staff,
        "csrf": auth.csrf_token(console.secret, token) if token else "",
        "path": request.path,
        "msg": Msg.of,
        "native": lambda code: Msg("language-name", lang=code),  # a language in its own words
        "url": url,
    }
    response = aiohttp_jinja2.render_template(template, request, {**base, **context})
    response.set_status(status)
    return response


# -- login ------------------------------------------------------------------------------------


async def login(request: web.Request) -> web.StreamResponse:
    """GET shows the form (a link from the bot fills in the code, but only a POST uses it, so
    link previews and prefetching cannot spend it); POST logs in."""
    console = state(request)
    if request.method == "GET":
        pre = secrets.token_urlsafe(24)
        code = request.query.get("code", "")
        response = page(request, "login.html", {"code": auth.normalise(code) or "", "pre": pre})
        response.set_cookie(
            LOGIN_COOKIE, pre, httponly=True, samesite="Strict", secure=console.secure,
            path="/console/", max_age=3600,
        )  # fmt: skip
        return response
    form = await request.post()
    pre = request.cookies.get(LOGIN_COOKIE, "")
    sent = form.get("pre")
    if not pre or not isinstance(sent, str) or not secrets.compare_digest(pre, sent):
        return page(request, "error.html", {"why": "error-csrf"}, status=403)
    if not await console.login_allowed(request.remote or "?"):
        return page(request, "login.html", {"code": "", "pre": pre, "why": "login-slow"}, 429)
    typed = form.get("code")
    now = utcnow()
    token = None
    if isinstance(typed, str):
        token = await console.runtime.db.run(lambda db: auth.redeem_login(db, typed, now))
    if token is None:
        return page(request, "login.html", {"code": "", "pre": pre, "why": "login-bad"}, 400)
    response = web.HTTPSeeOther(request.app.router["dashboard"].url_for())
    response.set_cookie(
        SESSION_COOKIE, token, httponly=True, samesite="Strict", secure=console.secure,
        path="/console/", max_age=int(auth.SESSION_LIFETIME.total_seconds()),
    )  # fmt: skip
    response.del_cookie(LOGIN_COOKIE, path="/console/")
    raise response


async def logout(request: web.Request) -> web.StreamResponse:
    token = request[TOKEN]
    await state(request).runtime.db.run(lambda db: auth.end_session(db, token))
    response = web.HTTPSeeOther(request.app.router["login"].url_for())
    response.del_cookie(SESSION_COOKIE, path="/console/")
    raise response


async def language(request: web.Request) -> web.StreamResponse:
    chosen = request[FORM].get("lang")
    back = request[FORM].get("next")
    target = back if isinstance(back, str) and back.startswith("/console/") else "/console/"
    response = web.HTTPSeeOther(target)
    if chosen in LANGS:
        response.set_cookie(
            LANG_COOKIE, str(chosen), samesite="Strict", secure=state(request).secure,
            path="/console/", max_age=365 * 24 * 3600,
        )  # fmt: skip
    raise response


# -- dashboard --------------------------------------------------------------------------------


async def dashboard(request: web.Request) -> web.Response:
    runtime = state(request).runtime
    today = utcnow().date()
    stats = await runtime.db.run(partial(_collect, runtime, today))
    context = {
        "stats": stats,
        "charts": charts.NAMES,
        "chart_data": lambda name: charts.series(name, stats),
    }
    return page(request, "dashboard.html", context)


def _collect(runtime: Runtime, today: dt.date, db: Connection) -> dict[str, Any]:
    from bot import stats

    return stats.collect(db, runtime.content, today, 365)


async def chart(request: web.Request) -> web.Response:
    name = request.match_info["name"]
    if name not in charts.NAMES:
        raise web.HTTPNotFound
    runtime = state(request).runtime
    stats = await runtime.db.run(partial(_collect, runtime, utcnow().date()))
    svg = await asyncio.to_thread(charts.draw, name, stats, lang_of(request))
    return web.Response(body=svg, content_type="image/svg+xml")


# -- broadcasts -------------------------------------------------------------------------------


async def broadcasts(request: web.Request) -> web.Response:
    rows = await state(request).runtime.db.run(_listed)
    return page(request, "broadcasts.html", {"rows": rows, "titles": _titles(request)})


def _listed(db: Connection) -> list[dict[str, Any]]:
    table = Broadcast.__table__
    rows = db.execute(select(table).order_by(table.c.id.desc()).limit(LISTED)).all()
    return [{"row": row, "counts": store.counts(db, row.id)} for row in rows]


def _titles(request: web.Request) -> Callable[[str, str], Msg | str]:
    return partial(title_of, state(request).runtime.content)


def _choices(runtime: Runtime) -> dict[str, Any]:
    content = runtime.content
    return {
        "phases": [p for p in content.phases if p.live],
        "messages": list(content.announcements),
        "countries": [c.code for c in content.countries],
        "languages": list(content.languages),
        "channels": list(store.CHANNELS),
        "active_days": ACTIVE_DAYS,  # as in the bot
    }


async def broadcast_new(request: web.Request) -> web.Response:
    runtime = state(request).runtime
    return page(request, "broadcast_new.html", {**_choices(runtime), "form": {}, "why": None})


class Draft:
    """A broadcast as the form describes it (checked against the content pack)."""

    def __init__(self, runtime: Runtime, form: Any) -> None:
        choices = _choices(runtime)
        what = str(form.get("what", ""))
        kind, _, content_id = what.partition(":")
        self.what = what
        self.kind, self.content_id = kind, content_id
        self.countries = tuple(c for c in form.getall("country", []) if c in choices["countries"])
        self.langs = tuple(x for x in form.getall("lang", []) if x in choices["languages"])
        self.channels = tuple(c for c in form.getall("channel", []) if c in choices["channels"])
        days = str(form.get("active", "0"))
        self.active_days = int(days) if days.isdigit() and int(days) in ACTIVE_DAYS else 0
        self.when = str(form.get("when", "now"))
        self.at_text = str(form.get("at", ""))
        self.error: str | None = None
        try:
            broadcast_reply(runtime.content, kind, content_id)
        except ValueError:
            self.error = "new-pick-message"
        if not self.channels:
            self.error = self.error or "new-pick-channel"
        self.at: dt.datetime | None = None
        if self.when == "at":
            try:
                at = dt.datetime.fromisoformat(self.at_text).replace(tzinfo=dt.UTC)
            except ValueError:
                self.error = self.error or "new-bad-time"
            else:
                if at <= utcnow():
                    self.error = self.error or "new-past-time"
                self.at = at

    @property
    def audience(self) -> store.Audience:
        return store.Audience(self.countries, self.langs, self.channels, self.active_days or None)

    def fields(self) -> dict[str, Any]:
        return {
            "what": self.what, "country": self.countries, "lang": self.langs,
            "channel": self.channels, "active": self.active_days, "when": self.when,
            "at": self.at_text,
        }  # fmt: skip


def form_again(request: web.Request, draft: Draft) -> web.Response:
    """The new-broadcast form once more, as filled in, with what is wrong (400)."""
    context = {**_choices(state(request).runtime), "form": draft.fields(), "why": draft.error}
    return page(request, "broadcast_new.html", context, status=400)


async def broadcast_preview(request: web.Request) -> web.Response:
    runtime = state(request).runtime
    draft = Draft(runtime, request[FORM])
    if draft.error:
        return form_again(request, draft)
    today = utcnow().date()
    counted = await runtime.db.run(lambda db: store.count_audience(db, draft.audience, today))
    message = broadcast_reply(runtime.content, draft.kind, draft.content_id)
    shown = [lang for lang in runtime.content.languages if not draft.langs or lang in draft.langs]
    samples = [(lang, runtime.renderer.render(message, lang)) for lang in shown]
    total = sum(counted.values())
    viber = sum(n for (ch, _lang), n in counted.items() if ch == "viber")
    price = runtime.volunteers.viber_price
    context = {
        "draft": draft,
        "fields": draft.fields(),
        "counts": sorted((ch, lang, n) for (ch, lang), n in counted.items()),
        "total": total,
        "viber": viber,
        "cost": f"{viber * price:.2f}" if price and viber else None,
        "samples": samples,
        "title": _titles(request)(draft.kind, draft.content_id),
    }
    return page(request, "broadcast_preview.html", context)


async def broadcast_create(request: web.Request) -> web.StreamResponse:
    runtime = state(request).runtime
    draft = Draft(runtime, request[FORM])
    if draft.error:
        return form_again(request, draft)
    staff: Staff = request[STAFF]
    now = utcnow()

    def create(db: Connection) -> tuple[int, int]:
        broadcast_id, recipients = store.create(
            db, draft.kind, draft.content_id, draft.audience, now, send_at=draft.at,
            created_by=staff.id,
        )  # fmt: skip
        if draft.at is None:
            store.start(db, broadcast_id, now)
        return broadcast_id, recipients

    broadcast_id, _recipients = await runtime.db.run(create)
    raise web.HTTPSeeOther(
        request.app.router["broadcast"].url_for(id=str(broadcast_id)).with_query(created="1")
    )


async def broadcast_detail(request: web.Request) -> web.Response:
    broadcast_id = int(request.match_info["id"])
    found = await state(request).runtime.db.run(partial(_detail, broadcast_id))
    if found is None:
        raise web.HTTPNotFound(text="No such broadcast.")
    live = found["row"].status in (store.READY, store.SENDING, store.SCHEDULED)
    context = {
        **found,
        "live": live,
        "titles": _titles(request),
        "created": "created" in request.query,
    }
    return page(request, "broadcast.html", context)


def _detail(broadcast_id: int, db: Connection) -> dict[str, Any] | None:
    row = store.get(db, broadcast_id)
    if row is None:
        return None
    counts = store.counts(db, broadcast_id)
    clicks, browsers = db.execute(
        select(func.coalesce(func.sum(Link.clicks), 0), func.coalesce(func.sum(Link.browsers), 0))
        .where(Link.broadcast_id == broadcast_id)
    ).one()  # fmt: skip
    first = db.execute(
        select(func.count())
        .select_from(LinkClick)
        .join(Link, Link.id == LinkClick.link_id)
        .where(Link.broadcast_id == broadcast_id)
    ).scalar_one()
    done = counts["sent"] + counts["failed"] + counts["blocked"] + counts["skipped"]
    return {
        "row": row,
        "counts": counts,
        "done": done,
        "clicks": int(clicks),
        "unique_clicks": int(first) + int(browsers),
    }


async def broadcast_cancel(request: web.Request) -> web.StreamResponse:
    broadcast_id = int(request.match_info["id"])
    now = utcnow()
    await state(request).runtime.db.run(lambda db: store.cancel(db, broadcast_id, now))
    raise web.HTTPSeeOther(request.app.router["broadcast"].url_for(id=str(broadcast_id)))


# -- content ----------------------------------------------------------------------------------


async def content(request: web.Request) -> web.Response:
    console = state(request)
    pack = console.runtime.content
    today = utcnow().date()
    entries = sorted(
        (r for rs in pack.referrals.values() for r in rs), key=lambda r: (r.verified, r.id)
    )
    rows = [(r, (today - r.verified).days) for r in entries]
    report = await console.content_check()
    context = {"phases": pack.phases, "rows": rows, "stale_days": 365, "report": report}
    return page(request, "content.html", context)


# -- volunteers -------------------------------------------------------------------------------


async def volunteers(request: web.Request) -> web.Response:
    runtime = state(request).runtime
    now = utcnow()
    people, invites = await runtime.db.run(partial(_people, now))
    context = {"people": people, "invites": invites, "made": None}
    return page(request, "volunteers.html", context)


def _people(now: dt.datetime, db: Connection) -> tuple[list[Any], list[Any]]:
    people = db.execute(select(Volunteer.__table__).order_by(Volunteer.role, Volunteer.id)).all()
    invites = db.execute(
        select(Invite.code_hash, Invite.role, Invite.expires_at)
        .where(Invite.used_at.is_(None), Invite.expires_at > now)
        .order_by(Invite.expires_at)
    ).all()
    return list(people), [(h.hex()[:16], role, at) for h, role, at in invites]


async def volunteer_role(request: web.Request) -> web.StreamResponse:
    volunteer_id = int(request.match_info["id"])
    role = request[FORM].get("role")
    staff: Staff = request[STAFF]
    if role in vol.ROLES and volunteer_id != staff.id:  # nobody demotes themselves by accident
        stmt = update(Volunteer).where(Volunteer.id == volunteer_id).values(role=role)
        await state(request).runtime.db.run(lambda db: db.execute(stmt))
        state(request).runtime.volunteers.forget_roles()
    raise web.HTTPSeeOther(request.app.router["volunteers"].url_for())


async def volunteer_remove(request: web.Request) -> web.StreamResponse:
    volunteer_id = int(request.match_info["id"])
    staff: Staff = request[STAFF]
    if volunteer_id != staff.id:
        stmt = delete(Volunteer).where(Volunteer.id == volunteer_id)
        await state(request).runtime.db.run(lambda db: db.execute(stmt))
        state(request).runtime.volunteers.forget_roles()
    raise web.HTTPSeeOther(request.app.router["volunteers"].url_for())


async def invite_create(request: web.Request) -> web.Response:
    runtime = state(request).runtime
    role = request[FORM].get("role")
    if role not in vol.ROLES:
        raise web.HTTPBadRequest(text="Unknown role.")
    staff: Staff = request[STAFF]
    now = utcnow()

    def make(db: Connection) -> tuple[str, tuple[list[Any], list[Any]]]:
        code = vol.create_invite(db, str(role), staff.id, now)
        return code, _people(now, db)

    code, (people, invites) = await runtime.db.run(make)
    payload = f"{vol.INVITE_PREFIX}{code}"
    links = {ch: f"{prefix}{payload}" for ch, prefix in runtime.volunteers.deep_links.items()}
    made = {"role": role, "payload": payload, "links": links}
    context = {"people": people, "invites": invites, "made": made}
    return page(request, "volunteers.html", context)


async def invite_revoke(request: web.Request) -> web.StreamResponse:
    prefix = request.match_info["prefix"]
    now = utcnow()

    def revoke(db: Connection) -> None:
        for (code_hash,) in db.execute(select(Invite.code_hash).where(Invite.used_at.is_(None))):
            if code_hash.hex()[:16] == prefix:
                stmt = update(Invite).where(Invite.code_hash == code_hash).values(used_at=now)
                db.execute(stmt)

    await state(request).runtime.db.run(revoke)
    raise web.HTTPSeeOther(request.app.router["volunteers"].url_for())


# -- reports ----------------------------------------------------------------------------------


async def reports(request: web.Request) -> web.Response:
    from bot import stats

    counted = await state(request).runtime.db.run(stats.reports)
    return page(request, "reports.html", {"reports": counted})


async def reports_sealed(request: web.Request) -> web.StreamResponse:
    """Every report still sealed (JSON lines): only the analysts' private key opens it
    (``movesafe reports export --private-key FILE --sealed THIS_FILE``)."""
    lines = await state(request).runtime.db.run(lambda db: list(sealed_bundle(db)))
    name = f"movesafe-reports-sealed-{utcnow():%Y%m%d-%H%M}.jsonl"
    response = web.StreamResponse(
        headers={
            "Content-Type": "application/x-ndjson",
            "Content-Disposition": f'attachment; filename="{name}"',
        }
    )
    await response.prepare(request)
    for line in lines:
        await response.write(line.encode() + b"\n")
    await response.write_eof()
    return response


# -- the application --------------------------------------------------------------------------


def console_app(settings: Settings, runtime_of: Callable[[], Runtime]) -> web.Application:
    """The console as a sub-application (mount it at ``/console``)."""
    app = web.Application(middlewares=[headers_middleware, auth_middleware])
    app[CONSOLE] = ConsoleState(settings, runtime_of)
    aiohttp_jinja2.setup(
        app,
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=jinja2.select_autoescape(default=True),
        undefined=jinja2.StrictUndefined,
    )
    r = app.router
    r.add_static("/static/", HERE / "static", name="static")
    r.add_route("*", "/login", login, name="login")
    r.add_post("/logout", logout, name="logout")
    r.add_post("/language", language, name="language")
    r.add_get("/", dashboard, name="dashboard")
    r.add_get("/charts/{name}.svg", chart, name="chart")
    r.add_get("/broadcasts", broadcasts, name="broadcasts")
    r.add_get("/broadcasts/new", broadcast_new, name="broadcast_new")
    r.add_post("/broadcasts/preview", broadcast_preview, name="broadcast_preview")
    r.add_post("/broadcasts", broadcast_create, name="broadcast_create")
    r.add_get("/broadcasts/{id:\\d+}", broadcast_detail, name="broadcast")
    r.add_post("/broadcasts/{id:\\d+}/cancel", broadcast_cancel, name="broadcast_cancel")
    r.add_get("/content", content, name="content")
    r.add_get("/volunteers", volunteers, name="volunteers")
    r.add_post("/volunteers/{id:\\d+}/role", volunteer_role, name="volunteer_role")
    r.add_post("/volunteers/{id:\\d+}/remove", volunteer_remove, name="volunteer_remove")
    r.add_post("/invites", invite_create, name="invite_create")
    r.add_post("/invites/{prefix:[0-9a-f]{16}}/revoke", invite_revoke, name="invite_revoke")
    r.add_get("/reports", reports, name="reports")
    r.add_get("/reports/sealed.jsonl", reports_sealed, name="reports_sealed")
    return app
