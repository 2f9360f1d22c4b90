"""`movesafe stats`: every section counted in SQL on a seeded database (SQLite, and PostgreSQL
with TEST_DATABASE_URL), the text table, the picture, and the command line."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import secrets
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from PIL import Image
from sqlalchemy import insert
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from bot import stats
from bot.broadcasts.store import BLOCKED, FAILED, PENDING, SENT, SKIPPED
from bot.cli import main
from bot.storage.db import Database, make_engine, upgrade
from bot.storage.models import (
    Broadcast,
    DailyCount,
    Delivery,
    Link,
    LinkClick,
    Report,
    User,
)
from flows.content import ContentPack

TODAY = dt.date(2026, 11, 28)
PHASE_ID = "travel-safe"
UTC = dt.UTC


def at(day: int, hour: int) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, 0, tzinfo=UTC)


def seed(db: Connection) -> dict[str, int]:
    """Five people, three broadcasts with deliveries in every state, links, clicks, counts and
    reports; returns the broadcast ids."""

    def user(channel: str, lang: str, country: str | None, subscribed: bool, stopped: bool) -> int:
        values = {
            "channel": channel, "external_id": secrets.token_hex(6), "lang": lang,
            "country": country, "subscribed": subscribed, "stopped": stopped,
            "first_seen_on": TODAY, "last_seen_on": TODAY,
        }  # fmt: skip
        return int(db.execute(insert(User).values(**values).returning(User.id)).scalar_one())

    u1 = user("telegram", "uk", "PL", True, False)
    u2 = user("telegram", "ru", "PL", True, False)
    u3 = user("viber", "uk", "DE", True, False)
    user("viber", "en", None, True, True)  # stopped
    user("telegram", "en", "DE", False, False)  # never opted in

    def broadcast(kind: str, content_id: str, status: str, recipients: int) -> int:
        values = {
            "kind": kind, "content_id": content_id, "status": status,
            "created_at": at(25, 9), "recipients": recipients,
        }  # fmt: skip
        return int(
            db.execute(insert(Broadcast).values(**values).returning(Broadcast.id)).scalar_one()
        )

    b1 = broadcast("phase", PHASE_ID, "done", 4)
    b2 = broadcast("message", "winter-warning", "sending", 4)
    b3 = broadcast("phase", PHASE_ID, "cancelled", 0)

    def delivery(
        broadcast_id: int,
        user_id: int | None,
        channel: str,
        lang: str,
        country: str | None,
        state: int,
        sent_at: dt.datetime | None = None,
    ) -> int:
        values = {
            "broadcast_id": broadcast_id, "user_id": user_id, "channel": channel, "lang": lang,
            "country": country, "state": state, "sent_at": sent_at,
        }  # fmt: skip
        return int(
            db.execute(insert(Delivery).values(**values).returning(Delivery.id)).scalar_one()
        )

    d1 = delivery(b1, u1, "telegram", "uk", "PL", SENT, at(26, 11))
    d2 = delivery(b1, u2, "telegram", "ru", "PL", SENT, at(26, 13))
    delivery(b1, u3, "viber", "uk", "DE", BLOCKED)
    delivery(b1, None, "telegram", "en", "RO", SENT, at(27, 8))  # the person was since deleted
    d5 = delivery(b2, u1, "telegram", "uk", "PL", SENT, at(27, 11))
    delivery(b2, u3, "viber", "uk", "DE", SENT, at(27, 12))
    delivery(b2, u2, "telegram", "ru", "PL", FAILED)
    delivery(b2, u2, "telegram", "ru", "PL", PENDING)
    delivery(b2, None, "viber", "en", None, SKIPPED)

    l1 = db.execute(
        insert(Link)
        .values(broadcast_id=b1, url="https://a.example", clicks=5, browsers=0)
        .returning(Link.id)
    ).scalar_one()
    l2 = db.execute(
        insert(Link)
        .values(broadcast_id=b2, url="https://b.example", clicks=4, browsers=2)
        .returning(Link.id)
    ).scalar_one()
    db.execute(
        insert(LinkClick),
        [
            {"link_id": l1, "delivery_id": d1, "day": TODAY},
            {"link_id": l1, "delivery_id": d2, "day": TODAY},
            {"link_id": l2, "delivery_id": d5, "day": TODAY},
        ],
    )
    yesterday = TODAY - dt.timedelta(days=1)
    db.execute(
        insert(DailyCount),
        [
            {"day": yesterday, "name": "jobcheck.checked", "value": 6},
            {"day": TODAY, "name": "jobcheck.checked", "value": 4},
            {"day": TODAY, "name": "jobcheck.high", "value": 3},
            {"day": yesterday, "name": f"share.arrival:{b1}", "value": 1},
            {"day": TODAY, "name": f"share.arrival:{b1}", "value": 1},
            {"day": TODAY, "name": f"share.new:{b1}", "value": 1},
        ],
    )

    def report(category: str, country: str | None, week: str, monday: dt.date) -> None:
        db.execute(
            insert(Report).values(
                id=secrets.token_hex(16), sealed=os.urandom(40), category=category,
                country=country, iso_week=week, week_start=monday,
                receipt_hash=os.urandom(32),
            )
        )  # fmt: skip

    report("job", "PL", "2026-W47", dt.date(2026, 11, 16))
    report("job", "DE", "2026-W48", dt.date(2026, 11, 23))
    report("other", None, "2026-W48", dt.date(2026, 11, 23))
    return {"b1": b1, "b2": b2, "b3": b3}


async def seeded(
    engine: AsyncEngine, content: ContentPack
) -> tuple[dict[str, Any], dict[str, int]]:
    db = Database(engine)
    ids = await db.run(seed)
    return await db.run(lambda conn: stats.collect(conn, content, TODAY)), ids


def expected_stale(content: ContentPack, today: dt.date, days: int) -> dict[str, int]:
    counted = {
        country: sum(1 for r in entries if (today - r.verified).days > days)
        for country, entries in content.referrals.items()
    }
    return {country: n for country, n in counted.items() if n}


async def test_people_and_reach(engine: AsyncEngine, content: ContentPack) -> None:
    figures, _ = await seeded(engine, content)
    assert figures["people"] == {
        "subscribed": 3,
        "by_channel": {"telegram": 2, "viber": 1},
        "by_country": {"PL": 2, "DE": 1},
        "by_language": {"uk": 2, "ru": 1},
        "known": 5,
    }
    assert figures["reach"] == {
        "people": 3,  # distinct people with a delivered message
        "impressions": 5,  # every delivered message, the deleted person's too
        "blocked": 1,
        "failed": 1,
        "by_channel": {"telegram": 4, "viber": 1},
        "by_country": {"PL": 3, "DE": 1, "RO": 1},
        "by_language": {"uk": 3, "en": 1, "ru": 1},
        "by_day": {"2026-11-26": 2, "2026-11-27": 3},
    }


async def test_links_shares_and_job_checks(engine: AsyncEngine, content: ContentPack) -> None:
    figures, _ = await seeded(engine, content)
    assert figures["links"] == {"clicks": 9, "unique_clicks": 5}  # 3 first clicks + 2 browsers
    assert figures["shares"] == {"arrivals": 2, "new_people": 1}
    assert figures["jobcheck"] == {"checked": 10, "high": 3, "high_share": 0.3}


async def test_broadcasts_and_phases(engine: AsyncEngine, content: ContentPack) -> None:
    figures, ids = await seeded(engine, content)
    listed = figures["broadcasts"]
    for b in listed:
        assert b.pop("created_at").startswith("2026-11-25T09:00:00")
    assert listed == [
        {
            "id": ids["b1"], "kind": "phase", "content_id": PHASE_ID, "status": "done",
            "recipients": 4, "sent": 3, "blocked": 1, "failed": 0, "clicks": 5,
            "unique_clicks": 2, "share_arrivals": 2,
        },
        {
            "id": ids["b2"], "kind": "message", "content_id": "winter-warning",
            "status": "sending", "recipients": 4, "sent": 2, "blocked": 0, "failed": 1,
            "clicks": 4, "unique_clicks": 3, "share_arrivals": 0,
        },
        {
            "id": ids["b3"], "kind": "phase", "content_id": PHASE_ID, "status": "cancelled",
            "recipients": 0, "sent": 0, "blocked": 0, "failed": 0, "clicks": 0,
            "unique_clicks": 0, "share_arrivals": 0,
        },
    ]  # fmt: skip
    assert figures["phases"] == {PHASE_ID: {"broadcasts": 2, "sent": 3}}


async def test_reports_and_referrals(engine: AsyncEngine, content: ContentPack) -> None:
    figures, _ = await seeded(engine, content)
    assert figures["reports"] == {
        "total": 3,
        "by_category": {"job": 2, "other": 1},
        "by_country": {"DE": 1, "PL": 1, "unknown": 1},
        "by_week": {"2026-W47": 1, "2026-W48": 2},
    }
    referrals = figures["referrals"]
    by_country = {country: len(entries) for country, entries in content.referrals.items()}
    assert referrals["by_country"] == by_country
    assert referrals["total"] == sum(by_country.values()) > 0
    stale = expected_stale(content, TODAY, 365)
    assert referrals["stale_by_country"] == stale
    assert referrals["stale"] == sum(stale.values())
    assert referrals["stale_after_days"] == 365
    # Far enough ahead, every entry is stale.
    later = stats.referrals(content, dt.date(2100, 1, 1), 365)
    assert later["stale"] == later["total"] == referrals["total"]
    assert later["stale_by_country"] == by_country


async def test_an_empty_database(engine: AsyncEngine, content: ContentPack) -> None:
    figures = await Database(engine).run(lambda conn: stats.collect(conn, content, TODAY))
    assert figures["people"] == {
        "subscribed": 0, "by_channel": {}, "by_country": {}, "by_language": {}, "known": 0
    }  # fmt: skip
    assert figures["reach"]["people"] == figures["reach"]["impressions"] == 0
    assert figures["reach"]["by_day"] == {}
    assert figures["links"] == {"clicks": 0, "unique_clicks": 0}
    assert figures["shares"] == {"arrivals": 0, "new_people": 0}
    assert figures["broadcasts"] == []
    assert figures["phases"] == {}
    assert figures["reports"]["total"] == 0
    assert figures["jobcheck"] == {"checked": 0, "high": 0, "high_share": 0.0}
    assert "no" in stats.table(figures)


async def test_table_and_json(engine: AsyncEngine, content: ContentPack) -> None:
    figures, _ = await seeded(engine, content)
    assert json.loads(json.dumps(figures)) == figures  # plain JSON values only
    text = stats.table(figures)
    for heading in ("People", "Reach", "Links and shares", "Broadcasts", "Reports received"):
        assert f"\n{heading}\n" in text
    assert "  people reached" in text and "winter-warning" in text
    assert "30.0%" in text  # share of high-risk offers
    figures["reach"]["impressions"] = 1_234_567
    assert "1,234,567" in stats.table(figures)
    # Columns line up: words start under their heading, numbers end under it.
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if line.lstrip().startswith("id "))
    first, heading = lines[header + 1], lines[header]
    assert first.index("phase") == heading.index("kind")
    assert first.index("2026-11-25") == heading.index("created")
    assert len(first) == len(heading)  # the last column ("shares") is right-aligned


async def test_plot(engine: AsyncEngine, content: ContentPack, tmp_path: Path) -> None:
    empty = await Database(engine).run(lambda conn: stats.collect(conn, content, TODAY))
    stats.plot(empty, tmp_path / "empty.png")
    figures, _ = await seeded(engine, content)
    stats.plot(figures, tmp_path / "full.png")
    for name in ("empty.png", "full.png"):
        with Image.open(tmp_path / name) as image:
            assert image.format == "PNG"
            assert image.size == (1600, 1000)


def test_plot_of_a_long_campaign(tmp_path: Path) -> None:
    """Months of days and dozens of countries still make one readable picture of the same size."""
    start = dt.date(2026, 1, 1)
    by_day = {(start + dt.timedelta(days=i)).isoformat(): 1000 + i for i in range(120)}
    countries = {f"C{i:02d}": 5000 - i for i in range(30)}
    figures = {
        "date": "2026-05-01",
        "reach": {
            "by_day": by_day,
            "by_country": countries,
            "by_language": {"uk": 70_000, "ru": 40_000, "en": 5_000},
            "by_channel": {"telegram": 100_000, "viber": 15_000},
        },
    }
    stats.plot(figures, tmp_path / "long.png")
    with Image.open(tmp_path / "long.png") as image:
        assert image.size == (1600, 1000)


# -- the command line ---------------------------------------------------------------------------


def database(tmp_path: Path, seeded: bool) -> dict[str, str]:
    url = f"sqlite+aiosqlite:///{tmp_path / 'stats.db'}"

    async def run() -> None:
        db = Database(make_engine(url))
        try:
            await upgrade(db.engine)
            if seeded:
                await db.run(seed)
        finally:
            await db.dispose()

    asyncio.run(run())
    return {"DATABASE_URL": url, "SECRET_KEY": "test-secret-key"}


@pytest.mark.parametrize("seeded", [False, True], ids=["empty", "seeded"])
def test_stats_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seeded: bool) -> None:
    monkeypatch.chdir(tmp_path)
    env = database(tmp_path, seeded)
    runner = CliRunner()

    result = runner.invoke(main, ["stats", "--json"], env=env)
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["reach"]["impressions"] == (5 if seeded else 0)
    assert figures["people"]["known"] == (5 if seeded else 0)
    assert figures["referrals"]["stale_after_days"] == 365

    result = runner.invoke(main, ["stats"], env=env)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("movesafe campaign statistics, ")
    assert "\nReach\n" in result.output

    result = runner.invoke(main, ["stats", "--plot", "out.png", "--stale-after", "30"], env=env)
    assert result.exit_code == 0, result.output
    assert result.output.rstrip().endswith("wrote out.png")
    with Image.open(tmp_path / "out.png") as image:
        assert image.size == (1600, 1000)

    result = runner.invoke(main, ["stats", "--json", "--stale-after", "30"], env=env)
    assert json.loads(result.stdout)["referrals"]["stale_after_days"] == 30
    result = runner.invoke(main, ["stats", "--stale-after", "0"], env=env)
    assert result.exit_code == 2
