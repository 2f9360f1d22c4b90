"""Load the operator's content pack (YAML) into the frozen objects of ``flows.content``.

Structural errors raise ``ContentError`` naming the file and the key; deeper checks (message ids
in every locale, reachability, lengths, phone numbers) live in ``bot.check``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import phonenumbers
import yaml

from bot.errors import ContentError
from flows.content import (
    Anchor,
    Announcement,
    ContentPack,
    Country,
    Link,
    Phase,
    Phone,
    Referral,
    Topic,
)

KINDS = frozenset({"emergency", "hotline", "ngo", "authority", "embassy", "shelter", "legal-aid"})
NEEDS = frozenset(
    {
        "emergency", "trafficking", "work-rights", "legal-status", "shelter", "health",
        "children", "women", "psychological",
    }
)  # fmt: skip


def read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ContentError(f"{path}: cannot read YAML: {exc}") from None


def need(data: Mapping[str, Any], key: str, where: str) -> Any:
    if not isinstance(data, Mapping) or data.get(key) in (None, ""):
        raise ContentError(f"{where}: missing required key {key!r}")
    return data[key]


def load_phase(path: Path) -> Phase:
    data = read_yaml(path)
    where = str(path)
    topics = tuple(
        Topic(
            id=str(need(t, "id", f"{where} topic #{i + 1}")),
            title=str(need(t, "title", f"{where} topic #{i + 1}")),
            text=str(need(t, "text", f"{where} topic #{i + 1}")),
            next=None if t.get("next") is None else str(t["next"]),
        )
        for i, t in enumerate(data.get("topics") or [])
    )
    return Phase(
        id=str(need(data, "id", where)),
        order=int(need(data, "order", where)),
        status=str(need(data, "status", where)),
        title=str(need(data, "title", where)),
        menu=str(need(data, "menu", where)),
        intro=str(need(data, "intro", where)),
        topics=topics,
        link=load_link(data.get("link"), where),
    )


def load_link(data: object, where: str) -> Link | None:
    if data is None:
        return None
    if not isinstance(data, dict):
        raise ContentError(f"{where}: 'link' must have url and label")
    url = str(need(data, "url", f"{where} link"))
    if not url.startswith("https://"):
        raise ContentError(f"{where}: a link must be an https:// address, got {url!r}")
    return Link(url=url, label=str(need(data, "label", f"{where} link")))


OPENS = ("sos", "findhelp", "job", "report")


def load_announcements(path: Path) -> tuple[Announcement, ...]:
    if not path.is_file():
        return ()
    data = read_yaml(path)
    result = []
    for i, item in enumerate(need(data, "messages", str(path))):
        where = f"{path} message #{i + 1}"
        opens = tuple(str(o) for o in item.get("opens") or ())
        unknown = [o for o in opens if o not in OPENS]
        if unknown:
            raise ContentError(f"{where}: 'opens' may hold {', '.join(OPENS)}, not {unknown}")
        result.append(
            Announcement(
                id=str(need(item, "id", where)),
                title=str(need(item, "title", where)),
                text=str(need(item, "text", where)),
                opens=opens,
                link=load_link(item.get("link"), where),
            )
        )
    return tuple(result)


# Numbers meant for calls inside the country: shown as the source prints them.
DOMESTIC = frozenset(
    {
        phonenumbers.PhoneNumberType.TOLL_FREE,
        phonenumbers.PhoneNumberType.SHARED_COST,
        phonenumbers.PhoneNumberType.PREMIUM_RATE,
        phonenumbers.PhoneNumberType.UAN,
    }
)


def display_phone(number: str, country: str, abroad: bool = False) -> str:
    """The readable international form (``+48 22 628 01 20``): many people here carry a
    Ukrainian SIM card, on which a national-format number abroad does not connect. Free-phone
    and shared-cost numbers stay as the source prints them (``0800 800 678``, ``08000 121 700``):
    they are meant for calls inside the country, and a ``+`` form would wrongly suggest they work
    from anywhere. Short numbers (112, 527, 116 016) are dialled as written."""
    try:
        parsed = phonenumbers.parse(number, country)
    except phonenumbers.NumberParseException:
        return number
    if not phonenumbers.is_valid_number(parsed):
        return number
    if not abroad and phonenumbers.number_type(parsed) in DOMESTIC:
        return number
    return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL))


def load_referral(entry: Mapping[str, Any], country: str, where: str) -> Referral:
    rid = str(need(entry, "id", where))
    where = f"{where} entry {rid!r}"
    phones = tuple(
        Phone(
            number=str(need(p, "number", where)),
            display=display_phone(str(p["number"]), country, bool(p.get("abroad", False))),
            free=p.get("free"),
            abroad=bool(p.get("abroad", False)),
            short=bool(p.get("short", False)),
        )
        for p in need(entry, "phones", where)
    )
    verified = need(entry, "verified", where)
    if not isinstance(verified, dt.date):
        raise ContentError(f"{where}: 'verified' must be a date (YYYY-MM-DD), got {verified!r}")
    return Referral(
        id=rid,
        country=country,
        kind=str(need(entry, "kind", where)),
        needs=tuple(str(n) for n in need(entry, "needs", where)),
        name=dict(need(entry, "name", where)),
        about=dict(need(entry, "about", where)),
        phones=phones,
        source=str(need(entry, "source", where)),
        verified=verified,
        helpnow=bool(entry.get("helpnow", False)),
        web=entry.get("web"),
        languages=tuple(entry.get("languages") or ()),
        hours=entry.get("hours"),
        source_date=str(entry.get("source_date", "n.d.")),
        status=str(entry.get("status", "confirmed")),
        city=entry.get("city"),
        lat=_coordinate(entry.get("lat"), -90, 90, where),
        lon=_coordinate(entry.get("lon"), -180, 180, where),
    )


def _coordinate(value: object, low: float, high: float, where: str) -> float | None:
    if value is None:
        return None
    if not isinstance(value, int | float) or isinstance(value, bool) or not low <= value <= high:
        raise ContentError(f"{where}: a coordinate must be a number from {low} to {high}")
    return float(value)


def load_referrals(folder: Path) -> dict[str, tuple[Referral, ...]]:
    result: dict[str, tuple[Referral, ...]] = {}
    for path in sorted(folder.glob("*.yaml")):
        data = read_yaml(path)
        raw = need(data, "country", str(path))
        if isinstance(raw, bool):  # YAML 1.1 reads a bare NO (Norway) as false
            raise ContentError(f'{path}: write the country code in quotes: country: "{path.stem}"')
        country = str(raw)
        if country != path.stem:
            raise ContentError(f"{path}: 'country' is {country!r} but the file is {path.name}")
        entries = need(data, "entries", str(path))
        result[country] = tuple(load_referral(e, country, str(path)) for e in entries)
    return result


def load_countries(path: Path) -> tuple[Country, ...]:
    if not path.is_file():
        return ()
    data = read_yaml(path)
    return tuple(
        Country(
            code=str(need(c, "code", str(path))),
            anchors=tuple(
                Anchor(str(a["city"]), float(a["lat"]), float(a["lon"]))
                for a in c.get("anchors") or ()
            ),
        )
        for c in need(data, "countries", str(path))
    )


def shipped_languages(locales_dir: Path) -> tuple[str, ...]:
    """Locales present on disk; ``uk``, ``ru``, ``en`` lead (the people this bot is for)."""
    found = sorted(p.name for p in locales_dir.iterdir() if p.is_dir() and any(p.glob("*.ftl")))
    first = [lang for lang in ("uk", "ru", "en") if lang in found]
    return tuple(first + [lang for lang in found if lang not in first])


def load_content(content_dir: Path, locales_dir: Path) -> ContentPack:
    from bot.job_rules import load_job_rules, load_questions  # it reads YAML through this module

    phases = sorted(
        (load_phase(p) for p in (content_dir / "phases").glob("*.yaml")), key=lambda p: p.order
    )
    languages = shipped_languages(locales_dir)
    if not languages:
        raise ContentError(f"{locales_dir}: no locale folders with .ftl files")
    return ContentPack(
        languages=languages,
        phases=tuple(phases),
        countries=load_countries(content_dir / "countries.yaml"),
        referrals=load_referrals(content_dir / "referrals"),
        job_rules=load_job_rules(content_dir),
        questions=load_questions(content_dir),
        announcements=load_announcements(content_dir / "broadcasts.yaml"),
    )
