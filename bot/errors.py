"""A small error tree: callers catch the family they can handle."""

from __future__ import annotations


class MovesafeError(Exception):
    """Base of every error movesafe raises on purpose."""


class SettingsError(MovesafeError):
    """A setting is missing or malformed; the message names the variable."""


class ContentError(MovesafeError):
    """The content pack or the locales are broken; the message names the file and key."""


class MissingMessage(ContentError):
    """A Fluent message id is missing from a locale."""


class FormatError(ContentError):
    """A Fluent message failed to format (unknown variable, bad reference)."""


class ChannelError(MovesafeError):
    """A platform refused or failed a call after retries."""


class ContactStopped(ChannelError):
    """The person blocked the bot or left: nothing may be sent to them any more."""


class Throttled(ChannelError):
    """The platform kept failing (429, 5xx, timeouts) past our patience; worth trying later."""


class DeliveryFailed(ChannelError):
    """Replies could not be delivered now: the delivery is not counted as handled, so the
    platform's re-delivery tries again (the webhook answers 503)."""
