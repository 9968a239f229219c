"""/roots-config formality on Discord (issue 18): a sub-command with two choices, named
and described in every language Discord shows, and the replies in the chosen tone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from adapters.discord.manage import sync_commands
from bot.messages import text
from tests.adapters.discord.conftest import ADMIN, ALICE, BOB, settings_for
from tests.adapters.discord.fake_discord import GUILD_ID, FakeDiscord
from tests.adapters.discord.helpers import description, is_ephemeral, setting


async def run(fake: FakeDiscord, payload: dict[str, Any]) -> dict[str, Any]:
    return await fake.callback(await fake.send_interaction(payload))


async def test_an_admin_chooses_sie_and_replies_follow(
    fake: FakeDiscord, bot: object, db_path: Path
) -> None:
    def german(payload: dict[str, Any]) -> dict[str, Any]:
        payload["locale"] = "de"  # a German client: private answers in German (issue 18)
        return payload

    async def admin(sub: str, **options: Any) -> dict[str, Any]:
        slash = fake.slash(ADMIN, "roots-config", sub=sub, admin=True, **options)
        return await run(fake, german(slash))

    await admin("locale", language="de")
    informal = await run(fake, german(fake.slash(ALICE, "kudos", member=ALICE, reason="ich")))
    assert description(informal) == text("de", "kudos.self")

    saved = await admin("formality", tone="formal")

    assert is_ephemeral(saved)
    assert description(saved) == text("de", "config.formality_formal")
    assert setting(db_path, "formality") == "formal"
    formal = await run(fake, german(fake.slash(ALICE, "kudos", member=ALICE, reason="ich")))
    assert description(formal) == text("de@formal", "kudos.self")
    assert "jemandem, der Ihnen geholfen hat" in description(formal)
    refused = await run(
        fake, german(fake.slash(BOB, "roots-config", sub="formality", tone="informal"))
    )
    assert description(refused) == text("de@formal", "error.admin_only")
    assert setting(db_path, "formality") == "formal"


async def test_the_sub_command_is_described_in_every_language(fake: FakeDiscord) -> None:
    await sync_commands(settings_for(fake), guild_id=GUILD_ID)
    config = {c["name"]: c for c in fake.commands[str(GUILD_ID)]}["roots-config"]
    sub = {o["name"]: o for o in config["options"]}["formality"]

    assert sub["description_localizations"]["fr"].startswith("Le ton en français")
    assert sub["description_localizations"]["de"].startswith("Die Anrede")
    assert sub["description_localizations"]["es-ES"].startswith("El trato")
    (tone,) = sub["options"]
    assert tone["required"] is True
    choices = {c["value"]: c for c in tone["choices"]}
    assert set(choices) == {"informal", "formal"}
    assert choices["formal"]["name_localizations"]["de"] == "förmlich (Sie, vous)"
    assert choices["informal"]["name_localizations"]["fr"] == "tutoiement (tu, du)"
