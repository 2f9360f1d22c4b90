"""Reports on both databases: sealed round trip to the analysts' export, additions by receipt
code, coarse time and place, retention, statistics, and a schema with nothing that points at a
person (on SQLite, not even a hidden row counter)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import time
from pathlib import Path
from typing import Any

import pytest
from nacl.public import PrivateKey
from PIL import Image
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.reports.errors import InvalidReport, NotAnImage, WrongKey
from bot.reports.export import export
from bot.reports.receipts import display
from bot.reports.store import (
    ReportContent,
    ReportKeys,
    WeekCount,
    add,
    counts_by_category_country_week,
    purge,
    submit,
)
from bot.runtime import Runtime
from bot.storage.db import Database
from bot.storage.models import Report, ReportAddition, ReportPhoto
from tests.conftest import FROZEN

NOW = FROZEN + dt.timedelta(minutes=37, seconds=12)  # 2026-11-28 12:37:12 UTC, ISO week 48
TEXT = "ZEBRA-PLAINTEXT-7731 they took our passports"
TEXT_UK = "Кременчук-таємниця-4412 забрали паспорти"
CITY = "Перемишль-CITYMARK-5521"
OFFER = "OFFER-ЗАРПЛАТА-9911 робота в Польщі 3000 євро"
ADDED = "ADDITION-ДОПИСАНО-6610 the bus was white"
TABLES = {
    "reports": {"id", "sealed", "category", "country", "iso_week", "week_start", "receipt_hash"},
    "report_photos": {"id", "report_id", "sealed"},
    "report_additions": {"id", "report_id", "sealed"},
    # a draft's photos until it is sent: the random draft id is known only to the session
    "report_pending_photos": {"id", "draft_id", "sealed", "expires_at"},
}


@pytest.fixture
def db(engine: AsyncEngine) -> Database:
    return Database(engine)


def photo(colour: str, size: tuple[int, int] = (60, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def content(**changes: Any) -> ReportContent:
    fields: dict[str, Any] = {
        "category": "labour_exploitation",
        "country": "PL",
        "city": CITY,
        "location": (50.061234, 19.945678),
        "exact": False,
        "when": "week",
        "texts": [TEXT, TEXT_UK],
        "language": "uk",
        "signs": ("recruitment_fee", "document_retention"),
        "offer_text": OFFER,
    }
    return ReportContent(**{**fields, **changes})


async def exported(db: Database, key: PrivateKey, out: Path) -> list[dict[str, Any]]:
    done = await export(db, key, out, "jsonl")
    lines = done.path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def database_bytes(folder: Path) -> bytes:
    """The SQLite file and its write-ahead log, as stored on disk."""
    return b"".join(f.read_bytes() for f in sorted(folder.glob("test.db*")))


async def rows(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    tables = {"reports": Report, "report_photos": ReportPhoto, "report_additions": ReportAddition}
    found = {}
    for name, table in tables.items():
        found[name] = sorted(
            tuple(r) for r in await db.run(lambda c, t=table: c.execute(select(t.__table__)).all())
        )
    return found


async def test_a_report_comes_back_whole_in_the_jsonl_export(
    db: Database, keys: ReportKeys, private_key: PrivateKey, tmp_path: Path
) -> None:
    code = await submit(db, keys, content(), [photo("red"), photo("blue")], NOW)
    assert code.isdigit() and len(code) == 16
    later = NOW + dt.timedelta(hours=26, minutes=5)
    assert await add(db, keys, display(code), [ADDED], [photo("green")], later)

    [report] = await exported(db, private_key, tmp_path / "out")
    assert len(report["id"]) == 32
    rid = report["id"]
    assert report == {
        "id": rid,
        "iso_week": "2026-W48",
        "received_at": "2026-11-28T12:00:00+00:00",
        "category": "labour_exploitation",
        "country": "PL",
        "city": CITY,
        "location": {"lat": 50.06, "lon": 19.95, "exact": False},
        "when": "week",
        "texts": [TEXT, TEXT_UK],
        "language": "uk",
        "signs": ["recruitment_fee", "document_retention"],
        "offer_text": OFFER,
        "photos": [f"{rid}-1.jpg", f"{rid}-2.jpg"],
        "additions": [
            {
                "received_at": "2026-11-29T14:00:00+00:00",
                "texts": [ADDED],
                "photos": [f"{rid}-3.jpg"],
            }
        ],
    }
    colours = {1: (255, 0, 0), 2: (0, 0, 255), 3: (0, 128, 0)}
    for n, colour in colours.items():
        file = tmp_path / "out" / f"{rid}-{n}.jpg"
        image = Image.open(file)
        assert (image.format, image.size) == ("JPEG", (60, 40))
        assert all(abs(a - b) < 30 for a, b in zip(image.getpixel((30, 20)), colour, strict=True))
        assert file.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "out" / "reports.jsonl").stat().st_mode & 0o777 == 0o600


async def test_the_csv_export_has_one_row_per_report_with_every_field(
    db: Database, keys: ReportKeys, private_key: PrivateKey, tmp_path: Path
) -> None:
    code = await submit(db, keys, content(), [photo("red")], NOW)
    await add(db, keys, code, [ADDED], [], NOW + dt.timedelta(minutes=50))
    await submit(db, keys, content(texts=["=HYPERLINK(1)"], city=None, location=None), [], NOW)

    done = await export(db, private_key, tmp_path, "csv")
    assert (done.path.name, done.reports, done.photos) == ("reports.csv", 2, 1)
    with done.path.open(encoding="utf-8", newline="") as file:
        table = list(csv.DictReader(file))
    [full] = [r for r in table if r["city"]]
    [bare] = [r for r in table if not r["city"]]
    assert {k: v for k, v in full.items() if k not in ("id", "photos")} == {
        "received_at": "2026-11-28T12:00:00+00:00",
        "iso_week": "2026-W48",
        "category": "labour_exploitation",
        "country": "PL",
        "city": CITY,
        "latitude": "50.06",
        "longitude": "19.95",
        "location_exact": "false",
        "when": "week",
        "language": "uk",
        "signs": "recruitment_fee document_retention",
        "offer_text": OFFER,
        "texts": f"{TEXT}\n\n{TEXT_UK}",
        "additions": f"[2026-11-28T13:00:00+00:00] {ADDED}",
    }
    assert full["photos"] == f"{full['id']}-1.jpg"
    assert (tmp_path / full["photos"]).is_file()
    # A spreadsheet must not run what a stranger typed as a formula.
    assert bare["texts"] == "'=HYPERLINK(1)"
    assert (bare["latitude"], bare["photos"], bare["additions"]) == ("", "", "")


async def test_an_exact_location_is_kept_and_any_other_is_coarsened(
    db: Database, keys: ReportKeys, private_key: PrivateKey, tmp_path: Path
) -> None:
    await submit(db, keys, content(exact=True, category="exact"), [], NOW)
    await submit(db, keys, content(exact=False, category="coarse"), [], NOW)
    found = {r["category"]: r["location"] for r in await exported(db, private_key, tmp_path)}
    assert found == {
        "exact": {"lat": 50.06123, "lon": 19.94568, "exact": True},
        "coarse": {"lat": 50.06, "lon": 19.95, "exact": False},
    }


async def test_the_tables_hold_nothing_that_can_point_at_a_person(
    engine: AsyncEngine, db: Database, keys: ReportKeys
) -> None:
    await submit(db, keys, content(), [photo("red")], NOW)
    async with engine.connect() as conn:
        columns = await conn.run_sync(
            lambda c: {t: {col["name"] for col in inspect(c).get_columns(t)} for t in TABLES}
        )
        query = text("SELECT category, country, iso_week FROM reports")
        readable = (await conn.execute(query)).one()
    assert columns == TABLES
    assert tuple(readable) == ("labour_exploitation", "PL", "2026-W48")


async def test_on_sqlite_no_hidden_row_counter_keeps_the_order_of_arrival(
    sqlite_engine: AsyncEngine, keys: ReportKeys
) -> None:
    db = Database(sqlite_engine)
    await submit(db, keys, content(), [photo("red")], NOW)
    async with sqlite_engine.connect() as conn:
        for table in TABLES:
            with pytest.raises(OperationalError, match="rowid"):
                await conn.execute(text(f"SELECT rowid FROM {table}"))


async def test_the_database_file_holds_no_report_text_in_the_clear(
    sqlite_engine: AsyncEngine, keys: ReportKeys, tmp_path: Path
) -> None:
    db = Database(sqlite_engine)
    code = await submit(db, keys, content(), [photo("red")], NOW)
    assert await add(db, keys, code, [ADDED], [], NOW)
    raw = database_bytes(tmp_path)
    assert b"labour_exploitation" in raw  # the check can see readable columns...
    for secret in (TEXT, TEXT_UK, CITY, OFFER, ADDED, code, "recruitment_fee", "50.06"):
        for part in secret.split():
            if len(part) >= 5:
                assert part.encode("utf-8") not in raw, part  # ...and none of these


async def test_a_wrong_receipt_changes_nothing_and_a_right_one_adds(
    db: Database, keys: ReportKeys, private_key: PrivateKey, tmp_path: Path
) -> None:
    code = await submit(db, keys, content(), [], NOW)
    before = await rows(db)
    wrong = f"{(int(code) + 1) % 10**16:016d}"
    for typed in (wrong, "not a code", code[:15], ""):
        assert await add(db, keys, typed, [ADDED], [photo("red")], NOW) is False
    assert await rows(db) == before

    dashed = "-".join(code[i : i + 4] for i in range(0, 16, 4))
    assert await add(db, keys, f" {dashed} ", [ADDED], [photo("red")], NOW)
    assert await add(db, keys, code, ["second"], [], NOW)
    [report] = await exported(db, private_key, tmp_path)
    assert [a["texts"] for a in report["additions"]] == [[ADDED], ["second"]]
    assert report["additions"][0]["photos"] == [f"{report['id']}-1.jpg"]


async def test_receipt_codes_differ_and_each_opens_only_its_own_report(
    db: Database, keys: ReportKeys, private_key: PrivateKey, tmp_path: Path
) -> None:
    first = await submit(db, keys, content(category="first"), [], NOW)
    second = await submit(db, keys, content(category="second"), [], NOW)
    assert first != second
    assert await add(db, keys, second, ["for the second"], [], NOW)
    found = {r["category"]: r["additions"] for r in await exported(db, private_key, tmp_path)}
    assert found["first"] == []
    assert [a["texts"] for a in found["second"]] == [["for the second"]]


async def test_purge_removes_old_reports_with_their_photos_and_additions(
    db: Database, keys: ReportKeys, private_key: PrivateKey, tmp_path: Path
) -> None:
    today = NOW.date()
    for age, name in ((400, "ancient"), (181, "old"), (170, "recent"), (0, "new")):
        at = NOW - dt.timedelta(days=age)
        code = await submit(db, keys, content(category=name), [photo("red")], at)
        assert await add(db, keys, code, ["more"], [photo("blue")], at)

    assert await purge(db, today, 180) == 2
    left = await rows(db)
    assert len(left["reports"]) == 2
    assert len(left["report_photos"]) == 4
    assert len(left["report_additions"]) == 2
    found = await exported(db, private_key, tmp_path)
    assert sorted(r["category"] for r in found) == ["new", "recent"]
    assert await purge(db, today, 180) == 0


async def test_the_server_runtime_purges_old_reports_as_it_prunes(
    db: Database, keys: ReportKeys, runtime: Runtime
) -> None:
    await submit(db, keys, content(category="old"), [], NOW - dt.timedelta(days=200))
    await submit(db, keys, content(category="new"), [], NOW - dt.timedelta(days=3))
    server = Runtime(
        db, runtime.content, runtime.renderer, clock=lambda: NOW, report_retention_days=180
    )
    await server.remember_messages("telegram", "1", [7])
    await server.flush()
    left = await counts_by_category_country_week(db)
    assert [c.category for c in left] == ["new"]


async def test_counts_by_category_country_and_week(db: Database, keys: ReportKeys) -> None:
    week_before = NOW - dt.timedelta(days=7)
    await submit(db, keys, content(category="a"), [], NOW)
    await submit(db, keys, content(category="a"), [], NOW)
    await submit(db, keys, content(category="a", country="RO"), [], NOW)
    await submit(db, keys, content(category="b", country=None), [], week_before)
    assert await counts_by_category_country_week(db) == [
        WeekCount("b", None, "2026-W47", 1),
        WeekCount("a", "PL", "2026-W48", 2),
        WeekCount("a", "RO", "2026-W48", 1),
    ]


async def test_the_sealed_size_does_not_give_away_the_length_of_the_text(
    db: Database, keys: ReportKeys
) -> None:
    await submit(db, keys, content(texts=["a"]), [], NOW)
    await submit(db, keys, content(texts=["a" * 120]), [], NOW)
    sizes = await db.run(lambda c: c.execute(select(Report.sealed)).scalars().all())
    assert len({len(s) for s in sizes}) == 1


async def test_export_with_the_wrong_private_key_fails_clearly_and_writes_nothing(
    db: Database, keys: ReportKeys, tmp_path: Path
) -> None:
    await submit(db, keys, content(), [photo("red")], NOW)
    with pytest.raises(WrongKey, match="private key does not open the reports"):
        await export(db, PrivateKey.generate(), tmp_path / "out", "jsonl")
    assert not (tmp_path / "out").exists()


async def test_bad_input_is_refused_before_anything_is_stored(
    db: Database, keys: ReportKeys
) -> None:
    with pytest.raises(NotAnImage):
        await submit(db, keys, content(), [b"%PDF-1.4"], NOW)
    bad: list[dict[str, Any]] = [
        {"when": "yesterday"},
        {"country": "Poland"},
        {"location": (91.0, 0.0)},
        {"location": (0.0, float("nan"))},
        {"category": ""},
        {"texts": ["x" * 20_001]},
    ]
    for changes in bad:
        with pytest.raises(InvalidReport):
            await submit(db, keys, content(**changes), [], NOW)
    with pytest.raises(InvalidReport):
        await submit(db, keys, content(), [photo("red")] * 11, NOW)
    assert await rows(db) == {"reports": [], "report_photos": [], "report_additions": []}


async def test_the_migration_matches_the_models(engine: AsyncEngine) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from bot.storage.models import Base

    def diff(conn: Any) -> list[Any]:
        return compare_metadata(MigrationContext.configure(conn), Base.metadata)

    async with engine.connect() as conn:
        changes = await conn.run_sync(diff)
    assert [c for c in changes if "report" in repr(c)] == []


async def test_a_malformed_or_wrong_code_costs_the_same_slow_hash(
    sqlite_engine: AsyncEngine, keys: ReportKeys
) -> None:
    db = Database(sqlite_engine)
    code = await submit(db, keys, content(), [], NOW)
    took = {}
    for name, typed in (("right", code), ("wrong", "0000 0000 0000 0001"), ("malformed", "abc")):
        started = time.perf_counter()
        await add(db, keys, typed, ["x"], [], NOW)
        took[name] = time.perf_counter() - started
    # Argon2id dominates each of them: no early answer for a code that cannot exist.
    assert min(took.values()) > 0.01
    assert took["malformed"] > took["right"] / 3
