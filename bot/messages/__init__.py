"""The message catalog: every user-facing string, in English, French, Spanish and German.

The catalogs live in ``locale/<lang>/LC_MESSAGES/roots.po`` (English is the source; see
:mod:`bot.messages.catalog` for the layout) and are read once, compiled, at import.

``t(locale, key, **values)`` returns rich text. Interpolated values are treated
as untrusted user text unless they are numbers, :class:`Mention`, :class:`Plain`
or already-rich tuples, so a renderer can always escape what a member typed.
A message with plural forms picks the one its ``count`` value calls for, by the
language's CLDR rule; numbers are written the language's way (``5,000``, ``5 000``).
A :class:`Moment` placeholder gets its ``text``: the instant in its zone, written the
language's way and naming the zone ("dimanche 29 mars à 03:00 (Europe/Paris)"); each
renderer then shows it with its platform's time markup, or that text.

A locale may name a variant, ``fr@formal`` / ``de@formal`` (vouvoiement, Sie): its
catalog holds only the messages that differ, the language's own catalog the rest.
:func:`voiced` gives the locale a community speaks in, :func:`base_locale` the
language Babel and the platforms understand.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from functools import lru_cache

from babel.core import Locale, UnknownLocaleError
from babel.lists import format_list
from babel.numbers import format_decimal

from bot.messages.catalog import (
    FORMAL as FORMAL,
)
from bot.messages.catalog import (
    MODIFIER,
    PLURAL_SELECTOR,
    SOURCE_LOCALE,
    Catalog,
    available_locales,
    available_variants,
    load,
)
from bot.messages.catalog import (
    base_locale as base_locale,
)
from bot.messages.dates import format_day, format_hour
from bot.timezones import load_zone
from bot.types import Field, Mention, Moment, MomentStyle, Plain, Rich, Span, UserText, plain_text

_LOADED: dict[str, Catalog] = {lang: load(lang) for lang in available_locales()}
# (no catalog at all only while bot.messages.tools builds the first one)
_EN = _LOADED.setdefault(SOURCE_LOCALE, Catalog(SOURCE_LOCALE, {}, 2, lambda n: int(n != 1)))
# "fr@formal" -> the messages that differ from "fr" (see bot.messages.catalog).
_VARIANTS: dict[str, Catalog] = {name: load(name) for name in available_variants()}
VARIANTS: tuple[str, ...] = tuple(_VARIANTS)
INFORMAL = "informal"
FORMALITIES: tuple[str, ...] = (INFORMAL, FORMAL)


def _flat(catalog: Catalog) -> dict[str, str]:
    """key -> text; a plural entry shows its general form (the last one)."""
    return {k: v if isinstance(v, str) else v[-1] for k, v in catalog.entries.items()}


# {locale: {key: text}}: for checks and tools; t() is what the bot uses.
CATALOGS: dict[str, Mapping[str, str]] = {lang: _flat(c) for lang, c in _LOADED.items()}
LOCALES: tuple[str, ...] = tuple(CATALOGS)
DEFAULT_LOCALE = SOURCE_LOCALE
EN = CATALOGS[SOURCE_LOCALE]
# Keys whose text depends on a count (gettext plural entries in the English source).
PLURAL_KEYS: frozenset[str] = frozenset(k for k, v in _EN.entries.items() if not isinstance(v, str))
# Placeholders that name a thing rather than count it: never written as 1,234.
IDENTIFIERS = frozenset({"id", "year", "month", "day", "event", "season"})

_formatter = string.Formatter()


def normalize_locale(value: str) -> str | None:
    """'FR', 'fr-CA', 'fr_FR', 'fr@formal' -> 'fr'; None when unsupported."""
    base = base_locale(value.strip().lower()).replace("_", "-").split("-")[0]
    return base if base in CATALOGS else None


def has_formal(locale: str) -> bool:
    """Whether the language addresses the reader two ways (fr: tu/vous, de: du/Sie)."""
    return f"{base_locale(locale)}{MODIFIER}{FORMAL}" in _VARIANTS


def voiced(locale: str, formality: str) -> str:
    """The locale a community speaks in: ``fr@formal`` for a formal French community.

    A language without a formal variant (English, Spanish) stays as it is.
    """
    base = base_locale(locale)
    return f"{base}{MODIFIER}{FORMAL}" if formality == FORMAL and has_formal(base) else base


def for_platform(key: str, platform: str) -> str:
    """``key.platform`` when the catalog has a variant for that platform, else ``key``."""
    variant = f"{key}.{platform}"
    return variant if variant in EN else key


def _source(locale: str, key: str) -> Catalog:
    """The catalog that has ``key`` for ``locale``: its variant's, its own, else English."""
    if key not in _EN.entries:
        raise KeyError(key)
    plural = not isinstance(_EN.entries[key], str)
    if MODIFIER in locale:
        variant = _VARIANTS.get(locale)
        if variant is not None and key in variant.entries:
            if plural != isinstance(variant.entries[key], str):
                return variant
    catalog = _LOADED.get(base_locale(locale), _EN)
    if key in catalog.entries and plural != isinstance(catalog.entries[key], str):
        return catalog
    return _EN


