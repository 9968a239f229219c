"""The message catalog: every user-facing string, in English, French, Spanish and German.

``t(locale, key, **values)`` returns rich text. Interpolated values are treated
as untrusted user text unless they are numbers, :class:`Mention`, :class:`Plain`
or already-rich tuples, so a renderer can always escape what a member typed.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from functools import lru_cache

from bot.messages.de import MESSAGES as DE
from bot.messages.en import MESSAGES as EN
from bot.messages.es import MESSAGES as ES
from bot.messages.fr import MESSAGES as FR
from bot.types import Mention, Plain, Rich, Span, UserText, plain_text

CATALOGS: dict[str, Mapping[str, str]] = {"en": EN, "fr": FR, "es": ES, "de": DE}
LOCALES: tuple[str, ...] = tuple(CATALOGS)
DEFAULT_LOCALE = "en"

_formatter = string.Formatter()


def normalize_locale(value: str) -> str | None:
    """'FR', 'fr-CA', 'fr_FR' -> 'fr'; None when unsupported."""
    base = value.strip().lower().replace("_", "-").split("-")[0]
    return base if base in CATALOGS else None


def for_platform(key: str, platform: str) -> str:
    """``key.platform`` when the catalog has a variant for that platform, else ``key``."""
    variant = f"{key}.{platform}"
    return variant if variant in EN else key


def template(locale: str, key: str) -> str:
    catalog = CATALOGS.get(locale, EN)
    try:
        return catalog[key]
    except KeyError:
        return EN[key]


def _span(value: object) -> tuple[Span, ...]:
    if isinstance(value, Plain | UserText | Mention):
        return (value,)
    if isinstance(value, tuple):
        return value
    if isinstance(value, bool):
        return (Plain(str(value)),)
    if isinstance(value, int | float):
        return (Plain(str(value)),)
    return (UserText(str(value)),)


@lru_cache(maxsize=4096)
def _parsed(locale: str, key: str) -> tuple[tuple[Plain | None, str | None], ...]:
    """The template split once into (literal, placeholder) pairs."""
    return tuple(
        (Plain(literal) if literal else None, name)
        for literal, name, _spec, _conv in _formatter.parse(template(locale, key))
    )


def t(locale: str, key: str, **values: object) -> Rich:
    """Format catalog entry ``key`` into rich text."""
    spans: list[Span] = []
    for literal, field_name in _parsed(locale, key):
        if literal is not None:
            spans.append(literal)
        if field_name is not None:
            spans.extend(_span(values[field_name]))
    return tuple(spans)


def text(locale: str, key: str, **values: object) -> str:
    """Catalog entry as a plain string (for logs, button labels, tests)."""
    return plain_text(t(locale, key, **values))


def join(parts: list[Rich], sep: str = ", ") -> Rich:
    out: list[Span] = []
    for i, part in enumerate(parts):
        if i:
            out.append(Plain(sep))
        out.extend(part)
    return tuple(out)


def placeholders(tmpl: str) -> set[str]:
    return {name for _, name, _, _ in _formatter.parse(tmpl) if name}
