"""Catalog maintenance: ``python -m bot.messages.tools <command>`` (also ``make messages``).

Commands:

- ``extract``: write the template ``locale/roots.pot`` from the English source
  (``locale/en/LC_MESSAGES/roots.po``) and update every other ``.po`` from it (new
  messages appear untranslated, changed ones fuzzy, removed ones obsolete);
- ``compile``: every ``.po`` to its ``.mo`` (the English one with each text as its own
  translation); the ``.mo`` files are committed and shipped in the wheel;
- ``check``: every problem the tests look for (missing or fuzzy messages, placeholders,
  plural forms, typography), one a line; exit status 1 when there is one;
- ``add-from-dict FILE --lang xx``: add the messages of a Python dict module (``MESSAGES``,
  ``ES``/``DE``/``FR``/``EN``, or the prompts of an old ``builtin_prompts.py``) that the
  ``xx`` catalog lacks; never overwrites a translation; creates ``xx``'s ``.po`` when
  needed. Run ``extract`` and ``compile`` afterwards (``make messages``).

A variant catalog (``fr@formal``, ``de@formal``: the vouvoiement / Sie texts) holds only the
messages that differ from its language's: ``extract`` keeps its entries in step with the
English source (an entry whose English changed turns fuzzy, a removed one goes) without
adding the others; ``check`` wants each entry's placeholders and plural forms right, not
every message; ``add-from-dict --lang fr@formal`` adds entries to it.

Nothing here runs inside the bot.
"""

from __future__ import annotations

import argparse
import datetime
import io
import re
import runpy
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from babel.core import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po, write_po

from bot.messages.catalog import (
    DOMAIN,
    LOCALE_DIR,
    MODIFIER,
    PLURAL_SELECTOR,
    SOURCE_LOCALE,
    base_locale,
)
from bot.messages.typography import fix_french, fix_german, typography_problems

POT_PATH = LOCALE_DIR / f"{DOMAIN}.pot"
# Keys of the old dict catalogs that the move to gettext retired: never added back.
RETIRED = frozenset({"roots.tally"})  # now roots.tally_line, roots.received, roots.given
_FIXES = {"fr": fix_french, "de": fix_german}
# Fixed, so that running `extract` twice changes nothing (the files are committed).
POT_DATE = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
PROJECT = "Roots"
_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def po_path(locale: str) -> Path:
    return LOCALE_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def _po_names() -> list[str]:
    return sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def translated_locales() -> list[str]:
    """Every language with a .po file, except the English source (and the variants)."""
    return [lang for lang in _po_names() if lang != SOURCE_LOCALE and MODIFIER not in lang]


def variant_locales() -> list[str]:
    """Every variant catalog ("de@formal", "fr@formal")."""
    return [name for name in _po_names() if MODIFIER in name]


def read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh, locale=locale, domain=DOMAIN)


def po_bytes(catalog: Catalog) -> bytes:
    """The catalog as a .po file (wrapped at 76 columns, like Babel's own commands)."""
    buf = io.BytesIO()
    write_po(buf, catalog, width=76, no_location=True, ignore_obsolete=False)
    return buf.getvalue()


def write(path: Path, catalog: Catalog) -> None:
    data = po_bytes(catalog)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)


def placeholders(text: str) -> set[str]:
    return set(_FIELD.findall(text))


def texts_of(message: Message) -> tuple[str, ...]:
    """A message's translation: one text, or its plural forms ("" when untranslated)."""
    if isinstance(message.string, tuple | list):
        return tuple(s or "" for s in message.string)
    return (message.string or "",)


def keyed(catalog: Catalog) -> dict[str, Message]:
    """key (msgctxt) -> message, the header and obsolete entries left out."""
    return {m.context: m for m in catalog if m.id and m.context is not None}


# ---------------------------------------------------------------- extract and update


def source() -> Catalog:
    return read(po_path(SOURCE_LOCALE), SOURCE_LOCALE)


