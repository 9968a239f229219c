"""The compiled gettext catalogs (``locale/<lang>/LC_MESSAGES/roots.mo``), read once.

Layout of an entry (see CONTRIBUTING.md, "How to add a language"):

- ``msgctxt`` is the symbolic key the code uses (``kudos.given``, ``prompt.<id>``);
- ``msgid`` is the English text (``msgid_plural`` too, for a message chosen by a count);
- ``msgstr`` is the translation (``msgstr[0..n]`` for the plural forms of the language).

English is the source language: ``locale/en/LC_MESSAGES/roots.po`` holds the English text
in ``msgid`` with an empty ``msgstr``, and ``python -m bot.messages.tools compile`` writes
the English ``.mo`` with each text as its own translation. A message with plural forms is
chosen by its ``{count}`` placeholder, with the catalog's own ``Plural-Forms`` rule (CLDR's,
as Babel writes it for the language).

A *variant* catalog, ``locale/<lang>@<modifier>/`` (gettext's modifier convention, like
``sr@latin``), holds only the messages that differ from ``<lang>``'s: ``fr@formal`` and
``de@formal`` are the vouvoiement / Sie texts a community chooses with
``/roots-config formality``; every other message comes from ``fr`` / ``de``.
"""

from __future__ import annotations

import gettext
import re
import struct
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog as BabelCatalog

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "roots"
SOURCE_LOCALE = "en"
# The placeholder whose number chooses a plural form.
PLURAL_SELECTOR = "count"
# Separates a language from its variant: "fr@formal" (gettext's @modifier).
MODIFIER = "@"
FORMAL = "formal"


def base_locale(locale: str) -> str:
    """The language of a locale, without its variant: "fr@formal" -> "fr".

    This is what Babel (lists, numbers, dates) and the platforms must be given.
    """
    return locale.partition(MODIFIER)[0]


@dataclass(frozen=True)
class Catalog:
    """One language: key -> its text, or the tuple of its plural forms."""

    locale: str
    entries: dict[str, str | tuple[str, ...]]
    num_plurals: int
    plural: Callable[[int], int]

    def form(self, key: str, count: object) -> str:
        """The text of ``key``; for a plural entry, the form ``count`` calls for."""
        value = self.entries[key]
        if isinstance(value, str):
            return value
        if isinstance(count, int) and not isinstance(count, bool):
            index = self.plural(count)
        else:  # no number (a template shown whole, a test's "<count>"): the general form
            index = len(value) - 1
        return value[min(index, len(value) - 1)]


def mo_path(locale: str) -> Path:
    return LOCALE_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.mo"


def _catalog_names() -> set[str]:
    return {p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.[mp]o")}


def available_locales() -> tuple[str, ...]:
    """Every language with a catalog, English first (variants such as fr@formal left out)."""
    found = {name for name in _catalog_names() if MODIFIER not in name}
    return tuple(sorted(found, key=lambda lang: (lang != SOURCE_LOCALE, lang)))


def available_variants() -> tuple[str, ...]:
    """Every variant catalog ("de@formal", "fr@formal"), whose language has a catalog."""
    names = _catalog_names()
    return tuple(sorted(n for n in names if MODIFIER in n and base_locale(n) in names))


def load(locale: str) -> Catalog:
    """Parse ``locale``'s compiled catalog (its .po, when it was never compiled)."""
    path = mo_path(locale)
    if path.exists():
        return read_mo(locale, path.read_bytes())
    from babel.messages.pofile import read_po  # a fresh edit before `make messages`

    with path.with_suffix(".po").open("rb") as fh:
        return _from_babel(locale, read_po(fh, locale=locale, domain=DOMAIN))


_LE_MAGIC = 0x950412DE
_PLURAL_FORMS = re.compile(r"^Plural-Forms:\s*nplurals=(\d+);\s*plural=(.+?);?\s*$", re.M)


def read_mo(locale: str, data: bytes) -> Catalog:
    """A GNU .mo file (as Babel or msgfmt write it) read straight into a :class:`Catalog`.

    The format is a table of (original, translation) strings: ``context\x04msgid`` for a
    keyed entry, ``msgid\x00msgid_plural`` and ``form0\x00form1…`` for a plural one.
    Reading it here keeps Babel's catalog machinery out of the bot's start-up.
    """
    order = "<" if struct.unpack("<I", data[:4])[0] == _LE_MAGIC else ">"
    _rev, count, originals, translations = struct.unpack(order + "4I", data[4:20])
    entries: dict[str, str | tuple[str, ...]] = {}
    header = ""
    for i in range(count):
        olen, ooff = struct.unpack(order + "2I", data[originals + 8 * i : originals + 8 * i + 8])
        tlen, toff = struct.unpack(
            order + "2I", data[translations + 8 * i : translations + 8 * i + 8]
        )
        original = data[ooff : ooff + olen].decode("utf-8")
        translated = data[toff : toff + tlen].decode("utf-8")
        if not original:
            header = translated
            continue
        key, keyed, msgid = original.partition("\x04")
        if not keyed or not translated:
            continue
        entries[key] = tuple(translated.split("\x00")) if "\x00" in msgid else translated
    match = _PLURAL_FORMS.search(header)
    nplurals, expr = (int(match.group(1)), match.group(2)) if match else (2, "(n != 1)")
    return Catalog(locale, entries, nplurals, gettext.c2py(expr))


def _from_babel(locale: str, babel_catalog: BabelCatalog) -> Catalog:
    entries: dict[str, str | tuple[str, ...]] = {}
    for message in babel_catalog:
        if not message.id or message.context is None or message.fuzzy:
            continue  # the header, an entry outside the key layout, or one to review
        text = message.string
        if locale == SOURCE_LOCALE and not any(text if isinstance(text, tuple | list) else [text]):
            text = message.id  # the English source is its own translation
        if isinstance(text, list | tuple):
            if all(text):
                entries[message.context] = tuple(text)
        elif text:
            entries[message.context] = str(text)
    return Catalog(
        locale, entries, babel_catalog.num_plurals, gettext.c2py(babel_catalog.plural_expr)
    )
