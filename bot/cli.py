"""The ``movesafe`` command (also ``python -m bot``)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TextIO, TypeVar

import click

from bot.errors import MovesafeError
from bot.settings import Settings

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from bot.storage.db import Database

T = TypeVar("T")


def settings_or_exit() -> Settings:
    try:
        return Settings.from_env()
    except MovesafeError as exc:
        raise click.ClickException(str(exc)) from None


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Log more (never message text or user ids).")
def main(verbose: bool) -> None:
    """movesafe: safety campaigns, job-offer checks and help numbers for people on the move."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


@main.command()
@click.option(
    "--lang",
    default=None,
    help="Language hint, as a platform would give it (uk, ru, en); default: from $LANG.",
)
@click.option("--user", default="local", show_default=True, help="Whose conversation to continue.")
def chat(lang: str | None, user: str) -> None:
    """Talk to the bot in the terminal (console channel, same runtime)."""
    from bot.app import open_runtime
    from bot.channels.console import ConsoleChat

    settings = settings_or_exit()
    lang = lang or os.environ.get("LANG") or None

    async def run() -> None:
        async with open_runtime(settings) as runtime:
            await ConsoleChat(runtime, user, lang, echo=not sys.stdin.isatty()).run()

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run())


@main.command()
@click.option(
    "--once", is_flag=True, help="Sweep once and send what is due now, print what went, exit."
)
def worker(once: bool) -> None:
    """Background work: sends broadcasts (started ones, and scheduled ones when their time
    comes) on every platform with a token, and sweeps every 10 minutes (drafts and job ads left
    behind, their photos, reports past REPORTS_RETENTION_DAYS, old message ids and delivery
    keys)."""
    import datetime as dt

    from bot import housekeeping
    from bot.broadcasts.setup import open_worker, run_forever
    from bot.content import load_content
    from bot.i18n import Renderer
    from bot.runtime import utcnow

    settings = settings_or_exit()
    keep = settings.reports_retention_days
    pack = load_content(settings.content_dir, settings.locales_dir)
    renderer = Renderer(settings.locales_dir, pack.languages)

    if once:

        async def job(db: Database) -> tuple[housekeeping.Swept, int]:
            swept = await housekeeping.sweep_now(db, dt.datetime.now(dt.UTC), keep)
            async with open_worker(settings, db, pack, renderer, utcnow) as sender:
                await sender.drain()
                return swept, sender.sent

        swept, sent = _run_on_database(settings, job)
        click.echo(
            f"wiped {swept.drafts} unfinished draft(s) or job ad(s), {swept.photos} photo(s) "
            f"of abandoned drafts, {swept.reports} report(s) past {keep} days; "
            f"sent {sent} broadcast message(s)"
        )
        return
    logging.getLogger().setLevel(logging.INFO)

    async def forever(db: Database) -> None:
        async with open_worker(settings, db, pack, renderer, utcnow) as sender:
            await run_forever(sender, db, keep, utcnow)

    with contextlib.suppress(KeyboardInterrupt):
        _run_on_database(settings, forever)


@main.command()
@click.option("--host", default=None, help="Bind address (default: $HOST or 0.0.0.0).")
@click.option("--port", type=int, default=None, help="Port (default: $PORT or 8080).")
@click.option("--no-worker", is_flag=True, help="Do not run the broadcast worker in-process.")
def serve(host: str | None, port: int | None, no_worker: bool) -> None:
    """The web server: webhooks, tracked links, health and metrics; sends broadcasts too
    unless --no-worker."""
    from aiohttp import web

    from bot.server import make_app

    settings = settings_or_exit()
    logging.getLogger().setLevel(logging.INFO)
    web.run_app(
        make_app(settings, worker=not no_worker),
        host=host or settings.host,
        port=port or settings.port,
        access_log=None,  # access lines would carry nothing useful and cost time
        print=lambda line: click.echo(line),
    )


@main.command()
def poll() -> None:
    """Telegram long polling, for local development with a real token."""
    from bot.webhooks import poll as run

    settings = settings_or_exit()
    try:
        asyncio.run(run(settings))
    except MovesafeError as exc:
        raise click.ClickException(str(exc)) from None
    except KeyboardInterrupt:
        pass


@main.group()
def webhooks() -> None:
    """Platform registration."""