def template_from(src: Catalog) -> Catalog:
    pot = Catalog(domain=DOMAIN, project=PROJECT, version="1", creation_date=POT_DATE, fuzzy=False)
    pot.revision_date = POT_DATE
    for message in src:
        if not message.id:
            continue
        empty: str | tuple[str, ...] = ("", "") if message.pluralizable else ""
        pot.add(
            message.id,
            empty,
            auto_comments=message.auto_comments,
            flags=message.flags - {"fuzzy"},
            context=message.context,
        )
    return pot


def new_catalog(locale: str) -> Catalog:
    catalog = Catalog(
        locale=locale,
        domain=DOMAIN,
        project=PROJECT,
        version="1",
        creation_date=POT_DATE,
        fuzzy=False,
    )
    catalog.revision_date = POT_DATE
    parsed = Locale.parse(locale)
    modifier = f" ({parsed.modifier})" if parsed.modifier else ""
    catalog.language_team = f"{parsed.english_name}{modifier} <roots>"
    return catalog


def update(pot: Catalog, locale: str) -> Catalog:
    """``locale``'s catalog brought in step with the template.

    Matching is by key: a message whose English changed keeps its old translation,
    marked fuzzy for review. (Babel's own fuzzy matching compares English texts across
    keys, and would hand one key's translation to another.)
    """
    path = po_path(locale)
    catalog = read(path, locale) if path.exists() else new_catalog(locale)
    before = keyed(catalog)
    catalog.update(pot, no_fuzzy_matching=True, update_header_comment=False)
    for key, message in keyed(catalog).items():
        old = before.get(key)
        if old is None or old.id == message.id or any(texts_of(message)):
            continue
        if not any(texts_of(old)) or old.pluralizable != message.pluralizable:
            continue
        message.string = old.string
        message.flags.add("fuzzy")
        message.previous_id = [old.id] if isinstance(old.id, str) else list(old.id)
        first = old.id if isinstance(old.id, str) else old.id[0]
        catalog.obsolete.pop((first, key), None)
    catalog.creation_date = POT_DATE
    return catalog


def update_variant(src: Catalog, locale: str) -> Catalog:
    """A variant catalog kept in step with the English source, its entries only.

    An entry whose key left the source (or changed between plain and plural) goes; one
    whose English changed keeps its text, marked fuzzy for review, with the new English.
    """
    catalog = read(po_path(locale), locale)
    english = keyed(src)
    for key, message in list(keyed(catalog).items()):
        en = english.get(key)
        if en is None or en.pluralizable != message.pluralizable:
            catalog.delete(message.id, context=key)
            continue
        if en.id != message.id:
            catalog.delete(message.id, context=key)
            catalog.add(
                en.id,
                message.string,
                auto_comments=en.auto_comments,
                flags={*message.flags, "fuzzy"},
                context=key,
                previous_id=[message.id] if isinstance(message.id, str) else list(message.id),
            )
    catalog.obsolete.clear()
    catalog.creation_date = POT_DATE
    return catalog


def extract() -> list[Path]:
    """Write roots.pot from the English source; update every translation from it."""
    src = source()
    pot = template_from(src)
    write(POT_PATH, pot)
    written = [POT_PATH]
    for lang in translated_locales():
        write(po_path(lang), update(pot, lang))
        written.append(po_path(lang))
    for variant in variant_locales():
        write(po_path(variant), update_variant(src, variant))
        written.append(po_path(variant))
    return written


# ---------------------------------------------------------------- compile


def compiled(locale: str) -> Catalog:
    """The catalog as it goes into the .mo: English texts are their own translation."""
    catalog = read(po_path(locale), locale)
    if locale == SOURCE_LOCALE:
        for message in catalog:
            if message.id and message.context is not None:
                message.string = message.id
    return catalog


