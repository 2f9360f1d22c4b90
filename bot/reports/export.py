"""The analysts' side: open every report with the private key and write it out.

``DIR/reports.jsonl`` (one JSON object per report) or ``DIR/reports.csv`` (one row per report,
texts joined), and each photo beside it as ``<report-id>-<n>.jpg`` (the report's photos first,
then those of its additions, in order). Files are written readable by their owner only: they hold
what the sealing protected.
"""

from __future__ import annotations

import base64
import csv
import json
import os
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any, Literal, NamedTuple

from nacl.public import PrivateKey
from sqlalchemy import select
from sqlalchemy.engine import Connection

from bot.reports.errors import ReportError
from bot.reports.sealing import open_sealed
from bot.storage.db import Database
from bot.storage.models import Report, ReportAddition, ReportPhoto

Format = Literal["jsonl", "csv"]
CSV_COLUMNS = (
    "id", "received_at", "iso_week", "category", "country", "city", "latitude", "longitude",
    "location_exact", "when", "language", "signs", "offer_text", "texts", "photos", "additions",
)  # fmt: skip
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class Exported(NamedTuple):
    path: Path
    reports: int
    photos: int


async def export(db: Database, key: PrivateKey, out: Path, fmt: Format = "jsonl") -> Exported:
    """Decrypt every report into ``out``; ``WrongKey`` before anything is written."""
    reports = [_open_report(key, row) for row in await db.run(_reports)]
    reports.sort(key=lambda r: (r["received_at"], r["id"]))
    _make_folder(out)
    photos = 0
    for report in reports:
        sealed = await db.run(partial(_photos, report["id"]))
        photos += _write_photos(key, out, report, sealed)
    return Exported(_write_reports(out, fmt, reports), len(reports), photos)


def sealed_bundle(conn: Connection) -> Iterator[str]:
    """Every report as it is stored, still sealed: one JSON line each (``id``, ``iso_week``,
    ``sealed``, ``additions``, ``photos``, base64). The web console hands this file to
    analysts; ``export_bundle`` opens it with the private key, away from the server."""
    for report_id, week, sealed, additions in _reports(conn):
        photos = _photos(report_id, conn)
        yield json.dumps(
            {
                "id": report_id,
                "iso_week": week,
                "sealed": _b64(sealed),
                "additions": [_b64(a) for a in additions],
                "photos": {photo_id: _b64(p) for photo_id, p in photos.items()},
            }
        )


def export_bundle(bundle: Path, key: PrivateKey, out: Path, fmt: Format = "jsonl") -> Exported:
    """``export`` from a sealed bundle (the console's download) instead of the database."""
    rows = []
    try:
        for line in bundle.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            additions = [base64.b64decode(a) for a in item["additions"]]
            photos = {k: base64.b64decode(v) for k, v in item["photos"].items()}
            row = (item["id"], item["iso_week"], base64.b64decode(item["sealed"]), additions)
            rows.append((row, photos))
    except (ValueError, KeyError, TypeError) as exc:
        raise ReportError(f"{bundle} is not a sealed reports file ({exc})") from None
    reports = [(_open_report(key, row), photos) for row, photos in rows]
    reports.sort(key=lambda r: (r[0]["received_at"], r[0]["id"]))
    _make_folder(out)
    count = sum(_write_photos(key, out, report, photos) for report, photos in reports)
    return Exported(_write_reports(out, fmt, [r for r, _p in reports]), len(reports), count)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _make_folder(out: Path) -> None:
    out.mkdir(mode=0o700, parents=True, exist_ok=True)


def _write_reports(out: Path, fmt: Format, reports: list[dict[str, Any]]) -> Path:
    path = out / f"reports.{fmt}"
    with open(_private(path), "w", encoding="utf-8", newline="") as file:
        if fmt == "jsonl":
            for report in reports:
                file.write(json.dumps(report, ensure_ascii=False) + "\n")
        else:
            writer = csv.DictWriter(file, CSV_COLUMNS)
            writer.writeheader()
            writer.writerows(csv_row(report) for report in reports)
    return path


def csv_row(report: dict[str, Any]) -> dict[str, str]:
    """Flat cells; a cell that a spreadsheet would run as a formula starts with ``'``."""
    location = report["location"] or {}
    additions = [f"[{a['received_at']}] " + "\n\n".join(a["texts"]) for a in report["additions"]]
    cells = {
        **{k: report[k] for k in ("id", "received_at", "iso_week", "category", "country")},
        **{k: report[k] for k in ("city", "when", "language", "offer_text")},
        "latitude": location.get("lat"),
        "longitude": location.get("lon"),
        "location_exact": location.get("exact"),
        "signs": " ".join(report["signs"]),
        "texts": "\n\n".join(report["texts"]),
        "photos": " ".join(report["photos"]),
        "additions": "\n\n".join(additions),
    }
    return {k: _cell(v) for k, v in cells.items()}


def _cell(value: object) -> str:
    text = "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _reports(conn: Connection) -> list[tuple[str, str, bytes, list[bytes]]]:
    additions: dict[str, list[bytes]] = {}
    for report_id, sealed in conn.execute(select(ReportAddition.report_id, ReportAddition.sealed)):
        additions.setdefault(report_id, []).append(sealed)
    query = select(Report.id, Report.iso_week, Report.sealed)
    return [(i, week, sealed, additions.get(i, [])) for i, week, sealed in conn.execute(query)]


def _photos(report_id: str, conn: Connection) -> dict[str, bytes]:
    query = select(ReportPhoto.id, ReportPhoto.sealed).where(ReportPhoto.report_id == report_id)
    return {photo_id: sealed for photo_id, sealed in conn.execute(query)}


def _open_report(key: PrivateKey, row: tuple[str, str, bytes, list[bytes]]) -> dict[str, Any]:
    report_id, week, sealed, sealed_additions = row
    payload = json.loads(open_sealed(key, sealed))
    additions = sorted(
        (json.loads(open_sealed(key, s)) for s in sealed_additions),
        key=lambda a: (a["number"], a["received_at"]),
    )
    return {
        "id": report_id,
        "iso_week": week,
        **payload,
        "additions": [{k: a[k] for k in ("received_at", "texts", "photos")} for a in additions],
    }


def _write_photos(
    key: PrivateKey, out: Path, report: dict[str, Any], sealed: dict[str, bytes]
) -> int:
    """Replaces photo ids in ``report`` by file names, numbered in order of arrival."""
    number = 0
    for part in (report, *report["additions"]):
        names = []
        for photo_id in part["photos"]:
            if photo_id not in sealed:
                continue
            number += 1
            names.append(f"{report['id']}-{number}.jpg")
            with open(_private(out / names[-1]), "wb") as file:
                file.write(open_sealed(key, sealed[photo_id]))
        part["photos"] = names
    return number


def _private(path: Path) -> int:
    """A file descriptor for writing ``path`` afresh, readable by its owner only."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # an older export's file keeps its mode otherwise
    return fd