@webhooks.command("set")
def webhooks_set() -> None:
    """Register webhooks (and Telegram's command menus) at PUBLIC_URL."""
    from bot.webhooks import set_all

    settings = settings_or_exit()
    try:
        for line in asyncio.run(set_all(settings)):
            click.echo(line)
    except MovesafeError as exc:
        raise click.ClickException(str(exc)) from None


@main.group()
def db() -> None:
    """Database tasks."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Apply database migrations (Alembic)."""
    from bot.storage.db import make_engine, upgrade

    settings = settings_or_exit()

    async def run() -> None:
        engine = make_engine(settings.database_url)
        try:
            await upgrade(engine)
        finally:
            await engine.dispose()

    asyncio.run(run())
    click.echo("database is up to date")


@main.group()
def content() -> None:
    """Content pack tasks."""


@content.command("check")
@click.option(
    "--stale-after",
    type=click.IntRange(min=1),
    default=365,
    show_default=True,
    help="Days after which a referral entry's verification counts as stale (a warning).",
)
def content_check(stale_after: int) -> None:
    """Validate content/ and locales/; non-zero exit on any error."""
    from bot.check import run_check

    settings = settings_or_exit()
    report = run_check(settings.content_dir, settings.locales_dir, stale_days=stale_after)
    for warning in report.warnings:
        click.echo(f"warning: {warning}")
    for error in report.errors:
        click.echo(f"error: {error}", err=True)
    facts = ", ".join(f"{v} {k}" for k, v in report.facts.items())
    if not report.ok:
        raise click.ClickException(f"content check failed: {len(report.errors)} error(s)")
    click.echo(f"content check passed: {facts}")


@content.command("diagram")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None)
def content_diagram(out: Path | None) -> None:
    """Print a Mermaid diagram of the conversation, drawn from the content pack."""
    from bot.content import load_content
    from bot.diagram import mermaid

    settings = settings_or_exit()
    text = mermaid(load_content(settings.content_dir, settings.locales_dir), settings.locales_dir)
    if out is None:
        click.echo(text)
    else:
        if out.suffix == ".md":  # a page GitHub and GitLab draw
            title = "# The conversation (generated by `movesafe content diagram`)"
            text = f"{title}\n\n```mermaid\n{text}```\n"
        out.write_text(text, encoding="utf-8")
        click.echo(f"wrote {out}")


@main.command("check-job")
@click.argument("source", type=click.File("r", encoding="utf-8"), default="-")
@click.option("--lang", default=None, help="Language of the explanations (uk, ru, en).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object (DESIGN.md §5).")
@click.option("--jsonl", is_flag=True, help='Read lines {"id":…, "text":…}, write one result each.')
def check_job(source: TextIO, lang: str | None, as_json: bool, jsonl: bool) -> None:
    """Analyse a job offer for warning signs (FILE or - for standard input)."""
    from bot.jobcheck_cli import run_check_job

    settings = settings_or_exit()
    try:
        run_check_job(settings, source, lang, as_json, jsonl)
    except MovesafeError as exc:
        raise click.ClickException(str(exc)) from None


@main.group()
def bench() -> None:
    """The project's own benchmarks."""


@bench.command("inbound")
@click.option("--updates", default=2000, show_default=True, help="Updates in the throughput run.")
@click.option("--people", default=50, show_default=True, help="Simulated people (chats).")
@click.option("--rate", default=200.0, show_default=True, help="Updates/s in the fixed-rate run.")
@click.option("--seconds", default=10.0, show_default=True, help="Fixed-rate run length (0: skip).")
@click.option("--processes", default=1, show_default=True, help="movesafe server processes.")
@click.option("--database-url", default=None, help="Default: a fresh SQLite file.")
@click.option("--no-echo", is_flag=True, help="Skip both echo bots (python-telegram-bot, aiogram).")
def bench_inbound(
    updates: int,
    people: int,
    rate: float,
    seconds: float,
    processes: int,
    database_url: str | None,
    no_echo: bool,
) -> None:
    """Telegram webhook updates/s and latency, and the ratios to minimal python-telegram-bot and
    aiogram echo bots under the same load."""
    from bot.bench_inbound import BenchArgs, run
    from bot.settings import normalise_database_url

    url = normalise_database_url(database_url) if database_url else None
    args = BenchArgs(updates, people, rate, seconds, processes, url, not no_echo)
    click.echo(asyncio.run(run(args)))