def compile_all() -> list[Path]:
    written = []
    for lang in [SOURCE_LOCALE, *translated_locales(), *variant_locales()]:
        buf = io.BytesIO()
        write_mo(buf, compiled(lang), use_fuzzy=False)
        path = po_path(lang).with_suffix(".mo")
        if not path.exists() or path.read_bytes() != buf.getvalue():
            path.write_bytes(buf.getvalue())
        written.append(path)
    return written


# ---------------------------------------------------------------- checks


def expected_plurals(locale: str) -> int:
    """How many plural forms the language needs (Babel's CLDR-derived table)."""
    return get_plural(locale).num_plurals


def problems(locale: str, catalog: Catalog | None = None, src: Catalog | None = None) -> list[str]:
    """What is wrong with ``locale``'s catalog against the English source, one a line."""
    english = keyed(src or source())
    if catalog is None:
        catalog = read(po_path(locale), locale)
    found: list[str] = []
    if locale != SOURCE_LOCALE and catalog.num_plurals != expected_plurals(locale):
        found.append(
            f"{locale}: Plural-Forms has {catalog.num_plurals} forms; "
            f"the language needs {expected_plurals(locale)}"
        )
    mine = keyed(catalog)
    for key, en in english.items():
        if locale == SOURCE_LOCALE:
            found.extend(_source_problems(key, en))
            continue
        msg = mine.get(key)
        if msg is None or msg.id != en.id:
            found.append(f"{locale}: {key}: missing")
            continue
        found.extend(
            _entry_problems(
                locale, key, en, msg, catalog.num_plurals, locale, "missing (empty translation)"
            )
        )
    for key in sorted(set(mine) - set(english)):
        found.append(f"{locale}: {key}: not in the English source (remove it)")
    return found


def variant_problems(
    locale: str, catalog: Catalog | None = None, src: Catalog | None = None
) -> list[str]:
    """What is wrong with a variant catalog (fr@formal): its entries, not completeness.

    Each entry must be a message of the English source, translated in the base
    language, with the placeholders and the number of plural forms the base needs.
    """
    english = keyed(src or source())
    if catalog is None:
        catalog = read(po_path(locale), locale)
    base = base_locale(locale)
    found: list[str] = []
    if base not in translated_locales():
        found.append(f"{locale}: no catalog for its language {base!r}")
    elif catalog.num_plurals != expected_plurals(base):
        found.append(
            f"{locale}: Plural-Forms has {catalog.num_plurals} forms; "
            f"the language needs {expected_plurals(base)}"
        )
    for key, msg in keyed(catalog).items():
        en = english.get(key)
        if en is None:
            found.append(f"{locale}: {key}: not in the English source (remove it)")
            continue
        if msg.id != en.id:
            found.append(f"{locale}: {key}: its English is out of date (run extract)")
            continue
        empty = f"empty (remove the entry to use {base}'s text)"
        found.extend(_entry_problems(locale, key, en, msg, catalog.num_plurals, base, empty))
    return found


def _entry_problems(
    locale: str,
    key: str,
    en: Message,
    msg: Message,
    num_plurals: int,
    typography_locale: str,
    empty: str,
) -> list[str]:
    """One translated entry's problems: fuzzy, plural forms, an empty text (``empty`` says
    what to do about it), placeholders, typography (by ``typography_locale``'s rules)."""
    found: list[str] = []
    if msg.fuzzy:
        found.append(f"{locale}: {key}: fuzzy (to review)")
    strings = texts_of(msg)
    if en.pluralizable and len(strings) != num_plurals:
        found.append(f"{locale}: {key}: {len(strings)} plural forms, needs {num_plurals}")
    if any(not s.strip() for s in strings):
        found.append(f"{locale}: {key}: {empty}")
        return found
    found.extend(f"{locale}: {key}: {p}" for p in _placeholder_problems(en, strings))
    for s in strings:
        found.extend(f"{locale}: {key}: {p}" for p in typography_problems(typography_locale, s))
    return found


