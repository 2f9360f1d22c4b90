"""The reports' part of the error tree (``bot.errors.MovesafeError`` → ``ReportError`` → …)."""

from __future__ import annotations

from bot.errors import MovesafeError


class ReportError(MovesafeError):
    """Something about a report, a photo or a key is not acceptable."""


class InvalidReport(ReportError):
    """A report's fields are out of range (unknown ``when``, bad coordinates, too much text)."""


class NotAnImage(ReportError):
    """The bytes sent as a photo are not a picture we read (JPEG, PNG, WebP, GIF, BMP, TIFF)."""


class PhotoTooLarge(ReportError):
    """The photo is over the size limit (bytes or pixels)."""


class KeyFileError(ReportError):
    """A key (file or setting) is not a base64 X25519 key."""


class WrongKey(ReportError):
    """The private key does not open the sealed reports."""
