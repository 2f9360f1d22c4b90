"""Campaign statistics (``movesafe stats``): counts the database already keeps, summed in SQL.

Nothing here reads a person's row into Python: every figure is a ``COUNT`` or ``SUM`` grouped
by channel, language, country, day or broadcast. People are counted only as numbers; reports
only by their readable columns (category, country, ISO week).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Date, distinct, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement, SQLCoreOperations

from bot.broadcasts.store import BLOCKED, FAILED, SENT
from bot.storage.models import Broadcast, DailyCount, Delivery, Link, LinkClick, Report, User
from flows.broadcast import PHASE
from flows.content import ContentPack
from flows.effects import JOB_CHECKED, JOB_HIGH, SHARE_ARRIVAL, SHARE_NEW

UNKNOWN = "unknown"  # the key for a missing country or language

Counts = dict[str, int]


def _keyed(rows: Iterable[Any]) -> Counts:
    """``{key: n}`` from (key, n) rows, largest first; a missing key becomes "unknown"."""
    result: Counts = {}
    for key, n in rows:
        name = UNKNOWN if key is None or key == "" else str(key)
        result[name] = result.get(name, 0) + int(n)
    return dict(sorted(result.items(), key=lambda item: (-item[1], item[0])))


def _total(db: Connection, column: SQLCoreOperations[Any], *where: ColumnElement[bool]) -> int:
    """``SUM(column)`` (0 when there is nothing to sum)."""
    query = select(func.coalesce(func.sum(column), 0))
    if where:
        query = query.where(*where)
    return int(db.execute(query).scalar_one())


def _count(db: Connection, *where: ColumnElement[bool], of: Any) -> int:
    return int(db.execute(select(func.count()).select_from(of).where(*where)).scalar_one())


def _grouped(db: Connection, key: SQLCoreOperations[Any], *where: ColumnElement[bool]) -> Counts:
    """``COUNT(*)`` of the key column's table grouped by ``key``."""
    return _keyed(db.execute(select(key, func.count()).where(*where).group_by(key)))


# -- people -------------------------------------------------------------------------------------


def people(db: Connection) -> dict[str, Any]:
    """Opted in and not stopped (who a broadcast may reach), and everyone the bot knows."""
    opted_in = (User.subscribed.is_(True), User.stopped.is_(False))
    return {
        "subscribed": _count(db, *opted_in, of=User),
        "by_channel": _grouped(db, User.channel, *opted_in),
        "by_country": _grouped(db, User.country, *opted_in),
        "by_language": _grouped(db, User.lang, *opted_in),
        "known": _count(db, of=User),
    }


# -- reach --------------------------------------------------------------------------------------


def sent_day() -> ColumnElement[dt.date]:
    """The day of a delivery's ``sent_at``: ``date(sent_at)`` is a function on SQLite (text in,
    'YYYY-MM-DD' out) and a cast on PostgreSQL (in the session's time zone); the result is read
    as a date either way. (``CAST(… AS DATE)`` would give the number 2026 on SQLite.)"""
    return func.date(Delivery.sent_at, type_=Date)


def reach(db: Connection) -> dict[str, Any]:
    """Deliveries: people reached, messages delivered, blocked and failed; where they went."""
    sent = Delivery.state == SENT
    people_reached = select(func.count(distinct(Delivery.user_id))).where(
        sent, Delivery.user_id.is_not(None)
    )
    by_state = dict(
        db.execute(
            select(Delivery.state, func.count())
            .where(Delivery.state.in_((SENT, BLOCKED, FAILED)))
            .group_by(Delivery.state)
        ).all()
    )
    day = sent_day().label("day")
    days = db.execute(
        select(day, func.count())
        .where(sent, Delivery.sent_at.is_not(None))
        .group_by(day)
        .order_by(day)
    )
    return {
        "people": int(db.execute(people_reached).scalar_one()),
        "impressions": int(by_state.get(SENT, 0)),
        "blocked": int(by_state.get(BLOCKED, 0)),
        "failed": int(by_state.get(FAILED, 0)),
        "by_channel": _grouped(db, Delivery.channel, sent),
        "by_country": _grouped(db, Delivery.country, sent),
        "by_language": _grouped(db, Delivery.lang, sent),
        "by_day": {_iso(d): int(n) for d, n in days},
    }


def _iso(day: dt.date | str) -> str:
    return day if isinstance(day, str) else day.isoformat()


# -- links and shares ---------------------------------------------------------------------------


def links(db: Connection) -> Counts:
    """All clicks on tracked links; unique clicks: first clicks of a delivery (Telegram) plus
    new browsers (Viber, one code for many people)."""
    return {
        "clicks": _total(db, Link.clicks),
        "unique_clicks": _count(db, of=LinkClick) + _total(db, Link.browsers),
    }