def _source_problems(key: str, en: Message) -> list[str]:
    ids = en.id if isinstance(en.id, tuple | list) else (en.id,)
    out = []
    if any(s.strip() == "" for s in ids):
        out.append(f"en: {key}: empty text")
    if len(ids) == 2 and placeholders(ids[0]) != placeholders(ids[1]):
        out.append(f"en: {key}: singular and plural use different placeholders")
    return out


def _placeholder_problems(en: Message, strings: Iterable[str]) -> list[str]:
    ids = en.id if isinstance(en.id, tuple | list) else (en.id,)
    wanted = placeholders(ids[-1])
    out = []
    for s in strings:
        have = placeholders(s)
        if en.pluralizable:
            have -= {PLURAL_SELECTOR} - wanted  # a form may show a count English leaves implicit
        if have - wanted:
            out.append(f"unknown placeholder(s) {sorted(have - wanted)}")
        missing = wanted - have
        if missing:
            out.append(f"placeholder(s) {sorted(missing)} missing")
    return out


# ---------------------------------------------------------------- add-from-dict

DictValue = str | tuple[str, ...] | list[str]


@dataclass
class AddReport:
    added: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # already translated: never overwritten
    unknown: list[str] = field(default_factory=list)  # not in the English source
    need_plural: list[str] = field(default_factory=list)  # plain text for a plural message
    not_plural: list[str] = field(default_factory=list)  # forms for a plain message
    created: bool = False

    def lines(self, locale: str) -> list[str]:
        out = [f"{locale}: added {len(self.added)}, kept {len(self.kept)} existing"]
        if self.created:
            out.append(f"{locale}: created {po_path(locale)}")
        for title, keys in (
            ("not in the English source (or retired), skipped", self.unknown),
            ("plural in English: give the forms as a tuple, skipped", self.need_plural),
            ("not plural in English: give one text, skipped", self.not_plural),
        ):
            if keys:
                out.append(f"{locale}: {title}: {', '.join(keys)}")
        return out


def load_dict(path: Path, locale: str, name: str | None = None) -> dict[str, DictValue]:
    """The messages of a dict module for ``locale``.

    Looks for ``name``, else ``ES``/``DE``/``FR_FORMAL``... (the locale in capitals), else
    ``MESSAGES``; and, in an old ``builtin_prompts.py``, the prompts' ``text[locale]``
    as ``prompt.<id>``.
    """
    namespace = runpy.run_path(str(path))
    for candidate in (name, locale.upper().replace(MODIFIER, "_"), "MESSAGES"):
        if candidate and isinstance(namespace.get(candidate), Mapping):
            return dict(namespace[candidate])
    prompts = [*namespace.get("BUILTIN_PROMPTS", ()), *namespace.get("CHALLENGE_PROMPTS", ())]
    found: dict[str, DictValue] = {}
    for prompt in prompts:
        texts = getattr(prompt, "text", {})
        if locale in texts:
            found[f"prompt.{prompt.id}"] = texts[locale]
    if not found:
        raise SystemExit(f"{path}: no {name or locale.upper()}, MESSAGES or prompts for {locale}")
    return found


def add_messages(
    locale: str, messages: Mapping[str, DictValue], comment: str | None = None
) -> AddReport:
    """Add what ``locale``'s .po lacks from ``messages``; never overwrite a text."""
    report = AddReport()
    if locale == SOURCE_LOCALE:
        return _add_source(messages, report, comment)
    if MODIFIER in locale:
        return _add_variant(locale, messages, report)
    path = po_path(locale)
    report.created = not path.exists()
    catalog = update(template_from(source()), locale)
    mine = keyed(catalog)
    english = keyed(source())
    for key, value in messages.items():
        en = english.get(key)
        if en is None:
            report.unknown.append(key)
            continue
        msg = mine[key]
        if any(s.strip() for s in texts_of(msg)):
            report.kept.append(key)
            continue
        if en.pluralizable and isinstance(value, str):
            report.need_plural.append(key)
            continue
        if not en.pluralizable and not isinstance(value, str):
            report.not_plural.append(key)
            continue
        fix = _FIXES.get(locale)
        if fix is not None:
            value = fix(value) if isinstance(value, str) else tuple(map(fix, value))
        msg.string = value if isinstance(value, str) else tuple(value)
        msg.flags.discard("fuzzy")
        report.added.append(key)
    write(path, catalog)
    return report


