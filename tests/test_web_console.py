"""The web console over HTTP (the real server, ``make_app``, SQLite and PostgreSQL): login codes,
sessions and their cookies, CSRF, roles, security headers, the pages, the sealed reports file.

The browser side (Chromium, a broadcast launched and watched to the end) is in
``test_web_console_browser.py``."""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import re
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from nacl.public import PrivateKey
from sqlalchemy import func, insert, select

from bot.broadcasts import volunteers as vol
from bot.console import auth
from bot.reports.errors import ReportError
from bot.reports.export import export_bundle
from bot.reports.store import ReportContent, ReportKeys, submit
from bot.runtime import utcnow
from bot.server import RUNTIME, SETTINGS
from bot.storage.models import Broadcast, User
from tests.conftest import served

TODAY = dt.datetime.now(dt.UTC).date()
HEADERS = {
    "Content-Security-Policy": "frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def client(
    request: pytest.FixtureRequest, tmp_path: Path, private_key: PrivateKey
) -> AsyncIterator[TestClient[Any, Any]]:
    public = base64.b64encode(bytes(private_key.public_key)).decode()
    env = {"REPORTS_PUBLIC_KEY": public}  # plain http here: see the https test for Secure
    async with served(request.param, tmp_path, env) as client:
        yield client


async def staff(client: TestClient[Any, Any], who: str, role: str) -> int:
    db = client.app[RUNTIME].db
    await db.run(lambda conn: vol.add(conn, "telegram", who, role, TODAY))
    found = await db.run(lambda conn: vol.volunteer_id(conn, "telegram", who))
    assert found is not None
    return found


async def code_for(client: TestClient[Any, Any], volunteer_id: int, ago: int = 0) -> str:
    now = utcnow() - dt.timedelta(minutes=ago)
    return await client.app[RUNTIME].db.run(lambda c: auth.create_login(c, volunteer_id, now))


def pre_token(html: str) -> str:
    found = re.search(r'name="pre" value="([^"]+)"', html)
    assert found, html
    return found.group(1)


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, html
    return found.group(1)


async def try_code(client: TestClient[Any, Any], code: str) -> Any:
    form = await client.get("/console/login")
    pre = pre_token(await form.text())
    return await client.post(
        "/console/login", data={"pre": pre, "code": code}, allow_redirects=False
    )


async def log_in(client: TestClient[Any, Any], who: str, role: str) -> int:
    volunteer_id = await staff(client, who, role)
    answer = await try_code(client, await code_for(client, volunteer_id))
    assert answer.status == 303, await answer.text()
    return volunteer_id


async def csrf(client: TestClient[Any, Any], path: str = "/console/broadcasts/new") -> str:
    page = await client.get(path)
    assert page.status == 200
    return csrf_of(await page.text())


async def seed_people(client: TestClient[Any, Any]) -> None:
    rows = [
        {
            "channel": "telegram", "external_id": str(9000 + i), "lang": lang, "country": country,
            "subscribed": True, "stopped": False, "session": "", "version": 1,
            "first_seen_on": TODAY, "last_seen_on": TODAY,
        }
        for i, (lang, country) in enumerate([("uk", "PL"), ("ru", "PL"), ("en", "DE")])
    ]  # fmt: skip
    await client.app[RUNTIME].db.run(lambda conn: conn.execute(insert(User), rows))


async def broadcasts_stored(client: TestClient[Any, Any]) -> int:
    query = select(func.count()).select_from(Broadcast)
    return await client.app[RUNTIME].db.run(lambda conn: conn.execute(query).scalar_one())


# -- login ------------------------------------------------------------------------------------