def template(locale: str, key: str, count: object = None) -> str:
    """The raw text of ``key`` (the form ``count`` calls for, for a plural message)."""
    return _source(locale, key).form(key, count)


def forms(locale: str, key: str) -> tuple[str, ...]:
    """Every form of ``key`` in ``locale`` (one, unless the message has plural forms)."""
    value = _source(locale, key).entries[key]
    return (value,) if isinstance(value, str) else value


@lru_cache(maxsize=4096)
def _number(locale: str, value: int | float) -> str:
    lang = base_locale(locale)
    return format_decimal(value, locale=lang if lang in _LOADED else SOURCE_LOCALE)


def moment_text(locale: str, moment: Moment) -> str:
    """``moment`` in its zone, as ``locale`` writes it, naming the zone:
    "dimanche 29 mars à 03:00 (Europe/Paris)", "00:00 (Europe/Paris)"."""
    local = moment.at.astimezone(load_zone(moment.zone))
    hour = format_hour(locale, local)
    if moment.style is MomentStyle.TIME:
        when = hour
    else:
        day = format_day(locale, local.date())
        # the hour chooses the form: Spanish says "a la 1:00" but "a las 3:00"
        when = text(locale, "moment.date_time", date=day, time=hour, count=local.hour)
    return text(locale, "moment.in_zone", when=when, zone=moment.zone)


def day_text(locale: str, day: date) -> Plain:
    """A calendar day (the community's, a challenge's) as ``locale`` writes it:
    "dimanche 29 mars". A day is not an instant: it reads the same everywhere."""
    return Plain(format_day(locale, day))


def _span(locale: str, name: str, value: object) -> tuple[Span, ...]:
    if isinstance(value, Moment):
        return (value if value.text else replace(value, text=moment_text(locale, value)),)
    if isinstance(value, Plain | UserText | Mention):
        return (value,)
    if isinstance(value, tuple):
        return value
    if isinstance(value, bool):
        return (Plain(str(value)),)
    if isinstance(value, int | float):
        return (Plain(str(value) if name in IDENTIFIERS else _number(locale, value)),)
    return (UserText(str(value)),)


@lru_cache(maxsize=4096)
def _parsed(tmpl: str) -> tuple[tuple[Plain | None, str | None], ...]:
    """A template split once into (literal, placeholder) pairs."""
    return tuple(
        (Plain(literal) if literal else None, name)
        for literal, name, _spec, _conv in _formatter.parse(tmpl)
    )


def t(locale: str, key: str, **values: object) -> Rich:
    """Format catalog entry ``key`` into rich text."""
    spans: list[Span] = []
    for literal, field_name in _parsed(template(locale, key, values.get(PLURAL_SELECTOR))):
        if literal is not None:
            spans.append(literal)
        if field_name is not None:
            spans.extend(_span(locale, field_name, values[field_name]))
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


_SLOT = re.compile(r"\x00(\d+)\x00")


def and_list(locale: str, parts: list[Rich]) -> Rich:
    """``parts`` as the language writes a list: "@dave and @alice", "@dave et @alice"."""
    if not parts:
        return ()
    if len(parts) == 1:
        return parts[0]  # a list of one is the item alone in every language
    lang = base_locale(locale)
    pattern = _list_pattern(lang if lang in _LOADED else SOURCE_LOCALE, len(parts))
    out: list[Span] = []
    for i, piece in enumerate(_SLOT.split(pattern)):
        if i % 2:
            out.extend(parts[int(piece)])
        elif piece:
            out.append(Plain(piece))
    return tuple(out)


@lru_cache(maxsize=64)
def _list_pattern(lang: str, n: int) -> str:
    """The language's list of ``n`` slots (\\x00i\\x00), asked of Babel once."""
    return format_list([f"\x00{i}\x00" for i in range(n)], locale=lang)


def field(locale: str, name: Rich, value: Rich) -> Field:
    """A named value whose label ("Givers:", "Ceux qui donnent :") follows the language."""
    return Field(name, value, label=t(locale, "field.label", name=name))


def placeholders(tmpl: str) -> set[str]:
    return {name for _, name, _, _ in _formatter.parse(tmpl) if name}


def language_name(code: str, locale: str) -> str:
    """The name of the language ``code`` as ``locale`` writes it: "French", "français",
    "Französisch" (a catalog variant such as ``fr@vous`` is named for its language)."""
    lang, reader = code.split("@")[0], locale.split("@")[0]
    try:
        return Locale.parse(lang).get_language_name(reader) or code
    except (ValueError, UnknownLocaleError):
        return code