def _prefixed(prefix: str) -> ColumnElement[bool]:
    return DailyCount.name.startswith(f"{prefix}:", autoescape=True)


def shares(db: Connection) -> Counts:
    """People who came through a broadcast's "share this bot" link, and those new to the bot."""
    return {
        "arrivals": _total(db, DailyCount.value, _prefixed(SHARE_ARRIVAL)),
        "new_people": _total(db, DailyCount.value, _prefixed(SHARE_NEW)),
    }


# -- broadcasts ---------------------------------------------------------------------------------


def broadcasts(db: Connection) -> list[dict[str, Any]]:
    """Each broadcast with its delivery results, link clicks and share arrivals, oldest first."""
    states: dict[int, dict[int, int]] = {}
    for broadcast_id, state, n in db.execute(
        select(Delivery.broadcast_id, Delivery.state, func.count()).group_by(
            Delivery.broadcast_id, Delivery.state
        )
    ):
        states.setdefault(broadcast_id, {})[state] = int(n)
    clicks = {
        broadcast_id: (int(total), int(browsers))
        for broadcast_id, total, browsers in db.execute(
            select(
                Link.broadcast_id,
                func.coalesce(func.sum(Link.clicks), 0),
                func.coalesce(func.sum(Link.browsers), 0),
            ).group_by(Link.broadcast_id)
        )
    }
    first_clicks = dict(
        db.execute(
            select(Link.broadcast_id, func.count())
            .select_from(LinkClick)
            .join(Link, Link.id == LinkClick.link_id)
            .group_by(Link.broadcast_id)
        ).all()
    )
    arrivals = _per_broadcast(db, SHARE_ARRIVAL)
    result = []
    for row in db.execute(
        select(
            Broadcast.id,
            Broadcast.kind,
            Broadcast.content_id,
            Broadcast.status,
            Broadcast.created_at,
            Broadcast.recipients,
        ).order_by(Broadcast.id)
    ):
        counted = states.get(row.id, {})
        total, browsers = clicks.get(row.id, (0, 0))
        result.append(
            {
                "id": row.id,
                "kind": row.kind,
                "content_id": row.content_id,
                "status": row.status,
                "created_at": row.created_at.isoformat() if row.created_at else None,
                "recipients": int(row.recipients),
                "sent": counted.get(SENT, 0),
                "blocked": counted.get(BLOCKED, 0),
                "failed": counted.get(FAILED, 0),
                "clicks": total,
                "unique_clicks": int(first_clicks.get(row.id, 0)) + browsers,
                "share_arrivals": arrivals.get(row.id, 0),
            }
        )
    return result


def _per_broadcast(db: Connection, prefix: str) -> dict[int, int]:
    """``prefix:<broadcast id>`` daily counts summed per broadcast (one row per name)."""
    result: dict[int, int] = {}
    query = (
        select(DailyCount.name, func.sum(DailyCount.value))
        .where(_prefixed(prefix))
        .group_by(DailyCount.name)
    )
    for name, n in db.execute(query):
        suffix = str(name)[len(prefix) + 1 :]
        if suffix.isdigit():
            result[int(suffix)] = result.get(int(suffix), 0) + int(n)
    return result


def phases(db: Connection) -> dict[str, Counts]:
    """Per phase id: how many broadcasts carried it and how many messages were delivered."""
    is_phase = Broadcast.kind == PHASE
    result: dict[str, Counts] = {
        str(content_id): {"broadcasts": int(n), "sent": 0}
        for content_id, n in db.execute(
            select(Broadcast.content_id, func.count())
            .where(is_phase)
            .group_by(Broadcast.content_id)
            .order_by(Broadcast.content_id)
        )
    }
    for content_id, n in db.execute(
        select(Broadcast.content_id, func.count())
        .select_from(Delivery)
        .join(Broadcast, Broadcast.id == Delivery.broadcast_id)
        .where(is_phase, Delivery.state == SENT)
        .group_by(Broadcast.content_id)
    ):
        result[str(content_id)]["sent"] = int(n)
    return result


# -- referrals, reports, job checks -------------------------------------------------------------


def referrals(content: ContentPack, today: dt.date, stale_days: int) -> dict[str, Any]:
    """Organisations per country in the content pack; stale: verified over ``stale_days`` ago
    (as ``movesafe content check`` counts them)."""
    by_country = {country: len(entries) for country, entries in sorted(content.referrals.items())}
    stale = {
        country: n
        for country, entries in sorted(content.referrals.items())
        if (n := sum(1 for r in entries if (today - r.verified).days > stale_days))
    }
    return {
        "total": sum(by_country.values()),
        "by_country": by_country,
        "stale_after_days": stale_days,
        "stale": sum(stale.values()),
        "stale_by_country": stale,
    }


