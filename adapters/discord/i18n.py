"""Names and descriptions of the slash commands and menus in French, Spanish and German,
as `sync` sends them: gettext catalogs a translator edits with any .po editor,
``adapters/discord/locale/<lang>/LC_MESSAGES/discord.po`` (the English text is the msgid;
``discord.pot`` lists every text). They are read once, at import.

Discord shows each member the commands in their client's language; anything
missing here stays in English (a test fails). Public replies follow the community's
locale, private ones the member's (/roots language; on auto, their client's locale; see
the core).
"""

from __future__ import annotations

from pathlib import Path

import discord
from babel.messages.pofile import read_po
from discord import app_commands

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "discord"


def load(lang: str) -> dict[str, str]:
    """English text -> its translation, from ``lang``'s discord.po (fuzzy and empty
    entries left out: Discord then shows the English)."""
    path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang, domain=DOMAIN)
    return {
        str(m.id): str(m.string)
        for m in catalog
        if m.id and isinstance(m.id, str) and m.string and not m.fuzzy
    }


FRENCH = load("fr")
SPANISH = load("es")
GERMAN = load("de")

BY_LOCALE: dict[discord.Locale, dict[str, str]] = {
    discord.Locale.french: FRENCH,
    discord.Locale.spain_spanish: SPANISH,
    discord.Locale.latin_american_spanish: SPANISH,
    discord.Locale.german: GERMAN,
}


class RootsTranslator(app_commands.Translator):
    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        table = BY_LOCALE.get(locale)
        return None if table is None else table.get(string.message)