@bench.command("jobcheck")
@click.option(
    "--data",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Labelled offers (JSON lines). Default: tests/data/job_offers.jsonl.",
)
@click.option(
    "--split",
    type=click.Choice(["both", "tune", "heldout"]),
    default="both",
    show_default=True,
    help="Which part to score; tune only while tuning rules.",
)
@click.option("--misses", is_flag=True, help="List every offer that differs from its labels.")
@click.option("--repeat", default=5, show_default=True, help="Timing passes over the data.")
@click.option(
    "--cli-offers", default=10_000, show_default=True, help="check-job --jsonl run (0: skip)."
)
def bench_jobcheck(
    data: Path | None, split: str, misses: bool, repeat: int, cli_offers: int
) -> None:
    """Precision, recall and false-positive rate of the job-offer check; time per offer."""
    from bot.bench_jobcheck import DEFAULT_DATA, run

    settings = settings_or_exit()
    try:
        click.echo(
            run(settings.content_dir, data or DEFAULT_DATA, split, misses, repeat, cli_offers)
        )
    except MovesafeError as exc:
        raise click.ClickException(str(exc)) from None


@bench.command("broadcast")
@click.option(
    "--sizes", default="10000,100000,1000000", show_default=True, help="Recipient counts N."
)
@click.option(
    "--database-url", default=None, help="PostgreSQL URL (its schema is emptied!); default SQLite."
)
@click.option(
    "--rate", default=1000.0, show_default=True, help="Configured Telegram rate (messages/s)."
)
@click.option(
    "--kill-at", type=click.FloatRange(0.01, 0.99), default=None,
    help="SIGKILL the worker when this share of messages has arrived, then restart it.",
)  # fmt: skip
def bench_broadcast(
    sizes: str, database_url: str | None, rate: float, kill_at: float | None
) -> None:
    """Time to queue, send rate vs the configured rate, peak memory, duplicates and losses of a
    broadcast to N people (local Bot API stand-in, unthrottled)."""
    from bot.bench_broadcast import bench
    from bot.settings import normalise_database_url

    counts = [int(s.replace("_", "")) for s in sizes.split(",") if s.strip()]
    url = normalise_database_url(database_url) if database_url else None
    asyncio.run(bench(counts, url, rate, kill_at))


@bench.command("chat")
@click.option("--steps", default=50, show_default=True)
def bench_chat(steps: int) -> None:
    """Console start-up time and per-step time of a scripted conversation (SQLite)."""
    from bot.bench import bench_chat as run

    click.echo(run(steps))


@main.group()
def keys() -> None:
    """Analyst key pairs for report encryption."""


@keys.command("generate")
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for reports.pub and reports.key (created if missing).",
)
def keys_generate(out: Path) -> None:
    """Write DIR/reports.pub (the value of REPORTS_PUBLIC_KEY) and DIR/reports.key (0600)."""
    from bot.reports.sealing import write_key_pair

    try:
        public = write_key_pair(out)
    except MovesafeError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"wrote {out / 'reports.pub'} and {out / 'reports.key'} (keep it offline)")
    click.echo(f"REPORTS_PUBLIC_KEY={public}")


@main.group()
def reports() -> None:
    """Anonymous reports: export (with the analysts' private key) and retention."""


@reports.command("export")
@click.option(
    "--private-key",
    "private_key",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="reports.key from `movesafe keys generate`.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    help="Folder for reports.jsonl/.csv and the photos (default: the current folder).",
)
@click.option(
    "--sealed",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Open this sealed file (downloaded from the web console) instead of the database.",
)
def reports_export(
    private_key: Path, fmt: Literal["jsonl", "csv"], out: Path, sealed: Path | None
) -> None:
    """Decrypt every report into OUT/reports.jsonl (or .csv), photos beside it."""
    from bot.reports.export import export, export_bundle
    from bot.reports.sealing import load_private_key

    try:
        key = load_private_key(private_key)
        if sealed is not None:
            done = export_bundle(sealed, key, out, fmt)
        else:
            settings = settings_or_exit()
            done = _run_on_database(settings, lambda db: export(db, key, out, fmt))
    except MovesafeError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"exported {done.reports} report(s) and {done.photos} photo(s) to {done.path}")


