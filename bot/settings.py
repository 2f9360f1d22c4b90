"""Settings from the environment (12-factor); a ``.env`` file in the current folder is read too.

Every error names the variable that is wrong.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import logging
import os
import re
import secrets
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict

from dotenv import dotenv_values

from bot.errors import SettingsError

log = logging.getLogger(__name__)
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _installed(name: str) -> Path:
    """The project's own ``content/`` or ``locales/``: beside the package in a checkout or an
    editable install, else where a wheel put its data files (``<prefix>/share/movesafe``)."""
    beside = PROJECT_ROOT / name
    return beside if beside.is_dir() else Path(sys.prefix) / "share" / "movesafe" / name


DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///movesafe.db"


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw in (None, ""):
        return default
    try:
        return int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, got {raw!r}") from None


def _dir(env: Mapping[str, str], name: str, default: Path) -> Path:
    path = Path(env[name]) if env.get(name) else default
    if not path.is_dir():
        raise SettingsError(f"{name} must be an existing folder, got {str(path)!r}")
    return path


def _telegram_secret(env: Mapping[str, str]) -> str | None:
    value = env.get("TELEGRAM_WEBHOOK_SECRET") or None
    if value is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", value):
        raise SettingsError(
            "TELEGRAM_WEBHOOK_SECRET must be 1-256 characters of A-Z a-z 0-9 _ - (Bot API rule)"
        )
    return value


def _positive(env: Mapping[str, str], name: str, default: int) -> int:
    value = _int(env, name, default)
    if value < 1:
        raise SettingsError(f"{name} must be at least 1, got {value}")
    return value


def _reports_public_key(env: Mapping[str, str]) -> str | None:
    value = (env.get("REPORTS_PUBLIC_KEY") or "").strip() or None
    if value is not None:
        try:
            raw = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            raw = b""
        if len(raw) != 32:
            raise SettingsError(
                "REPORTS_PUBLIC_KEY must be the base64 X25519 public key of 32 bytes "
                "(reports.pub from `movesafe keys generate`)"
            )
    return value


def _rate(env: Mapping[str, str], name: str, default: float, ceiling: float) -> float:
    raw = env.get(name)
    if raw in (None, ""):
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a number, got {raw!r}") from None
    if not 0 < value <= ceiling:
        raise SettingsError(f"{name} must be above 0 and at most {ceiling:g}, got {raw!r}")
    return value


def _price(env: Mapping[str, str], name: str) -> float | None:
    raw = env.get(name)
    if raw in (None, ""):
        return None
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a number such as 0.02, got {raw!r}") from None
    if not 0 <= value < 10:
        raise SettingsError(f"{name} must be a price a message in EUR (0 to 10), got {raw!r}")
    return value


def _flag(env: Mapping[str, str], name: str) -> bool:
    raw = (env.get(name) or "").strip().lower()
    if raw in ("", "0", "false", "no", "off"):
        return False
    if raw in ("1", "true", "yes", "on"):
        return True
    raise SettingsError(f"{name} must be 1/0, true/false, yes/no or on/off, got {raw!r}")


FREE_TELEGRAM_RATE = 30  # messages a second to different chats without paid broadcasts
PAID_TELEGRAM_RATE = 1000
VIBER_REQUESTS_A_SECOND = 50  # 500 requests in 10 seconds


class _BroadcastSettings(TypedDict):
    telegram_broadcast_rate: float
    telegram_paid_broadcast: bool
    viber_broadcast_rate: float
    broadcast_claim_seconds: float
    broadcast_lease_seconds: float


def _broadcast_settings(env: Mapping[str, str]) -> _BroadcastSettings:
    """TELEGRAM_BROADCAST_RATE above Telegram's free 30 a second needs
    TELEGRAM_PAID_BROADCAST=1 (``allow_paid_broadcast``: 0.1 Star a message over the free
    amount; the bot must have paid broadcasts enabled in @BotFather)."""
    paid = _flag(env, "TELEGRAM_PAID_BROADCAST")
    ceiling = PAID_TELEGRAM_RATE if paid else FREE_TELEGRAM_RATE
    rate = _rate(env, "TELEGRAM_BROADCAST_RATE", 25.0, PAID_TELEGRAM_RATE)
    if rate > ceiling:
        raise SettingsError(
            f"TELEGRAM_BROADCAST_RATE {rate:g} is above Telegram's free {FREE_TELEGRAM_RATE} "
            "messages a second: set TELEGRAM_PAID_BROADCAST=1 (paid broadcasts) or lower it"
        )
    return {
        "telegram_broadcast_rate": rate,
        "telegram_paid_broadcast": paid,
        "viber_broadcast_rate": _rate(env, "VIBER_BROADCAST_RATE", 40.0, VIBER_REQUESTS_A_SECOND),
        "broadcast_claim_seconds": _rate(env, "BROADCAST_CLAIM_SECONDS", 60.0, 3600),
        "broadcast_lease_seconds": _rate(env, "BROADCAST_LEASE_SECONDS", 30.0, 3600),
    }


def normalise_database_url(url: str) -> str:
    """Accept plain ``postgresql://`` (driven by asyncpg) and ``sqlite://`` (aiosqlite)."""
    for plain, driver in (
        ("postgres://", "postgresql+asyncpg://"),
        ("postgresql://", "postgresql+asyncpg://"),
        ("sqlite://", "sqlite+aiosqlite://"),
    ):
        if url.startswith(plain):
            return driver + url[len(plain) :]
    return url


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    host: str = "0.0.0.0"  # noqa: S104 - a server binds all interfaces by default (DESIGN.md)
    port: int = 8080
    public_url: str | None = None
    secret_key: str | None = None
    content_dir: Path = field(default_factory=lambda: _installed("content"))
    locales_dir: Path = field(default_factory=lambda: _installed("locales"))
    telegram_bot_token: str | None = None
    telegram_webhook_secret: str | None = None
    telegram_api_url: str = "https://api.telegram.org"
    viber_auth_token: str | None = None
    viber_bot_name: str = "movesafe"
    viber_bot_avatar: str | None = None
    viber_api_url: str = "https://chatapi.viber.com/pa"
    reports_public_key: str | None = None
    reports_retention_days: int = 180
    telegram_broadcast_rate: float = 25.0
    telegram_paid_broadcast: bool = False
    viber_broadcast_rate: float = 40.0
    broadcast_claim_seconds: float = 60.0
    broadcast_lease_seconds: float = 30.0
    viber_message_price: float | None = None  # EUR a paid Viber message, for the estimate

    def viber_sender(self) -> dict[str, str]:
        """The ``sender`` of every Viber message (name at most 28 characters)."""
        sender = {"name": self.viber_bot_name[:28]}
        if self.viber_bot_avatar:
            sender["avatar"] = self.viber_bot_avatar
        return sender

    def secret(self) -> str:
        """``SECRET_KEY``, or in development one generated once and kept in ``.movesafe/``."""
        if self.secret_key:
            return self.secret_key
        path = Path(".movesafe") / "secret_key"
        if not path.is_file():
            log.warning("SECRET_KEY is not set: generated one in %s (set it in production)", path)
            path.parent.mkdir(mode=0o700, exist_ok=True)
            path.write_text(secrets.token_urlsafe(32), encoding="utf-8")
            path.chmod(0o600)
        return path.read_text(encoding="utf-8").strip()

    def reports_key(self) -> str:
        """``REPORTS_PUBLIC_KEY`` (base64), or in development the public half of a key pair
        generated once in ``.movesafe/`` (``reports.key`` there opens what it sealed)."""
        if self.reports_public_key:
            return self.reports_public_key
        folder = Path(".movesafe")
        public, private = folder / "reports.pub", folder / "reports.key"
        if not public.is_file():
            from bot.reports.sealing import write_key_pair

            if private.exists():  # never replace a key that may open stored reports
                raise SettingsError(
                    f"REPORTS_PUBLIC_KEY is not set and {private} has no reports.pub beside it: "
                    "restore it, or set REPORTS_PUBLIC_KEY"
                )
            log.warning(
                "REPORTS_PUBLIC_KEY is not set: generated a development key pair in %s "
                "(reports are sealed with it; set REPORTS_PUBLIC_KEY in production)",
                folder,
            )
            return write_key_pair(folder)
        return public.read_text(encoding="ascii").strip()

    def derived(self, purpose: str) -> str:
        """A stable per-purpose secret from ``SECRET_KEY`` (letters, digits, ``_`` and ``-``)."""
        digest = hmac.new(self.secret().encode(), purpose.encode(), hashlib.sha256)
        return digest.hexdigest()

    def telegram_secret(self) -> str:
        return self.telegram_webhook_secret or self.derived("telegram-webhook")

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env: dict[str, str] = (
            {k: v for k, v in dotenv_values(".env").items() if v is not None}
            if environ is None and Path(".env").is_file()
            else {}
        )
        env.update(os.environ if environ is None else environ)
        url = normalise_database_url(env.get("DATABASE_URL") or DEFAULT_DATABASE_URL)
        if "://" not in url:
            raise SettingsError(f"DATABASE_URL must be a SQLAlchemy URL, got {url!r}")
        return cls(
            database_url=url,
            host=env.get("HOST") or cls.host,
            port=_int(env, "PORT", cls.port),
            public_url=env.get("PUBLIC_URL") or None,
            secret_key=env.get("SECRET_KEY") or None,
            content_dir=_dir(env, "CONTENT_DIR", _installed("content")),
            locales_dir=_dir(env, "LOCALES_DIR", _installed("locales")),
            telegram_bot_token=env.get("TELEGRAM_BOT_TOKEN") or None,
            telegram_webhook_secret=_telegram_secret(env),
            telegram_api_url=env.get("TELEGRAM_API_URL") or cls.telegram_api_url,
            viber_auth_token=env.get("VIBER_AUTH_TOKEN") or None,
            viber_bot_name=env.get("VIBER_BOT_NAME") or cls.viber_bot_name,
            viber_bot_avatar=env.get("VIBER_BOT_AVATAR") or None,
            viber_api_url=env.get("VIBER_API_URL") or cls.viber_api_url,
            reports_public_key=_reports_public_key(env),
            reports_retention_days=_positive(
                env, "REPORTS_RETENTION_DAYS", cls.reports_retention_days
            ),
            **_broadcast_settings(env),
            viber_message_price=_price(env, "VIBER_MESSAGE_PRICE_EUR"),
        )
