"""Discord members who write from a Spanish, German or French client."""

from __future__ import annotations

from typing import Any

import pytest

from bot.messages import text
from tests.adapters.discord.conftest import ALICE, BOB
from tests.adapters.discord.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import is_ephemeral


async def run(fake: FakeDiscord, payload: dict[str, Any]) -> dict[str, Any]:
    return await fake.callback(await fake.send_interaction(payload))


@pytest.mark.parametrize(
    ("client", "locale"),
    [("es-ES", "es"), ("es-419", "es"), ("de", "de"), ("fr", "fr"), ("it", "en")],
)
async def test_a_direct_message_is_explained_in_the_client_s_language(
    fake: FakeDiscord, bot: object, client: str, locale: str
) -> None:
    payload = fake.slash(ALICE, "kudos", member=BOB, reason="hi", guild_id=None)
    payload["locale"] = client
    cb = await run(fake, payload)
    assert is_ephemeral(cb)
    assert cb["data"]["content"] == text(locale, "error.guild_only")