@reports.command("purge")
@click.option(
    "--days", type=click.IntRange(min=1), default=None, help="Default: REPORTS_RETENTION_DAYS."
)
def reports_purge(days: int | None) -> None:
    """Delete reports (with photos and additions) older than the retention period."""
    import datetime as dt

    from bot.reports.store import purge

    settings = settings_or_exit()
    keep = days or settings.reports_retention_days
    today = dt.datetime.now(dt.UTC).date()
    deleted = _run_on_database(settings, lambda db: purge(db, today, keep))
    click.echo(f"deleted {deleted} report(s) (retention: {keep} days)")


def _run_on_database(settings: Settings, job: Callable[[Database], Awaitable[T]]) -> T:
    """``job(db)`` on DATABASE_URL (migrated first on the embedded SQLite default)."""
    from bot.storage.db import Database, make_engine, upgrade

    async def run() -> T:
        db = Database(make_engine(settings.database_url))
        try:
            if settings.is_sqlite:
                await upgrade(db.engine)
            return await job(db)
        finally:
            await db.dispose()

    return asyncio.run(run())


@main.command()
@click.option("--country", required=True, help="Country code with help-now numbers (PL, DE, …).")
@click.option("--lang", required=True, help="Language of the card (uk, ru, en).")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path))
def card(country: str, lang: str, out: Path) -> None:
    """Draw the offline safety card (PNG, 1080x1920): emergency and help-line numbers and three
    safety rules, to keep on the phone for when mobile data runs out."""
    from bot.card import safety_card
    from bot.content import load_content
    from bot.i18n import Renderer

    settings = settings_or_exit()
    try:
        pack = load_content(settings.content_dir, settings.locales_dir)
        renderer = Renderer(settings.locales_dir, pack.languages)
        png = safety_card(pack, renderer, country.strip().upper(), lang.strip().lower())
    except MovesafeError as exc:
        raise click.ClickException(str(exc)) from None
    out.write_bytes(png)
    click.echo(f"wrote {out}")


# -- volunteers and broadcasts (issue 8) -------------------------------------------------------


@main.group()
def volunteers() -> None:
    """Who may send broadcasts from the bot."""


@volunteers.command("add")
@click.argument("person", metavar="CHANNEL:ID")
@click.option(
    "--role", type=click.Choice(["volunteer", "coordinator"]), default="volunteer",
    show_default=True,
)  # fmt: skip
def volunteers_add(person: str, role: str) -> None:
    """Grant access: CHANNEL is telegram, viber or console; ID is the chat id there."""
    import datetime as dt

    from bot.broadcasts import volunteers as vol

    channel, external_id = _person(person)
    settings = settings_or_exit()
    today = dt.datetime.now(dt.UTC).date()

    async def job(db: Database) -> bool:
        return await db.run(lambda conn: vol.add(conn, channel, external_id, role, today))

    new = _run_on_database(settings, job)
    click.echo(f"{'added' if new else 'updated'} {channel}:{external_id} as {role}")


@volunteers.command("remove")
@click.argument("person", metavar="CHANNEL:ID")
def volunteers_remove(person: str) -> None:
    """Take access away."""
    from bot.broadcasts import volunteers as vol

    channel, external_id = _person(person)

    async def job(db: Database) -> bool:
        return await db.run(lambda conn: vol.remove(conn, channel, external_id))

    if not _run_on_database(settings_or_exit(), job):
        raise click.ClickException(f"{person} is not a volunteer")
    click.echo(f"removed {person}")