def _add_variant(locale: str, messages: Mapping[str, DictValue], report: AddReport) -> AddReport:
    """Add entries to a variant catalog (fr@formal): only those given, never the rest."""
    path = po_path(locale)
    report.created = not path.exists()
    catalog = read(path, locale) if path.exists() else new_catalog(locale)
    mine = keyed(catalog)
    english = keyed(source())
    fix = _FIXES.get(base_locale(locale))
    for key, value in messages.items():
        en = english.get(key)
        if en is None:
            report.unknown.append(key)
            continue
        if key in mine and any(s.strip() for s in texts_of(mine[key])):
            report.kept.append(key)
            continue
        if en.pluralizable == isinstance(value, str):
            (report.need_plural if en.pluralizable else report.not_plural).append(key)
            continue
        if fix is not None:
            value = fix(value) if isinstance(value, str) else tuple(map(fix, value))
        if key in mine:
            catalog.delete(mine[key].id, context=key)
        catalog.add(en.id, value if isinstance(value, str) else tuple(value), context=key)
        report.added.append(key)
    write(path, catalog)
    return report


def _add_source(
    messages: Mapping[str, DictValue], report: AddReport, comment: str | None
) -> AddReport:
    path = po_path(SOURCE_LOCALE)
    catalog = read(path, SOURCE_LOCALE)
    have = keyed(catalog)
    for key, value in messages.items():
        if key in RETIRED:
            report.unknown.append(key)
            continue
        if key in have:
            report.kept.append(key)
            continue
        msgid: str | tuple[str, str]
        empty: str | tuple[str, str]
        if isinstance(value, str):
            msgid, empty = value, ""
        elif len(value) == 2:
            msgid, empty = (value[0], value[1]), ("", "")
        else:
            report.not_plural.append(key)
            continue
        comments = [comment] if comment else []
        catalog.add(msgid, empty, auto_comments=comments, context=key)
        report.added.append(key)
    write(path, catalog)
    return report


# ---------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.messages.tools", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("extract", help="write roots.pot and update every .po from it")
    sub.add_parser("compile", help="compile every .po into its .mo")
    sub.add_parser("check", help="list what the tests would find wrong")
    add = sub.add_parser("add-from-dict", help="add a dict module's missing messages")
    add.add_argument("file", type=Path, help="a .py file holding the dict")
    add.add_argument(
        "--lang", required=True, help="the catalog to add to: en, fr, es, de, fr@formal…"
    )
    add.add_argument("--dict", dest="name", help="the dict's name (default: ES/DE/…, MESSAGES)")
    add.add_argument("--comment", help="English only: a note for translators on each new entry")
    add.add_argument("--prefix", default="", help="put before every key (prompt. for prompt ids)")
    args = parser.parse_args(argv)

    if args.command == "extract":
        for path in extract():
            print(f"wrote {path.relative_to(LOCALE_DIR.parent)}")
    elif args.command == "compile":
        for path in compile_all():
            print(f"compiled {path.relative_to(LOCALE_DIR.parent)}")
    elif args.command == "check":
        found = [p for lang in [SOURCE_LOCALE, *translated_locales()] for p in problems(lang)]
        found += [p for variant in variant_locales() for p in variant_problems(variant)]
        print("\n".join(found) or "every catalog is complete and consistent")
        return 1 if found else 0
    else:
        lang = args.lang.strip().lower()
        loaded = load_dict(args.file, lang, args.name)
        messages = {f"{args.prefix}{k}": v for k, v in loaded.items()}
        report = add_messages(lang, messages, args.comment)
        print("\n".join(report.lines(lang)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
