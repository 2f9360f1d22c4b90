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
@click.option("--once", is_flag=True, help="Sweep once, print what went, and exit.")
def worker(once: bool) -> None:
    """Background work: the housekeeping sweep every 10 minutes (drafts and job ads left
    behind, their photos, reports past REPORTS_RETENTION_DAYS, old message ids and delivery
    keys). Broadcast sending joins it with the broadcasts."""
    import datetime as dt

    from bot import housekeeping
    from bot.runtime import utcnow

    settings = settings_or_exit()
    keep = settings.reports_retention_days
    if once:
        swept = _run_on_database(
            settings, lambda db: housekeeping.sweep_now(db, dt.datetime.now(dt.UTC), keep)
        )
        click.echo(
            f"wiped {swept.drafts} unfinished draft(s) or job ad(s), {swept.photos} photo(s) "
            f"of abandoned drafts, {swept.reports} report(s) past {keep} days"
        )
        return
    logging.getLogger().setLevel(logging.INFO)
    with contextlib.suppress(KeyboardInterrupt):
        _run_on_database(settings, lambda db: housekeeping.run_forever(db, keep, utcnow))


@main.command()
@click.option("--host", default=None, help="Bind address (default: $HOST or 0.0.0.0).")
@click.option("--port", type=int, default=None, help="Port (default: $PORT or 8080).")
@click.option("--no-worker", is_flag=True, help="Do not run the broadcast worker in-process.")
def serve(host: str | None, port: int | None, no_worker: bool) -> None:
    """The web server: webhooks, health and metrics."""
    from aiohttp import web

    from bot.server import make_app

    settings = settings_or_exit()
    logging.getLogger().setLevel(logging.INFO)
    web.run_app(
        make_app(settings),
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
@click.option("--no-echo", is_flag=True, help="Skip the python-telegram-bot echo bot.")
def bench_inbound(
    updates: int,
    people: int,
    rate: float,
    seconds: float,
    processes: int,
    database_url: str | None,
    no_echo: bool,
) -> None:
    """Telegram webhook updates/s and latency, and the ratio to a python-telegram-bot echo bot."""
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
def reports_export(private_key: Path, fmt: Literal["jsonl", "csv"], out: Path) -> None:
    """Decrypt every report into OUT/reports.jsonl (or .csv), photos beside it."""
    from bot.reports.export import export
    from bot.reports.sealing import load_private_key

    settings = settings_or_exit()
    try:
        key = load_private_key(private_key)
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