@volunteers.command("login-link")
@click.argument("person", metavar="CHANNEL:ID")
def volunteers_login_link(person: str) -> None:
    """Print a one-time web-console login link (15 minutes) for a volunteer."""
    import datetime as dt

    from bot.broadcasts import volunteers as vol
    from bot.console import auth

    channel, external_id = _person(person)
    settings = settings_or_exit()
    now = dt.datetime.now(dt.UTC)

    def make(conn: Connection) -> str | None:
        found = vol.volunteer_id(conn, channel, external_id)
        return None if found is None else auth.create_login(conn, found, now)

    async def job(db: Database) -> str | None:
        return await db.run(make)

    code = _run_on_database(settings, job)
    if code is None:
        raise click.ClickException(
            f"{person} is not a volunteer (add them first: movesafe volunteers add {person})"
        )
    link = auth.login_link(settings.public_url, code)
    if link is None:
        link = f"http://{settings.host}:{settings.port}/console/login?code={code}"
        click.echo("PUBLIC_URL is not set: this link works on the server's own address", err=True)
    click.echo(link)
    minutes = int(auth.CODE_LIFETIME.total_seconds() // 60)
    click.echo(f"code: {code} (works once, for {minutes} minutes)")


def _person(value: str) -> tuple[str, str]:
    """``CHANNEL:ID`` from the command line, or a usage error saying what is expected."""
    from bot.broadcasts import volunteers as vol

    try:
        return vol.parse_person(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="CHANNEL:ID") from None


def _csv(
    value: str | None, allowed: tuple[str, ...] | None = None, upper: bool = False
) -> tuple[str, ...]:
    if not value:
        return ()
    items = tuple(
        dict.fromkeys(
            v.strip().upper() if upper else v.strip().lower() for v in value.split(",") if v.strip()
        )
    )
    if allowed is not None:
        wrong = [v for v in items if v not in allowed]
        if wrong:
            raise click.BadParameter(f"{', '.join(wrong)}: expected {', '.join(allowed)}")
    return items


def _when(value: str | None) -> object:
    import datetime as dt

    if value is None:
        return None
    try:
        at = dt.datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r}: expected an ISO time such as 2026-12-01T09:00 or 2026-12-01T09:00+01:00",
            param_hint="--at",
        ) from None
    return at if at.tzinfo else at.replace(tzinfo=dt.UTC)


@main.group()
def broadcast() -> None:
    """Phase broadcasts: create, send, follow, cancel."""


@broadcast.command("create")
@click.option("--phase", "phase", default=None, help="Phase id (content/phases/).")
@click.option(
    "--message", "message", default=None, help="Prepared message id (content/broadcasts.yaml)."
)
@click.option("--countries", default=None, help="Country codes, e.g. PL,RO (default: all).")
@click.option("--langs", default=None, help="Languages, e.g. uk,ru (default: all).")
@click.option("--channels", default=None, help="telegram,viber (default: both).")
@click.option(
    "--active-days",
    type=click.IntRange(min=1),
    default=None,
    help="Only people active in the last N days.",
)
@click.option(
    "--at", "at", default=None, help="Start by itself at this time (ISO 8601; UTC unless given)."
)
@click.option("--json", "as_json", is_flag=True, help='Print {"id": …, "recipients": N}.')
def broadcast_create(
    phase: str | None, message: str | None, countries: str | None, langs: str | None,
    channels: str | None, active_days: int | None, at: str | None, as_json: bool,
) -> None:  # fmt: skip
    """Create a broadcast and queue its recipients (opted-in, not stopped); prints its id and
    the exact recipient count. It starts with `broadcast send ID` (or at --at)."""
    import datetime as dt
    import json

    from bot.broadcasts import store
    from bot.content import load_content
    from flows.broadcast import MESSAGE, PHASE, exists

    if (phase is None) == (message is None):
        raise click.UsageError("give exactly one of --phase ID or --message ID")
    kind, content_id = (PHASE, phase) if phase is not None else (MESSAGE, message)
    assert content_id is not None
    settings = settings_or_exit()
    pack = load_content(settings.content_dir, settings.locales_dir)
    if not exists(pack, kind, content_id):
        known = (
            [p.id for p in pack.phases if p.live]
            if kind == PHASE
            else [a.id for a in pack.announcements]
        )
        raise click.BadParameter(
            f"no {'live phase' if kind == PHASE else 'prepared message'} {content_id!r} "
            f"(known: {', '.join(known) or 'none'})"
        )
    audience = store.Audience(
        countries=_csv(countries, upper=True),
        langs=_csv(langs, pack.languages),
        channels=_csv(channels, store.CHANNELS) or store.CHANNELS,
        active_days=active_days,
    )
    send_at = _when(at)
    now = dt.datetime.now(dt.UTC)

    async def job(db: Database) -> tuple[int, int]:
        return await db.run(
            lambda conn: store.create(conn, kind, content_id, audience, now, send_at=send_at)  # type: ignore[arg-type]
        )

    broadcast_id, recipients = _run_on_database(settings, job)
    if as_json:
        click.echo(json.dumps({"id": broadcast_id, "recipients": recipients}))
        return
    when = (
        f"; it starts by itself at {send_at}"
        if send_at
        else f"; start it with: movesafe broadcast send {broadcast_id}"
    )
    click.echo(f"broadcast {broadcast_id}: {recipients} recipient(s){when}")


