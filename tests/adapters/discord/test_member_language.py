"""Each member's language on Discord (issue 18, item 3): /roots-language, and ``auto``
following the client's locale that every interaction carries. The real discord.py
against the fake Discord; what Discord received is what is checked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.messages import text
from tests.adapters.discord.conftest import ADMIN, ALICE, BOB
from tests.adapters.discord.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import description, is_ephemeral, kudos_rows, rows

A, B = ALICE["id"], BOB["id"]


async def run(fake: FakeDiscord, payload: dict[str, Any], locale: str = "en-US") -> dict[str, Any]:
    payload["locale"] = locale
    return await fake.callback(await fake.send_interaction(payload))


def chosen(db_path: Path) -> list[tuple[Any, ...]]:
    return rows(db_path, "SELECT member_id, locale FROM member_languages ORDER BY 1")


async def test_a_french_member_reads_private_answers_in_french_and_kudos_in_english(
    fake: FakeDiscord, bot: object, db_path: Path
) -> None:
    set_fr = await run(fake, fake.slash(ALICE, "roots-language", language="fr"))
    assert is_ephemeral(set_fr)
    assert description(set_fr) == text("fr", "language.set", language="français")
    assert chosen(db_path) == [(A, "fr")]

    # Her client says English: her choice wins for what she alone reads.
    refused = await run(fake, fake.slash(ALICE, "kudos", member=ALICE, reason="me"))
    assert is_ephemeral(refused)
    assert description(refused) == text("fr", "kudos.self")
    # The kudos everyone reads stays in the server's English.
    given = await run(fake, fake.slash(ALICE, "kudos", member=BOB, reason="for the review"))
    assert not is_ephemeral(given)
    assert f"<@{A}> thanked <@{B}>" in description(given)
    assert len(kudos_rows(db_path)) == 1


@pytest.mark.parametrize(
    ("client", "locale"),
    [("fr", "fr"), ("es-ES", "es"), ("es-419", "es"), ("de", "de"), ("en-GB", "en"), ("ja", "en")],
)
async def test_auto_follows_the_client_locale_of_the_interaction(
    fake: FakeDiscord, bot: object, db_path: Path, client: str, locale: str
) -> None:
    refused = await run(fake, fake.slash(ALICE, "kudos", member=ALICE, reason="me"), client)
    assert is_ephemeral(refused)
    assert description(refused) == text(locale, "kudos.self")

    given = await run(fake, fake.slash(ALICE, "kudos", member=BOB, reason="merci"), client)
    assert not is_ephemeral(given)
    assert f"<@{A}> thanked <@{B}>" in description(given)  # the server's English
    assert chosen(db_path) == []


async def test_without_an_option_it_says_the_language_in_use(
    fake: FakeDiscord, bot: object
) -> None:
    shown = await run(fake, fake.slash(ALICE, "roots-language"), "de")
    assert is_ephemeral(shown)
    assert description(shown) == text("de", "language.current_auto.discord", language="Deutsch")


async def test_the_kudos_form_speaks_the_members_language(fake: FakeDiscord, bot: object) -> None:
    await run(fake, fake.slash(ADMIN, "roots-config", sub="locale", admin=True, language="fr"))

    english = await run(fake, fake.user_menu(ALICE, "Give kudos", BOB), "en-US")
    french = await run(fake, fake.user_menu(ALICE, "Give kudos", BOB), "fr")

    def label(opened: dict[str, Any]) -> str:
        (row,) = opened["data"]["components"]
        return str((row.get("component") or row["components"][0])["label"])

    assert label(english) == "Reason"
    assert label(french) == "Raison"
