"""What `sync` sends Discord: every command, sub-command, option, choice and menu is
localized for each Discord locale among Roots' languages, within Discord's limits.

The payloads are built by discord.py itself (``get_translated_payload``, what
``CommandTree.sync`` sends) with Roots' translator, so a text discord.py would leave
in English for a French, Spanish or German member fails here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Literal

import discord
import pytest
from discord import app_commands

from adapters.discord.bot import COGS, RootsBot
from adapters.discord.config import DiscordSettings
from adapters.discord.i18n import BY_LOCALE, FRENCH, GERMAN, SPANISH, RootsTranslator

LOCALES = ("fr", "es-ES", "es-419", "de")
MAX_DESCRIPTION = 100
MAX_CHOICE_NAME = 100
MAX_NAME = 32
# Discord's rule for slash command and option names (its docs, "Application Command Naming")
SLASH_NAME = re.compile(r"^[-_\w]{1,32}$")


async def payloads() -> list[dict[str, Any]]:
    bot = RootsBot(None, DiscordSettings(token="t"))  # type: ignore[arg-type]  # no core: commands only
    for name in COGS:
        await bot.load_extension(name)
    translator = RootsTranslator()
    commands: list[Any] = [
        *bot.tree.get_commands(),
        *bot.tree.get_commands(type=discord.AppCommandType.user),
        *bot.tree.get_commands(type=discord.AppCommandType.message),
    ]
    return [await c.get_translated_payload(bot.tree, translator) for c in commands]


def described(payload: dict[str, Any], path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every sub-command and option of a slash command, with its path."""
    where = f"{path} {payload['name']}".strip()
    yield where, payload
    for option in payload.get("options", []):
        yield from described(option, where)


def test_the_spanish_and_german_tables_cover_the_french_one() -> None:
    assert set(SPANISH) == set(FRENCH)
    assert set(GERMAN) == set(FRENCH)
    assert BY_LOCALE[discord.Locale.spain_spanish] is SPANISH
    assert BY_LOCALE[discord.Locale.latin_american_spanish] is SPANISH
    assert BY_LOCALE[discord.Locale.german] is GERMAN


@pytest.mark.parametrize("table", [SPANISH, GERMAN], ids=["es", "de"])
def test_spanish_and_german_differ_from_english_where_french_does(table: dict[str, str]) -> None:
    # Language names and "on"/"off" may stay as they are; anything French translates,
    # Spanish and German translate too.
    same = sorted(k for k, v in table.items() if v == k and FRENCH[k] != k)
    assert same == []


async def test_every_text_sync_sends_is_localized_in_every_locale() -> None:
    missing: list[str] = []
    count = 0
    for payload in await payloads():
        if payload.get("type", 1) != 1:  # a context menu: only its name is shown
            for locale in LOCALES:
                name = payload.get("name_localizations", {}).get(locale)
                if not name:
                    missing.append(f"menu {payload['name']!r}: no {locale} name")
                elif len(name) > MAX_NAME:
                    missing.append(f"menu {payload['name']!r}: {locale} name too long: {name!r}")
            count += 1
            continue
        for where, item in described(payload):
            count += 1
            for locale in LOCALES:
                text = item.get("description_localizations", {}).get(locale)
                if not text:
                    missing.append(f"{where}: no {locale} description")
                elif len(text) > MAX_DESCRIPTION:
                    missing.append(f"{where}: {locale} description too long: {text!r}")
                for name in item.get("name_localizations", {}).values():
                    if not SLASH_NAME.fullmatch(name) or name != name.lower():
                        missing.append(f"{where}: {locale} name breaks Discord's rules: {name!r}")
            for choice in item.get("choices", []):
                for locale in LOCALES:
                    name = choice.get("name_localizations", {}).get(locale)
                    if not name:
                        missing.append(f"{where} {choice['name']!r}: no {locale} name")
                    elif len(name) > MAX_CHOICE_NAME:
                        missing.append(f"{where} {choice['name']!r}: {locale} too long")
    assert count > 60  # the walk really reached the sub-commands and options
    assert not missing, "\n".join(missing)


async def test_slash_command_names_stay_english_as_members_type_them() -> None:
    for payload in await payloads():
        if payload.get("type", 1) == 1:
            for where, item in described(payload):
                assert not item.get("name_localizations"), where


async def test_a_german_member_sees_german_and_a_mexican_member_spanish() -> None:
    by_name = {p["name"]: p for p in await payloads()}
    kudos = by_name["kudos"]
    assert kudos["description_localizations"]["de"] == GERMAN[kudos["description"]]
    assert kudos["description_localizations"]["es-419"] == SPANISH[kudos["description"]]
    assert by_name["Give kudos"]["name_localizations"]["de"] == "Kudos geben"
    translator = RootsTranslator()
    context: app_commands.TranslationContext[
        Literal[app_commands.TranslationContextLocation.other], None
    ] = app_commands.TranslationContext(app_commands.TranslationContextLocation.other, None)
    italian = await translator.translate(
        app_commands.locale_str("What Roots can do"), discord.Locale.italian, context
    )
    assert italian is None  # a language Roots doesn't speak stays English


def test_the_discord_catalogs_are_gettext_files_a_translator_edits() -> None:
    """Every text of the template is translated in each .po (no fuzzy, no empty entry), and
    no .po holds a text the template no longer has."""
    from babel.messages.pofile import read_po

    from adapters.discord.i18n import LOCALE_DIR

    with (LOCALE_DIR / "discord.pot").open("rb") as fh:
        template = {m.id for m in read_po(fh) if m.id}
    for lang, table in (("fr", FRENCH), ("es", SPANISH), ("de", GERMAN)):
        assert set(table) == template, lang