def reports(db: Connection) -> dict[str, Any]:
    """Anonymous reports received (and not yet purged), by their readable columns."""
    weeks = db.execute(
        select(Report.iso_week, func.count()).group_by(Report.iso_week).order_by(Report.iso_week)
    )
    return {
        "total": _count(db, of=Report),
        "by_category": _grouped(db, Report.category),
        "by_country": _grouped(db, Report.country),
        "by_week": {str(week): int(n) for week, n in weeks},
    }


def jobcheck(db: Connection) -> dict[str, Any]:
    """Job offers checked, those that came out high-risk, and their share."""
    checked = _total(db, DailyCount.value, DailyCount.name == JOB_CHECKED)
    high = _total(db, DailyCount.value, DailyCount.name == JOB_HIGH)
    return {
        "checked": checked,
        "high": high,
        "high_share": round(high / checked, 4) if checked else 0.0,
    }


def collect(
    db: Connection, content: ContentPack, today: dt.date, stale_days: int = 365
) -> dict[str, Any]:
    """Every section, as plain JSON-serialisable values."""
    return {
        "date": today.isoformat(),
        "people": people(db),
        "reach": reach(db),
        "links": links(db),
        "shares": shares(db),
        "broadcasts": broadcasts(db),
        "phases": phases(db),
        "referrals": referrals(content, today, stale_days),
        "reports": reports(db),
        "jobcheck": jobcheck(db),
    }


# -- the text report ----------------------------------------------------------------------------


def _n(value: int) -> str:
    return f"{value:,}"


def _numeric(cell: str) -> bool:
    return bool(cell) and all(c.isdigit() or c in ",.%" for c in cell)


def _rows(rows: Sequence[Sequence[str]], indent: int = 2) -> list[str]:
    """Aligned columns: numbers right-aligned (with their heading), words left-aligned."""
    if not rows:
        return []
    columns = range(len(rows[0]))
    widths = [max(len(row[i]) for row in rows) for i in columns]
    body = rows[1:] if len(rows) > 1 else rows
    right = [any(_numeric(row[i]) for row in body) and i > 0 for i in columns]
    lines = []
    for row in rows:
        cells = [
            cell.rjust(width) if is_right else cell.ljust(width)
            for cell, width, is_right in zip(row, widths, right, strict=True)
        ]
        lines.append(" " * indent + "  ".join(cells).rstrip())
    return lines


def _breakdown(title: str, counts: Counts) -> list[str]:
    if not counts:
        return [f"  {title}: none"]
    return [f"  {title}:", *_rows([(k, _n(v)) for k, v in counts.items()], indent=4)]


def _heading(title: str) -> list[str]:
    return ["", title, "-" * len(title)]


def table(stats: dict[str, Any]) -> str:
    """The statistics as a plain-text report."""
    lines = [f"movesafe campaign statistics, {stats['date']}"]
    people_, reach_ = stats["people"], stats["reach"]
    lines += _heading("People")
    lines += _rows(
        [
            ("opted in to updates (not stopped)", _n(people_["subscribed"])),
            ("known to the bot", _n(people_["known"])),
        ]
    )
    lines += _breakdown("opted in by channel", people_["by_channel"])
    lines += _breakdown("opted in by country", people_["by_country"])
    lines += _breakdown("opted in by language", people_["by_language"])

    lines += _heading("Reach")
    lines += _rows(
        [
            ("people reached", _n(reach_["people"])),
            ("messages delivered", _n(reach_["impressions"])),
            ("blocked the bot", _n(reach_["blocked"])),
            ("failed", _n(reach_["failed"])),
        ]
    )
    lines += _breakdown("delivered by channel", reach_["by_channel"])
    lines += _breakdown("delivered by country", reach_["by_country"])
    lines += _breakdown("delivered by language", reach_["by_language"])
    lines += _breakdown("delivered by day", reach_["by_day"])

    lines += _heading("Links and shares")
    lines += _rows(
        [
            ("link clicks", _n(stats["links"]["clicks"])),
            ("unique link clicks", _n(stats["links"]["unique_clicks"])),
            ("arrivals through a share link", _n(stats["shares"]["arrivals"])),
            ("… of them new to the bot", _n(stats["shares"]["new_people"])),
        ]
    )

    lines += _heading("Broadcasts")
    if stats["broadcasts"]:
        header = ["id", "kind", "content", "status", "created", "recipients", "sent"]
        header += ["blocked", "failed", "clicks", "unique", "shares"]
        rows: list[list[str]] = [header]
        for b in stats["broadcasts"]:
            rows.append(
                [
                    str(b["id"]),
                    b["kind"],
                    b["content_id"],
                    b["status"],
                    (b["created_at"] or "")[:10],
                    *(
                        _n(b[k])
                        for k in (
                            "recipients",
                            "sent",
                            "blocked",
                            "failed",
                            "clicks",
                            "unique_clicks",
                            "share_arrivals",
                        )
                    ),
                ]
            )
        lines += _rows(rows)
    else:
        lines.append("  none yet")
    if stats["phases"]:
        lines.append("  by phase:")
        phase_rows = [("phase", "broadcasts", "sent")]
        phase_rows += [
            (phase, _n(v["broadcasts"]), _n(v["sent"])) for phase, v in stats["phases"].items()
        ]
        lines += _rows(phase_rows, indent=4)

    refs = stats["referrals"]
    lines += _heading("Referral organisations")
    lines += _rows(
        [
            ("organisations", _n(refs["total"])),
            (f"verified over {refs['stale_after_days']} days ago", _n(refs["stale"])),
        ]
    )
    country_rows = [("country", "organisations", "stale")]
    country_rows += [
        (country, _n(n), _n(refs["stale_by_country"].get(country, 0)))
        for country, n in refs["by_country"].items()
    ]
    if refs["by_country"]:
        lines += _rows(country_rows, indent=4)

    lines += _heading("Reports received")
    lines += _rows([("reports", _n(stats["reports"]["total"]))])
    lines += _breakdown("by category", stats["reports"]["by_category"])
    lines += _breakdown("by country", stats["reports"]["by_country"])
    lines += _breakdown("by ISO week", stats["reports"]["by_week"])

    job = stats["jobcheck"]
    lines += _heading("Job-offer checks")
    lines += _rows(
        [
            ("offers checked", _n(job["checked"])),
            ("high risk", _n(job["high"])),
            ("share high risk", f"{job['high_share']:.1%}"),
        ]
    )
    return "\n".join(lines) + "\n"


