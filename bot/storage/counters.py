"""Counts a day (``daily_counts``) for statistics nothing else keeps: how many job offers were
checked and how many of them came out high-risk. A name and a number, nothing about anyone."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.engine import Connection

from bot.storage.db import insert_for
from bot.storage.models import DailyCount


def bump(db: Connection, name: str, day: dt.date, by: int = 1) -> None:
    statement = insert_for(db)(DailyCount).values(day=day, name=name, value=by)
    db.execute(
        statement.on_conflict_do_update(
            index_elements=["day", "name"], set_={"value": DailyCount.value + by}
        )
    )
