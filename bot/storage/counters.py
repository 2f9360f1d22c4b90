"""Counts a day (``daily_counts``) for statistics nothing else keeps: how many job offers were
checked and how many of them came out high-risk. A name and a number, nothing about anyone."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from bot.storage.models import DailyCount


def bump(db: Connection, name: str, day: dt.date, by: int = 1) -> None:
    insert = sqlite_insert if db.dialect.name == "sqlite" else pg_insert
    statement = insert(DailyCount).values(day=day, name=name, value=by)
    db.execute(
        statement.on_conflict_do_update(
            index_elements=["day", "name"], set_={"value": DailyCount.value + by}
        )
    )
