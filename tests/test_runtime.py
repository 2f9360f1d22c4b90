"""The runtime on both databases: per-person order, one transaction per event, forgetting."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.i18n import Renderer
from bot.runtime import Runtime
from bot.storage.models import User
from flows import Button, Start, Stopped, Text
from flows.content import ContentPack
from tests.conftest import make_runtime

ONBOARDING = [
    Start(lang_hint="en"),
    Button(payload="lang:en"),
    Button(payload="ok"),
    Button(payload="cty:PL"),
    Button(payload="upd:on"),
]


async def user_row(engine: AsyncEngine, external_id: str) -> User | None:
    async with engine.connect() as conn:
        row = (await conn.execute(select(User).where(User.external_id == external_id))).first()
    return row  # type: ignore[return-value]


async def test_concurrent_events_of_one_person_are_processed_in_order(
    runtime: Runtime, engine: AsyncEngine
) -> None:
    # All five are in flight at once; each only makes sense after the one before it
    # ("ok" is a stale button unless the language was chosen first, and so on).
    handled = await asyncio.gather(*(runtime.handle("test", "p1", e) for e in ONBOARDING))
    replies = [h.replies for h in handled]
    notices = [r[0].notice for r in replies]
    assert notices[:4] == [None, None, None, None]
    assert replies[-1][0].title == "Main menu"
    row = await user_row(engine, "p1")
    assert row is not None
    assert row.country == "PL"
    assert row.subscribed
    assert row.version == 5


async def test_two_runtimes_on_one_database_lose_no_update(
    engine: AsyncEngine, content: ContentPack, renderer: Renderer
) -> None:
    # Two runtimes = two processes: their in-process locks know nothing of each other, so only
    # the database (row lock / BEGIN IMMEDIATE / version check) keeps the person's state whole.
    a, b = make_runtime(engine, content, renderer), make_runtime(engine, content, renderer)
    for event in ONBOARDING:
        await a.handle("test", "p2", event)
    presses = [Button(payload="ph:travel-safe"), Button(payload="menu")] * 10
    await asyncio.gather(
        *((a if i % 2 else b).handle("test", "p2", e) for i, e in enumerate(presses))
    )
    row = await user_row(engine, "p2")
    assert row is not None
    assert row.version == len(ONBOARDING) + len(presses)


async def test_many_people_at_once_each_keep_their_own_state(
    runtime: Runtime, engine: AsyncEngine
) -> None:
    async def person(i: int) -> None:
        for event in ONBOARDING:
            await runtime.handle("test", f"crowd-{i}", event)

    await asyncio.gather(*(person(i) for i in range(20)))
    async with engine.connect() as conn:
        count = await conn.scalar(select(func.count()).select_from(User).where(User.version == 5))
    assert count == 20


async def test_delete_my_data_really_deletes_the_row(runtime: Runtime, engine: AsyncEngine) -> None:
    for event in ONBOARDING:
        await runtime.handle("test", "p3", event)
    assert await user_row(engine, "p3") is not None
    await runtime.handle("test", "p3", Text(text="/forget"))
    handled = await runtime.handle("test", "p3", Button(payload="forget:yes"))
    assert "deleted everything" in handled.replies[0].text
    assert await user_row(engine, "p3") is None
    again = await runtime.handle("test", "p3", Button(payload="restart", lang_hint="en"))
    assert (
        again.replies[0].buttons[0][0].payload == "lang:en"
    )  # a new beginning, language pre-selected


async def test_stopped_marks_the_person_and_sends_nothing(
    runtime: Runtime, engine: AsyncEngine
) -> None:
    for event in ONBOARDING:
        await runtime.handle("test", "p4", event)
    assert (await runtime.handle("test", "p4", Stopped())).replies == []
    row = await user_row(engine, "p4")
    assert row is not None
    assert row.stopped
    await runtime.handle("test", "p4", Start())
    row = await user_row(engine, "p4")
    assert row is not None
    assert not row.stopped


async def test_nothing_but_language_country_and_choices_is_stored(
    runtime: Runtime, engine: AsyncEngine
) -> None:
    await runtime.handle("test", "p5", Start(lang_hint="en"))
    await runtime.handle("test", "p5", Text(text="my name is Olena, call me on +48 600 100 200"))
    row = await user_row(engine, "p5")
    assert row is not None
    assert "Olena" not in row.session
    assert "600" not in row.session


async def test_a_re_delivered_event_is_handled_once(runtime: Runtime, engine: AsyncEngine) -> None:
    first = await runtime.handle("test", "p6", Start(lang_hint="en"), key="42")
    again = await runtime.handle("test", "p6", Start(lang_hint="en"), key="42")
    assert first.replies and not first.duplicate
    assert again.duplicate and again.replies == []
    other = await runtime.handle("test", "p6", Button(payload="lang:en"), key="43")
    assert not other.duplicate
    row = await user_row(engine, "p6")
    assert row is not None and row.version == 2


async def test_replies_are_delivered_in_event_order(runtime: Runtime) -> None:
    delivered: list[int] = []

    def deliver_as(i: int):  # type: ignore[no-untyped-def]
        async def deliver(handled) -> None:  # type: ignore[no-untyped-def]
            await asyncio.sleep(0.01 * (len(ONBOARDING) - i))  # earlier events deliver slower
            delivered.append(i)

        return deliver

    await asyncio.gather(
        *(runtime.handle("test", "p7", e, deliver=deliver_as(i)) for i, e in enumerate(ONBOARDING))
    )
    assert delivered == list(range(len(ONBOARDING)))