# -- the picture --------------------------------------------------------------------------------


def plot(stats: dict[str, Any], path: Path) -> None:
    """One 1600x1000 PNG: messages delivered per day, and by country, language and channel."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.axes import Axes
    from matplotlib.ticker import MaxNLocator

    reach_ = stats["reach"]
    fig, grid = plt.subplots(2, 2, figsize=(16, 10), dpi=100)
    try:
        fig.suptitle(f"movesafe campaign reach, {stats['date']}", fontsize=16)
        day_ax, country_ax, lang_ax, channel_ax = grid.flat

        def empty(ax: Axes) -> None:
            ax.text(
                0.5, 0.5, "no data yet", ha="center", va="center", fontsize=14,
                color="grey", transform=ax.transAxes,
            )  # fmt: skip
            ax.set_xticks([])
            ax.set_yticks([])

        by_day: dict[str, int] = reach_["by_day"]
        day_ax.set_title("Messages delivered per day")
        if by_day:
            days = [dt.date.fromisoformat(d) for d in by_day]
            day_ax.plot(days, list(by_day.values()), marker="o", label="delivered that day")
            cumulative, running = [], 0
            for n in by_day.values():
                running += n
                cumulative.append(running)
            day_ax.plot(days, cumulative, linestyle="--", label="delivered in all")
            day_ax.set_ylabel("messages")
            day_ax.legend(loc="upper left")
            day_ax.set_ylim(bottom=0)
            day_ax.yaxis.set_major_locator(MaxNLocator(integer=True))
            if len(days) <= 14:  # a tick a day, never hours
                day_ax.set_xticks(days, [d.isoformat() for d in days])
            else:
                locator = mdates.AutoDateLocator(maxticks=12)  # type: ignore[no-untyped-call]
                day_ax.xaxis.set_major_locator(locator)
                formatter = mdates.DateFormatter("%Y-%m-%d")  # type: ignore[no-untyped-call]
                day_ax.xaxis.set_major_formatter(formatter)
            day_ax.tick_params(axis="x", labelrotation=30)
        else:
            empty(day_ax)

        for ax, key, title in (
            (country_ax, "by_country", "Messages delivered by country"),
            (lang_ax, "by_language", "Messages delivered by language"),
            (channel_ax, "by_channel", "Messages delivered by channel"),
        ):
            counts: Counts = reach_[key]
            ax.set_title(title)
            if not counts:
                empty(ax)
                continue
            labels, values = list(counts), list(counts.values())
            bars = ax.bar(labels, values, color="tab:blue")
            ax.bar_label(bars, labels=[_n(v) for v in values], padding=2)
            ax.set_ylabel("messages")
            ax.yaxis.set_major_locator(MaxNLocator(integer=True))
            ax.margins(y=0.15)
            if len(labels) > 8:
                ax.tick_params(axis="x", labelrotation=60)
        fig.tight_layout()
        fig.savefig(path, format="png")
    finally:
        plt.close(fig)