async def test_a_login_code_opens_a_session_with_strict_cookies_once(
    client: TestClient[Any, Any],
) -> None:
    volunteer_id = await staff(client, "501", "coordinator")
    code = await code_for(client, volunteer_id)
    # Opening the link (a GET, as a link preview would) shows the form and spends nothing.
    for _ in range(2):
        shown = await client.get(f"/console/login?code={code.lower()}")
        assert shown.status == 200
        assert f'value="{code}"' in await shown.text()
    answer = await try_code(client, code.replace("-", " ").lower())  # typed loosely: accepted
    assert answer.status == 303
    assert answer.headers["Location"] == "/console/"
    cookie = next(h for h in answer.headers.getall("Set-Cookie") if h.startswith("ms_console="))
    flags = {part.strip().split("=")[0].lower() for part in cookie.split(";")[1:]}
    assert {"httponly", "samesite", "path", "max-age"} <= flags
    assert "secure" not in flags  # served over plain http (no https PUBLIC_URL)
    assert "SameSite=Strict" in cookie and "Path=/console/" in cookie
    assert f"Max-Age={12 * 3600}" in cookie
    home = await client.get("/console/")
    assert home.status == 200
    assert "Dashboard" in await home.text() or "Огляд" in await home.text()

    client.session.cookie_jar.clear()
    again = await try_code(client, code)  # the same code a second time
    assert again.status == 400
    assert "does not work" in await again.text()
    assert (await client.get("/console/", allow_redirects=False)).status == 303


async def test_behind_https_every_console_cookie_is_secure(
    tmp_path: Path, private_key: PrivateKey
) -> None:
    env = {"PUBLIC_URL": "https://movesafe.example.org"}
    async with served("sqlite", tmp_path, env) as client:
        volunteer_id = await staff(client, "500", "coordinator")
        code = await code_for(client, volunteer_id)
        form = await client.get("/console/login")
        pre_cookie = form.headers["Set-Cookie"]
        assert "Secure" in pre_cookie and "HttpOnly" in pre_cookie
        # The client keeps Secure cookies off plain http, as a browser would: send it by hand.
        pre = pre_token(await form.text())
        answer = await client.post(
            "/console/login", data={"pre": pre, "code": code}, allow_redirects=False,
            headers={"Cookie": f"ms_console_login={pre}"},
        )  # fmt: skip
        assert answer.status == 303
        session = next(h for h in answer.headers.getall("Set-Cookie") if "ms_console=" in h)
        assert "Secure" in session and "HttpOnly" in session and "SameSite=Strict" in session


async def test_old_wrong_and_malformed_codes_do_not_log_in(client: TestClient[Any, Any]) -> None:
    volunteer_id = await staff(client, "502", "coordinator")
    old = await code_for(client, volunteer_id, ago=16)  # valid for 15 minutes
    for code in (old, "AAAA-BBBB-CCCC", "not a code", "x" * 5000):
        answer = await try_code(client, code)
        assert answer.status == 400, code
    assert (await client.get("/console/", allow_redirects=False)).status == 303


async def test_the_login_form_needs_its_own_token(client: TestClient[Any, Any]) -> None:
    volunteer_id = await staff(client, "503", "coordinator")
    code = await code_for(client, volunteer_id)
    forged = await client.post("/console/login", data={"code": code}, allow_redirects=False)
    assert forged.status == 403
    await client.get("/console/login")  # a cookie, but a different token in the form
    forged = await client.post(
        "/console/login", data={"code": code, "pre": "guess"}, allow_redirects=False
    )
    assert forged.status == 403
    assert (await try_code(client, code)).status == 303  # not spent by the forged posts


async def test_login_attempts_are_rate_limited_per_address(client: TestClient[Any, Any]) -> None:
    volunteer_id = await staff(client, "504", "coordinator")
    for _ in range(10):
        assert (await try_code(client, "AAAA-BBBB-CCCC")).status == 400
    good = await code_for(client, volunteer_id)
    slowed = await try_code(client, good)
    assert slowed.status == 429
    assert "Too many tries" in await slowed.text() or "Забагато" in await slowed.text()


