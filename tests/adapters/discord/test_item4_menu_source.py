"""Issue #12, item 4: "Thank for this message" keeps an excerpt of the author's words.

The kudos is stored with the ``menu`` source, so forgetting the author blanks it like
a reaction's excerpt; a reason typed in /kudos stays.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.adapters.discord.conftest import ADMIN, ALICE, BOB, CAROL
from tests.adapters.discord.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import description, kudos_rows

A, B, C = ALICE["id"], BOB["id"], CAROL["id"]


async def run(fake: FakeDiscord, payload: dict[str, Any]) -> dict[str, Any]:
    return await fake.callback(await fake.send_interaction(payload))


async def test_item4_thank_for_this_message_is_blanked_when_its_author_is_forgotten(
    fake: FakeDiscord, bot, db_path: Path
) -> None:
    message = await fake.post_message(BOB, "bobsecret: my private thought")
    opened = await run(fake, fake.message_menu(ALICE, "Thank for this message", message))
    await run(fake, fake.modal_submit(ALICE, opened["data"]))  # keeps the excerpt
    await run(fake, fake.slash(CAROL, "kudos", member=BOB, reason="for the review"))
    assert [r[2:4] for r in kudos_rows(db_path)] == [
        ("bobsecret: my private thought", "menu"),
        ("for the review", "command"),
    ]

    payload = fake.slash(ADMIN, "roots-admin", sub="forget", admin=True, member=BOB, confirm=True)
    done = await run(fake, payload)
    assert "bobsecret" not in description(done)

    assert [r[2] for r in kudos_rows(db_path)] == ["", "for the review"]
