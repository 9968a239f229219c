"""Discord's typed options reach the core as values (CommandCall.sub/.values), never
flattened into words: a member option by its id, a text option as one text, a
choice as its value. Through the real bot and the fake Discord."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.messages import text
from tests.adapters.discord.conftest import ADMIN, ALICE, BOB
from tests.adapters.discord.fake_discord import GUILD_ID, FakeDiscord, user
from tests.adapters.discord.helpers import (
    description,
    embed,
    everything,
    is_ephemeral,
    rows,
    setting,
)

ERROR_COLOUR = 0xED4245


async def run(fake: FakeDiscord, payload: dict[str, Any]) -> dict[str, Any]:
    return await fake.callback(await fake.send_interaction(payload))


async def admin(fake: FakeDiscord, name: str, sub: str, **options: Any) -> dict[str, Any]:
    cb = await run(fake, fake.slash(ADMIN, name, sub=sub, admin=True, **options))
    assert embed(cb)["color"] != ERROR_COLOUR, everything(cb)
    return cb


async def test_forget_takes_the_member_option_by_its_id(
    fake: FakeDiscord, bot, db_path: Path
) -> None:
    await run(fake, fake.slash(ALICE, "kudos", member=BOB, reason="for the review"))
    # Bob has since changed the name Discord shows for him: the option carries his id.
    renamed = user(int(BOB["id"]), "robert-the-builder")
    done = await admin(fake, "roots-admin", "forget", member=renamed, confirm=True)
    assert is_ephemeral(done)
    assert description(done) == text("en", "forget.done", name="bob", given=0, received=1, count=0)
    assert rows(db_path, "SELECT count(*) FROM members WHERE member_id = ?", BOB["id"]) == [(0,)]

    # Someone Roots never saw, shown as "alice": refused, the real alice is untouched.
    stranger = user(400000000000000077, "alice")
    refused = await run(
        fake,
        fake.slash(ADMIN, "roots-admin", sub="forget", admin=True, member=stranger, confirm=True),
    )
    assert is_ephemeral(refused)
    assert description(refused) == text("en", "forget.unknown", name="alice")
    assert rows(db_path, "SELECT display_name FROM members WHERE member_id = ?", ALICE["id"]) == [
        ("alice",)
    ]


async def test_settings_options_are_stored_as_given(fake: FakeDiscord, bot, db_path: Path) -> None:
    await admin(fake, "roots-config", "timezone", zone="America/Argentina/Buenos_Aires")
    await admin(fake, "roots-config", "emoji", emoji="🙏")
    assert setting(db_path, "timezone") == "America/Argentina/Buenos_Aires"
    assert setting(db_path, "kudos_emoji") == "🙏"

    excluded = await admin(fake, "roots-config", "themes", action="exclude", theme="learning")
    assert description(excluded) == text("en", "prompt.theme_excluded", theme="learning")
    assert rows(db_path, "SELECT community_id, theme FROM excluded_themes") == [
        (str(GUILD_ID), "learning")
    ]


async def test_a_prompt_text_is_one_text_whatever_its_first_words(
    fake: FakeDiscord, bot, db_path: Path
) -> None:
    """ "reject all …" typed as a prompt is the prompt, not a sub-command and its words."""
    await admin(fake, "prompt-admin", "add", text="reject  all the noise, thank one person")
    assert rows(db_path, "SELECT text, status FROM custom_prompts") == [
        ("reject all the noise, thank one person", "active")
    ]
    suggested = await run(fake, fake.slash(ALICE, "prompt", sub="suggest", text="next  time"))
    assert description(suggested) == text("en", "prompt.suggested", id=2)
    assert rows(db_path, "SELECT text FROM custom_prompts WHERE custom_id = 2") == [("next time",)]