@broadcast.command("send")
@click.argument("broadcast_id", type=int)
def broadcast_send(broadcast_id: int) -> None:
    """Start a broadcast; the worker (movesafe worker, or movesafe serve) sends it."""
    import datetime as dt

    from bot.broadcasts import store

    now = dt.datetime.now(dt.UTC)

    async def job(db: Database) -> str | None:
        return await db.run(lambda conn: store.start(conn, broadcast_id, now))

    was = _run_on_database(settings_or_exit(), job)
    if was is None:
        raise click.ClickException(f"no broadcast {broadcast_id}")
    if was not in (store.READY, store.SCHEDULED):
        raise click.ClickException(f"broadcast {broadcast_id} is already {was}")
    click.echo(
        f"broadcast {broadcast_id} is sending (follow it: movesafe broadcast status {broadcast_id})"
    )


@broadcast.command("status")
@click.argument("broadcast_id", type=int)
@click.option("--json", "as_json", is_flag=True)
def broadcast_status(broadcast_id: int, as_json: bool) -> None:
    """Where a broadcast is: recipients, sent, failed, blocked, pending."""
    import json

    from bot.broadcasts import store

    async def job(db: Database) -> dict[str, object] | None:
        def read(conn: object) -> dict[str, object] | None:
            row = store.get(conn, broadcast_id)  # type: ignore[arg-type]
            if row is None:
                return None
            counts = store.counts(conn, broadcast_id)  # type: ignore[arg-type]
            return {
                "id": row.id, "status": row.status, "kind": row.kind, "content": row.content_id,
                **counts,
                "started_at": row.started_at.isoformat() if row.started_at else None,
                "finished_at": row.finished_at.isoformat() if row.finished_at else None,
            }  # fmt: skip

        return await db.run(read)

    status = _run_on_database(settings_or_exit(), job)
    if status is None:
        raise click.ClickException(f"no broadcast {broadcast_id}")
    if as_json:
        click.echo(json.dumps(status))
        return
    click.echo(
        f"broadcast {status['id']} ({status['kind']} {status['content']}): {status['status']}\n"
        f"  recipients {status['recipients']}, sent {status['sent']}, pending {status['pending']}, "
        f"blocked {status['blocked']}, failed {status['failed']}, skipped {status['skipped']}"
    )


@broadcast.command("cancel")
@click.argument("broadcast_id", type=int)
def broadcast_cancel(broadcast_id: int) -> None:
    """Stop a broadcast: nothing more is sent (what is on the wire finishes)."""
    import datetime as dt

    from bot.broadcasts import store

    now = dt.datetime.now(dt.UTC)

    async def job(db: Database) -> bool:
        return await db.run(lambda conn: store.cancel(conn, broadcast_id, now))

    if not _run_on_database(settings_or_exit(), job):
        raise click.ClickException(f"broadcast {broadcast_id} does not exist or has ended")
    click.echo(f"broadcast {broadcast_id} cancelled")


# -- campaign statistics ------------------------------------------------------------------------


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print the statistics as one JSON object.")
@click.option(
    "--plot",
    "plot_to",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also draw reach over time and by country, language and channel (PNG).",
)
@click.option(
    "--stale-after",
    type=click.IntRange(min=1),
    default=365,
    show_default=True,
    help="Days after which a referral entry's verification counts as stale.",
)
def stats(as_json: bool, plot_to: Path | None, stale_after: int) -> None:
    """Campaign statistics: people opted in, reach of broadcasts, link clicks, shares, reports
    received, job offers checked, referral organisations (counts only, nobody's data)."""
    import datetime as dt
    import json
    from typing import Any

    from bot import stats as campaign
    from bot.content import load_content

    settings = settings_or_exit()
    try:
        pack = load_content(settings.content_dir, settings.locales_dir)
    except MovesafeError as exc:
        raise click.ClickException(str(exc)) from None
    today = dt.datetime.now(dt.UTC).date()

    async def job(db: Database) -> dict[str, Any]:
        return await db.run(lambda conn: campaign.collect(conn, pack, today, stale_after))

    figures = _run_on_database(settings, job)
    if as_json:
        click.echo(json.dumps(figures, indent=2, ensure_ascii=False))
    else:
        click.echo(campaign.table(figures), nl=False)
    if plot_to is not None:
        campaign.plot(figures, plot_to)
        click.echo(f"wrote {plot_to}", err=as_json)
