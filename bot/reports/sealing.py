"""X25519 sealed boxes (libsodium ``crypto_box_seal`` through PyNaCl).

The bot holds only the analysts' public key: it can seal, never open. A sealed box is anonymous
(an ephemeral sender key per message), so two reports sealed by the bot share nothing an observer
could link. Keys travel as base64 text of their 32 raw bytes.
"""

from __future__ import annotations

import base64
import binascii
import os
from pathlib import Path
from typing import NamedTuple

from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox

from bot.reports.errors import KeyFileError, WrongKey

KEY_BYTES = 32


class KeyPair(NamedTuple):
    public: str  # base64, the value of REPORTS_PUBLIC_KEY
    private: str  # base64, keep it offline


def generate() -> KeyPair:
    private = PrivateKey.generate()
    return KeyPair(_b64(bytes(private.public_key)), _b64(bytes(private)))


def write_key_pair(folder: Path) -> str:
    """``folder/reports.pub`` and ``folder/reports.key`` (owner-only); refuses to overwrite
    either. Returns the public key (base64)."""
    public, private = folder / "reports.pub", folder / "reports.key"
    for path in (public, private):
        if path.exists():
            raise KeyFileError(f"{path} already exists: not overwriting a key")
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    pair = generate()
    fd = os.open(private, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with open(fd, "w", encoding="ascii") as file:
        file.write(pair.private + "\n")
    fd = os.open(public, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with open(fd, "w", encoding="ascii") as file:
        file.write(pair.public + "\n")
    return pair.public


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _raw(text: str, what: str) -> bytes:
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != KEY_BYTES:
        raise KeyFileError(f"{what} must be a base64 X25519 key of {KEY_BYTES} bytes")
    return raw


def load_public_key(text: str, what: str = "REPORTS_PUBLIC_KEY") -> PublicKey:
    return PublicKey(_raw(text, what))


def load_private_key(path: Path) -> PrivateKey:
    try:
        text = path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as exc:
        raise KeyFileError(f"cannot read the private key {str(path)!r}: {exc}") from None
    return PrivateKey(_raw(text, f"the private key file {str(path)!r}"))


def seal(key: PublicKey, data: bytes) -> bytes:
    return bytes(SealedBox(key).encrypt(data))


def open_sealed(key: PrivateKey, sealed: bytes) -> bytes:
    try:
        return bytes(SealedBox(key).decrypt(sealed))
    except CryptoError:
        raise WrongKey(
            "this private key does not open the reports: use the reports.key made together "
            "with the REPORTS_PUBLIC_KEY the bot ran with"
        ) from None
