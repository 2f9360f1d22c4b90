"""Render replies (message ids + arguments) into text through Fluent, with an explicit locale.

Strict mode (tests, ``content check``) raises on a missing message or a formatting error; in
production a broken message falls back to English and is logged by id, and a person never sees
a raw message id.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from fluent.runtime import FluentBundle, FluentResource

from bot.errors import FormatError, MissingMessage
from flows.replies import LINES, ButtonKind, Msg, Reply

log = logging.getLogger(__name__)
FALLBACK = "en"


@dataclass(frozen=True)
class RenderedButton:
    label: str
    payload: str
    kind: ButtonKind = ButtonKind.ACTION
    url: str | None = None


@dataclass(frozen=True)
class Rendered:
    """A reply in words: what a channel draws."""

    body: str
    buttons: tuple[tuple[RenderedButton, ...], ...] = ()
    title: str | None = None
    notice: str | None = None

    @property
    def text(self) -> str:
        """Notice, title and body as one plain text."""
        return "\n\n".join(p for p in (self.notice, self.title, self.body) if p)


def load_bundle(lang: str, folder: Path) -> FluentBundle:
    bundle = FluentBundle([lang], use_isolating=False)
    for path in sorted(folder.glob("*.ftl")):
        bundle.add_resource(FluentResource(path.read_text(encoding="utf-8")))
    return bundle


class Renderer:
    def __init__(self, locales_dir: Path, languages: tuple[str, ...], strict: bool = False):
        self.languages = languages
        self.strict = strict
        self.bundles = {lang: load_bundle(lang, locales_dir / lang) for lang in languages}

    def has(self, msg_id: str, lang: str) -> bool:
        return bool(self.bundles[lang].has_message(msg_id))

    def format(self, msg: Msg, lang: str) -> str:
        lang = msg.lang or lang
        try:
            return self._format(msg, lang)
        except (MissingMessage, FormatError):
            if self.strict or lang == FALLBACK:
                raise
            log.error("message %s broken in locale %s; falling back", msg.id, lang)
            return self._format(msg, FALLBACK)

    def _format(self, msg: Msg, lang: str) -> str:
        if msg.id == LINES:
            return "\n".join(self.format(m, lang) for m in msg.args.values() if isinstance(m, Msg))
        bundle = self.bundles[lang]
        if not bundle.has_message(msg.id):
            raise MissingMessage(f"message {msg.id!r} is missing in locale {lang!r}")
        args = {k: self.format(v, lang) if isinstance(v, Msg) else v for k, v in msg.args.items()}
        pattern = bundle.get_message(msg.id).value
        if pattern is None:
            raise MissingMessage(f"message {msg.id!r} has no value in locale {lang!r}")
        text, errors = bundle.format_pattern(pattern, args)
        if errors:
            raise FormatError(f"message {msg.id!r} in locale {lang!r}: {errors[0]}")
        return str(text)

    def render(self, reply: Reply, lang: str) -> Rendered:
        return Rendered(
            body="\n\n".join(self.format(part, lang) for part in reply.parts),
            buttons=tuple(
                tuple(
                    RenderedButton(self.format(b.label, lang), b.payload, b.kind, b.url)
                    for b in row
                )
                for row in reply.buttons
            ),
            title=self.format(reply.title, lang) if reply.title else None,
            notice=self.format(reply.notice, lang) if reply.notice else None,
        )
