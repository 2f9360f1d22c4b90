"""The web server (``movesafe serve``): an aiohttp app factory, resources in ``cleanup_ctx``,
thin views. Webhooks answer 503 while the database is unreachable, so the platforms re-deliver."""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import math
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import aiohttp
from aiohttp import web
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.broadcasts.desk import VolunteerDesk
from bot.broadcasts.links import Links
from bot.broadcasts.setup import links_for, open_worker, run_forever, viber_uri
from bot.channels.telegram import SECRET_HEADER, TelegramChannel, bot_for
from bot.channels.telegram_http import AiohttpRequest
from bot.channels.viber import SIGNATURE_HEADER, ViberChannel, ViberClient, signed
from bot.content import load_content
from bot.errors import DeliveryFailed
from bot.i18n import Renderer
from bot.metrics import Metrics
from bot.outbox import Busy, Outbox
from bot.reports.desk import ReportDesk
from bot.reports.store import ReportKeys
from bot.runtime import Runtime, utcnow
from bot.settings import Settings
from bot.storage.db import Database, make_engine, unavailable, upgrade

log = logging.getLogger(__name__)

SETTINGS = web.AppKey("settings", Settings)
METRICS = web.AppKey("metrics", Metrics)
ENGINE = web.AppKey("engine", AsyncEngine)
RUNTIME = web.AppKey("runtime", Runtime)
TELEGRAM = web.AppKey("telegram", TelegramChannel)
VIBER = web.AppKey("viber", ViberChannel)
LINKS = web.AppKey("links", Links)
WORKER = web.AppKey("worker", asyncio.Task[None])
SEEN_COOKIE = "ms_seen"  # links this browser opened (Viber links carry no delivery)
MAX_BODY = 256 * 1024  # a Telegram update or Viber callback is a few kB


async def runtime_ctx(app: web.Application) -> AsyncIterator[None]:
    settings = app[SETTINGS]
    content = load_content(settings.content_dir, settings.locales_dir)
    engine = make_engine(settings.database_url)
    if settings.is_sqlite:
        await upgrade(engine)
    app[ENGINE] = engine
    db = Database(engine)
    renderer = Renderer(settings.locales_dir, content.languages)
    desk = ReportDesk(ReportKeys.from_settings(settings), utcnow)
    app[RUNTIME] = Runtime(
        db, content, renderer, report_retention_days=settings.reports_retention_days, desk=desk,
        volunteers=VolunteerDesk(settings.viber_message_price, settings.public_url),
        outbox=Outbox.from_secret(settings.derived("outbox")),
    )  # fmt: skip
    app[LINKS] = links_for(settings, db)
    yield
    await app[RUNTIME].close()
    await db.dispose()


async def telegram_ctx(app: web.Application) -> AsyncIterator[None]:
    settings = app[SETTINGS]
    assert settings.telegram_bot_token is not None
    bot = bot_for(settings.telegram_bot_token, settings.telegram_api_url, request=AiohttpRequest())
    await bot.initialize()
    app[TELEGRAM] = TelegramChannel(bot, app[RUNTIME], app[METRICS])
    app[RUNTIME].volunteers.deep_links["telegram"] = f"https://t.me/{bot.username}?start="
    yield
    await bot.shutdown()


async def viber_ctx(app: web.Application) -> AsyncIterator[None]:
    settings = app[SETTINGS]
    assert settings.viber_auth_token is not None
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=100)) as session:
        client = ViberClient(settings.viber_api_url, settings.viber_auth_token, session)
        sender = settings.viber_sender()
        cards = f"{settings.public_url.rstrip('/')}/card" if settings.public_url else None
        app[VIBER] = ViberChannel(client, app[RUNTIME], app[METRICS], sender, cards)
        uri = await viber_uri(settings, session)
        if uri:
            app[RUNTIME].volunteers.deep_links["viber"] = f"viber://pa?chatURI={uri}&context="
        yield


Receive = Callable[[dict[str, Any]], Awaitable[dict[str, Any] | None]]


