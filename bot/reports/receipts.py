"""Receipt codes: 16 random digits, shown once to the person, kept only as a slow hash.

The hash is Argon2id with a fixed salt derived from ``SECRET_KEY``: deterministic, so a code
typed later finds its report with one indexed lookup; slow and memory-hard, so even someone with
the database and the secret cannot walk the 10^16 codes (at ~75 ms a guess, that is ~24 million
CPU-years). Without ``SECRET_KEY`` the hashes cannot be tested at all.

Parameters: libsodium's "interactive" limits, ``opslimit=2``, ``memlimit=64 MiB`` — measured at
~75 ms a hash on the development machine. At most two hashes run at once (128 MiB) so a burst of
reports cannot exhaust memory.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
import unicodedata

from nacl.pwhash import argon2id

from flows.report import display

__all__ = ["display", "hash_code", "new_code", "normalise", "salt_from_secret"]

DIGITS = 16
HASH_BYTES = 32
OPSLIMIT = 2  # == argon2id.OPSLIMIT_INTERACTIVE
MEMLIMIT = 64 * 1024 * 1024  # == argon2id.MEMLIMIT_INTERACTIVE
_SLOTS = threading.BoundedSemaphore(2)
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—.·_/]+")


def new_code() -> str:
    return f"{secrets.randbelow(10**DIGITS):0{DIGITS}d}"


def normalise(typed: str) -> str | None:
    """The 16 digits in what a person typed (spaces, dashes, dots, any script's digits), or None."""
    stripped = _SEPARATORS.sub("", unicodedata.normalize("NFKC", typed))
    if len(stripped) != DIGITS or not all(c.isdecimal() for c in stripped):
        return None
    return "".join(str(unicodedata.decimal(c)) for c in stripped)


def salt_from_secret(secret_key: str) -> bytes:
    """A stable 16-byte salt, different for every deployment's ``SECRET_KEY``."""
    digest = hmac.new(secret_key.encode(), b"movesafe reports receipt salt", hashlib.sha256)
    return digest.digest()[: argon2id.SALTBYTES]


def hash_code(code: str, salt: bytes) -> bytes:
    """Argon2id of the code (blocking, ~75 ms; call it in a thread)."""
    with _SLOTS:
        digest = argon2id.kdf(
            HASH_BYTES, code.encode("ascii"), salt, opslimit=OPSLIMIT, memlimit=MEMLIMIT
        )
    return bytes(digest)