async def test_logging_out_or_losing_the_role_ends_the_session(
    client: TestClient[Any, Any],
) -> None:
    await log_in(client, "505", "coordinator")
    token = csrf_of(await (await client.get("/console/broadcasts")).text())
    jar = list(client.session.cookie_jar)
    out = await client.post("/console/logout", data={"csrf": token}, allow_redirects=False)
    assert out.status == 303
    client.session.cookie_jar.update_cookies({c.key: c.value for c in jar})  # the old cookie
    assert (await client.get("/console/broadcasts", allow_redirects=False)).status == 303

    await log_in(client, "506", "coordinator")
    db = client.app[RUNTIME].db
    await db.run(lambda conn: vol.remove(conn, "telegram", "506"))
    assert (await client.get("/console/broadcasts", allow_redirects=False)).status == 303


# -- roles, CSRF, headers ---------------------------------------------------------------------


COORDINATOR_PAGES = [
    "/console/volunteers", "/console/content", "/console/reports",
    "/console/reports/sealed.jsonl", "/console/charts/reach.svg",
]  # fmt: skip


async def test_a_volunteer_reaches_broadcasts_only(client: TestClient[Any, Any]) -> None:
    await seed_people(client)
    await log_in(client, "601", "volunteer")
    home = await client.get("/console/", allow_redirects=False)
    assert home.status == 303 and home.headers["Location"] == "/console/broadcasts"
    for path in COORDINATOR_PAGES:
        answer = await client.get(path)
        assert answer.status == 403, path
        assert "Only coordinators" in await answer.text() or "лише координатори" in (
            await answer.text()
        )
    token = await csrf(client)
    forged_role = await client.post(
        "/console/invites", data={"csrf": token, "role": "coordinator"}, allow_redirects=False
    )
    assert forged_role.status == 403
    # The navigation shows a volunteer no coordinator page.
    listing = await (await client.get("/console/broadcasts")).text()
    assert 'href="/console/volunteers"' not in listing
    # A volunteer may launch a broadcast, but not cancel one.
    made = await client.post(
        "/console/broadcasts",
        data={"csrf": token, "what": "phase:work-safe", "channel": "telegram", "when": "at",
              "at": (utcnow() + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")},
        allow_redirects=False,
    )  # fmt: skip
    assert made.status == 303
    cancel = await client.post("/console/broadcasts/1/cancel", data={"csrf": token})
    assert cancel.status == 403
    row = await client.app[RUNTIME].db.run(
        lambda conn: conn.execute(select(Broadcast.status)).scalar_one()
    )
    assert row == "scheduled"


async def test_a_form_post_without_the_csrf_token_is_refused_and_changes_nothing(
    client: TestClient[Any, Any],
) -> None:
    await seed_people(client)
    await log_in(client, "602", "coordinator")
    form = {"what": "phase:work-safe", "channel": "telegram", "when": "now"}
    for token in (None, "", "0" * 64):
        data = dict(form) if token is None else {**form, "csrf": token}
        answer = await client.post("/console/broadcasts", data=data, allow_redirects=False)
        assert answer.status == 403
        assert "out of date" in await answer.text() or "застаріла" in await answer.text()
    assert await broadcasts_stored(client) == 0
    # Another session's token does not work here either.
    other = await log_in_elsewhere(client, "603")
    answer = await client.post("/console/broadcasts", data={**form, "csrf": other})
    assert answer.status == 403
    assert await broadcasts_stored(client) == 0
    # With the session's own token it goes through.
    answer = await client.post(
        "/console/broadcasts", data={**form, "csrf": await csrf(client)}, allow_redirects=False
    )
    assert answer.status == 303
    assert await broadcasts_stored(client) == 1


async def log_in_elsewhere(client: TestClient[Any, Any], who: str) -> str:
    """A second person's CSRF token (their session is not this client's)."""
    volunteer_id = await staff(client, who, "coordinator")
    token = await client.app[RUNTIME].db.run(
        lambda c: auth.redeem_login(c, auth.create_login(c, volunteer_id, utcnow()), utcnow())
    )
    assert token is not None
    return auth.csrf_token(client.app[SETTINGS].derived("console"), token)


async def test_every_console_answer_carries_the_security_headers(
    client: TestClient[Any, Any],
) -> None:
    answers = [
        await client.get("/console/login"),
        await client.get("/console/broadcasts", allow_redirects=False),  # no session: redirect
        await client.get("/console/static/console.css"),
    ]
    await log_in(client, "604", "coordinator")
    answers += [await client.get(p) for p in ("/console/", "/console/broadcasts/999")]
    answers.append(await client.post("/console/broadcasts", data={}))  # no CSRF: 403
    for answer in answers:
        for name, part in HEADERS.items():
            assert part in answer.headers.get(name, ""), (answer.url, name)
        csp = answer.headers["Content-Security-Policy"]
        assert "script-src" not in csp and "default-src 'none'" in csp  # no script at all
    assert [a.status for a in answers] == [200, 303, 200, 200, 404, 403]


# -- pages ------------------------------------------------------------------------------------


async def test_a_coordinator_sees_every_page_in_ukrainian_and_english(
    client: TestClient[Any, Any],
) -> None:
    await seed_people(client)
    await log_in(client, "701", "coordinator")
    token = await csrf(client)
    for lang, words in (
        ("en", ["Dashboard", "New broadcast", "Content check", "Invite a volunteer", "sealed"]),
        (
            "uk",
            ["Огляд", "Нова розсилка", "Перевірка контенту", "Запросити волонтера", "запечатан"],
        ),
    ):
        switched = await client.post(
            "/console/language", data={"csrf": token, "lang": lang, "next": "/console/"}
        )
        assert switched.status == 200
        pages = [
            await (await client.get(p)).text()
            for p in ("/console/", "/console/broadcasts", "/console/content",
                      "/console/volunteers", "/console/reports")
        ]  # fmt: skip
        for page, word in zip(pages, words, strict=True):
            assert word in page, (lang, word)
            assert f'<html lang="{lang}">' in page
    svg = await client.get("/console/charts/country.svg")
    assert svg.status == 200 and svg.content_type == "image/svg+xml"
    assert "<svg" in await svg.text()


async def test_preview_counts_the_audience_and_creating_queues_it(
    client: TestClient[Any, Any],
) -> None:
    await seed_people(client)
    await log_in(client, "702", "coordinator")
    token = await csrf(client)
    form = {"csrf": token, "what": "phase:work-safe", "country": "PL", "channel": "telegram",
            "when": "now", "active": "0"}  # fmt: skip
    preview = await client.post("/console/broadcasts/preview", data=form)
    text = await preview.text()
    assert preview.status == 200
    assert "2 people will receive it" in text or "Її отримають 2 людини" in text
    bad = await client.post("/console/broadcasts/preview", data={**form, "what": "phase:nope"})
    assert bad.status == 400
    past = {**form, "when": "at", "at": "2020-01-01T09:00"}
    assert (await client.post("/console/broadcasts/preview", data=past)).status == 400
    made = await client.post("/console/broadcasts", data=form, allow_redirects=False)
    assert made.status == 303
    detail = await client.get(made.headers["Location"])
    page = await detail.text()
    assert 'id="n-recipients">2<' in page
    assert 'http-equiv="refresh"' in page  # sending: the page follows it by itself


async def test_invites_and_roles_from_the_volunteers_page(client: TestClient[Any, Any]) -> None:
    me = await log_in(client, "703", "coordinator")
    other = await staff(client, "704", "volunteer")
    token = await csrf(client, "/console/volunteers")
    made = await client.post("/console/invites", data={"csrf": token, "role": "volunteer"})
    page = await made.text()
    payload = re.search(r"/start (inv[\w-]+)", page)
    assert payload is not None
    db = client.app[RUNTIME].db
    role = await db.run(
        lambda c: vol.redeem(c, payload.group(1)[3:], "viber", "new-person", utcnow())
    )
    assert role == "volunteer"
    promoted = await client.post(
        f"/console/volunteers/{other}/role", data={"csrf": token, "role": "coordinator"}
    )
    assert promoted.status == 200
    assert await db.run(lambda c: vol.role_of(c, "telegram", "704")) == "coordinator"
    # Nobody removes themselves by accident.
    await client.post(f"/console/volunteers/{me}/remove", data={"csrf": token})
    assert await db.run(lambda c: vol.role_of(c, "telegram", "703")) == "coordinator"
    await client.post(f"/console/volunteers/{other}/remove", data={"csrf": token})
    assert await db.run(lambda c: vol.role_of(c, "telegram", "704")) is None


async def test_the_reports_download_is_still_sealed_and_opens_with_the_analysts_key(
    client: TestClient[Any, Any], private_key: PrivateKey, tmp_path: Path
) -> None:
    words = "Zbigniew took our passports at the farm near Opole"
    db = client.app[RUNTIME].db
    keys = ReportKeys.from_settings(client.app[SETTINGS])
    content = ReportContent(
        category="labour", country="PL", when="week", texts=[words], language="en"
    )
    await submit(db, keys, content, [], utcnow())
    await log_in(client, "705", "coordinator")
    page = await (await client.get("/console/reports")).text()
    assert "1 report received" in page or "Отримано 1 повідомлення" in page
    download = await client.get("/console/reports/sealed.jsonl")
    assert download.status == 200
    assert "attachment" in download.headers["Content-Disposition"]
    body = await download.read()
    assert b"passports" not in body and b"Opole" not in body
    (tmp_path / "sealed.jsonl").write_bytes(body)
    assert json.loads(body.splitlines()[0])["id"]
    done = export_bundle(tmp_path / "sealed.jsonl", private_key, tmp_path / "out")
    assert done.reports == 1
    opened = json.loads(done.path.read_text(encoding="utf-8").splitlines()[0])
    assert opened["texts"] == [words] and opened["country"] == "PL"
    # The same with the analysts' command, on a machine with no database at all.
    key_file = tmp_path / "reports.key"
    key_file.write_text(base64.b64encode(bytes(private_key)).decode() + "\n", encoding="ascii")
    result = export_cli(tmp_path, key_file, tmp_path / "sealed.jsonl")
    assert result.returncode == 0, result.stderr
    assert "exported 1 report(s)" in result.stdout
    assert words in (tmp_path / "cli" / "reports.csv").read_text(encoding="utf-8")
    # Someone else's key opens nothing and writes nothing.
    with pytest.raises(ReportError):
        export_bundle(tmp_path / "sealed.jsonl", PrivateKey.generate(), tmp_path / "wrong")
    assert not (tmp_path / "wrong").exists()


def export_cli(folder: Path, key_file: Path, sealed: Path) -> subprocess.CompletedProcess[str]:
    """``movesafe reports export --sealed`` in ``folder``, with no database it could reach."""
    return subprocess.run(
        [sys.executable, "-m", "bot", "reports", "export", "--private-key", str(key_file),
         "--sealed", str(sealed), "--format", "csv", "--out", "cli"],
        capture_output=True, text=True, cwd=folder, timeout=60,
        env={"PATH": os.environ.get("PATH", ""), "DATABASE_URL": "postgresql://nowhere/none"},
    )  # fmt: skip


async def test_the_sweep_forgets_expired_sessions_and_codes(client: TestClient[Any, Any]) -> None:
    from bot.housekeeping import sweep
    from bot.storage.models import ConsoleLogin, ConsoleSession

    await log_in(client, "706", "coordinator")
    volunteer_id = await staff(client, "707", "volunteer")
    await code_for(client, volunteer_id)  # never used
    db = client.app[RUNTIME].db

    def left(conn: Any) -> tuple[int, int]:
        count = select(func.count())
        return (
            conn.execute(count.select_from(ConsoleSession)).scalar_one(),
            conn.execute(count.select_from(ConsoleLogin)).scalar_one(),
        )

    assert await db.run(left) == (1, 2)
    await db.run(lambda conn: sweep(conn, utcnow(), None))
    assert await db.run(left) == (1, 2)  # nothing is past its time yet
    await db.run(lambda conn: sweep(conn, utcnow() + dt.timedelta(hours=13), None))
    assert await db.run(left) == (0, 0)