async def answer(request: web.Request, channel: str, body: bytes, receive: Receive) -> web.Response:
    """Hand an authenticated body to its channel; the channel may return a body to answer with.
    Malformed bodies get 200 (a re-delivery would not fix them); 503 while the database is
    unreachable, so the platform re-delivers."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested too deep to parse
        data = None
    if not isinstance(data, dict):
        log.warning("malformed %s webhook body", channel)
        return web.Response()
    try:
        reply = await receive(data)
    except DeliveryFailed:
        request.app[METRICS].errors.labels(channel, "delivery").inc()
        raise web.HTTPServiceUnavailable from None  # the platform re-delivers; nothing is lost
    except Busy as exc:  # a re-delivery while another process may still be sending its replies
        request.app[METRICS].errors.labels(channel, "parked").inc()
        wait = str(max(1, math.ceil(exc.retry_after)))
        raise web.HTTPServiceUnavailable(headers={"Retry-After": wait}) from None
    except Exception as exc:
        if unavailable(exc):  # the database is down or going down: let the platform re-deliver
            log.error("database unavailable while handling a %s webhook", channel)
            request.app[METRICS].errors.labels(channel, "database").inc()
            raise web.HTTPServiceUnavailable from None
        # A body we cannot read: a re-delivery would not fix it.
        log.warning("%s webhook body not handled: %s", channel, type(exc).__name__)
        request.app[METRICS].errors.labels(channel, "unreadable").inc()
        return web.Response()
    return web.json_response(reply) if reply else web.Response()


def forbidden(request: web.Request, channel: str) -> web.HTTPForbidden:
    request.app[METRICS].errors.labels(channel, "forbidden").inc()
    return web.HTTPForbidden()


async def viber_webhook(request: web.Request) -> web.Response:
    channel = request.app.get(VIBER)
    token = request.app[SETTINGS].viber_auth_token
    if channel is None or token is None:
        raise web.HTTPNotFound
    body = await request.read()  # the signature covers the raw bytes
    if not signed(body, token, request.headers.get(SIGNATURE_HEADER)):
        raise forbidden(request, "viber")
    return await answer(request, "viber", body, channel.receive)


async def telegram_webhook(request: web.Request) -> web.Response:
    channel = request.app.get(TELEGRAM)
    if channel is None:
        raise web.HTTPNotFound
    expected = request.app[SETTINGS].telegram_secret().encode()
    if not hmac.compare_digest(request.headers.get(SECRET_HEADER, "").encode(), expected):
        raise forbidden(request, "telegram")
    return await answer(request, "telegram", await request.read(), channel.receive)


async def healthz(request: web.Request) -> web.Response:
    try:
        async with request.app[ENGINE].connect() as conn:
            await conn.execute(text("SELECT 1"))
    except (DBAPIError, OSError):
        return web.json_response({"status": "error", "database": "unreachable"}, status=503)
    return web.json_response({"status": "ok", "database": "ok"})


async def card(request: web.Request) -> web.Response:
    """``GET /card/<CC>-<lang>.png``: the offline safety card (Viber sends pictures by URL).
    Public: it holds only public help numbers."""
    country, _, lang = request.match_info["name"].partition("-")
    runtime = request.app[RUNTIME]
    if country not in runtime.content.referrals or lang not in runtime.content.languages:
        raise web.HTTPNotFound
    data = await runtime.card(country, lang)
    headers = {"Cache-Control": "public, max-age=3600"}
    return web.Response(body=data, content_type="image/png", headers=headers)


async def worker_ctx(app: web.Application) -> AsyncIterator[None]:
    """The broadcast worker in-process (``movesafe serve`` without ``--no-worker``)."""
    runtime = app[RUNTIME]
    retention = app[SETTINGS].reports_retention_days
    async with open_worker(
        app[SETTINGS], runtime.db, runtime.content, runtime.renderer, utcnow
    ) as worker:
        # Broadcasts and the housekeeping sweep, as ``movesafe worker`` runs them: one process
        # is a whole deployment.
        app[WORKER] = asyncio.create_task(run_forever(worker, runtime.db, retention, utcnow))
        yield
        app[WORKER].cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await app[WORKER]


async def tracked_link(request: web.Request) -> web.Response:
    """``GET /l/<code>``: count the click (and the first one of a delivery), then redirect.
    Nothing about the browser is stored; Viber links are told apart by a cookie it keeps."""
    code = request.match_info["code"]
    link_id = code.split(".", 1)[0]
    seen = request.cookies.get(SEEN_COOKIE, "").split("-")
    try:
        click = await request.app[LINKS].click(code, utcnow().date(), link_id in seen)
    except Exception as exc:
        if unavailable(exc):
            raise web.HTTPServiceUnavailable from None
        raise
    if click is None:
        raise web.HTTPNotFound(text="This link is not valid.")
    response = web.Response(status=302, headers={"Location": click.url})
    if link_id not in seen:
        kept = "-".join([*seen[-49:], link_id]).strip("-")
        response.set_cookie(
            SEEN_COOKIE, kept, max_age=90 * 24 * 3600, httponly=True, samesite="Lax",
            path="/l/",
        )  # fmt: skip
    return response


async def metrics(request: web.Request) -> web.Response:
    body = request.app[METRICS].render()
    return web.Response(body=body, content_type="text/plain", charset="utf-8")


async def console_root(_request: web.Request) -> web.Response:
    raise web.HTTPPermanentRedirect("/console/")


def make_app(settings: Settings, worker: bool = False) -> web.Application:
    """The web app; ``worker``: send broadcasts in this process too."""
    app = web.Application(client_max_size=MAX_BODY)
    app[SETTINGS] = settings
    app[METRICS] = Metrics()
    app.cleanup_ctx.append(runtime_ctx)
    if settings.telegram_bot_token:
        app.cleanup_ctx.append(telegram_ctx)
    if settings.viber_auth_token:
        app.cleanup_ctx.append(viber_ctx)
    if worker:
        app.cleanup_ctx.append(worker_ctx)
    app.router.add_get("/l/{code}", tracked_link)
    app.router.add_post("/telegram/webhook", telegram_webhook)
    app.router.add_post("/viber/webhook", viber_webhook)
    app.router.add_get("/card/{name:[A-Z]{2}-[a-z]{2}}.png", card)
    app.router.add_get("/healthz", healthz)
    from bot.console.web import console_app  # it reads this module's app keys

    app.add_subapp("/console", console_app(settings, lambda: app[RUNTIME]))
    app.router.add_get("/console", console_root)
    app.router.add_get("/metrics", metrics)
    return app
